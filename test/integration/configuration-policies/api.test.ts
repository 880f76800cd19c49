import {
  AccessDeniedException,
  BatchGetConfigurationPolicyAssociationsCommand,
  CreateConfigurationPolicyCommand,
  CreateFindingAggregatorCommand,
  DeleteConfigurationPolicyCommand,
  DeleteFindingAggregatorCommand,
  DescribeOrganizationConfigurationCommand,
  DisableOrganizationAdminAccountCommand,
  GetConfigurationPolicyAssociationCommand,
  GetConfigurationPolicyCommand,
  InvalidInputException,
  ListConfigurationPoliciesCommand,
  ListConfigurationPolicyAssociationsCommand,
  ListFindingAggregatorsCommand,
  ListOrganizationAdminAccountsCommand,
  ListTagsForResourceCommand,
  ResourceConflictException,
  ResourceNotFoundException,
  StartConfigurationPolicyAssociationCommand,
  StartConfigurationPolicyDisassociationCommand,
  UpdateConfigurationPolicyCommand,
  UpdateOrganizationConfigurationCommand,
  type Policy,
  type Target,
} from '@aws-sdk/client-securityhub';
import { createApi } from '../../../lambdas/api/api';
import { DynamoAggregatorStore } from '../../../lambdas/aggregation';
import { DynamoConfigurationPolicyStore } from '../../../lambdas/compliance';
import { organizationStoreOn, organizationTree, syncMembership, type OrganizationsReader } from '../../../lambdas/organization';
import { FindingsStore } from '../../../lambdas/store/findings-store';
import { serveApi, type ServedApi } from '../../support/api-server';
import { startDynalite, type LocalDynamo } from '../../support/dynalite';

const FSBP = 'arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0';
const CIS3 = 'arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0';
const ROOT = 'r-demo';
const PROD = 'ou-demo-prodapps';
const PAYMENTS = '111122223333';
const SANDBOX = '222233334444';
const STAGING = 'ou-demo-staging1';

/** AWS Organizations as the sync reads it: the root, Prod and Staging under it, the accounts where `placed` puts them. */
function organizationsOf(placed: Record<string, string>): OrganizationsReader {
  return {
    listRoots: async () => [ROOT],
    listOrganizationalUnits: async (parent) => (parent === ROOT ? [PROD, STAGING] : []),
    listAccounts: async (parent) =>
      Object.keys(placed)
        .filter((id) => placed[id] === parent)
        .map((id) => ({ id, status: 'ACTIVE' })),
  };
}

const baseline: Policy = {
  SecurityHub: {
    ServiceEnabled: true,
    EnabledStandardIdentifiers: [FSBP, CIS3],
    SecurityControlsConfiguration: {
      DisabledSecurityControlIdentifiers: ['S3.1'],
      SecurityControlCustomParameters: [
        { SecurityControlId: 'IAM.7', Parameters: { MinimumPasswordLength: { ValueType: 'CUSTOM', Value: { Integer: 16 } }, RequireSymbols: { ValueType: 'DEFAULT' } } },
      ],
    },
  },
};

