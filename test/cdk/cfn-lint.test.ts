import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wholeStack } from './whole-stack';

/** cfn-lint (the CloudFormation linter, a Python tool) when installed: `pip install cfn-lint`. */
const cfnLint = spawnSync('cfn-lint', ['--version'], { encoding: 'utf8' });
const available = cfnLint.status === 0;
if (!available) process.stderr.write('test/cdk/cfn-lint.test.ts: cfn-lint is not installed (pip install cfn-lint): the linter test is skipped\n');

/**
 * The synthesized templates (the admin stack and the two member templates the StackSets deploy)
 * pass the CloudFormation linter with zero errors. Warnings (W…) and informational findings are
 * not errors; `--format parseable` lines are `file:line:col:…:rule:message`.
 */
(available ? describe : describe.skip)(`cfn-lint ${cfnLint.stdout?.trim() ?? '(not installed)'}`, () => {
  it('finds zero errors in the admin and member templates', () => {
    const { template, memberTemplates } = wholeStack();
    const dir = mkdtempSync(join(tmpdir(), 'osh-cfn-lint-'));
    const files = Object.entries({ admin: template, ...memberTemplates }).map(([name, body]) => {
      const file = join(dir, `${name}.template.json`);
      writeFileSync(file, JSON.stringify(body, null, 1));
      return file;
    });

    const result = spawnSync('cfn-lint', ['--format', 'parseable', '--', ...files], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    const errors = result.stdout.split('\n').filter((line) => /:E\d{4}:/.test(line));

    expect(result.error).toBeUndefined();
    expect(errors).toEqual([]);
  });
});
