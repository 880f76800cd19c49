import { CONTROLS } from '../../../../lambdas/compliance/controls/registry';
import type { ConfigurationItem, EvaluationContext } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const context: EvaluationContext = { parameters: {}, related: () => [], now: new Date('2025-06-01T00:00:00Z') };

/** The fixture with its supplementary documents as the Config API delivers them: JSON strings. */
function stringified(path: string): ConfigurationItem {
  const item = configItem(path);
  const documents = Object.entries(item.supplementaryConfiguration ?? {}).map(([key, value]) => [key, typeof value === 'object' && value !== null ? JSON.stringify(value) : value]);
  return { ...item, supplementaryConfiguration: Object.fromEntries(documents) };
}
const evaluate = (id: string, path: string) => CONTROLS.find((control) => control.id === id)!.evaluate(stringified(path), context);

describe('supplementary documents delivered as JSON strings', () => {
  it.each([
    ['IAM.7', 'account/account-hardened', 'PASSED', /meets the requirements/],
    ['IAM.4', 'account/account-exposed', 'FAILED', /root user has an access key/],
    ['IAM.5', 'iam/user-neglected', 'FAILED', /console password but no MFA/],
    ['CloudTrail.5', 'cloudtrail/trail-stale-delivery', 'FAILED', /12 days ago/],
    ['OSH.SecurityHub.1', 'account/account-hardened', 'PASSED', /Security Hub is enabled/],
  ])('%s judges %s as it judges the object form', (id, path, status, reason) => {
    expect(evaluate(id, path)).toEqual({ status, reason: expect.stringMatching(reason) });
  });
});
