import type { AwsSecurityFinding } from '../asff';
import type { FindingHistoryUpdate } from './types';

/** Who changed a finding: a provider's import or a customer's update. */
export interface ChangeSource {
  Type: 'BATCH_IMPORT_FINDINGS' | 'BATCH_UPDATE_FINDINGS';
  Identity: string;
}

/** One change of a finding, kept on the finding item and, once superseded, as a history item. */
export interface ChangeRecord {
  version: number;
  time: string;
  created: boolean;
  source: ChangeSource;
  updates: FindingHistoryUpdate[];
}

/** Fields left out of history: bookkeeping the store sets on every write. */
const UNTRACKED_FIELDS = new Set(['ProcessedAt']);

function flatten(value: unknown, path: string, out: Map<string, string>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [name, member] of Object.entries(value)) flatten(member, path ? `${path}.${name}` : name, out);
    return;
  }
  if (value === undefined) return;
  out.set(path, typeof value === 'string' ? value : JSON.stringify(value));
}

/** The leaf fields that differ between two versions of a finding (arrays compare whole). */
export function diffFindings(before: AwsSecurityFinding, after: AwsSecurityFinding): FindingHistoryUpdate[] {
  const old = new Map<string, string>();
  const next = new Map<string, string>();
  flatten(before, '', old);
  flatten(after, '', next);
  const fields = new Set([...old.keys(), ...next.keys()]);
  const updates: FindingHistoryUpdate[] = [];
  for (const field of [...fields].sort()) {
    if (UNTRACKED_FIELDS.has(field.split('.')[0])) continue;
    const oldValue = old.get(field);
    const newValue = next.get(field);
    if (oldValue === newValue) continue;
    updates.push({
      UpdatedField: field,
      ...(oldValue !== undefined && { OldValue: oldValue }),
      ...(newValue !== undefined && { NewValue: newValue }),
    });
  }
  return updates;
}
