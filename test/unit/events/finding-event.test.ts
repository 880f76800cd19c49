import { APP_EVENT_SOURCE, FINDINGS_IMPORTED, type FindingsImportedDetail } from '../../../lambdas/events/finding-events';
import { MAX_ENTRY_BYTES, PRIORITY_PRODUCT_FIELD, entrySize, findingEventOf, UnreadableStreamRecordError, type FindingStreamRecord } from '../../../lambdas/events/finding-event';
import type { ChangeRecord } from '../../../lambdas/store/history';
import { FINDING_SK } from '../../../lambdas/store';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { aFinding } from '../../support/findings';

const BUS = 'app-bus';
const IMPORT = { Type: 'BATCH_IMPORT_FINDINGS', Identity: 'arn:aws:iam::111122223333:user/scanner' } as const;
const UPDATE = { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'arn:aws:iam::111122223333:user/analyst' } as const;

function image(finding: AwsSecurityFinding, change: ChangeRecord, sk = FINDING_SK) {
  return { pk: { S: 'F#key' }, sk: { S: sk }, doc: { S: JSON.stringify(finding) }, change: { S: JSON.stringify(change) }, ver: { N: String(change.version) } };
}

function record(eventName: string, next: ReturnType<typeof image>, old?: ReturnType<typeof image>): FindingStreamRecord {
  return { eventID: 'e1', eventName, dynamodb: { Keys: { pk: next.pk, sk: next.sk }, NewImage: next, ...(old && { OldImage: old }), SequenceNumber: '100' } };
}

const created: ChangeRecord = { version: 1, time: '2026-11-27T10:00:00.000Z', created: true, source: IMPORT, updates: [] };

describe('a finding item’s stream record as a finding event', () => {
  it('puts a created finding as one Security Hub Findings - Imported event, without a before-state', () => {
    const finding = aFinding();

    const event = findingEventOf(record('INSERT', image(finding, created)), BUS)!;

    expect(event.entry).toMatchObject({ EventBusName: BUS, Source: APP_EVENT_SOURCE, DetailType: FINDINGS_IMPORTED, Time: new Date(created.time) });
    const detail = JSON.parse(event.entry.Detail) as FindingsImportedDetail;
    expect(detail).toEqual({ findings: [finding], change: { created: true, version: 1, source: IMPORT, updatedFields: [] } });
    expect(event.truncated).toBe(false);
  });

  it('carries the values before an update, and the top-level fields that changed', () => {
    const before = aFinding({ Workflow: { Status: 'NEW' }, RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' }, ProductFields: { [PRIORITY_PRODUCT_FIELD]: '72' } });
    const after = aFinding({ ...before, Workflow: { Status: 'NOTIFIED' }, Severity: { Label: 'CRITICAL' } });
    const change: ChangeRecord = {
      version: 2,
      time: '2026-11-27T11:00:00.000Z',
      created: false,
      source: UPDATE,
      updates: [
        { UpdatedField: 'Severity.Label', OldValue: 'HIGH', NewValue: 'CRITICAL' },
        { UpdatedField: 'Workflow.Status', OldValue: 'NEW', NewValue: 'NOTIFIED' },
      ],
    };

    const event = findingEventOf(record('MODIFY', image(after, change), image(before, created)), BUS)!;

    expect(JSON.parse(event.entry.Detail).change).toEqual({
      created: false,
      version: 2,
      source: UPDATE,
      updatedFields: ['Severity', 'Workflow'],
      before: { SeverityLabel: 'HIGH', WorkflowStatus: 'NEW', RecordState: 'ACTIVE', ComplianceStatus: 'FAILED', Priority: 72 },
    });
  });

  it('puts no event for a write that changed nothing the history records', () => {
    const finding = aFinding();
    const unchanged: ChangeRecord = { version: 2, time: '2026-11-27T11:00:00.000Z', created: false, source: IMPORT, updates: [] };

    expect(findingEventOf(record('MODIFY', image(finding, unchanged), image(finding, created)), BUS)).toBeUndefined();
  });

  it('ignores items that are not findings (history, links, settings) and removals', () => {
    const finding = aFinding();

    expect(findingEventOf(record('INSERT', image(finding, created, 'H#000001')), BUS)).toBeUndefined();
    expect(findingEventOf({ ...record('REMOVE', image(finding, created)), dynamodb: { Keys: { sk: { S: FINDING_SK } }, OldImage: image(finding, created) } }, BUS)).toBeUndefined();
  });

  it('names the finding in resources when its Id is an ARN, as Security Hub does', () => {
    const finding = aFinding({ Id: 'arn:aws:securityhub:us-east-1:111122223333:subscription/x/finding/1' });

    expect(findingEventOf(record('INSERT', image(finding, created)), BUS)!.entry.Resources).toEqual([finding.Id]);
  });

  it('drops Resources[].Details of a finding too large for one event and marks the change truncated', () => {
    const details = { Other: { Blob: 'x'.repeat(257 * 1024) } };
    const finding = aFinding({ Resources: [{ Type: 'Other', Id: 'r-1', Details: details }] } as Partial<AwsSecurityFinding>);

    const event = findingEventOf(record('INSERT', image(finding, created)), BUS)!;

    expect(event.truncated).toBe(true);
    expect(entrySize(event.entry)).toBeLessThanOrEqual(MAX_ENTRY_BYTES);
    const detail = JSON.parse(event.entry.Detail) as FindingsImportedDetail;
    expect(detail.change.truncated).toBe(true);
    expect(detail.findings[0].Resources).toEqual([{ Type: 'Other', Id: 'r-1' }]);
    expect(detail.findings[0].Title).toBe(finding.Title);
  });

  it('names the record and the attribute when a finding item has no change record', () => {
    const broken = image(aFinding(), created) as Record<string, unknown>;
    delete broken.change;

    expect(() => findingEventOf(record('INSERT', broken as ReturnType<typeof image>), BUS)).toThrow(
      new UnreadableStreamRecordError('record e1 NewImage.change: expected a string attribute'),
    );
  });
});
