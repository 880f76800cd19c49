import {
  BatchEnableStandardsCommand,
  BatchGetStandardsControlAssociationsCommand,
  BatchImportFindingsCommand,
  BatchUpdateStandardsControlAssociationsCommand,
  DescribeStandardsControlsCommand,
  InvalidInputException,
  ListStandardsControlAssociationsCommand,
  UpdateStandardsControlCommand,
  type AwsSecurityFinding,
} from '@aws-sdk/client-securityhub';
import { createApi } from '../../../lambdas/api/api';
import { evaluateItem } from '../../../lambdas/compliance/evaluate';
import { ScoreSnapshotStore } from '../../../lambdas/compliance/state/score-snapshots';
import { DynamoComplianceSettingsStore } from '../../../lambdas/compliance/state/settings-store';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { configItem } from '../../support/fixtures';

const REGION_ARN = 'arn:aws:securityhub:us-east-1';
const standardArn = (path: string) => `${REGION_ARN}::standards/${path}`;
const NIST = standardArn('nist-800-53/v/5.0.0');
const CIS5 = standardArn('cis-aws-foundations-benchmark/v/5.0.0');
const CIS3 = standardArn('cis-aws-foundations-benchmark/v/3.0.0');
const FSBP = standardArn('aws-foundational-security-best-practices/v/1.0.0');
const subscription = (path: string) => `${REGION_ARN}:000000000000:subscription/${path}`;
const ENABLED_AT = '2026-11-01T00:00:00.000Z';
const CHANGED_AT = '2026-11-02T08:00:00.000Z';

