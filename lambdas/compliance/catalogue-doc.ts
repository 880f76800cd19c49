/**
 * docs/controls.md, rendered from the control catalogue and the standards' data: every control
 * with its standards (and standards-control ids), resource types and when it is evaluated, and
 * the coverage of each standard and service against Security Hub's published lists. Pure; the
 * generator (generate-controls-doc.ts) writes it and a test keeps the file in step.
 */
import type { ControlDefinition } from './controls/types';
import { ACCOUNT_TYPE, CHANGE_TRIGGER_TYPES } from './evaluate';
import { STANDARDS, type StandardId } from './standards';
import { mappingsOf } from './standards-membership';

/** Short names of the standards in tables. */
const SHORT: Record<StandardId, string> = {
  'aws-foundational-security-best-practices/v/1.0.0': 'FSBP',
  'cis-aws-foundations-benchmark/v/3.0.0': 'CIS 3.0',
  'pci-dss/v/3.2.1': 'PCI 3.2.1',
  'nist-800-53/v/5.0.0': 'NIST 800-53',
  'pci-dss/v/4.0.1': 'PCI 4.0.1',
  'cis-aws-foundations-benchmark/v/5.0.0': 'CIS 5.0',
  'aws-resource-tagging-standard/v/1.0.0': 'Tagging',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const service = (id: string) => id.slice(0, id.lastIndexOf('.'));
const percent = (part: number, whole: number) => (whole === 0 ? '—' : `${Math.round((part / whole) * 100)} %`);
const byId = (a: string, b: string) => service(a).localeCompare(service(b)) || Number(a.slice(a.lastIndexOf('.') + 1)) - Number(b.slice(b.lastIndexOf('.') + 1));

/** How a control is evaluated here: on which changes, and by the periodic sweep. */
export function evaluatedWhen(control: ControlDefinition): string {
  const triggers = [...new Set([...control.resourceTypes.filter((type) => type !== ACCOUNT_TYPE), ...(control.reads ?? []).map((read) => read.resourceType)])].filter((type) =>
    CHANGE_TRIGGER_TYPES.includes(type),
  );
  const onChange = control.resourceTypes.includes(ACCOUNT_TYPE) ? ['account settings events', ...triggers] : triggers;
  return onChange.length > 0 ? `both: on change (${onChange.join(', ')}) and on schedule` : 'on schedule';
}

function standardsCell(control: ControlDefinition): string {
  return mappingsOf(control)
    .map((mapping) => (mapping.standardsControlId === control.id ? SHORT[mapping.standard] : `${SHORT[mapping.standard]} (${mapping.standardsControlId})`))
    .join(' · ');
}

/** The control's parameters with their defaults (`name = default`), or an empty cell. */
function parametersCell(control: ControlDefinition): string {
  return Object.entries(control.parameters ?? {})
    .map(([name, parameter]) => `\`${name}\` = ${Array.isArray(parameter.default) ? `[${parameter.default.join(', ')}]` : String(parameter.default)}`)
    .join('<br>');
}

function coverageByStandard(catalogue: readonly ControlDefinition[]): string[] {
  const ids = new Set(catalogue.map((control) => control.id));
  const rows = STANDARDS.map((standard) => {
    const ours = standard.published.filter((id) => ids.has(id)).length;
    return `| ${standard.name} | \`${standard.id}\` | ${standard.published.length} | ${ours} | ${standard.published.length - ours} | ${percent(ours, standard.published.length)} |`;
  });
  return ['| Standard | Id | Security Hub’s controls | Ours | Not implemented yet | Coverage |', '| --- | --- | ---: | ---: | ---: | ---: |', ...rows];
}

function coverageByService(catalogue: readonly ControlDefinition[]): string[] {
  const published = new Set(STANDARDS.flatMap((standard) => standard.published));
  const ours = new Set(catalogue.map((control) => control.id));
  const services = [...new Set([...published, ...ours].map(service))].sort((a, b) => a.localeCompare(b));
  const rows = services.map((name) => {
    const theirs = [...published].filter((id) => service(id) === name).length;
    const mine = [...ours].filter((id) => service(id) === name).length;
    const implemented = [...ours].filter((id) => service(id) === name && published.has(id)).length;
    return `| ${name} | ${theirs} | ${mine} | ${percent(implemented, theirs)} |`;
  });
  return ['| Service | Security Hub’s controls | Ours | Coverage |', '| --- | ---: | ---: | ---: |', ...rows];
}

function notImplemented(catalogue: readonly ControlDefinition[]): string[] {
  const ids = new Set(catalogue.map((control) => control.id));
  return STANDARDS.flatMap((standard) => {
    const missing = standard.published.filter((id) => !ids.has(id)).sort(byId);
    return [`- **${standard.name}** (${missing.length}): ${missing.length > 0 ? missing.join(', ') : 'none'}`];
  });
}

/** Per standard with requirement data, the catalogue's controls in it whose requirement ids are not transcribed yet. */
function untranscribed(catalogue: readonly ControlDefinition[]): string[] {
  return STANDARDS.filter((standard) => standard.membership === 'published' && standard.id !== 'aws-resource-tagging-standard/v/1.0.0').map((standard) => {
    const missing = catalogue
      .filter((control) => standard.requirements?.[control.id]?.length === 0)
      .map((control) => control.id)
      .sort(byId);
    return `- **${standard.name}**: ${missing.length > 0 ? missing.join(', ') : 'none'}`;
  });
}

/** The whole of docs/controls.md for a catalogue. */
export function renderControlsDoc(catalogue: readonly ControlDefinition[]): string {
  const controls = [...catalogue].sort((a, b) => byId(a.id, b.id));
  const types = new Set(catalogue.flatMap((control) => control.resourceTypes));
  const lines = [
    "<!-- Generated by `npm run generate:controls` (lambdas/compliance/generate-controls-doc.ts) from the control catalogue and the standards' data: do not edit. -->",
    '',
    '# Controls',
    '',
    `Open Security Hub evaluates **${catalogue.length} controls** over **${types.size} resource types** (\`AWS::::Account\` included), in ${STANDARDS.length} standards.`,
    'Controls, standards and their ids are Security Hub’s; see [standards](standards.md) for enabling standards and disabling a control in one standard.',
    '',
    'Every control is evaluated **on change** — when AWS Config records a change of a resource type it evaluates or reads (account-level controls also when the',
    'account settings collector reports) — **and on schedule**, by the periodic sweep over every resource (which also moves verdicts that depend on time, such',
    'as key and credential age).',
    '',
    '## Coverage by standard',
    '',
    'Security Hub’s controls per standard are its published lists (control reference, March 2026), kept in `lambdas/compliance/standards/`.',
    '',
    ...coverageByStandard(catalogue),
    '',
    '## Coverage by service',
    '',
    'Security Hub’s controls here are those in at least one of the standards above.',
    '',
    ...coverageByService(catalogue),
    '',
    '## Controls',
    '',
    'Standards list the standards-control id in parentheses where Security Hub’s differs from the security control id.',
    '',
    '| Id | Title | Severity | Standards | Resource types | Parameters (default) | Evaluated |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...controls.map(
      (control) =>
        `| ${control.id} | ${cell(control.title)} | ${control.severity} | ${cell(standardsCell(control))} | ${control.resourceTypes.map((type) => `\`${type}\``).join(', ')} | ${cell(parametersCell(control))} | ${cell(evaluatedWhen(control))} |`,
    ),
    '',
    '## Not implemented yet',
    '',
    'Controls Security Hub lists in each standard that the catalogue does not evaluate yet.',
    '',
    ...notImplemented(catalogue),
    '',
    '## Requirement ids not transcribed yet',
    '',
    'Controls of the catalogue in these standards whose RelatedRequirements for the standard are still empty in `lambdas/compliance/standards/`.',
    '',
    ...untranscribed(catalogue),
    '',
  ];
  return lines.join('\n');
}
