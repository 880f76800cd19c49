import { readSeed } from '../../../lib/local/config-store';
import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import { ACCOUNT_TYPE, assembleAccountItem } from '../../../lambdas/compliance/evaluate';
import type { ConfigurationItem, ControlResult } from '../../../lambdas/compliance/controls/types';
import { taggingControls } from '../../../lambdas/compliance/controls/tagging';

/** The day the time-dependent seed values (secret rotation and access dates) were written for. */
const NOW = new Date('2026-12-07T12:00:00Z');

/**
 * Controls of the catalogue that the simulated account does not show both ways yet, and why:
 * a resource type the seed has no item of, or items that all get the same verdict. Shrink it as the
 * seed grows; a control that now shows both ways must leave the list (the test says so).
 */
const NOT_YET_SHOWN_BOTH_WAYS: Readonly<Record<string, string>> = {
  'S3.1': 'one account in one Region: its account item gets one verdict',
  'EC2.7': 'one account in one Region: its account item gets one verdict',
  'IAM.4': 'one account in one Region: its account item gets one verdict',
  'IAM.6': 'one account in one Region: its account item gets one verdict',
  'IAM.7': 'one account in one Region: its account item gets one verdict',
  'IAM.9': 'one account in one Region: its account item gets one verdict',
  'IAM.10': 'one account in one Region: its account item gets one verdict',
  'IAM.15': 'one account in one Region: its account item gets one verdict',
  'IAM.16': 'one account in one Region: its account item gets one verdict',
  'CloudTrail.1': 'one account in one Region: its account item gets one verdict',
  'GuardDuty.1': 'one account in one Region: its account item gets one verdict',
  'Config.1': 'one account in one Region: its account item gets one verdict',
  'OSH.SecurityHub.1': 'one account in one Region: its account item gets one verdict',
  'IAM.11': 'one account in one Region: its account item gets one verdict',
  'IAM.12': 'one account in one Region: its account item gets one verdict',
  'IAM.14': 'one account in one Region: its account item gets one verdict',
  'IAM.17': 'one account in one Region: its account item gets one verdict',
  'CloudTrail.3': 'one account in one Region: its account item gets one verdict',
  'S3.22': 'one account in one Region: its account item gets one verdict',
  'S3.23': 'one account in one Region: its account item gets one verdict',
  'CloudTrail.2': 'one trail',
  'CloudTrail.4': 'one trail',
  'CloudTrail.5': 'one trail',
  'CloudTrail.7': 'one trail',
  'CloudTrail.6': 'one trail',
  'IAM.3': 'the credential report dates (2025) have aged: every key is stale now',
  'IAM.8': 'the credential report dates (2025) have aged',
  'IAM.22': 'the credential report dates (2025) have aged',
  'S3.3': 'no bucket grants public write access',
  // The AWS Resource Tagging Standard's controls: with the default requiredTagKeys the seed's untagged resources all fail.
  ...Object.fromEntries(taggingControls.map((control) => [control.id, 'tagging standard: the seed does not tag its resources'])),
};

/** Per control, the verdicts it gives on the seed (account items assembled as the sweep assembles them). */
async function verdicts(): Promise<Map<string, Set<ControlResult>>> {
  const seed = (await readSeed()) as unknown as ConfigurationItem[];
  const byPlace = new Map<string, ConfigurationItem[]>();
  for (const item of seed) byPlace.set(`${item.accountId}/${item.awsRegion}`, [...(byPlace.get(`${item.accountId}/${item.awsRegion}`) ?? []), item]);
  const seen = new Map<string, Set<ControlResult>>(CONTROLS.map((control) => [control.id, new Set()]));
  for (const [place, items] of byPlace) {
    const [accountId, awsRegion] = place.split('/') as [string, string];
    const related = (type: string) => items.filter((item) => item.resourceType === type);
    const subjects = [...items.filter((item) => item.resourceType !== ACCOUNT_TYPE), assembleAccountItem(accountId, awsRegion, related)];
    for (const item of subjects) {
      for (const control of CONTROLS.filter((candidate) => candidate.resourceTypes.includes(item.resourceType))) {
        const parameters = Object.fromEntries(Object.entries(control.parameters ?? {}).map(([name, parameter]) => [name, parameter.default]));
        seen.get(control.id)!.add(control.evaluate(item, { parameters, related, now: NOW }).status);
      }
    }
  }
  return seen;
}

describe('the simulated member account shows every control both ways', () => {
  let seen: Map<string, Set<ControlResult>>;
  beforeAll(async () => {
    seen = await verdicts();
  });

  it('has, for every control, a resource it passes and a resource it fails (or says why not)', () => {
    const missing = CONTROLS.filter((control) => !NOT_YET_SHOWN_BOTH_WAYS[control.id])
      .filter((control) => !seen.get(control.id)!.has('PASSED') || !seen.get(control.id)!.has('FAILED'))
      .map((control) => `${control.id}: ${[...seen.get(control.id)!].join(', ') || 'no resource'}`);
    expect(missing).toEqual([]);
  });

  it('lists as not yet shown only controls that really are not shown both ways', () => {
    const shown = Object.keys(NOT_YET_SHOWN_BOTH_WAYS).filter((id) => seen.get(id)?.has('PASSED') && seen.get(id)?.has('FAILED'));
    expect(shown).toEqual([]);
  });
});
