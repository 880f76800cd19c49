import { readFileSync } from 'node:fs';
import { evaluatedWhen, renderControlsDoc } from '../../../lambdas/compliance/catalogue-doc';
import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import type { ControlDefinition } from '../../../lambdas/compliance/controls/types';
import { CONTROLS_DOC } from '../../../lambdas/compliance/generate-controls-doc';
import { STANDARDS } from '../../../lambdas/compliance/standards';

describe('docs/controls.md', () => {
  it('is in step with the catalogue and the standards’ data (else run `npm run generate:controls`)', () => {
    const onDisk = readFileSync(CONTROLS_DOC, 'utf8');
    // Compared as text so that a stale file shows the first differing line.
    expect(onDisk.split('\n')).toEqual(renderControlsDoc(CONTROLS).split('\n'));
  });

  it('lists every control once, with its severity and standards, and a coverage row per standard', () => {
    const doc = renderControlsDoc(CONTROLS);
    for (const control of CONTROLS) expect(doc.split('\n').filter((line) => line.startsWith(`| ${control.id} |`))).toHaveLength(1);
    for (const standard of STANDARDS) expect(doc).toContain(`| ${standard.name} | \`${standard.id}\` | ${standard.published.length} |`);
    expect(doc).toContain('| IAM.4 | IAM root user access key should not exist | CRITICAL | FSBP · CIS 3.0 (1.4) · PCI 3.2.1 (PCI.IAM.1) · NIST 800-53 · CIS 5.0 (1.3) |');
    expect(doc).toContain('| `AWS::SNS::Topic` | `requiredTagKeys` = [] |');
  });

  it('a catalogue change changes the page (the staleness check has teeth)', () => {
    const extra = { ...CONTROLS[0], id: 'Zzz.1', title: 'A control added without regenerating' } as ControlDefinition;
    expect(renderControlsDoc([...CONTROLS, extra])).not.toBe(renderControlsDoc(CONTROLS));
  });

  it('says when each control is evaluated: the change triggers it reads, account settings for account-level ones, and the sweep', () => {
    const find = (id: string) => CONTROLS.find((control) => control.id === id)!;
    expect(evaluatedWhen(find('EC2.6'))).toBe('both: on change (AWS::EC2::VPC, AWS::EC2::FlowLog) and on schedule');
    expect(evaluatedWhen(find('IAM.9'))).toMatch(/^both: on change \(account settings events.*\) and on schedule$/);
  });
});
