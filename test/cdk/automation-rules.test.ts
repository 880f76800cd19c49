import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { AutomationRulesAsCode } from '../../lib/constructs/automation-rules';

describe('AutomationRulesAsCode', () => {
  it('carries the shipped rules and synthesizes', () => {
    const app = new App();
    const stack = new Stack(app, 'Rules');
    const rules = new AutomationRulesAsCode(stack, 'AutomationRules');
    expect(rules.rules.map((rule) => rule.RuleName)).toContain('Suppress informational Config findings in the sandbox account');
    expect(() => app.synth()).not.toThrow();
  });

  it('fails synth with the invalid rule field path', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'rules.json');
    writeFileSync(file, JSON.stringify({ Rules: [{ RuleName: 'x', Description: 'x', RuleOrder: 0, Criteria: {}, Actions: [] }] }));
    const app = new App();
    new AutomationRulesAsCode(new Stack(app, 'Bad'), 'AutomationRules', { file });
    expect(() => app.synth()).toThrow(/Rules\[0\]\.RuleOrder: must be an integer from 1 to 1000/);
  });
});
