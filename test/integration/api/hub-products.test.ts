import {
  BatchGetSecurityControlsCommand,
  BatchGetStandardsControlAssociationsCommand,
  BatchImportFindingsCommand,
  BatchUpdateStandardsControlAssociationsCommand,
  CreateAutomationRuleCommand,
  DescribeHubCommand,
  DescribeProductsCommand,
  DisableImportFindingsForProductCommand,
  DisableSecurityHubCommand,
  EnableImportFindingsForProductCommand,
  EnableSecurityHubCommand,
  GetEnabledStandardsCommand,
  GetFindingsCommand,
  InvalidAccessException,
  InvalidInputException,
  ListEnabledProductsForImportCommand,
  ListTagsForResourceCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecurityHubConfigurationCommand,
  UpdateStandardsControlCommand,
  type AwsSecurityFinding,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import { DynamoComplianceSettingsStore } from '../../../lambdas/compliance/state/settings-store';
import { RULES_AS_CODE } from '../../../lambdas/triage/automation/rules-as-code';
import { aFinding } from '../../support/findings';
import { startHubApi, type HubApi } from '../../support/hub-api';

const ACCOUNT = '000000000000';
const HUB_ARN = `arn:aws:securityhub:us-east-1:${ACCOUNT}:hub/default`;
const PROWLER = 'arn:aws:securityhub:us-east-1::product/prowler/prowler';
const PROWLER_SUBSCRIPTION = `arn:aws:securityhub:us-east-1:${ACCOUNT}:product-subscription/prowler/prowler`;

const finding = (overrides: Record<string, unknown>) => aFinding({ AwsAccountId: ACCOUNT, ...overrides }) as unknown as AwsSecurityFinding;

describe('the hub, products and tags through @aws-sdk/client-securityhub', () => {
  let api: HubApi;
  let client: SecurityHubClient;

  beforeAll(async () => {
    api = await startHubApi();
    client = api.client;
  });

  afterAll(async () => {
    await api.stop();
  });

  describe('hub', () => {
    it('describes the enabled hub of the deployment, with a stable SubscribedAt', async () => {
      const first = await client.send(new DescribeHubCommand({}));
      const second = await client.send(new DescribeHubCommand({ HubArn: HUB_ARN }));

      expect(first).toMatchObject({ HubArn: HUB_ARN, AutoEnableControls: true, ControlFindingGenerator: 'SECURITY_CONTROL' });
      expect(Date.parse(first.SubscribedAt as string)).not.toBeNaN();
      expect(second.SubscribedAt).toBe(first.SubscribedAt);
    });

    it("refuses another account's HubArn", async () => {
      await expect(client.send(new DescribeHubCommand({ HubArn: 'arn:aws:securityhub:us-east-1:111122223333:hub/default' }))).rejects.toThrow(InvalidInputException);
    });

    it('answers EnableSecurityHub on an enabled hub with ResourceConflictException, and bad input first with InvalidInputException', async () => {
      await expect(client.send(new EnableSecurityHubCommand({}))).rejects.toThrow(ResourceConflictException);
      await expect(client.send(new EnableSecurityHubCommand({ Tags: { 'aws:owner': 'x' } }))).rejects.toThrow(InvalidInputException);
      await expect(client.send(new EnableSecurityHubCommand({ ControlFindingGenerator: 'NONE' as 'SECURITY_CONTROL' }))).rejects.toThrow(/ControlFindingGenerator/);
    });

    it('updates AutoEnableControls and refuses a ControlFindingGenerator it cannot honour, naming it', async () => {
      await client.send(new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: false }));
      expect((await client.send(new DescribeHubCommand({}))).AutoEnableControls).toBe(false);

      await expect(client.send(new UpdateSecurityHubConfigurationCommand({ ControlFindingGenerator: 'STANDARD_CONTROL' }))).rejects.toThrow(/ControlFindingGenerator/);
      await expect(client.send(new UpdateSecurityHubConfigurationCommand({ ControlFindingGenerator: 'BOTH' as 'SECURITY_CONTROL' }))).rejects.toThrow(InvalidInputException);
      await client.send(new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: true }));
    });

    it('with AutoEnableControls false, a control added to an enabled standard since it was enabled is DISABLED until enabled by hand; true enables it', async () => {
      const CIS3 = 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0';
      const settings = new DynamoComplianceSettingsStore({ client: api.dynamo.client, tableName: api.tableName });
      const status = async () => ({
        control: (await client.send(new BatchGetSecurityControlsCommand({ SecurityControlIds: ['KMS.4'] }))).SecurityControls?.[0]?.SecurityControlStatus,
        association: (await client.send(new BatchGetStandardsControlAssociationsCommand({ StandardsControlAssociationIds: [{ SecurityControlId: 'KMS.4', StandardsArn: CIS3 }] })))
          .StandardsControlAssociationDetails?.[0]?.AssociationStatus,
      });
      // KMS.4 (CIS v3.0.0 3.6; not in FSBP) as a control the catalogue gained after the standards were enabled: not in what was recorded then.
      const simulateNewKms4 = () =>
        settings.update((current) => ({
          ...current,
          knownControls: Object.fromEntries(Object.entries(current.knownControls ?? {}).map(([standard, ids]) => [standard, ids?.filter((id) => id !== 'KMS.4')])),
        }));

      await client.send(new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: false }));
      expect((await settings.get()).knownControls?.['cis-aws-foundations-benchmark/v/3.0.0']).toContain('KMS.4');
      await simulateNewKms4();
      expect(await status()).toEqual({ control: 'DISABLED', association: 'DISABLED' });

      await client.send(new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: true }));
      expect(await status()).toEqual({ control: 'ENABLED', association: 'ENABLED' });

      // Off again with KMS.4 new: a reason alone keeps it DISABLED; enabling it by hand runs it, whatever AutoEnableControls says.
      await client.send(new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: false }));
      await simulateNewKms4();
      expect(await status()).toEqual({ control: 'DISABLED', association: 'DISABLED' });
      await client.send(
        new UpdateStandardsControlCommand({
          StandardsControlArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:control/cis-aws-foundations-benchmark/v/3.0.0/3.6`,
          DisabledReason: 'later',
        }),
      );
      expect(await status()).toEqual({ control: 'DISABLED', association: 'DISABLED' });
      await client.send(
        new BatchUpdateStandardsControlAssociationsCommand({
          StandardsControlAssociationUpdates: [{ SecurityControlId: 'KMS.4', StandardsArn: CIS3, AssociationStatus: 'ENABLED' }],
        }),
      );
      expect(await status()).toEqual({ control: 'ENABLED', association: 'ENABLED' });
      await client.send(new UpdateSecurityHubConfigurationCommand({ AutoEnableControls: true }));
    });
  });

  describe('products', () => {
    it('describes the catalogue with the registered names, page by page', async () => {
      const first = await client.send(new DescribeProductsCommand({ MaxResults: 5 }));
      const rest = await client.send(new DescribeProductsCommand({ NextToken: first.NextToken }));
      const all = [...(first.Products ?? []), ...(rest.Products ?? [])];

      expect(first.Products).toHaveLength(5);
      expect(rest.NextToken).toBeUndefined();
      expect(all.find((product) => product.ProductArn === PROWLER)).toMatchObject({
        ProductName: 'Prowler',
        CompanyName: 'Prowler',
        IntegrationTypes: ['SEND_FINDINGS_TO_SECURITY_HUB'],
      });
      expect(all.find((product) => product.ProductArn?.endsWith('/aws/guardduty'))).toMatchObject({ ProductName: 'GuardDuty', CompanyName: 'Amazon' });
      expect(all.map((product) => product.ProductArn)).toEqual(
        expect.arrayContaining([
          'arn:aws:securityhub:us-east-1::product/aquasecurity/aquasecurity',
          'arn:aws:securityhub:us-east-1::product/aqua-security/kube-bench',
          'arn:aws:securityhub:us-east-1::product/cloud-custodian/cloud-custodian',
        ]),
      );
    });

    it('describes one product by ProductArn, and refuses MaxResults out of range and foreign tokens', async () => {
      expect((await client.send(new DescribeProductsCommand({ ProductArn: PROWLER }))).Products?.map((product) => product.ProductName)).toEqual(['Prowler']);
      await expect(client.send(new DescribeProductsCommand({ MaxResults: 0 }))).rejects.toThrow(/MaxResults/);
      await expect(client.send(new ListEnabledProductsForImportCommand({ MaxResults: 101 }))).rejects.toThrow(InvalidInputException);
      const { NextToken } = await client.send(new DescribeProductsCommand({ MaxResults: 1 }));
      await expect(client.send(new ListEnabledProductsForImportCommand({ NextToken }))).rejects.toThrow(/NextToken/);
    });

    it('lists the AWS integrations as enabled, and no third-party product by default', async () => {
      const { ProductSubscriptions } = await client.send(new ListEnabledProductsForImportCommand({}));

      expect(ProductSubscriptions).toContain(`arn:aws:securityhub:us-east-1:${ACCOUNT}:product-subscription/aws/guardduty`);
      expect(ProductSubscriptions?.filter((arn) => !arn.includes('product-subscription/aws/'))).toEqual([]);
    });

    it('refuses a third-party finding until its import is enabled, then names it from the catalogue', async () => {
      const prowler = finding({ Id: 'prowler-1', ProductArn: PROWLER, ProductName: 'prowler-typo', CompanyName: 'x' });

      const refused = await client.send(new BatchImportFindingsCommand({ Findings: [prowler] }));
      const enabled = await client.send(new EnableImportFindingsForProductCommand({ ProductArn: PROWLER }));
      const imported = await client.send(new BatchImportFindingsCommand({ Findings: [prowler] }));
      const stored = await client.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'prowler-1', Comparison: 'EQUALS' }] } }));

      expect(refused).toMatchObject({ SuccessCount: 0, FailedCount: 1, FailedFindings: [{ Id: 'prowler-1', ErrorCode: 'AccessDeniedException' }] });
      expect(refused.FailedFindings?.[0].ErrorMessage).toContain('EnableImportFindingsForProduct');
      expect(enabled.ProductSubscriptionArn).toBe(PROWLER_SUBSCRIPTION);
      expect(imported).toMatchObject({ SuccessCount: 1, FailedCount: 0 });
      expect(stored.Findings?.[0]).toMatchObject({ ProductName: 'Prowler', CompanyName: 'Prowler' });
      expect((await client.send(new ListEnabledProductsForImportCommand({}))).ProductSubscriptions).toContain(PROWLER_SUBSCRIPTION);
    });

    it("accepts the account's default product and keeps the provider's names for it", async () => {
      const own = finding({ Id: 'own-1', ProductArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default`, ProductName: 'Checkov' });

      const imported = await client.send(new BatchImportFindingsCommand({ Findings: [own] }));
      const stored = await client.send(new GetFindingsCommand({ Filters: { Id: [{ Value: 'own-1', Comparison: 'EQUALS' }] } }));

      expect(imported).toMatchObject({ SuccessCount: 1, FailedCount: 0 });
      expect(stored.Findings?.[0]).toMatchObject({ ProductName: 'Checkov', CompanyName: 'Personal' });
    });

    it('refuses a product that is not in the catalogue', async () => {
      const unknown = finding({ Id: 'acme-1', ProductArn: 'arn:aws:securityhub:us-east-1::product/acme/scanner' });

      const refused = await client.send(new BatchImportFindingsCommand({ Findings: [unknown] }));

      expect(refused.FailedFindings).toEqual([
        expect.objectContaining({ Id: 'acme-1', ErrorCode: 'AccessDeniedException', ErrorMessage: expect.stringContaining('not in the catalogue') }),
      ]);
    });

    it.each([
      ['an unknown product', 'arn:aws:securityhub:us-east-1::product/acme/scanner', InvalidInputException],
      ['another Region', 'arn:aws:securityhub:eu-west-1::product/prowler/prowler', InvalidInputException],
      ['not an ARN', 'prowler', InvalidInputException],
      ['an AWS integration', 'arn:aws:securityhub:us-east-1::product/aws/guardduty', ResourceConflictException],
      ['an enabled product', PROWLER, ResourceConflictException],
    ])("answers EnableImportFindingsForProduct for %s with Security Hub's error", async (_case, ProductArn, error) => {
      await expect(client.send(new EnableImportFindingsForProductCommand({ ProductArn }))).rejects.toThrow(error);
    });

    it('disables a subscription once, then answers ResourceNotFoundException', async () => {
      const kubeBench = 'arn:aws:securityhub:us-east-1::product/aqua-security/kube-bench';
      const { ProductSubscriptionArn } = await client.send(new EnableImportFindingsForProductCommand({ ProductArn: kubeBench }));

      await client.send(new DisableImportFindingsForProductCommand({ ProductSubscriptionArn }));

      expect((await client.send(new ListEnabledProductsForImportCommand({}))).ProductSubscriptions).not.toContain(ProductSubscriptionArn);
      await expect(client.send(new DisableImportFindingsForProductCommand({ ProductSubscriptionArn }))).rejects.toThrow(ResourceNotFoundException);
      await expect(
        client.send(new DisableImportFindingsForProductCommand({ ProductSubscriptionArn: 'arn:aws:securityhub:us-east-1:999999999999:product-subscription/prowler/prowler' })),
      ).rejects.toThrow(InvalidInputException);
      await expect(
        client.send(new DisableImportFindingsForProductCommand({ ProductSubscriptionArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product-subscription/aws/guardduty` })),
      ).rejects.toThrow(InvalidInputException);
    });
  });

  describe('tags', () => {
    it('tags, lists and untags the hub', async () => {
      await client.send(new TagResourceCommand({ ResourceArn: HUB_ARN, Tags: { team: 'security', 'cost-center': '42', env: 'prod' } }));
      await client.send(new UntagResourceCommand({ ResourceArn: HUB_ARN, TagKeys: ['env', 'cost-center', 'absent'] }));

      expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: HUB_ARN }))).Tags).toEqual({ team: 'security' });
      await expect(client.send(new UntagResourceCommand({ ResourceArn: HUB_ARN, TagKeys: ['aws:owner'] }))).rejects.toThrow(InvalidInputException);
    });

    it.each([
      ['a key starting with aws:', { 'aws:owner': 'x' }, /aws:/],
      ['a key of 129 characters', { ['k'.repeat(129)]: 'x' }, /1 to 128/],
      ['a value of 257 characters', { owner: 'v'.repeat(257) }, /at most 256/],
      ['51 tags', Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), /at most 50/],
    ])('refuses %s with InvalidInputException naming it', async (_case, Tags, message) => {
      const attempt = client.send(new TagResourceCommand({ ResourceArn: HUB_ARN, Tags }));
      await expect(attempt).rejects.toThrow(InvalidInputException);
      await expect(client.send(new TagResourceCommand({ ResourceArn: HUB_ARN, Tags }))).rejects.toThrow(message);
    });

    it('refuses tags that would take a resource past 50', async () => {
      const existing = Object.keys((await client.send(new ListTagsForResourceCommand({ ResourceArn: HUB_ARN }))).Tags ?? {}).length;
      const fill = Array.from({ length: 49 - existing }, (_, i) => `k${i}`);
      await client.send(new TagResourceCommand({ ResourceArn: HUB_ARN, Tags: Object.fromEntries(fill.map((key) => [key, 'v'])) }));

      await expect(client.send(new TagResourceCommand({ ResourceArn: HUB_ARN, Tags: { a: '1', b: '2' } }))).rejects.toThrow(/would have 51 tags/);
      await client.send(new UntagResourceCommand({ ResourceArn: HUB_ARN, TagKeys: fill }));
    });

    it('tags an automation rule created through the API', async () => {
      const { RuleArn } = await client.send(
        new CreateAutomationRuleCommand({
          RuleName: 'tagged',
          RuleOrder: 5,
          Description: 'tagged rule',
          Criteria: { SeverityLabel: [{ Value: 'LOW', Comparison: 'EQUALS' }] },
          Actions: [{ Type: 'FINDING_FIELDS_UPDATE', FindingFieldsUpdate: { Note: { Text: 't', UpdatedBy: 't' } } }],
          Tags: { owner: 'alice' },
        }),
      );

      await client.send(new TagResourceCommand({ ResourceArn: RuleArn, Tags: { team: 'sec' } }));

      expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: RuleArn }))).Tags).toEqual({ owner: 'alice', team: 'sec' });
    });

    it("answers unknown resources with ResourceNotFoundException, other services' ARNs and rules-as-code with InvalidInputException", async () => {
      await expect(client.send(new ListTagsForResourceCommand({ ResourceArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:automation-rule/missing` }))).rejects.toThrow(
        ResourceNotFoundException,
      );
      await expect(client.send(new ListTagsForResourceCommand({ ResourceArn: 'arn:aws:s3:::bucket' }))).rejects.toThrow(InvalidInputException);
      await expect(client.send(new TagResourceCommand({ ResourceArn: RULES_AS_CODE[0].RuleArn, Tags: { a: 'b' } }))).rejects.toThrow(/read-only/);
    });
  });

  describe('disabling the hub', () => {
    it('refuses findings and hub calls while disabled, and enables again without the default standards when asked', async () => {
      await client.send(new DisableSecurityHubCommand({}));

      const refused = await client.send(
        new BatchImportFindingsCommand({ Findings: [finding({ Id: 'while-disabled', ProductArn: `arn:aws:securityhub:us-east-1:${ACCOUNT}:product/${ACCOUNT}/default` })] }),
      );
      await expect(client.send(new DescribeHubCommand({}))).rejects.toThrow(InvalidAccessException);
      await expect(client.send(new DisableSecurityHubCommand({}))).rejects.toThrow(InvalidAccessException);
      await expect(client.send(new ListEnabledProductsForImportCommand({}))).rejects.toThrow(InvalidAccessException);
      await client.send(new EnableSecurityHubCommand({ EnableDefaultStandards: false, Tags: { enabled: 'again' } }));

      expect(refused).toMatchObject({ SuccessCount: 0, FailedFindings: [{ Id: 'while-disabled', ErrorCode: 'InvalidAccessException' }] });
      expect((await client.send(new GetEnabledStandardsCommand({}))).StandardsSubscriptions).toEqual([]);
      expect((await client.send(new ListTagsForResourceCommand({ ResourceArn: HUB_ARN }))).Tags).toMatchObject({ enabled: 'again' });
      expect((await client.send(new ListEnabledProductsForImportCommand({}))).ProductSubscriptions).toContain(PROWLER_SUBSCRIPTION);
    });
  });
});
