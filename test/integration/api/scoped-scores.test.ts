import { BatchImportFindingsCommand, type AwsSecurityFinding } from '@aws-sdk/client-securityhub';
import { createApi } from '../../../lambdas/api/api';
import { controlFinding } from '../../../lambdas/compliance/control-finding';
import type { ControlResult } from '../../../lambdas/compliance/controls/types';
import { ScoreSnapshotStore } from '../../../lambdas/compliance/state/score-snapshots';
import { DynamoComplianceSettingsStore } from '../../../lambdas/compliance/state/settings-store';
import { findControl } from '../../../lambdas/compliance/state/settings-validation';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const A = '111122223333';
const B = '444455556666';

function finding(controlId: string, accountId: string, awsRegion: string, resourceId: string, status: ControlResult): AwsSecurityFinding {
  const control = findControl(controlId)!;
  return controlFinding({
    control,
    item: { accountId, awsRegion, resourceType: control.resourceTypes[0], resourceId, arn: `arn:aws:s3:::${resourceId}`, configuration: {} },
    evaluation: { status, reason: `${controlId} ${status}` },
    enabledStandards: ['aws-foundational-security-best-practices/v/1.0.0', 'cis-aws-foundations-benchmark/v/3.0.0'],
    evaluatedAt: '2026-11-01T10:00:00.000Z',
  }) as unknown as AwsSecurityFinding;
}

type Scores = { SummaryScore: { Score: number | null; Passed: number; Failed: number }; StandardsScores: Array<{ StandardsArn: string; Score: number | null }> };
type Entry = Scores & { TakenAt: string; Demo?: boolean; AccountScores: Array<Scores & { AccountId: string }>; RegionScores: Array<Scores & { Region: string }> };

describe('GetSecurityScores per account and per Region (own operation, real stores)', () => {
  let dynamo: LocalDynamo;
  let served: ServedApi;
  let now = new Date('2026-11-02T00:00:00.000Z');
  const post = async (body: object) => {
    const response = await fetch(`${served.endpoint}/compliance/scores`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    return { status: response.status, body: (await response.json()) as { Current: Entry; History?: Entry[]; message?: string; Message?: string } };
  };
  const summary = (list: Array<Scores & Record<string, unknown>>, key: string) => Object.fromEntries(list.map((entry) => [entry[key], entry.SummaryScore.Score]));

  beforeAll(async () => {
    dynamo = await startDynalite();
    const tableName = await dynamo.newFindingsTable();
    served = await serveApi(
      createApi({
        findings: new FindingsStore({ client: dynamo.client, tableName }),
        compliance: {
          settings: new DynamoComplianceSettingsStore({ client: dynamo.client, tableName }),
          snapshots: new ScoreSnapshotStore({ client: dynamo.client, tableName }),
          now: () => now,
        },
      }),
    );
    // Account A passes S3.5 and S3.8 in us-east-1 but fails S3.8 in eu-west-1; account B fails S3.5 in us-east-1.
    const findings = [
      finding('S3.5', A, 'us-east-1', 'a-use1', 'PASSED'),
      finding('S3.8', A, 'us-east-1', 'a-use1', 'PASSED'),
      finding('S3.8', A, 'eu-west-1', 'a-euw1', 'FAILED'),
      finding('S3.5', B, 'us-east-1', 'b-use1', 'FAILED'),
      finding('S3.8', B, 'us-east-1', 'b-use1', 'PASSED'),
    ];
    expect((await served.client.send(new BatchImportFindingsCommand({ Findings: findings }))).FailedCount).toBe(0);
    await fetch(`${served.endpoint}/compliance/scores/snapshot`, { method: 'POST', body: '{}' });
    now = new Date('2026-11-03T00:00:00.000Z');
  });

  afterAll(async () => {
    await served.stop();
    await dynamo.stop();
  });

  it('answers the organization score with a score per account and per Region', async () => {
    const { status, body } = await post({});
    expect(status).toBe(200);
    // Organization: S3.5 FAILED (B), S3.8 FAILED (A eu-west-1): 0 of 2.
    expect(body.Current.SummaryScore).toMatchObject({ Score: 0, Passed: 0, Failed: 2 });
    expect(summary(body.Current.AccountScores, 'AccountId')).toEqual({ [A]: 50, [B]: 50 });
    // us-east-1: S3.5 FAILED (B), S3.8 PASSED; eu-west-1: S3.8 FAILED.
    expect(summary(body.Current.RegionScores, 'Region')).toEqual({ 'eu-west-1': 0, 'us-east-1': 50 });
    expect(body.Current.AccountScores[0].StandardsScores.map((score) => score.StandardsArn)).toContain(FSBP);
  });

  it('scopes the current scores to an account, a Region, or both', async () => {
    const account = (await post({ AccountId: A })).body.Current;
    expect(account.SummaryScore).toMatchObject({ Score: 50, Passed: 1, Failed: 1 });
    expect(summary(account.AccountScores, 'AccountId')).toEqual({ [A]: 50 });
    expect(summary(account.RegionScores, 'Region')).toEqual({ 'eu-west-1': 0, 'us-east-1': 100 });
    const region = (await post({ Region: 'us-east-1' })).body.Current;
    expect(summary(region.AccountScores, 'AccountId')).toEqual({ [A]: 100, [B]: 50 });
    const both = (await post({ AccountId: A, Region: 'us-east-1' })).body.Current;
    expect(both.SummaryScore).toMatchObject({ Score: 100, Passed: 2, Failed: 0 });
  });

  it('keeps the breakdown in the history, scoped the same way', async () => {
    const org = (await post({ HistoryDays: 7 })).body.History!;
    expect(org).toHaveLength(1);
    expect(summary(org[0].AccountScores, 'AccountId')).toEqual({ [A]: 50, [B]: 50 });
    expect(org[0].Demo).toBeUndefined();
    const account = (await post({ HistoryDays: 7, AccountId: B })).body.History!;
    expect(account.map((entry) => [entry.TakenAt, entry.SummaryScore.Score])).toEqual([['2026-11-02T00:00:00.000Z', 50]]);
    const region = (await post({ HistoryDays: 7, Region: 'eu-west-1' })).body.History!;
    expect(summary(region[0].AccountScores, 'AccountId')).toEqual({ [A]: 0 });
    const both = (await post({ HistoryDays: 7, AccountId: A, Region: 'us-east-1' })).body.History!;
    expect(both[0].SummaryScore.Score).toBe(100);
    expect(summary(both[0].RegionScores, 'Region')).toEqual({ 'us-east-1': 100 });
    expect((await post({ HistoryDays: 7, AccountId: '999999999999' })).body.History).toEqual([]);
  });

  it.each([
    [{ AccountId: '1234' }, 'AccountId'],
    [{ AccountId: 42 }, 'AccountId'],
    [{ Region: 'Mars' }, 'Region'],
  ])('refuses %j naming the key', async (request, key) => {
    const { status, body } = await post(request);
    expect(status).toBe(400);
    expect(JSON.stringify(body)).toContain('InvalidInputException');
    expect(body.message ?? body.Message).toContain(key);
  });
});
