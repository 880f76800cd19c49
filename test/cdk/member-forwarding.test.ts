import { Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { MemberForwardingStack } from '../../lib/member-forwarding-stack';
import { NORMALIZERS } from '../../lambdas/normalize/registry';
import { testApp } from './synth';

const BUS = 'arn:aws:events:us-east-1:111122223333:event-bus/OpenSecurityHub-ingestion';

describe('MemberForwardingStack', () => {
  const app = testApp();
  const stack = new MemberForwardingStack(app, 'Member', { ingestionBusArn: BUS });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const template = Template.fromStack(stack);

  it.each(NORMALIZERS.map((normalizer) => [normalizer.id, normalizer]))('forwards %s events to the admin ingestion bus', (_, normalizer) => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: normalizer.eventPattern,
      Targets: [Match.objectLike({ Arn: BUS, DeadLetterConfig: Match.anyValue(), RoleArn: Match.anyValue() })],
    });
  });

  it('passes cdk-nag AwsSolutions', () => {
    const { violations } = new AwsSolutionsChecks().validateScope(app);
    expect(violations.map((violation) => violation.ruleName)).toEqual([]);
  });
});
