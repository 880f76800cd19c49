import { extractStackModel, UnsupportedTemplateError, type CfnTemplate } from '../../lib/local/engine';
import { NORMALIZERS } from '../../lambdas/normalize/registry';
import { wholeStack } from './whole-stack';

const names = { stackName: 'OpenSecurityHub', account: '000000000000', region: 'us-east-1', tableName: () => 'sechub-findings' };

describe('the stack model, from the synthesized template', () => {
  let template: CfnTemplate;

  beforeAll(() => {
    template = wholeStack().template as CfnTemplate; // the whole stack, synthesized once per run
  });

  it('names each normalizer function by its entry, with its environment resolved to local names', () => {
    const model = extractStackModel(template, names);

    const normalizer = Object.values(model.functions).find((fn) => fn.entry === 'lambdas/functions/normalize-asff/handler.ts')!;
    expect(normalizer.environment).toMatchObject({ FINDINGS_TABLE: 'sechub-findings', TRUSTED_ACCOUNT_ID: '000000000000' });
    expect(normalizer.name).toBe('OpenSecurityHub-IngestionNormalizeAsff');
    expect(normalizer.asyncInvoke).toEqual({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 21_600, onFailureQueue: expect.stringMatching(/^IngestionAsffDeadLetters/) });
  });

  it('has a rule per normalizer on the default and the organization bus, with retries and a dead-letter queue', () => {
    const model = extractStackModel(template, names);

    const normalizerRules = model.rules.filter((rule) => model.functions[rule.targets[0].function].entry.startsWith('lambdas/functions/normalize-'));
    expect(normalizerRules).toHaveLength(NORMALIZERS.length * 2);
    for (const normalizer of NORMALIZERS) {
      const rules = model.rules.filter((rule) => model.functions[rule.targets[0].function].entry === `lambdas/functions/normalize-${normalizer.id}/handler.ts`);
      expect(rules.map((rule) => rule.bus).sort()).toEqual(['OpenSecurityHub-ingestion', 'default']);
      for (const rule of rules) {
        expect(rule.eventPattern).toEqual(normalizer.eventPattern);
        expect(rule.targets[0]).toMatchObject({ retryPolicy: { maximumRetryAttempts: 8, maximumEventAgeSeconds: 86_400 } });
        expect(model.queues[rule.targets[0].deadLetterQueue!].retentionSeconds).toBe(1_209_600);
      }
    }
  });

  it('refuses an intrinsic it cannot resolve, naming where', () => {
    const broken: CfnTemplate = {
      Resources: {
        Fn: { Type: 'AWS::Lambda::Function', Metadata: { 'OpenSecurityHub:Entry': 'x.ts' }, Properties: { Environment: { Variables: { A: { 'Fn::ImportValue': 'y' } } } } },
      },
    };
    expect(() => extractStackModel(broken, names)).toThrow(new UnsupportedTemplateError('Fn.Properties.Environment.Variables.A: Fn::ImportValue is not resolved locally'));
  });
});
