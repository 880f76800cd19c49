import { Match, Template } from 'aws-cdk-lib/assertions';
import { MemberForwardingStack } from '../../lib/member-forwarding-stack';
import { NORMALIZERS } from '../../lambdas/normalize/registry';
import { testApp } from './synth';

const HOME_BUS = 'arn:aws:events:us-east-1:999999999999:event-bus/OpenSecurityHub-ingestion';

/**
 * The forwarding shape of a linked Region: the member stack deployed in eu-west-1 sends every
 * normalizer's events (and the account settings) to the home Region's ingestion bus, through a
 * role that may put events on that bus only (EventBridge's cross-Region bus targets need a role).
 */
describe('MemberForwardingStack in a linked Region', () => {
  const app = testApp();
  const stack = new MemberForwardingStack(app, 'MemberEuWest1', { ingestionBusArn: HOME_BUS, env: { account: '111122223333', region: 'eu-west-1' } });
  const template = Template.fromStack(stack);

  it('forwards each normalizer’s events from the linked Region to the home Region’s bus, with a role', () => {
    for (const normalizer of NORMALIZERS) {
      template.hasResourceProperties('AWS::Events::Rule', {
        EventPattern: normalizer.eventPattern,
        Targets: [Match.objectLike({ Arn: HOME_BUS, RoleArn: Match.anyValue(), DeadLetterConfig: Match.anyValue() })],
      });
    }
  });

  it('lets the forwarding role put events on the home Region’s bus and nothing else', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy).includes('events:PutEvents'));
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      for (const statement of policy.Properties.PolicyDocument.Statement as Array<{ Action: string | string[]; Resource: unknown }>) {
        if ([statement.Action].flat().includes('events:PutEvents')) expect(statement.Resource).toEqual(HOME_BUS);
      }
    }
  });
});
