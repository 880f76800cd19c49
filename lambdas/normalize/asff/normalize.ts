import type { AwsSecurityFinding } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalArray, optionalString } from '../fields';
import type { Normalizer } from '../types';

/** Detail type of a third-party ASFF batch sent on the bus: `detail.findings` holds 1–100 findings. */
export const ASFF_IMPORT_DETAIL_TYPE = 'Findings Import';

/** Options of {@link createAsffNormalizer}. */
export interface AsffNormalizerOptions {
  /**
   * The account allowed to send findings for any account (the delegated-admin account the stack
   * runs in). Any other sender may only send findings whose AwsAccountId is its own, as Security
   * Hub requires of BatchImportFindings callers.
   */
  trustedAccount?: string;
}

/**
 * Third-party ASFF findings sent as an event (`detail-type: Findings Import`, any non-AWS
 * source). The findings pass through unchanged; the store validates each against the ASFF schema.
 */
export function createAsffNormalizer(options: AsffNormalizerOptions = {}): Normalizer {
  return {
    id: 'asff',
    title: 'Third-party ASFF findings',
    eventPattern: { 'detail-type': [ASFF_IMPORT_DETAIL_TYPE], source: [{ 'anything-but': { prefix: 'aws.' } }] },
    normalize(event) {
      const findings = optionalArray(event, 'detail.findings');
      if (findings.length === 0 || findings.length > 100) {
        throw new UnmappableEventError(`must hold 1 to 100 findings, got ${findings.length}`, 'detail.findings');
      }
      if (event.account !== options.trustedAccount) {
        findings.forEach((_, index) => {
          const account = optionalString(event, `detail.findings[${index}].AwsAccountId`);
          if (account !== undefined && account !== event.account) {
            throw new UnmappableEventError(
              `is ${account}, but the event came from account ${event.account}: an account may only send its own findings`,
              `detail.findings[${index}].AwsAccountId`,
            );
          }
        });
      }
      return findings as AwsSecurityFinding[];
    },
  };
}

/** The strict normalizer (no trusted sender), for the registry and the CLI. */
export const asffNormalizer = createAsffNormalizer();
