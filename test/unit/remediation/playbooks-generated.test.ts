import * as fs from 'node:fs';
import * as path from 'node:path';
import { format } from '../../../lambdas/remediation/playbooks/asl';
import { generatedPlaybookFiles } from '../../../lambdas/remediation/playbooks/generate';
import { playbookDefinition } from '../../../lambdas/remediation/playbooks/skeleton';
import { PLAYBOOK_SPECS } from '../../../lambdas/remediation/playbooks/specs';
import { PLAYBOOKS } from '../../../lambdas/remediation/playbooks';

const ROOT = path.join(__dirname, '../../..');

describe('generated playbook state machines', () => {
  it.each(generatedPlaybookFiles().map(({ file, text }) => [file, text]))(
    '%s is what the skeleton and its spec generate (run `npm run generate` after changing them)',
    (file, text) => {
      expect(fs.readFileSync(path.join(ROOT, file), 'utf8')).toBe(text);
    },
  );

  it('has one spec per registry entry, no more', () => {
    expect(PLAYBOOK_SPECS.map((spec) => spec.id).sort()).toEqual(PLAYBOOKS.map((playbook) => playbook.id).sort());
    expect(
      fs
        .readdirSync(path.join(ROOT, 'statemachines'))
        .filter((name) => name.startsWith('remediation-'))
        .sort(),
    ).toEqual(PLAYBOOKS.map((playbook) => `remediation-${playbook.id}.asl.json`).sort());
  });

  it('refuses a spec whose read or act does not start where the skeleton points', () => {
    const spec = PLAYBOOK_SPECS[0]!;
    expect(() => playbookDefinition({ ...spec, act: (next) => ({ Change: { Type: 'Pass', Next: next } }) })).toThrow(
      `playbook ${spec.id}: act() must start with the state "Act", not "Change"`,
    );
    expect(() => playbookDefinition({ ...spec, read: (_side, next) => ({ Read: { Type: 'Pass', Next: next } }) })).toThrow(
      'read("before") must start with the state "Read Before"',
    );
  });

  it('formats summaries with as many arguments as placeholders', () => {
    expect(format('bucket {} in {}', '$.a', '$.b')).toBe("States.Format('bucket {} in {}', $.a, $.b)");
    expect(() => format('bucket {}')).toThrow('1 placeholders but 0 arguments');
    expect(() => format("bucket's {}", '$.a')).toThrow('may not contain a quote');
  });
});
