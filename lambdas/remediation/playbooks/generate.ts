/**
 * Writes every playbook's state machine, `statemachines/remediation-<id>.asl.json`, from the
 * skeleton and its spec (`npm run generate`). The files stay committed and reviewable; a test fails
 * while one differs from what this writes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PLAYBOOKS, playbookDefinitionFile } from '../playbooks';
import { playbookDefinitionText } from './skeleton';
import { PLAYBOOK_SPECS } from './specs';

/** The repository root (where `statemachines/` is). */
const ROOT = path.join(__dirname, '../../..');

/** One generated file: its path relative to the repository root and its text. */
export interface GeneratedPlaybookFile {
  file: string;
  text: string;
}

/** Every playbook file as the generator writes it; throws when the registry and the specs do not pair up one to one. */
export function generatedPlaybookFiles(): GeneratedPlaybookFile[] {
  const specIds = PLAYBOOK_SPECS.map((spec) => spec.id);
  const registryIds = PLAYBOOKS.map((playbook) => playbook.id);
  const missing = registryIds.filter((id) => !specIds.includes(id));
  const extra = specIds.filter((id) => !registryIds.includes(id));
  if (missing.length > 0 || extra.length > 0 || new Set(specIds).size !== specIds.length) {
    throw new Error(
      `playbook specs and registry differ: registry entries without a spec [${missing.join(', ')}], specs without a registry entry [${extra.join(', ')}], specs [${specIds.join(', ')}]`,
    );
  }
  return PLAYBOOK_SPECS.map((spec) => ({ file: playbookDefinitionFile(spec.id), text: playbookDefinitionText(spec) }));
}

if (require.main === module) {
  for (const { file, text } of generatedPlaybookFiles()) {
    const target = path.join(ROOT, file);
    const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : undefined;
    if (before === text) continue;
    fs.writeFileSync(target, text);
    console.log(`wrote ${file}`);
  }
}
