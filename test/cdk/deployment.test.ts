import { Match, Template } from 'aws-cdk-lib/assertions';
import { TEST_CONFIG, wholeStack, wholeStackTemplate } from './whole-stack';

/** Every string in a template (keys and values), to look for asset and bootstrap references. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, inner]) => [key, ...strings(inner)]);
  return [];
}

describe.each(['forwarding', 'remediation'] as const)('member template (%s): deployable by a StackSet without cdk bootstrap', (name) => {
  const template = () => wholeStack().memberTemplates[name];

  it('has no asset parameter, no BootstrapVersion parameter or rule, no bootstrap bucket or role', () => {
    const parameters = Object.keys((template().Parameters ?? {}) as object);

    expect(parameters.filter((id) => /AssetParameters|BootstrapVersion/.test(id))).toEqual([]);
    expect(template().Rules).toBeUndefined();
    expect(strings(template()).filter((text) => /cdk-hnb659fds|cdk-assets|BootstrapVersion|AssetParameters|\.zip$/.test(text))).toEqual([]);
  });

  it('takes what it needs from the admin account as parameters', () => {
    expect(Object.keys((template().Parameters ?? {}) as object).sort()).toEqual(name === 'forwarding' ? ['AlarmEmail', 'IngestionBusArn'] : ['AdminAccountId']);
  });
});

describe('member forwarding template: the collector runs inline code', () => {
  it("carries the collector code in Code.ZipFile, within CloudFormation's limits", () => {
    const template = Template.fromJSON(wholeStack().memberTemplates.forwarding);
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));

    expect(functions).toHaveLength(1);
    const code = functions[0]!.Properties.Code as { ZipFile?: string; S3Bucket?: unknown };
    expect(code.S3Bucket).toBeUndefined();
    expect(code.ZipFile).toContain('exports');
    expect(functions[0]!.Properties.Handler).toBe('index.handler');
    // The template is uploaded by the admin stack as a file asset (TemplateURL: 1 MB); ZipFile's zip must stay under 4 MB.
    expect(JSON.stringify(wholeStack().memberTemplates.forwarding).length).toBeLessThan(1_000_000);
  });

  it('notifies on its dead-letter alarm through an encrypted, TLS-only topic', () => {
    const template = Template.fromJSON(wholeStack().memberTemplates.forwarding);
    const [topicId] = Object.keys(template.findResources('AWS::SNS::Topic'));

    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmActions: [{ Ref: topicId }] });
    template.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: Match.anyValue(), RetentionInDays: Match.anyValue() });
  });
});

describe('admin stack: the member StackSets', () => {
  const stackSets = () => wholeStackTemplate().findResources('AWS::CloudFormation::StackSet');
  const byName = (name: string) => Object.values(stackSets()).find((resource) => resource.Properties.StackSetName === name)!.Properties;

  it('creates both as SERVICE_MANAGED with auto-deployment, to the configured organization targets', () => {
    expect(
      Object.values(stackSets())
        .map((resource) => resource.Properties.StackSetName)
        .sort(),
    ).toEqual(['OpenSecurityHubMember', 'OpenSecurityHubMemberRemediation']);
    for (const name of ['OpenSecurityHubMember', 'OpenSecurityHubMemberRemediation']) {
      expect(byName(name)).toMatchObject({
        PermissionModel: 'SERVICE_MANAGED',
        CallAs: 'DELEGATED_ADMIN',
        AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
        TemplateURL: expect.anything(),
      });
      expect(byName(name).StackInstancesGroup[0].DeploymentTargets).toEqual({ OrganizationalUnitIds: TEST_CONFIG.memberDeployment!.organizationalUnitIds });
    }
  });

  it('forwards from the home Region and every linked Region; the IAM-only remediation roles once per account, in the home Region', () => {
    expect(byName('OpenSecurityHubMember').StackInstancesGroup[0].Regions).toEqual([{ Ref: 'AWS::Region' }, ...TEST_CONFIG.linkedRegions!]);
    expect(byName('OpenSecurityHubMemberRemediation').StackInstancesGroup[0].Regions).toEqual([{ Ref: 'AWS::Region' }]);
  });

  it("passes the ingestion bus, the admin account and the operators' address as parameters", () => {
    const parameters = (name: string) =>
      Object.fromEntries((byName(name).Parameters as Array<{ ParameterKey: string; ParameterValue: unknown }>).map((p) => [p.ParameterKey, p.ParameterValue]));

    expect(parameters('OpenSecurityHubMember')).toEqual({
      IngestionBusArn: { 'Fn::GetAtt': [expect.stringMatching(/^IngestionOrganizationBus/), 'Arn'] },
      AlarmEmail: TEST_CONFIG.operationsEmail,
    });
    expect(parameters('OpenSecurityHubMemberRemediation')).toEqual({ AdminAccountId: { Ref: 'AWS::AccountId' } });
  });
});

describe('admin stack: upgrades keep the data', () => {
  it('retains every table and every KMS key on stack deletion and replacement', () => {
    const template = wholeStackTemplate();
    const kept = (type: string) => Object.entries(template.findResources(type)).map(([id, resource]) => [id, resource.DeletionPolicy, resource.UpdateReplacePolicy]);

    for (const type of ['AWS::DynamoDB::Table', 'AWS::KMS::Key']) {
      const resources = kept(type);
      expect(resources.length).toBeGreaterThan(0);
      expect(resources.filter(([, deletion, replace]) => deletion !== 'Retain' || replace !== 'Retain')).toEqual([]);
    }
  });

  it('encrypts every log group with a customer-managed key and gives it a retention', () => {
    const groups = Object.entries(wholeStackTemplate().findResources('AWS::Logs::LogGroup'));

    expect(groups.filter(([, group]) => !group.Properties.KmsKeyId || !group.Properties.RetentionInDays).map(([id]) => id)).toEqual([]);
  });
});

describe('admin stack: the API admits the organization for the member operations only', () => {
  it('puts the configured organization id in the API resource policy (the synth cdk-nag checks)', () => {
    const [api] = Object.values(wholeStackTemplate().findResources('AWS::ApiGateway::RestApi'));
    const statements = api.Properties.Policy.Statement as Array<{ Sid: string; Condition?: unknown }>;
    expect(statements.map((statement) => statement.Sid)).toEqual(['AdministratorAccount', 'OrganizationMemberOperations']);
    expect(statements[1].Condition).toEqual({ StringEquals: { 'aws:PrincipalOrgID': TEST_CONFIG.organizationId } });
  });
});
