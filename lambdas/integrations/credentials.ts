/**
 * Credentials from their references: a configured value as it is; a Secrets Manager secret read
 * through `getSecret` (deployed) — JSON for kinds that take several values — or, on the embedded
 * default where nothing leaves the machine, a placeholder naming the secret (`<secret NAME>`).
 */
import type { SecretRef } from './config';
import type { KindEntry } from './kinds';
import type { Credential } from './types';

/** Options of {@link credentialResolver}. */
export interface CredentialOptions {
  /** Reads a secret's string value (Powertools' cached `getSecret` when deployed). */
  getSecret(name: string): Promise<string | undefined>;
  /** True on the embedded default: secrets are not read, requests are captured. */
  capture: boolean;
}

/** A resolver for the delivery core's `credential`. */
export function credentialResolver(options: CredentialOptions) {
  return async (ref: SecretRef, shape: KindEntry['credentials']['shape']): Promise<Credential> => {
    if ('value' in ref) return ref.value;
    if (options.capture) {
      const placeholder = `<secret ${ref.secretName}>`;
      return shape === 'string' ? placeholder : Object.fromEntries(shape.map((member) => [member, placeholder]));
    }
    const text = await options.getSecret(ref.secretName);
    if (typeof text !== 'string' || text === '') throw new Error(`secret ${ref.secretName} has no string value`);
    if (shape === 'string') return text.trim();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`secret ${ref.secretName} must be JSON with ${shape.join(', ')}`);
    }
    const object = parsed as Record<string, unknown>;
    for (const member of shape) if (typeof object?.[member] !== 'string') throw new Error(`secret ${ref.secretName} must be JSON with '${member}'`);
    return Object.fromEntries(shape.map((member) => [member, object[member] as string]));
  };
}
