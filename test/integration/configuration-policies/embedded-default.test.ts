import {
  CreateConfigurationPolicyCommand,
  GetConfigurationPolicyAssociationCommand,
  GetFindingsCommand,
  InvalidInputException,
  SecurityHubClient,
  StartConfigurationPolicyAssociationCommand,
} from '@aws-sdk/client-securityhub';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CONFIG_PATHS } from '../../../lib/local/config-service';
import { startEmbeddedDefault, type EmbeddedDefault } from '../../../lib/local/server';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const MEMBER = '123456789012'; // the simulated member account: in OU ou-demo-security of the local organization
const OPEN_GROUP_ARN = 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-0f0e0d0c0b0a09080';
const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';

describe('central configuration on the embedded default', () => {
  let local: EmbeddedDefault;
  let hub: SecurityHubClient;

  beforeAll(async () => {
    local = await startEmbeddedDefault({ port: 0, dataDir: mkdtempSync(join(tmpdir(), 'sechub-policies-')), demo: false, retryBackoffMs: 5 });
    hub = new SecurityHubClient({ endpoint: local.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  }, 120_000);

  afterAll(async () => {
    hub?.destroy();
    await local?.stop();
  });

  it('places the simulated account in the local organization: a policy on its OU is inherited', async () => {
    const policy = await hub.send(
      new CreateConfigurationPolicyCommand({
        Name: 'security-ou',
        ConfigurationPolicy: {
          SecurityHub: { ServiceEnabled: true, EnabledStandardIdentifiers: [FSBP], SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: ['EC2.53'] } },
        },
      }),
    );
    await hub.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: policy.Arn, Target: { OrganizationalUnitId: 'ou-demo-security' } }));

    const association = await hub.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: MEMBER } }));

    expect(association).toMatchObject({ ConfigurationPolicyId: policy.Id, TargetType: 'ACCOUNT', AssociationType: 'INHERITED', AssociationStatus: 'SUCCESS' });
  });

  it('evaluates a change with the account’s policy: EC2.53 off by policy, EC2.19 still FAILED', async () => {
    const response = await fetch(new URL(CONFIG_PATHS.simulateChange, local.endpoint), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ ResourceType: 'AWS::EC2::SecurityGroup', ResourceId: 'sg-0f0e0d0c0b0a09080', Set: ['tags.owner=platform'] }),
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
        },
      }),
    );
    const active = Object.fromEntries(
      Findings.filter((finding) => finding.RecordState === 'ACTIVE').map((finding) => [finding.Compliance?.SecurityControlId, finding.Compliance?.Status]),
    );
    expect(active).toEqual({ 'EC2.19': 'FAILED' });
  });

  it('answers Security Hub’s InvalidInputException for a malformed target', async () => {
    await expect(hub.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: 'me' } }))).rejects.toThrow(InvalidInputException);
  });
});
