import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { FindingsRejectedError, normalizeAndImport } from '../../../lambdas/normalize/handler';
import { UnmappableEventError } from '../../../lambdas/normalize/errors';
import { normalizerFor } from '../../../bin/cli/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { sourceEvent } from '../../support/fixtures';

/** Delivery is at least once and unordered: the store's rules must make it not matter. */

const fixture = (name: string) => sourceEvent(name);

/** Versions of one GuardDuty finding, as GuardDuty re-sends it when the activity repeats. */
function versionsOf(event: SourceEvent): SourceEvent[] {
  return ['2026-11-01T10:00:00.000Z', '2026-11-02T10:00:00.000Z', '2026-11-03T10:00:00.000Z'].map((updatedAt, index) => {
    const copy = structuredClone(event) as SourceEvent<Record<string, unknown>>;
    copy.detail.updatedAt = updatedAt;
    copy.detail.title = `seen ${index + 1} times`;
    (copy.detail.service as Record<string, unknown>).count = index + 1;
    return copy;
  });
}

let dynamo: LocalDynamo;
const NOW = new Date('2026-11-10T00:00:00Z');

beforeAll(async () => {
  dynamo = await startDynalite();
});
afterAll(() => dynamo.stop());

async function deliver(events: SourceEvent[]) {
  const store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable(), now: () => NOW });
  for (const event of events) await normalizeAndImport(normalizerFor(event)!, store, event);
  const { Findings } = await store.getFindings({});
  const history = await store.getFindingHistory({ FindingIdentifier: { Id: Findings[0].Id, ProductArn: Findings[0].ProductArn } });
  return { findings: Findings, history: history.Records };
}

const comparable = (finding: AwsSecurityFinding) => ({ ...finding, ProcessedAt: undefined });

describe('ingestion idempotency', () => {
  const event = fixture('guardduty/iam-access-key-api-call.json');

  it('stores one finding and one history record for an event delivered three times', async () => {
    const { findings, history } = await deliver([event, event, event]);

    expect(findings).toHaveLength(1);
    expect(history).toHaveLength(1);
  });

  it('ends in the in-order state whatever order the versions of a finding arrive in', async () => {
    const [v1, v2, v3] = versionsOf(event);

    const inOrder = await deliver([v1, v2, v3]);
    const shuffled = await deliver([v3, v1, v2, v3, v1]);

    expect(shuffled.findings.map(comparable)).toEqual(inOrder.findings.map(comparable));
    expect(shuffled.findings[0]).toMatchObject({ Title: 'seen 3 times', UpdatedAt: '2026-11-03T10:00:00.000Z' });
  });

  it('refuses an event it cannot map, naming the field, and stores nothing', async () => {
    const broken = structuredClone(event) as SourceEvent<Record<string, unknown>>;
    delete broken.detail.accountId;
    const store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });

    await expect(normalizeAndImport(normalizerFor(broken)!, store, broken)).rejects.toThrow(UnmappableEventError);
    await expect(normalizeAndImport(normalizerFor(broken)!, store, broken)).rejects.toThrow(/detail\.accountId/);
    expect((await store.getFindings({})).Findings).toEqual([]);
  });

  it('stores the valid findings of a third-party batch and fails the event with the reasons for the others', async () => {
    const store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
    const valid = {
      SchemaVersion: '2018-10-08',
      Id: 'trivy-1',
      ProductArn: 'arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default',
      GeneratorId: 'trivy',
      AwsAccountId: '111122223333',
      CreatedAt: '2026-11-01T00:00:00Z',
      UpdatedAt: '2026-11-01T00:00:00Z',
      Severity: { Label: 'HIGH' },
      Title: 'CVE-2026-0001 in openssl',
      Description: 'openssl 3.0.1 is vulnerable',
      Resources: [{ Type: 'Container', Id: 'registry/app:1.0' }],
    };
    const batch: SourceEvent = {
      id: 'e1',
      'detail-type': 'Findings Import',
      source: 'trivy',
      account: '111122223333',
      time: '2026-11-01T00:00:00Z',
      region: 'us-east-1',
      detail: { findings: [valid, { ...valid, Id: 'trivy-2', Severity: { Label: 'SEVERE' } }] },
    };

    const failure = await normalizeAndImport(normalizerFor(batch)!, store, batch).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(FindingsRejectedError);
    expect((failure as FindingsRejectedError).failures).toEqual([expect.objectContaining({ Id: 'trivy-2', ErrorCode: 'InvalidInput' })]);
    expect((await store.getFindings({})).Findings.map((finding) => finding.Id)).toEqual(['trivy-1']);
  });

  it("refuses a member account's batch that carries another account's findings", async () => {
    const store = new FindingsStore({ client: dynamo.client, tableName: await dynamo.newFindingsTable() });
    const batch: SourceEvent = {
      id: 'e2',
      'detail-type': 'Findings Import',
      source: 'prowler',
      account: '999999999999',
      time: '2026-11-01T00:00:00Z',
      region: 'us-east-1',
      detail: { findings: [{ AwsAccountId: '111122223333' }] },
    };

    await expect(normalizeAndImport(normalizerFor(batch)!, store, batch)).rejects.toThrow(/detail\.findings\[0\]\.AwsAccountId/);
  });
});
