import { Match } from 'aws-cdk-lib/assertions';
import { ENTRY_METADATA_KEY } from '../../lib/constructs/node-function';
import { wholeStackTemplate } from './whole-stack';

/** The whole stack, as deployed: the dashboard reads what the other constructs created. */
const template = wholeStackTemplate();
const resources = (type: string) => Object.entries(template.findResources(type)) as Array<[string, { Properties: Record<string, any> }]>;
const [topicId] = Object.entries(template.findResources('AWS::SNS::Topic', { Properties: { DisplayName: 'Open Security Hub operations alarms' } })).map(([id]) => id);

describe('OperationsDashboard', () => {
  it('draws ingestion per source, dead letters, functions, evaluations, remediations and API latency', () => {
    const [[, dashboard]] = resources('AWS::CloudWatch::Dashboard');
    const body = JSON.stringify(dashboard.Properties.DashboardBody);
    for (const title of [
      'Ingestion rate per source',
      'Dead-letter queue depths',
      'Function errors',
      'Function throttles',
      'Compliance sweeps',
      'Remediation outcomes',
      'API latency (ms)',
    ]) {
      expect(body).toContain(title);
    }
    // One line per normalizer source, labelled by source.
    for (const source of ['guardduty', 'inspector', 'macie', 'config']) expect(body.toLowerCase()).toContain(`\\"label\\":\\"${source}`);
  });

  it('sends every alarm of the stack, the dead-letter ones included, to the operations topic', () => {
    const alarms = resources('AWS::CloudWatch::Alarm');
    expect(alarms.length).toBeGreaterThan(30);
    for (const [id, alarm] of alarms) expect([id, alarm.Properties.AlarmActions]).toEqual([id, [{ Ref: topicId }]]);
    const descriptions = alarms.map(([, alarm]) => String(alarm.Properties.AlarmDescription));
    expect(descriptions).toEqual(
      expect.arrayContaining([expect.stringMatching(/compliance sweep failed/), expect.stringMatching(/API answers 5XX/), expect.stringMatching(/p90 latency/)]),
    );
    // One per function of the product (NodeFunction, marked with its entry), not CDK's own helper functions.
    const productFunctions = Object.keys(template.findResources('AWS::Lambda::Function', { Metadata: { [ENTRY_METADATA_KEY]: Match.anyValue() } }));
    expect(productFunctions.length).toBeGreaterThan(15);
    expect(descriptions.filter((text) => /keeps failing or being throttled/.test(text)).length).toBe(productFunctions.length);
    expect(descriptions.filter((text) => /^Remediation playbook /.test(text)).length).toBeGreaterThanOrEqual(9);
  });

  it('encrypts the operations topic with a rotating key CloudWatch may use, and refuses plain HTTP', () => {
    const topic = template.findResources('AWS::SNS::Topic')[topicId];
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    template.hasResource('AWS::KMS::Key', {
      Properties: {
        EnableKeyRotation: true,
        KeyPolicy: {
          Statement: Match.arrayWith([
            Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } }),
          ]),
        },
      },
    });
    expect(template.findResources('AWS::KMS::Key')[keyId]).toBeDefined();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});
