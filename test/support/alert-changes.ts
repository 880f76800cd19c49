import type { AwsSecurityFinding } from '../../lambdas/asff/types';
import type { FindingChange, FindingsImportedDetail } from '../../lambdas/events/finding-events';
import { aFinding } from './findings';

/** A stored finding as events carry it: ACTIVE, workflow NEW, severity label filled. */
export function storedFinding(overrides: Partial<AwsSecurityFinding> = {}): AwsSecurityFinding {
  return aFinding({ RecordState: 'ACTIVE', Workflow: { Status: 'NEW' }, Region: 'us-east-1', ProductName: 'Default', ...overrides });
}

/** A change record; `created` defaults to false (an update by import). */
export function aChange(overrides: Partial<FindingChange> = {}): FindingChange {
  return {
    created: false,
    version: 2,
    source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: '111122223333' },
    updatedFields: ['UpdatedAt'],
    before: { SeverityLabel: 'HIGH', WorkflowStatus: 'NEW', RecordState: 'ACTIVE' },
    ...overrides,
  };
}

/** A `Security Hub Findings - Imported` event of the app bus. */
export function findingEvent(finding: AwsSecurityFinding, change: FindingChange) {
  const detail: FindingsImportedDetail = { findings: [finding], change };
  return {
    version: '0',
    id: `event-${finding.Id}-${change.version}`,
    'detail-type': 'Security Hub Findings - Imported' as const,
    source: 'open-security-hub',
    account: '111122223333',
    time: '2026-11-27T10:00:00Z',
    region: 'us-east-1',
    resources: [],
    detail,
  };
}

/** The change record of a newly created finding. */
export const created = (version = 1): FindingChange => aChange({ created: true, version, updatedFields: [], before: undefined });
