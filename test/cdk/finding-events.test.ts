import { Match, type Template } from 'aws-cdk-lib/assertions';
import { FINDING_SK } from '../../lambdas/store';
import { wholeStackTemplate } from './whole-stack';

type Resource = { Properties: Record<string, any> };

describe('FindingEvents in the stack', () => {
  let template: Template;
  let resources: Record<string, Resource>;

  beforeAll(() => {
    template = wholeStackTemplate();
    resources = template.toJSON().Resources;
  });

  const fnIdOf = (entry: string) => Object.entries(template.findResources('AWS::Lambda::Function')).find(([, fn]) => fn.Metadata?.['OpenSecurityHub:Entry'] === entry)![0];

  function statementsOf(fnId: string): Array<{ Action: string | string[]; Resource: unknown }> {
    const roleId = resources[fnId].Properties.Role['Fn::GetAtt'][0];
    return Object.values(template.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } })).flatMap((policy) => policy.Properties.PolicyDocument.Statement);
  }

  it('enables a stream with old and new images on the findings table', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_AND_OLD_IMAGES' } });
  });

  it('maps the stream to the publisher with a filter on finding items (INSERT, MODIFY), partial batch responses and an on-failure queue', () => {
    const publisher = fnIdOf('lambdas/functions/publish-finding-events/handler.ts');
    const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: publisher } } }));

    expect(mapping.Properties).toMatchObject({
      EventSourceArn: { 'Fn::GetAtt': [expect.any(String), 'StreamArn'] },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      MaximumRetryAttempts: 5,
      DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } } },
    });
    expect(mapping.Properties.FilterCriteria.Filters.map((filter: { Pattern: string }) => JSON.parse(filter.Pattern))).toEqual([
      { eventName: ['INSERT', 'MODIFY'], dynamodb: { Keys: { sk: { S: [FINDING_SK] } } } },
    ]);
  });

  it('lets the publisher put events on the app bus only', () => {
    const publisher = fnIdOf('lambdas/functions/publish-finding-events/handler.ts');
    const busId = Object.keys(template.findResources('AWS::Events::EventBus'))[0];
    const statements = statementsOf(publisher);

    const putEvents = statements.filter((statement) => [statement.Action].flat().some((action) => action.startsWith('events:')));
    expect(putEvents).toEqual([expect.objectContaining({ Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } })]);
    expect(resources[publisher].Properties.Environment.Variables).toMatchObject({ EVENT_BUS_NAME: { Ref: busId } });
  });

  it('gives the API handler PutEvents on the app bus and its name, for custom actions', () => {
    const api = fnIdOf('lambdas/functions/api/handler.ts');
    const busId = Object.keys(template.findResources('AWS::Events::EventBus'))[0];

    expect(statementsOf(api)).toContainEqual(expect.objectContaining({ Action: 'events:PutEvents', Resource: { 'Fn::GetAtt': [busId, 'Arn'] } }));
    expect(resources[api].Properties.Environment.Variables).toMatchObject({ EVENT_BUS_NAME: { Ref: busId } });
  });

  it('encrypts the dead-letter queue with KMS and alarms on its first message', () => {
    const publisher = fnIdOf('lambdas/functions/publish-finding-events/handler.ts');
    const [mapping] = Object.values(template.findResources('AWS::Lambda::EventSourceMapping', { Properties: { FunctionName: { Ref: publisher } } }));
    const queueId = mapping.Properties.DestinationConfig.OnFailure.Destination['Fn::GetAtt'][0];

    expect(resources[queueId].Properties).toMatchObject({ KmsMasterKeyId: { 'Fn::GetAtt': [expect.any(String), 'Arn'] }, MessageRetentionPeriod: 1_209_600 });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 1,
    });
    void Match;
  });
});
