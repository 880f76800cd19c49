import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  AccessDeniedException,
  BatchGetSecurityControlsCommand,
  CreateConfigurationPolicyCommand,
  GetConfigurationPolicyAssociationCommand,
  GetFindingsCommand,
  InvalidInputException,
  ListConfigurationPoliciesCommand,
  SecurityHubClient,
  StartConfigurationPolicyAssociationCommand,
  UpdateOrganizationConfigurationCommand,
} from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { organizationStoreOn, syncMembership } from '../../../lambdas/organization';
import { CONFIG_PATHS } from '../../../lib/local/config-service';
import { LOCAL_ACCOUNT_ID, LOCAL_TABLES } from '../../../lib/local/defaults';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const MEMBER = '123456789012'; // the simulated member account: a member from the first start (its first findings)
const ROOT = 'r-demo';
const SECURITY_OU = 'ou-demo-security1';
const WORKLOADS_OU = 'ou-demo-workload1';
const OPEN_GROUP_ARN = 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0f0e0d0c0b0a09080';
const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS3 = 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0'; // EC2.53's standard (EC2.19 is FSBP's)

describe('central configuration on the embedded default', () => {
  let local: EmbeddedDefault;
  let hub: SecurityHubClient;
  let dynamo: DynamoDBClient;

  /** A client signing as `accessKeyId` (12 digits: a user of that account, docs/organization.md). */
  const clientAs = (accessKeyId: string) =>
    new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'local' }, maxAttempts: 1 });

  /** Runs the membership sync over an AWS Organizations that has the simulated account in `ou` (as the organization-sync function does). */
  async function syncWithMemberIn(ou: string): Promise<void> {
    const reader = {
      listRoots: async () => [ROOT],
      listOrganizationalUnits: async (parent: string) => (parent === ROOT ? [SECURITY_OU, WORKLOADS_OU] : []),
      listAccounts: async (parent: string) => (parent === ou ? [{ id: MEMBER, status: 'ACTIVE' }] : []),
    };
    await syncMembership(organizationStoreOn(dynamo, LOCAL_TABLES.findings), reader, LOCAL_ACCOUNT_ID, new Date());
  }

  /** Changes the simulated security group (a configuration change the change evaluator evaluates), then the ACTIVE statuses of EC2.19 and EC2.53 on it. */
  async function evaluateTheGroup(tag: string): Promise<Record<string, string | undefined>> {
    const response = await fetch(new URL(CONFIG_PATHS.simulateChange, local.endpoint), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: 'sg-0f0e0d0c0b0a09080', Set: [`tags.owner=${tag}`] }),
    });
    expect(response.status).toBe(200);
    await local.idle();
    const { Findings = [] } = await hub.send(
      new GetFindingsCommand({
        Filters: {
          ResourceId: [{ Value: OPEN_GROUP_ARN, Comparison: 'EQUALS' }],
          ComplianceSecurityControlId: [
            { Value: 'EC2.19', Comparison: 'EQUALS' },
            { Value: 'EC2.53', Comparison: 'EQUALS' },
          ],
          RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
        },
      }),
    );
    return Object.fromEntries(Findings.map((finding) => [finding.Compliance?.SecurityControlId, finding.Compliance?.Status]));
  }

  const policyTurningOff = (Name: string, controlId: string) =>
    hub.send(
      new CreateConfigurationPolicyCommand({
        Name,
        ConfigurationPolicy: {
          SecurityHub: { ServiceEnabled: true, EnabledStandardIdentifiers: [FSBP, CIS3], SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: [controlId] } },
        },
      }),
    );

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-policies-')), demo: false, retryBackoffMs: 5 });
    hub = clientAs('local');
    dynamo = new DynamoDBClient({ endpoint: local.dynamoEndpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  }, 120_000);

  afterAll(async () => {
    hub?.destroy();
    dynamo?.destroy();
    await local?.stop();
  });

  it('refuses configuration policies under local configuration, as Security Hub does, and serves them once CENTRAL', async () => {
    const attempt = policyTurningOff('too-early', 'EC2.53');
    await expect(attempt).rejects.toThrow(AccessDeniedException);
    await expect(attempt).rejects.toThrow('Must be a Security Hub delegated administrator with Central Configuration enabled');

    await hub.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: false, AutoEnableStandards: 'NONE', OrganizationConfiguration: { ConfigurationType: 'CENTRAL' } }));
    expect((await hub.send(new ListConfigurationPoliciesCommand({}))).ConfigurationPolicySummaries).toEqual([]);
  });

  it('evaluates a change with the policy of the OU the synced organization puts the account in: EC2.53 off, EC2.19 still FAILED', async () => {
    const security = await policyTurningOff('security-ou', 'EC2.53');
    await hub.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: security.Arn, Target: { OrganizationalUnitId: SECURITY_OU } }));
    await syncWithMemberIn(SECURITY_OU);

    const association = await hub.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: MEMBER } }));
    expect(association).toMatchObject({ ConfigurationPolicyId: security.Id, TargetType: 'ACCOUNT', AssociationType: 'INHERITED', AssociationStatus: 'SUCCESS' });
    expect(await evaluateTheGroup('platform')).toEqual({ 'EC2.19': 'FAILED' });
  });

  it('gives the account its new OU’s policy once the sync sees it moved: EC2.53 FAILED, EC2.19 off', async () => {
    const workloads = await policyTurningOff('workloads-ou', 'EC2.19');
    await hub.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: workloads.Id, Target: { OrganizationalUnitId: WORKLOADS_OU } }));
    await syncWithMemberIn(WORKLOADS_OU);

    expect(await hub.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: MEMBER } }))).toMatchObject({ ConfigurationPolicyId: workloads.Id });
    expect(await evaluateTheGroup('payments')).toEqual({ 'EC2.53': 'FAILED' });
  });

  it('answers a member account’s control reads with its own policy, the administrator’s with the organization’s settings', async () => {
    const member = clientAs(MEMBER);
    try {
      const statuses = async (client: SecurityHubClient) =>
        Object.fromEntries(
          ((await client.send(new BatchGetSecurityControlsCommand({ SecurityControlIds: ['EC2.19', 'EC2.53'] }))).SecurityControls ?? []).map((control) => [
            control.SecurityControlId,
            control.SecurityControlStatus,
          ]),
        );
      expect(await statuses(member)).toEqual({ 'EC2.19': 'DISABLED', 'EC2.53': 'ENABLED' });
      expect(await statuses(hub)).toEqual({ 'EC2.19': 'ENABLED', 'EC2.53': 'ENABLED' });
      await expect(member.send(new ListConfigurationPoliciesCommand({}))).rejects.toThrow(AccessDeniedException);
    } finally {
      member.destroy();
    }
  });

  it('scores the organization counting each account’s findings only for the controls its own policy enables', async () => {
    const orgStatusOf = async (controlId: string) => {
      const response = await fetch(new URL('/compliance/scores', local.endpoint), { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
      expect(response.status).toBe(200);
      return ((await response.json()) as { Current: { ControlStatuses: Record<string, string> } }).Current.ControlStatuses[controlId];
    };
    // In Workloads the account runs EC2.53, and its ACTIVE finding fails it organization-wide…
    expect(await orgStatusOf('EC2.53')).toBe('FAILED');
    // …back in Security, whose policy turns EC2.53 off, the same finding no longer counts.
    await syncWithMemberIn(SECURITY_OU);
    expect(await orgStatusOf('EC2.53')).toBe('NO_DATA');
    await syncWithMemberIn(WORKLOADS_OU);
  });

  it('answers Security Hub’s InvalidInputException for a malformed target', async () => {
    await expect(hub.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: 'me' } }))).rejects.toThrow(InvalidInputException);
  });
});
