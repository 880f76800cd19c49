import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';

/**
 * `cdk synth` warns about every feature flag a project leaves unconfigured. cdk.json configures each
 * flag this aws-cdk-lib recommends, so a user sees no such warning; a CDK upgrade that adds flags
 * fails here until they are decided.
 */
describe('cdk.json feature flags', () => {
  const context = (JSON.parse(readFileSync(join(__dirname, '..', '..', 'cdk.json'), 'utf8')) as { context: Record<string, unknown> }).context;

  it('configures every flag aws-cdk-lib recommends', () => {
    const unconfigured = Object.keys(CURRENTLY_RECOMMENDED_FLAGS).filter((flag) => !(flag in context));
    expect(unconfigured).toEqual([]);
  });

  it('sets each to its recommended value', () => {
    const differing = Object.entries(CURRENTLY_RECOMMENDED_FLAGS).filter(([flag, value]) => JSON.stringify(context[flag]) !== JSON.stringify(value));
    expect(differing).toEqual([]);
  });
});
