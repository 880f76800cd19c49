import { Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ACCOUNT_SETTINGS_CHANGE_PATTERN, COLLECTOR_READ_ACTIONS } from '../../../lib/constructs/account-settings-collector';
import { ACCOUNT_SETTINGS_PATTERN, Compliance } from '../../../lib/constructs/compliance';
import { FindingsStore } from '../../../lib/constructs/findings-store';
import { ENTRY_METADATA_KEY } from '../../../lib/constructs/node-function';
import { MemberForwardingStack } from '../../../lib/member-forwarding-stack';
import { matchesEventPattern } from '../../../lib/local/engine';
import { testApp, testStack } from '../synth';

const BUS = 'arn:aws:events:us-east-1:999988887777:event-bus/OpenSecurityHub-ingestion';

describe('member stack: account settings collector', () => {
  const template = Template.fromStack(new MemberForwardingStack(testApp(), 'Member', { ingestionBusArn: BUS }));
  const collector = () => {
    const functions = template.findResources('AWS::Lambda::Function', { Metadata: { [ENTRY_METADATA_KEY]: 'lambdas/functions/account-settings-collector/handler.ts' } });
    expect(Object.keys(functions)).toHaveLength(1);
    return Object.entries(functions)[0];
  };

  it('deploys the collector with the admin bus and its own account', () => {
    const [, fn] = collector();

    expect(fn.Properties.Environment.Variables).toMatchObject({ INGESTION_BUS_ARN: BUS, ACCOUNT_ID: { Ref: 'AWS::AccountId' } });
  });

  it('gives it only the read calls it makes, DescribeHub on the hub, and PutEvents on the admin bus', () => {
    const [logicalId] = collector();
    const roleId = template.findResources('AWS::Lambda::Function')[logicalId].Properties.Role['Fn::GetAtt'][0];
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles).includes(roleId));
    const statements = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>);
    const actions = statements.flatMap((statement) => [statement.Action].flat());

    expect(actions).toEqual(expect.arrayContaining([...COLLECTOR_READ_ACTIONS, 'securityhub:DescribeHub', 'events:PutEvents']));
    expect(actions.filter((action) => !/^(xray|logs|sqs|kms):/.test(action)).sort()).toEqual([...COLLECTOR_READ_ACTIONS, 'securityhub:DescribeHub', 'events:PutEvents'].sort());
    const serviceActions = actions.filter((action) => !/^(xray|logs|sqs|kms):/.test(action) && action !== 'events:PutEvents');
    expect(serviceActions.filter((action) => /:(Put|Update|Delete|Create|Enable|Disable|Stop|Start|Register|Deregister)/.test(action))).toEqual([]);
    expect(statements.find((statement) => statement.Action === 'events:PutEvents')!.Resource).toBe(BUS);
  });

  it('runs it daily and on the CloudTrail events that change the settings', () => {
    const [logicalId] = collector();
    const rules = Object.values(template.findResources('AWS::Events::Rule')).filter((rule) => JSON.stringify(rule.Properties.Targets).includes(logicalId));

    expect(rules.map((rule) => rule.Properties.ScheduleExpression).filter(Boolean)).toEqual(['rate(1 day)']);
    expect(rules.map((rule) => rule.Properties.EventPattern).filter(Boolean)).toEqual([ACCOUNT_SETTINGS_CHANGE_PATTERN]);
    const cloudTrail = { source: 'aws.ec2', 'detail-type': 'AWS API Call via CloudTrail', detail: { eventName: 'DisableEbsEncryptionByDefault' } };
    expect(matchesEventPattern(ACCOUNT_SETTINGS_CHANGE_PATTERN, cloudTrail)).toBe(true);
    expect(matchesEventPattern(ACCOUNT_SETTINGS_CHANGE_PATTERN, { ...cloudTrail, detail: { eventName: 'RunInstances' } })).toBe(false);
    for (const rule of rules) expect(rule.Properties.Targets[0]).toMatchObject({ DeadLetterConfig: expect.anything(), RetryPolicy: { MaximumRetryAttempts: 8 } });
  });
});

describe('admin stack: account settings and snapshots after changes', () => {
  const stack = testStack();
  const store = new FindingsStore(stack, 'FindingsStore');
  new Compliance(stack, 'Compliance', { table: store.table, bus: new events.EventBus(stack, 'OrganizationBus'), deadLetterKey: new kms.Key(stack, 'Key') });
  const template = Template.fromStack(stack);

  it('routes Account Settings Recorded events from both buses to the change evaluator', () => {
    const rules = template.findResources('AWS::Events::Rule', { Properties: { EventPattern: ACCOUNT_SETTINGS_PATTERN } });

    expect(Object.keys(rules)).toHaveLength(2);
    for (const rule of Object.values(rules)) expect(JSON.stringify(rule.Properties.Targets)).toMatch(/EvaluateConfigChange/);
  });

  it('snapshots scores after changes every 15 minutes', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: 'rate(15 minutes)' } }));

    expect(rules).toHaveLength(1);
    expect(JSON.stringify(rules[0].Properties.Targets)).toMatch(/SnapshotAfterChanges/);
  });
});
