import { BatchGetAggregateResourceConfigCommand, ConfigServiceClient } from '@aws-sdk/client-config-service';
import {
  CreateConfigurationPolicyCommand,
  ListConfigurationPoliciesCommand,
  StartConfigurationPolicyAssociationCommand,
  StartConfigurationPolicyDisassociationCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { createApi } from '../../../lambdas/api/api';
import { DynamoConfigurationPolicyStore, defaultComplianceSettings } from '../../../lambdas/compliance';
import { organizationStoreOn, organizationTree, syncMembership } from '../../../lambdas/organization';
import { effectiveSettingsOver } from '../../../lambdas/wiring/central-configuration';
import { AggregatorConfigItems } from '../../../lambdas/compliance/config-items-api';
import { controlFindingId } from '../../../lambdas/compliance/control-finding';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { createEvaluateBatchHandler } from '../../../lambdas/functions/compliance-sweep-evaluate-batch/handler';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';
import { configItem } from '../../support/fixtures';

const PROD_ACCOUNT = '111122223333';
const WEB_ACCOUNT = '444455556666';
const PROD_OU = 'ou-demo-prodapps';
const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const ctx = {} as Context;

describe('the evaluation honours each account’s effective configuration policy', () => {
  let dynamo: LocalDynamo;
  let served: ServedApi;
  let findings: FindingsStore;
  let now = new Date('2026-12-01T00:00:00.000Z');
  const config = mockClient(ConfigServiceClient);
  // The same security group, open to the world on admin ports, in two accounts.
  const items: ConfigurationItem[] = [PROD_ACCOUNT, WEB_ACCOUNT].map((accountId) => ({ ...configItem('ec2/sg-open-admin.json'), accountId }));
  const keys = items.map(({ accountId, awsRegion, resourceType, resourceId }) => ({ accountId, awsRegion, resourceType, resourceId }));

  beforeAll(async () => {
    dynamo = await startDynalite();
    const tableName = await dynamo.newFindingsTable();
    findings = new FindingsStore({ client: dynamo.client, tableName });
    const policies = new DynamoConfigurationPolicyStore({ client: dynamo.client, tableName });
    // The organization as the membership sync stores it: the prod account in the Prod OU, the web account under the root.
    const organization = organizationStoreOn(dynamo.client, tableName);
    await syncMembership(
      organization,
      {
        listRoots: async () => ['r-demo'],
        listOrganizationalUnits: async (parent) => (parent === 'r-demo' ? [PROD_OU] : []),
        listAccounts: async (parent) => [{ id: parent === PROD_OU ? PROD_ACCOUNT : WEB_ACCOUNT }],
      },
      '000000000000',
      now,
    );
    served = await serveApi(
      createApi({
        findings,
        organization: { repository: organization },
        configurationPolicies: { repository: policies, organization: organizationTree(organization, () => organization.get()) },
      }),
    );
    await served.client.send(
      new UpdateOrganizationConfigurationCommand({ AutoEnable: false, AutoEnableStandards: 'NONE', OrganizationConfiguration: { ConfigurationType: 'CENTRAL' } }),
    );
    config.on(BatchGetAggregateResourceConfigCommand).callsFake((input) => ({
      BaseConfigurationItems: input.ResourceIdentifiers.flatMap((id: { ResourceId: string; SourceAccountId: string }) =>
        items
          .filter((ci) => ci.resourceId === id.ResourceId && ci.accountId === id.SourceAccountId)
          .map((ci) => ({ ...ci, configuration: JSON.stringify(ci.configuration), supplementaryConfiguration: {} })),
      ),
    }));
    evaluate = createEvaluateBatchHandler(() => ({
      source: new AggregatorConfigItems(new ConfigServiceClient({ region: 'us-east-1' }), 'org-aggregator'),
      store: findings,
      settings: async () => defaultComplianceSettings(),
      settingsFor: () => effectiveSettingsOver({ settings: async () => defaultComplianceSettings(), policies, organization }), // as the functions compose it
      now: () => now,
    }));
  });
  let evaluate: ReturnType<typeof createEvaluateBatchHandler>;

  afterAll(async () => {
    config.restore();
    await served.stop();
    await dynamo.stop();
  });

  async function finding(controlId: string, accountId: string) {
    const key = keys.find((candidate) => candidate.accountId === accountId)!;
    const { Findings } = await findings.getFindings({ Filters: { Id: [{ Value: controlFindingId(controlId, key), Comparison: 'EQUALS' }] } });
    return Findings[0];
  }

  async function sweep(at: string) {
    now = new Date(at);
    await evaluate({ resources: keys }, ctx);
  }

  it('fails EC2.19 in both accounts while no policy applies (self-managed: the organization’s settings)', async () => {
    await sweep('2026-12-01T00:00:00.000Z');
    expect((await finding('EC2.19', PROD_ACCOUNT))?.Compliance?.Status).toBe('FAILED');
    expect((await finding('EC2.19', WEB_ACCOUNT))?.Compliance?.Status).toBe('FAILED');
  });

  it('archives EC2.19 only in the account whose OU’s policy disables it; the other account still fails it', async () => {
    const policy = await served.client.send(
      new CreateConfigurationPolicyCommand({
        Name: 'prod-no-ec2-19',
        ConfigurationPolicy: {
          SecurityHub: { ServiceEnabled: true, EnabledStandardIdentifiers: [FSBP], SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: ['EC2.19'] } },
        },
      }),
    );
    await served.client.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: policy.Id, Target: { OrganizationalUnitId: PROD_OU } }));

    await sweep('2026-12-02T00:00:00.000Z');

    const prod = await finding('EC2.19', PROD_ACCOUNT);
    expect(prod).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { Status: 'NOT_AVAILABLE' } });
    expect(prod?.Compliance?.StatusReasons?.[0]?.Description).toContain("Disabled by configuration policy 'prod-no-ec2-19'");
    expect(await finding('EC2.18', PROD_ACCOUNT)).toMatchObject({ RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' } });
    expect(await finding('EC2.19', WEB_ACCOUNT)).toMatchObject({ RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' } });
  });

  it('evaluates EC2.19 in the account again once the policy is disassociated from its OU', async () => {
    const { ConfigurationPolicySummaries } = await served.client.send(new ListConfigurationPoliciesCommand({}));
    await served.client.send(
      new StartConfigurationPolicyDisassociationCommand({ ConfigurationPolicyIdentifier: ConfigurationPolicySummaries![0].Id, Target: { OrganizationalUnitId: PROD_OU } }),
    );

    await sweep('2026-12-03T00:00:00.000Z');

    expect(await finding('EC2.19', PROD_ACCOUNT)).toMatchObject({ RecordState: 'ACTIVE', Compliance: { Status: 'FAILED' } });
  });
});
