import * as fs from 'node:fs';
import { validatorSource, VALIDATOR_FILE } from '../../../lambdas/asff/generate-validator';

describe('the precompiled ASFF validator', () => {
  it('is generated from the current schema (run `npm run generate` after changing it)', () => {
    expect(fs.readFileSync(VALIDATOR_FILE, 'utf8') === validatorSource()).toBe(true);
  });
});
