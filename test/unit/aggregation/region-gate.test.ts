import { regionGate, type FindingAggregator } from '../../../lambdas/aggregation';
import { guardDutyNormalizer } from '../../../lambdas/normalize';
import { normalizeAndImport } from '../../../lambdas/normalize/handler';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import type { AwsSecurityFinding } from '../../../lambdas/asff';
import { sourceEvent } from '../../support/fixtures';

const HOME = 'us-east-1';

/** The store's import as the normalizer sees it: records what reaches it. */
function recordingStore() {
  const imported: AwsSecurityFinding[] = [];
  return {
    imported,
    async importFindings(findings: unknown[]) {
      imported.push(...(findings as AwsSecurityFinding[]));
      return { SuccessCount: findings.length, FailedCount: 0, FailedFindings: [], IgnoredFindings: [] };
    },
  };
}

/** A GuardDuty event of the fixture, moved to `region`. */
function guardDutyIn(region: string): SourceEvent {
  const event = sourceEvent<{ region: string }>('guardduty/ec2-ssh-brute-force');
  event.detail.region = region;
  event.region = region;
  return event;
}

function gateOver(aggregator: FindingAggregator | undefined) {
  let reads = 0;
  const read = async () => {
    reads++;
    return aggregator;
  };
  const gate = regionGate({ get: read }, HOME, `test-${Math.random()}`, 0);
  return { gate, reads: () => reads };
}

describe('ingestion honours cross-Region aggregation (normalizeAndImport with a Region gate)', () => {
  it('stores a linked Region’s finding with its own Region', async () => {
    const store = recordingStore();
    const { gate } = gateOver({ arn: 'arn:aws:securityhub:us-east-1:000000000000:finding-aggregator/x', homeRegion: HOME, mode: 'SPECIFIED_REGIONS', regions: ['eu-west-1'] });

    const outcome = await normalizeAndImport(guardDutyNormalizer, store, guardDutyIn('eu-west-1'), gate);

    expect(outcome).toMatchObject({ findings: 1, imported: 1, unlinked: 0 });
    expect(store.imported.map((finding) => finding.Region)).toEqual(['eu-west-1']);
  });

  it('refuses an unlinked Region’s finding, counted, with the reason, and writes nothing', async () => {
    const store = recordingStore();
    const { gate } = gateOver({ arn: 'arn:aws:securityhub:us-east-1:000000000000:finding-aggregator/x', homeRegion: HOME, mode: 'SPECIFIED_REGIONS', regions: ['eu-west-1'] });

    const outcome = await normalizeAndImport(guardDutyNormalizer, store, guardDutyIn('us-west-2'), gate);

    expect(outcome).toMatchObject({ findings: 1, imported: 0, unlinked: 1, unlinkedReasons: [expect.stringMatching(/Region us-west-2 is not linked to home Region us-east-1/)] });
    expect(store.imported).toEqual([]);
  });

  it('stores only the home Region’s findings without an aggregator', async () => {
    const store = recordingStore();
    const { gate } = gateOver(undefined);

    const home = await normalizeAndImport(guardDutyNormalizer, store, guardDutyIn(HOME), gate);
    const other = await normalizeAndImport(guardDutyNormalizer, store, guardDutyIn('eu-west-1'), gate);

    expect(home.imported).toBe(1);
    expect(other).toMatchObject({ imported: 0, unlinked: 1, unlinkedReasons: [expect.stringMatching(/no finding aggregator/)] });
    expect(store.imported.map((finding) => finding.Region)).toEqual([HOME]);
  });

  it('reads the aggregator once per event, whatever the number of findings', async () => {
    const store = recordingStore();
    const { gate, reads } = gateOver(undefined);

    await normalizeAndImport(guardDutyNormalizer, store, guardDutyIn(HOME), gate);

    expect(reads()).toBe(1);
  });
});
