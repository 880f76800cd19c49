import { decodeRecord } from '../../../lambdas/triage/correlation/records';
import { CORRELATION_STREAM_FILTER } from '../../../lambdas/triage/correlation/trigger';
import { matchesEventPattern } from '../../../lib/local/engine';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { findingKey } from '../../../lambdas/store/keys';
import { toFindingItem, toHistoryItem } from '../../../lambdas/store/record';
import { marshall } from '@aws-sdk/util-dynamodb';
import { aFinding } from '../../support/findings';

const source = { Type: 'BATCH_IMPORT_FINDINGS' as const, Identity: 'x' };

function image(finding: AwsSecurityFinding, version: number, fields: string[] = []) {
  const key = findingKey(finding);
  const change = {
    version,
    time: '2026-11-01T10:00:00.000Z',
    created: version === 1,
    source,
    updates: fields.map((UpdatedField) => ({ UpdatedField, OldValue: '', NewValue: '' })),
  };
  return marshall(toFindingItem({ key, version, finding, customerOwned: [], lastChange: change, expiresAt: 2_000_000_000 }), { removeUndefinedValues: true });
}

function record(eventName: string, newImage?: Record<string, unknown>, oldImage?: Record<string, unknown>) {
  const keys = { pk: (newImage ?? oldImage)!.pk, sk: (newImage ?? oldImage)!.sk };
  return { eventID: '1', eventName, dynamodb: { Keys: keys, ...(newImage && { NewImage: newImage }), ...(oldImage && { OldImage: oldImage }), SequenceNumber: '1' } };
}

describe('the correlation stream filter', () => {
  it('passes inserts, changes and removals of finding items', () => {
    const finding = image(aFinding(), 1);
    for (const name of ['INSERT', 'MODIFY', 'REMOVE']) expect(matchesEventPattern(CORRELATION_STREAM_FILTER, record(name, finding))).toBe(true);
  });

  it('drops the records of other items (history, summaries)', () => {
    const history = marshall(toHistoryItem('k', { version: 1, time: '2026-11-01T10:00:00.000Z', created: true, source, updates: [] }));
    expect(matchesEventPattern(CORRELATION_STREAM_FILTER, record('INSERT', history))).toBe(false);
  });
});

describe('a stream record as correlation reads it', () => {
  it('a created open finding joins the summaries of its resources', () => {
    const decoded = decodeRecord(record('INSERT', image(aFinding(), 1)))!;
    expect(decoded.transition.before).toBeUndefined();
    expect(decoded.transition.after).toMatchObject({ account: '111122223333', resources: ['arn:aws:s3:::example-bucket'], kind: 'vulnerability' });
  });

  it("correlation's own revision (ProductFields, RelatedFindings) moves nothing and touches no trigger field", () => {
    const before = aFinding();
    const after = { ...before, ProductFields: { 'opensecurityhub/Priority': '70' }, RelatedFindings: [{ ProductArn: 'p', Id: 'x' }] };
    const decoded = decodeRecord(record('MODIFY', image(after, 2, ['ProductFields', 'RelatedFindings']), image(before, 1)))!;
    expect(decoded.transition.before).toEqual(decoded.transition.after);
    expect(decoded.updatedFields).toEqual(['ProductFields', 'RelatedFindings']);
  });

  it('a suppressed finding leaves its resources; a removed one too', () => {
    const open = aFinding();
    const suppressed = decodeRecord(record('MODIFY', image({ ...open, Workflow: { Status: 'SUPPRESSED' } }, 2, ['Workflow.Status']), image(open, 1)))!;
    expect(suppressed.transition.before).toBeDefined();
    expect(suppressed.transition.after).toBeUndefined();
    expect(suppressed.updatedFields).toEqual(['Workflow']);
    const removed = decodeRecord(record('REMOVE', undefined, image(open, 1)))!;
    expect(removed.transition).toMatchObject({ token: expect.stringMatching(/-removed$/) });
    expect(removed.stored).toBeUndefined();
  });

  it('names the record it cannot read', () => {
    const broken = { ...image(aFinding(), 1), doc: { S: '{not json' } };
    expect(() => decodeRecord({ ...record('INSERT', broken), eventID: 'e-42' })).toThrow(/record e-42 NewImage: not a finding item/);
  });
});