describe('standards-control associations through @aws-sdk/client-securityhub, on the real stores', () => {
  let dynamo: LocalDynamo;
  let served: ServedApi;
  let settings: DynamoComplianceSettingsStore;
  let now = new Date(ENABLED_AT);

  beforeAll(async () => {
    dynamo = await startDynalite();
    const tableName = await dynamo.newFindingsTable();
    settings = new DynamoComplianceSettingsStore({ client: dynamo.client, tableName });
    served = await serveApi(
      createApi({
        findings: new FindingsStore({ client: dynamo.client, tableName }),
        compliance: { settings, snapshots: new ScoreSnapshotStore({ client: dynamo.client, tableName }), now: () => now },
      }),
    );
    await served.client.send(new BatchEnableStandardsCommand({ StandardsSubscriptionRequests: [{ StandardsArn: NIST }, { StandardsArn: CIS5 }] }));
    now = new Date(CHANGED_AT);
  });

  afterAll(async () => {
    await served.stop();
    await dynamo.stop();
  });

  it('lists a control’s association with each enabled standard that contains it', async () => {
    const { StandardsControlAssociationSummaries: summaries } = await served.client.send(new ListStandardsControlAssociationsCommand({ SecurityControlId: 'KMS.4' }));
    // KMS.4 is in CIS v3.0.0 (enabled by default), NIST and CIS v5.0.0 (enabled above); not in FSBP; PCI DSS is not enabled.
    expect(summaries?.map((summary) => [summary.StandardsArn, summary.AssociationStatus])).toEqual([
      [CIS3, 'ENABLED'],
      [NIST, 'ENABLED'],
      [CIS5, 'ENABLED'],
    ]);
    expect(summaries?.[2]).toMatchObject({
      SecurityControlId: 'KMS.4',
      SecurityControlArn: `${REGION_ARN}:000000000000:security-control/KMS.4`,
      RelatedRequirements: ['CIS AWS Foundations Benchmark v5.0.0/3.6'],
      StandardsControlTitle: 'AWS KMS key rotation should be enabled',
      UpdatedAt: new Date(ENABLED_AT),
    });
  });

  it('disables a control in one standard, and answers unprocessable entries with Security Hub’s error codes', async () => {
    const { UnprocessedAssociationUpdates: unprocessed } = await served.client.send(
      new BatchUpdateStandardsControlAssociationsCommand({
        StandardsControlAssociationUpdates: [
          { StandardsArn: NIST, SecurityControlId: 'KMS.4', AssociationStatus: 'DISABLED', UpdatedReason: 'keys rotate by hand' },
          { StandardsArn: NIST, SecurityControlId: 'Nope.1', AssociationStatus: 'DISABLED' },
          { StandardsArn: FSBP, SecurityControlId: 'KMS.4', AssociationStatus: 'DISABLED' },
          { StandardsArn: 'not-an-arn', SecurityControlId: 'KMS.4', AssociationStatus: 'DISABLED' },
        ],
      }),
    );
    expect(
      unprocessed?.map((entry) => [entry.StandardsControlAssociationUpdate?.SecurityControlId, entry.StandardsControlAssociationUpdate?.StandardsArn, entry.ErrorCode]),
    ).toEqual([
      ['Nope.1', NIST, 'NOT_FOUND'],
      ['KMS.4', FSBP, 'RESOURCE_NOT_FOUND'],
      ['KMS.4', 'not-an-arn', 'INVALID_INPUT'],
    ]);

    const { StandardsControlAssociationDetails: details, UnprocessedAssociations: missing } = await served.client.send(
      new BatchGetStandardsControlAssociationsCommand({
        StandardsControlAssociationIds: [
          { StandardsArn: NIST, SecurityControlId: 'KMS.4' },
          { StandardsArn: CIS5, SecurityControlId: 'KMS.4' },
          { StandardsArn: standardArn('pci-dss/v/4.0.1'), SecurityControlId: 'KMS.4' },
        ],
      }),
    );
    expect(details?.[0]).toMatchObject({
      StandardsArn: NIST,
      AssociationStatus: 'DISABLED',
      UpdatedReason: 'keys rotate by hand',
      UpdatedAt: new Date(CHANGED_AT),
      StandardsControlArns: [`${REGION_ARN}:000000000000:control/nist-800-53/v/5.0.0/KMS.4`],
    });
    // CIS numbers its controls by recommendation: KMS.4 is 3.6 in CIS v5.0.0.
    expect(details?.[1]).toMatchObject({
      StandardsArn: CIS5,
      AssociationStatus: 'ENABLED',
      StandardsControlArns: [`${REGION_ARN}:000000000000:control/cis-aws-foundations-benchmark/v/5.0.0/3.6`],
    });
    expect(missing).toEqual([
      {
        StandardsControlAssociationId: { StandardsArn: standardArn('pci-dss/v/4.0.1'), SecurityControlId: 'KMS.4' },
        ErrorCode: 'RESOURCE_NOT_FOUND',
        ErrorReason: expect.stringContaining('not enabled'),
      },
    ]);
  });

  it('DescribeStandardsControls answers each standard’s own id, status, reason and ControlStatusUpdatedAt', async () => {
    const nist = await served.client.send(new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: subscription('nist-800-53/v/5.0.0'), MaxResults: 100 }));
    const pages = [nist.Controls ?? []];
    let token = nist.NextToken;
    while (token) {
      const next = await served.client.send(
        new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: subscription('nist-800-53/v/5.0.0'), MaxResults: 100, NextToken: token }),
      );
      pages.push(next.Controls ?? []);
      token = next.NextToken;
    }
    expect(pages.flat().find((control) => control.ControlId === 'KMS.4')).toMatchObject({
      ControlStatus: 'DISABLED',
      DisabledReason: 'keys rotate by hand',
      ControlStatusUpdatedAt: new Date(CHANGED_AT),
      RelatedRequirements: ['NIST.800-53.r5 SC-12', 'NIST.800-53.r5 SC-12(2)', 'NIST.800-53.r5 SC-28(3)'],
    });
    const cis5 = await served.client.send(new DescribeStandardsControlsCommand({ StandardsSubscriptionArn: subscription('cis-aws-foundations-benchmark/v/5.0.0') }));
    expect(cis5.Controls?.find((control) => control.ControlId === '3.6')).toMatchObject({
      StandardsControlArn: `${REGION_ARN}:000000000000:control/cis-aws-foundations-benchmark/v/5.0.0/3.6`,
      ControlStatus: 'ENABLED',
      ControlStatusUpdatedAt: new Date(ENABLED_AT),
    });
  });

  it('UpdateStandardsControl on a standards-control ARN changes that standard only', async () => {
    await served.client.send(
      new UpdateStandardsControlCommand({
        StandardsControlArn: `${REGION_ARN}:000000000000:control/cis-aws-foundations-benchmark/v/5.0.0/3.6`,
        ControlStatus: 'DISABLED',
        DisabledReason: 'managed elsewhere',
      }),
    );
    const { StandardsControlAssociationSummaries: summaries } = await served.client.send(new ListStandardsControlAssociationsCommand({ SecurityControlId: 'KMS.4' }));
    expect(summaries?.map((summary) => [summary.StandardsArn, summary.AssociationStatus, summary.UpdatedReason])).toEqual([
      [CIS3, 'ENABLED', undefined],
      [NIST, 'DISABLED', 'keys rotate by hand'],
      [CIS5, 'DISABLED', 'managed elsewhere'],
    ]);
  });

  it('the evaluation under these settings names only the standards that still run the control; scores per standard follow', async () => {
    const item = configItem('kms/key-not-rotating');
    const outcome = evaluateItem({ item, related: () => [], settings: await settings.get(), now }).find((entry) => entry.controlId === 'KMS.4')!;
    expect(outcome.finding!.Compliance?.AssociatedStandards).toEqual([{ StandardsId: 'standards/cis-aws-foundations-benchmark/v/3.0.0' }]);
    expect(outcome.finding!.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v3.0.0/3.6']);
    const imported = await served.client.send(new BatchImportFindingsCommand({ Findings: [outcome.finding as unknown as AwsSecurityFinding] }));
    expect(imported.FailedCount).toBe(0);
    const response = await fetch(`${served.endpoint}/compliance/scores`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    const { Current } = (await response.json()) as { Current: { StandardsScores: Array<{ StandardsArn: string; Failed: number; Disabled: number }> } };
    const byArn = Object.fromEntries(Current.StandardsScores.map((score) => [score.StandardsArn, score]));
    expect(byArn[CIS3]).toMatchObject({ Failed: 1 });
    expect(byArn[NIST]).toMatchObject({ Failed: 0 });
    expect(byArn[CIS5]).toMatchObject({ Failed: 0 });
    expect(byArn[NIST].Disabled).toBeGreaterThan(0);
  });

  it('refuses bad input naming the field', async () => {
    const badStatus = await served.client
      .send(
        new BatchUpdateStandardsControlAssociationsCommand({
          StandardsControlAssociationUpdates: [{ StandardsArn: NIST, SecurityControlId: 'KMS.4', AssociationStatus: 'MAYBE' as 'ENABLED' }],
        }),
      )
      .catch((error: unknown) => error);
    expect(badStatus).toBeInstanceOf(InvalidInputException);
    expect((badStatus as Error).message).toContain('StandardsControlAssociationUpdates[0].AssociationStatus');
    const unknown = await served.client.send(new ListStandardsControlAssociationsCommand({ SecurityControlId: 'Nope.1' })).catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(InvalidInputException);
    expect((unknown as Error).message).toContain('SecurityControlId');
  });
});