describe('configuration policies through @aws-sdk/client-securityhub, on the real store', () => {
  let dynamo: LocalDynamo;
  let served: ServedApi;
  let ids = 0;

  beforeAll(async () => {
    dynamo = await startDynalite();
    const tableName = await dynamo.newFindingsTable();
    organization = organizationStoreOn(dynamo.client, tableName);
    // Where the accounts sit comes from the membership sync's records, as deployed.
    await syncMembership(organization, organizationsOf({ [PAYMENTS]: PROD, [SANDBOX]: ROOT }), '000000000000', new Date());
    served = await serveApi(
      createApi({
        findings: new FindingsStore({ client: dynamo.client, tableName }),
        organization: { repository: organization },
        aggregation: { repository: new DynamoAggregatorStore({ client: dynamo.client, tableName }) },
        configurationPolicies: {
          repository: new DynamoConfigurationPolicyStore({ client: dynamo.client, tableName }),
          organization: organizationTree(organization, () => organization.get()),
          newId: () => `a1b2c3d4-5678-90ab-cdef-${String(++ids).padStart(12, '0')}`,
        },
      }),
    );
  });
  let organization: ReturnType<typeof organizationStoreOn>;

  it('refuses every configuration policy operation under local configuration, as Security Hub does, and serves them once it is CENTRAL', async () => {
    const refused = /Must be a Security Hub delegated administrator with Central Configuration enabled/;
    for (const attempt of [
      served.client.send(new CreateConfigurationPolicyCommand({ Name: 'early', ConfigurationPolicy: baseline })),
      served.client.send(new ListConfigurationPoliciesCommand({})),
      served.client.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: PAYMENTS } })),
      served.client.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: 'SELF_MANAGED_SECURITY_HUB', Target: { RootId: ROOT } })),
      served.client.send(new ListConfigurationPolicyAssociationsCommand({})),
    ]) {
      await expect(attempt).rejects.toThrow(AccessDeniedException);
      await expect(attempt).rejects.toThrow(refused);
    }
    expect((await served.client.send(new DescribeOrganizationConfigurationCommand({}))).OrganizationConfiguration).toEqual({ ConfigurationType: 'LOCAL', Status: 'ENABLED' });

    // Central configuration needs AutoEnable off and AutoEnableStandards NONE…
    const central = { OrganizationConfiguration: { ConfigurationType: 'CENTRAL' as const } };
    await expect(served.client.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: true, ...central }))).rejects.toThrow(InvalidInputException);
    // Security Hub's own message for it.
    await expect(served.client.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: false, AutoEnableStandards: 'DEFAULT', ...central }))).rejects.toThrow(
      /^Auto Enable and AutoEnableStandards can not be enabled for Central Configuration \(Invalid parameter 'AutoEnableStandards'/,
    );
    // …and a home Region (cross-Region aggregation): without one it FAILED, and the operations stay refused.
    await served.client.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: false, AutoEnableStandards: 'NONE', ...central }));
    expect((await served.client.send(new DescribeOrganizationConfigurationCommand({}))).OrganizationConfiguration).toEqual({
      ConfigurationType: 'CENTRAL',
      Status: 'FAILED',
      StatusMessage: expect.stringContaining('CreateFindingAggregator'),
    });
    await expect(served.client.send(new ListConfigurationPoliciesCommand({}))).rejects.toThrow(AccessDeniedException);
    await served.client.send(new CreateFindingAggregatorCommand({ RegionLinkingMode: 'ALL_REGIONS' }));
    await served.client.send(new UpdateOrganizationConfigurationCommand({ AutoEnable: false, AutoEnableStandards: 'NONE', ...central }));
    expect(await served.client.send(new DescribeOrganizationConfigurationCommand({}))).toMatchObject({
      AutoEnable: false,
      AutoEnableStandards: 'NONE',
      OrganizationConfiguration: { ConfigurationType: 'CENTRAL', Status: 'ENABLED' },
    });
    expect((await served.client.send(new DescribeOrganizationConfigurationCommand({}))).OrganizationConfiguration?.StatusMessage).toBeUndefined();
    expect((await served.client.send(new ListConfigurationPoliciesCommand({}))).ConfigurationPolicySummaries).toEqual([]);
  });

  afterAll(async () => {
    await served.stop();
    await dynamo.stop();
  });

  it('creates a policy and answers it as Security Hub does, custom and default parameters included', async () => {
    const created = await served.client.send(
      new CreateConfigurationPolicyCommand({ Name: 'prod-baseline', Description: 'Production', ConfigurationPolicy: baseline, Tags: { team: 'platform' } }),
    );
    expect(created).toMatchObject({
      Id: 'a1b2c3d4-5678-90ab-cdef-000000000001',
      Arn: 'arn:aws:securityhub:us-east-1:000000000000:configuration-policy/a1b2c3d4-5678-90ab-cdef-000000000001',
      Name: 'prod-baseline',
      Description: 'Production',
    });
    expect(created.ConfigurationPolicy).toEqual(baseline);
    const got = await served.client.send(new GetConfigurationPolicyCommand({ Identifier: created.Arn }));
    expect(got.ConfigurationPolicy).toEqual(baseline);
    expect(got.CreatedAt).toEqual(created.CreatedAt);
    const { Tags } = await served.client.send(new ListTagsForResourceCommand({ ResourceArn: created.Arn }));
    expect(Tags).toEqual({ team: 'platform' });
  });

  it.each([
    [
      'both control lists',
      {
        SecurityHub: {
          ServiceEnabled: true,
          EnabledStandardIdentifiers: [FSBP],
          SecurityControlsConfiguration: { EnabledSecurityControlIdentifiers: ['S3.1'], DisabledSecurityControlIdentifiers: ['KMS.4'] },
        },
      },
      /ConfigurationPolicy.SecurityHub.SecurityControlsConfiguration': give EnabledSecurityControlIdentifiers or DisabledSecurityControlIdentifiers, not both/,
    ],
    [
      'an unknown standard',
      {
        SecurityHub: {
          ServiceEnabled: true,
          EnabledStandardIdentifiers: ['arn:aws:securityhub:us-east-1::rules/nope'],
          SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: [] },
        },
      },
      /EnabledStandardIdentifiers\[0\]/,
    ],
    [
      'an unknown control',
      { SecurityHub: { ServiceEnabled: true, EnabledStandardIdentifiers: [FSBP], SecurityControlsConfiguration: { DisabledSecurityControlIdentifiers: ['Nope.1'] } } },
      /DisabledSecurityControlIdentifiers\[0\]': unknown security control 'Nope.1'/,
    ],
    [
      'a parameter of the wrong type',
      {
        SecurityHub: {
          ServiceEnabled: true,
          EnabledStandardIdentifiers: [FSBP],
          SecurityControlsConfiguration: {
            DisabledSecurityControlIdentifiers: [],
            SecurityControlCustomParameters: [{ SecurityControlId: 'IAM.7', Parameters: { MinimumPasswordLength: { ValueType: 'CUSTOM', Value: { String: 'long' } } } }],
          },
        },
      },
      /SecurityControlCustomParameters\[0\].Parameters.MinimumPasswordLength.Value/,
    ],
    ['no ServiceEnabled', { SecurityHub: { EnabledStandardIdentifiers: [FSBP] } }, /Missing required parameter 'ConfigurationPolicy.SecurityHub.ServiceEnabled'/],
    [
      'no controls configuration while enabled',
      { SecurityHub: { ServiceEnabled: true, EnabledStandardIdentifiers: [FSBP] } },
      /SecurityControlsConfiguration': required when ServiceEnabled is true/,
    ],
  ])('refuses a policy with %s (InvalidInputException naming the member)', async (_case, policy, message) => {
    const attempt = served.client.send(new CreateConfigurationPolicyCommand({ Name: 'bad', ConfigurationPolicy: policy as Policy }));
    await expect(attempt).rejects.toThrow(InvalidInputException);
    await expect(attempt).rejects.toThrow(message);
  });

  it('refuses a second policy of the same name (ResourceConflictException) and a name with other characters', async () => {
    await expect(served.client.send(new CreateConfigurationPolicyCommand({ Name: 'prod-baseline', ConfigurationPolicy: baseline }))).rejects.toThrow(ResourceConflictException);
    await expect(served.client.send(new CreateConfigurationPolicyCommand({ Name: 'prod;drop', ConfigurationPolicy: baseline }))).rejects.toThrow(/Invalid parameter 'Name'/);
  });

  it('updates a policy’s name and configuration, and answers ResourceNotFound for an unknown one', async () => {
    const off = await served.client.send(new CreateConfigurationPolicyCommand({ Name: 'off', ConfigurationPolicy: { SecurityHub: { ServiceEnabled: false } } }));
    const updated = await served.client.send(
      new UpdateConfigurationPolicyCommand({
        Identifier: off.Id,
        Name: 'sandbox-minimal',
        UpdatedReason: 'sandboxes get FSBP only',
        ConfigurationPolicy: {
          SecurityHub: { ServiceEnabled: true, EnabledStandardIdentifiers: [FSBP], SecurityControlsConfiguration: { EnabledSecurityControlIdentifiers: ['S3.1'] } },
        },
      }),
    );
    expect(updated).toMatchObject({
      Id: off.Id,
      Name: 'sandbox-minimal',
      ConfigurationPolicy: { SecurityHub: { ServiceEnabled: true, SecurityControlsConfiguration: { EnabledSecurityControlIdentifiers: ['S3.1'] } } },
    });
    expect(updated.UpdatedAt!.getTime()).toBeGreaterThanOrEqual(off.UpdatedAt!.getTime());
    await expect(served.client.send(new UpdateConfigurationPolicyCommand({ Identifier: '00000000-0000-0000-0000-000000000000', Name: 'x' }))).rejects.toThrow(
      ResourceNotFoundException,
    );
  });

  it('lists the policies in pages', async () => {
    const first = await served.client.send(new ListConfigurationPoliciesCommand({ MaxResults: 1 }));
    expect(first.ConfigurationPolicySummaries).toEqual([expect.objectContaining({ Name: 'prod-baseline', ServiceEnabled: true })]);
    const second = await served.client.send(new ListConfigurationPoliciesCommand({ MaxResults: 1, NextToken: first.NextToken }));
    expect(second.ConfigurationPolicySummaries?.map((summary) => summary.Name)).toEqual(['sandbox-minimal']);
    expect(second.NextToken).toBeUndefined();
    await expect(served.client.send(new ListConfigurationPoliciesCommand({ MaxResults: 101 }))).rejects.toThrow(/MaxResults/);
  });

  it('applies a policy to an OU, which its accounts inherit, and an account-level override', async () => {
    const [baselinePolicy, sandboxPolicy] = (await served.client.send(new ListConfigurationPoliciesCommand({}))).ConfigurationPolicySummaries!;
    const applied = await served.client.send(
      new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: baselinePolicy.Arn, Target: { OrganizationalUnitId: PROD } }),
    );
    expect(applied).toMatchObject({
      ConfigurationPolicyId: baselinePolicy.Id,
      TargetId: PROD,
      TargetType: 'ORGANIZATIONAL_UNIT',
      AssociationType: 'APPLIED',
      AssociationStatus: 'SUCCESS',
    });
    await served.client.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: 'SELF_MANAGED_SECURITY_HUB', Target: { RootId: ROOT } }));
    await served.client.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: sandboxPolicy.Id, Target: { AccountId: SANDBOX } }));

    const payments = await served.client.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: PAYMENTS } }));
    expect(payments).toMatchObject({ ConfigurationPolicyId: baselinePolicy.Id, TargetType: 'ACCOUNT', AssociationType: 'INHERITED' });
    const batch = await served.client.send(
      new BatchGetConfigurationPolicyAssociationsCommand({
        ConfigurationPolicyAssociationIdentifiers: [{ Target: { AccountId: SANDBOX } }, { Target: { RootId: ROOT } }, { Target: { AccountId: '12345' } }],
      }),
    );
    expect(batch.ConfigurationPolicyAssociations?.map((a) => [a.TargetId, a.ConfigurationPolicyId, a.AssociationType])).toEqual([
      [SANDBOX, sandboxPolicy.Id, 'APPLIED'],
      [ROOT, 'SELF_MANAGED_SECURITY_HUB', 'APPLIED'],
    ]);
    expect(batch.UnprocessedConfigurationPolicyAssociations).toEqual([
      {
        ConfigurationPolicyAssociationIdentifiers: { Target: { AccountId: '12345' } },
        ErrorCode: 'INVALID_INPUT',
        ErrorReason: expect.stringContaining("Target.AccountId': '12345' is not a 12-digit account id"),
      },
    ]);

    const inherited = await served.client.send(new ListConfigurationPolicyAssociationsCommand({ Filters: { AssociationType: 'INHERITED' } }));
    // Staging (an OU of the synced organization with nothing applied) inherits the root's self-managed configuration.
    expect(inherited.ConfigurationPolicyAssociationSummaries?.map((a) => [a.TargetId, a.ConfigurationPolicyId])).toEqual([
      [STAGING, 'SELF_MANAGED_SECURITY_HUB'],
      [PAYMENTS, baselinePolicy.Id],
    ]);
    const ofBaseline = await served.client.send(new ListConfigurationPolicyAssociationsCommand({ Filters: { ConfigurationPolicyId: baselinePolicy.Arn } }));
    expect(ofBaseline.ConfigurationPolicyAssociationSummaries?.map((a) => a.TargetId).sort()).toEqual([PAYMENTS, PROD].sort());
  });

  it('gives an account moved to another OU in the synced organization that OU’s policy', async () => {
    const [baselinePolicy, sandboxPolicy] = (await served.client.send(new ListConfigurationPoliciesCommand({}))).ConfigurationPolicySummaries!;
    await served.client.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: sandboxPolicy.Id, Target: { OrganizationalUnitId: STAGING } }));
    await syncMembership(organization, organizationsOf({ [PAYMENTS]: STAGING, [SANDBOX]: ROOT }), '000000000000', new Date());
    const moved = await served.client.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: PAYMENTS } }));
    expect(moved).toMatchObject({ ConfigurationPolicyId: sandboxPolicy.Id, AssociationType: 'INHERITED' });
    await syncMembership(organization, organizationsOf({ [PAYMENTS]: PROD, [SANDBOX]: ROOT }), '000000000000', new Date());
    const back = await served.client.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: PAYMENTS } }));
    expect(back).toMatchObject({ ConfigurationPolicyId: baselinePolicy.Id, AssociationType: 'INHERITED' });
    await served.client.send(new StartConfigurationPolicyDisassociationCommand({ ConfigurationPolicyIdentifier: sandboxPolicy.Id, Target: { OrganizationalUnitId: STAGING } }));
  });

  it('refuses to delete a policy in use, and deletes it once disassociated (its accounts fall back to what they inherit)', async () => {
    const [baselinePolicy] = (await served.client.send(new ListConfigurationPoliciesCommand({}))).ConfigurationPolicySummaries!;
    await expect(served.client.send(new DeleteConfigurationPolicyCommand({ Identifier: baselinePolicy.Id }))).rejects.toThrow(ResourceConflictException);
    await expect(
      served.client.send(new StartConfigurationPolicyDisassociationCommand({ ConfigurationPolicyIdentifier: baselinePolicy.Id, Target: { AccountId: PAYMENTS } })),
    ).rejects.toThrow(ResourceNotFoundException);
    await served.client.send(new StartConfigurationPolicyDisassociationCommand({ ConfigurationPolicyIdentifier: baselinePolicy.Id, Target: { OrganizationalUnitId: PROD } }));
    const payments = await served.client.send(new GetConfigurationPolicyAssociationCommand({ Target: { AccountId: PAYMENTS } }));
    expect(payments).toMatchObject({ ConfigurationPolicyId: 'SELF_MANAGED_SECURITY_HUB', AssociationType: 'INHERITED' });
    await served.client.send(new DeleteConfigurationPolicyCommand({ Identifier: baselinePolicy.Arn }));
    await expect(served.client.send(new GetConfigurationPolicyCommand({ Identifier: baselinePolicy.Id }))).rejects.toThrow(ResourceNotFoundException);
  });

  it.each([
    ['no target member', {}, /Target': set exactly one of AccountId, OrganizationalUnitId, RootId/],
    ['two target members', { AccountId: PAYMENTS, RootId: ROOT }, /set exactly one/],
    ['a malformed OU id', { OrganizationalUnitId: 'prod' }, /Target.OrganizationalUnitId': 'prod' is not an OU id/],
  ])('refuses an association with %s', async (_case, target, message) => {
    await expect(
      served.client.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: 'SELF_MANAGED_SECURITY_HUB', Target: target as Target })),
    ).rejects.toThrow(message);
  });

  it('refuses a disassociation without ConfigurationPolicyIdentifier (required in Security Hub’s model)', async () => {
    const attempt = served.client.send(new StartConfigurationPolicyDisassociationCommand({ Target: { AccountId: SANDBOX } } as never));
    await expect(attempt).rejects.toThrow(InvalidInputException);
    await expect(attempt).rejects.toThrow(/'ConfigurationPolicyIdentifier'/);
  });

  it('refuses another organization’s root and an unknown policy', async () => {
    await expect(
      served.client.send(new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: 'SELF_MANAGED_SECURITY_HUB', Target: { RootId: 'r-else' } })),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(
      served.client.send(
        new StartConfigurationPolicyAssociationCommand({ ConfigurationPolicyIdentifier: '00000000-0000-0000-0000-000000000000', Target: { AccountId: PAYMENTS } }),
      ),
    ).rejects.toThrow(ResourceNotFoundException);
    await expect(served.client.send(new ListConfigurationPolicyAssociationsCommand({ Filters: { AssociationType: 'DIRECT' as 'APPLIED' } }))).rejects.toThrow(
      /Filters.AssociationType/,
    );
  });

  it('keeps the finding aggregator and the delegated administrator while central configuration is in effect, as Security Hub does', async () => {
    const [{ FindingAggregatorArn }] = (await served.client.send(new ListFindingAggregatorsCommand({}))).FindingAggregators!;
    const [{ AccountId }] = (await served.client.send(new ListOrganizationAdminAccountsCommand({}))).AdminAccounts!;
    const deleting = served.client.send(new DeleteFindingAggregatorCommand({ FindingAggregatorArn }));
    await expect(deleting).rejects.toThrow(InvalidInputException);
    await expect(deleting).rejects.toThrow(/FindingAggregatorArn': Cannot delete the finding aggregator .* while the organization uses central configuration/);
    const disabling = served.client.send(new DisableOrganizationAdminAccountCommand({ AdminAccountId: AccountId }));
    await expect(disabling).rejects.toThrow(InvalidInputException);
    await expect(disabling).rejects.toThrow(/AdminAccountId': Cannot remove the delegated administrator \d{12} while the organization uses central configuration/);
    // Both are still there, and central configuration still in effect.
    expect((await served.client.send(new ListFindingAggregatorsCommand({}))).FindingAggregators).toEqual([{ FindingAggregatorArn }]);
    expect((await served.client.send(new DescribeOrganizationConfigurationCommand({}))).OrganizationConfiguration).toEqual({ ConfigurationType: 'CENTRAL', Status: 'ENABLED' });
  });

  it('turns central configuration off only once every association and policy is gone', async () => {
    const local = { AutoEnable: false, OrganizationConfiguration: { ConfigurationType: 'LOCAL' as const } };
    const early = served.client.send(new UpdateOrganizationConfigurationCommand(local));
    await expect(early).rejects.toThrow(ResourceConflictException);
    await expect(early).rejects.toThrow(/configurations are associated with (222233334444, r-demo|r-demo, 222233334444)\./);
    const [sandboxPolicy] = (await served.client.send(new ListConfigurationPoliciesCommand({}))).ConfigurationPolicySummaries!;
    await served.client.send(new StartConfigurationPolicyDisassociationCommand({ ConfigurationPolicyIdentifier: 'SELF_MANAGED_SECURITY_HUB', Target: { RootId: ROOT } }));
    await served.client.send(new StartConfigurationPolicyDisassociationCommand({ ConfigurationPolicyIdentifier: sandboxPolicy.Id, Target: { AccountId: SANDBOX } }));
    await expect(served.client.send(new UpdateOrganizationConfigurationCommand(local))).rejects.toThrow(ResourceConflictException);
    await expect(served.client.send(new UpdateOrganizationConfigurationCommand(local))).rejects.toThrow(/configuration policies exist/);
    for (const { Id } of (await served.client.send(new ListConfigurationPoliciesCommand({}))).ConfigurationPolicySummaries!) {
      await served.client.send(new DeleteConfigurationPolicyCommand({ Identifier: Id }));
    }
    await served.client.send(new UpdateOrganizationConfigurationCommand(local));
    expect((await served.client.send(new DescribeOrganizationConfigurationCommand({}))).OrganizationConfiguration).toEqual({ ConfigurationType: 'LOCAL', Status: 'ENABLED' });
    await expect(served.client.send(new ListConfigurationPoliciesCommand({}))).rejects.toThrow(AccessDeniedException);
    // Under local configuration the aggregator can go again.
    const [{ FindingAggregatorArn }] = (await served.client.send(new ListFindingAggregatorsCommand({}))).FindingAggregators!;
    await served.client.send(new DeleteFindingAggregatorCommand({ FindingAggregatorArn }));
    expect((await served.client.send(new ListFindingAggregatorsCommand({}))).FindingAggregators).toEqual([]);
  });
});
