/**
 * Writes docs/controls.md from the control catalogue and the standards' data. Run
 * `npm run generate:controls` (part of `npm run generate`) after changing a control or a
 * standard; test/unit/compliance/controls-doc.test.ts fails while the file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderControlsDoc } from './catalogue-doc';
import { CONTROLS } from './controls/registry';

/** Where the generated catalogue page lives. */
export const CONTROLS_DOC = path.join(__dirname, '..', '..', 'docs', 'controls.md');

if (require.main === module) {
  fs.mkdirSync(path.dirname(CONTROLS_DOC), { recursive: true });
  fs.writeFileSync(CONTROLS_DOC, renderControlsDoc(CONTROLS));
  console.log(`wrote ${path.relative(process.cwd(), CONTROLS_DOC)} (${CONTROLS.length} controls)`);
}
