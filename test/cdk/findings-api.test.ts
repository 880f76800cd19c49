import { Match, Template } from 'aws-cdk-lib/assertions';
import { memberInvokeResources } from '../../lib/constructs/api-resource-policy';
import { FindingsApi } from '../../lib/constructs/findings-api';
import { FindingsStore } from '../../lib/constructs/findings-store';
import { testStack } from './synth';

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

describe('FindingsApi', () => {
  let template: Template;
  let tableId: string;

  beforeAll(() => {
    const stack = testStack();
    const store = new FindingsStore(stack, 'FindingsStore');
    new FindingsApi(stack, 'FindingsApi', { table: store.table });
    template = Template.fromStack(stack);
    [tableId] = Object.keys(template.findResources('AWS::DynamoDB::Table'));
  });

  function statements(): Statement[] {
    return Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Statement[]);
  }
  const actionsOf = (statement: Statement): string[] => [statement.Action].flat();
  const resourcesOf = (statement: Statement): unknown[] => [statement.Resource].flat();

  it('authorizes every method with AWS_IAM', () => {
    const methods = Object.values(template.findResources('AWS::ApiGateway::Method'));
    expect(methods.length).toBeGreaterThan(0);
    for (const method of methods) expect(method.Properties.AuthorizationType).toBe('AWS_IAM');
  });

  it('proxies every path and method to the API handler', () => {
    template.hasResourceProperties('AWS::ApiGateway::Resource', { PathPart: '{proxy+}' });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'ANY',
      Integration: { Type: 'AWS_PROXY' },
    });
  });

  it('runs the handler on Node.js 24, arm64, X-Ray active, with the table name', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      Environment: { Variables: Match.objectLike({ FINDINGS_TABLE: { Ref: tableId } }) },
    });
  });

  it('grants DynamoDB actions on the findings table and its indexes only', () => {
    const dynamo = statements().filter((statement) => actionsOf(statement).some((action) => action.startsWith('dynamodb:')));
    expect(dynamo.length).toBeGreaterThan(0);
    for (const statement of dynamo) {
      expect(resourcesOf(statement)).not.toContain('*');
      expect(resourcesOf(statement)).toEqual([{ 'Fn::GetAtt': [tableId, 'Arn'] }, { 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, '/index/*']] }]);
    }
  });

  it('uses Resource "*" only for X-Ray, which has no resource-level permissions', () => {
    const wildcard = statements().filter((statement) => resourcesOf(statement).includes('*'));
    for (const statement of wildcard) {
      for (const action of actionsOf(statement)) expect(action).toMatch(/^xray:/);
    }
  });

  it('logs access to a log group, traces with X-Ray and throttles the stage', () => {
    const [accessLogsId] = Object.keys(template.findResources('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 365 } }));
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: { 'Fn::GetAtt': [accessLogsId, 'Arn'] }, Format: Match.stringLikeRegexp('callerArn') },
      MethodSettings: [
        Match.objectLike({
          HttpMethod: '*',
          ResourcePath: '/*',
          LoggingLevel: 'ERROR',
          DataTraceEnabled: false,
          ThrottlingRateLimit: 100,
          ThrottlingBurstLimit: 200,
        }),
      ],
    });
  });

  it('is a Regional endpoint refusing TLS below 1.2', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['REGIONAL'] },
      SecurityPolicy: 'TLS_1_2',
    });
  });

  it('puts the stage behind a WAF web ACL with AWS common rules and a per-IP rate limit', () => {
    const [webAclId] = Object.keys(template.findResources('AWS::WAFv2::WebACL'));
    const [stageId] = Object.keys(template.findResources('AWS::ApiGateway::Stage'));
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      Rules: Match.arrayWith([
        Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', Limit: 6000 }) } }),
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({ VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' }),
          },
        }),
      ]),
    });
    template.hasResource('AWS::WAFv2::WebACLAssociation', {
      Properties: {
        WebACLArn: { 'Fn::GetAtt': [webAclId, 'Arn'] },
        ResourceArn: { 'Fn::Join': ['', Match.arrayWith([{ Ref: stageId }])] },
      },
      DependsOn: Match.arrayWith([stageId]),
    });
  });

  it('lets findings bodies through the body-inspecting common rules (count, not block)', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([
        Match.objectLike({
          Statement: {
            ManagedRuleGroupStatement: Match.objectLike({
              RuleActionOverrides: Match.arrayWith([
                { Name: 'SizeRestrictions_BODY', ActionToUse: { Count: {} } },
                { Name: 'CrossSiteScripting_BODY', ActionToUse: { Count: {} } },
              ]),
            }),
          },
        }),
      ]),
    });
  });

  it('lets only the administrator account’s principals invoke it without an organization id', () => {
    const [api] = Object.values(template.findResources('AWS::ApiGateway::RestApi'));
    const statements = api.Properties.Policy.Statement as Array<{ Sid: string; Principal: unknown; Resource: unknown }>;
    expect(statements.map((statement) => statement.Sid)).toEqual(['AdministratorAccount']);
    expect(JSON.stringify(statements[0].Principal)).toContain(':root');
    expect(statements[0].Resource).toBe('execute-api:/*');
  });
});

describe('FindingsApi resource policy with an organization (aws:PrincipalOrgID)', () => {
  const ORG = 'o-abc123def4';
  let statements: Array<{ Sid: string; Effect: string; Principal: unknown; Action: string; Resource: string | string[]; Condition?: unknown }>;

  beforeAll(() => {
    const stack = testStack();
    const store = new FindingsStore(stack, 'FindingsStore');
    new FindingsApi(stack, 'FindingsApi', { table: store.table, organizationId: ORG });
    const [api] = Object.values(Template.fromStack(stack).findResources('AWS::ApiGateway::RestApi'));
    statements = api.Properties.Policy.Statement;
  });

  it('lets the organization’s principals invoke only the member operations’ routes', () => {
    const organization = statements.find((statement) => statement.Sid === 'OrganizationMemberOperations')!;
    expect(organization).toMatchObject({ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'execute-api:Invoke', Condition: { StringEquals: { 'aws:PrincipalOrgID': ORG } } });
    const resources = [organization.Resource].flat();
    expect(resources).toEqual(memberInvokeResources());
    // A member's own-findings operations are there, method and path…
    expect(resources).toEqual(
      expect.arrayContaining([
        'execute-api:/*/POST/findings/import',
        'execute-api:/*/POST/findings',
        'execute-api:/*/PATCH/findings/batchupdate',
        'execute-api:/*/GET/insights/results/*',
      ]),
    );
    // …the administrator's are not: members, organization configuration, configuration policies, aggregators, remediation.
    for (const route of ['/members', '/organization/configuration', '/configurationPolicy', '/findingAggregator', '/automationrules', '/actionTargets']) {
      expect(resources.filter((resource) => resource.replace(/^execute-api:\/\*\/[A-Z]+/, '').startsWith(route))).toEqual([]);
    }
    expect(resources).not.toContain('execute-api:/*');
  });

  it('keeps every operation open to the administrator account', () => {
    expect(statements.find((statement) => statement.Sid === 'AdministratorAccount')).toMatchObject({ Resource: 'execute-api:/*', Action: 'execute-api:Invoke' });
    expect(statements).toHaveLength(2);
  });
});
