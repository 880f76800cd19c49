/**
 * Cross-Region aggregation, pure: the finding aggregator (Security Hub's CreateFindingAggregator
 * resource), its input rules, and the one question ingestion asks — is Region R linked to the home
 * Region H under this aggregator? No SDK, no environment: `state/` keeps the aggregator, and
 * `region-gate.ts` reads it once per batch.
 */
import { InvalidInputError } from '../shared/errors';

/** Security Hub's RegionLinkingMode values. */
export const REGION_LINKING_MODES = ['ALL_REGIONS', 'ALL_REGIONS_EXCEPT_SPECIFIED', 'SPECIFIED_REGIONS', 'NO_REGIONS'] as const;

/** How an aggregator links Regions to its home Region. */
export type RegionLinkingMode = (typeof REGION_LINKING_MODES)[number];

/** Most Regions one aggregator may list (AWS::SecurityHub::FindingAggregator's documented maximum). */
export const MAX_LINKED_REGIONS = 50;

/** The finding aggregator of an account, as stored (one per account, in its home Region). */
export interface FindingAggregator {
  /** `arn:<partition>:securityhub:<home>:<account>:finding-aggregator/<uuid>`. */
  arn: string;
  /** The home Region (Security Hub's FindingAggregationRegion). */
  homeRegion: string;
  mode: RegionLinkingMode;
  /** The excluded (ALL_REGIONS_EXCEPT_SPECIFIED) or included (SPECIFIED_REGIONS) Regions; empty otherwise. */
  regions: string[];
}

/** The wire shape of Create/Get/UpdateFindingAggregator's answer. */
export interface FindingAggregatorOutput {
  FindingAggregatorArn: string;
  FindingAggregationRegion: string;
  RegionLinkingMode: RegionLinkingMode;
  Regions?: string[];
}

/** The answer Security Hub gives for an aggregator (Regions only when the mode uses a list). */
export function aggregatorOutput(aggregator: FindingAggregator): FindingAggregatorOutput {
  return {
    FindingAggregatorArn: aggregator.arn,
    FindingAggregationRegion: aggregator.homeRegion,
    RegionLinkingMode: aggregator.mode,
    ...(aggregator.regions.length > 0 && { Regions: aggregator.regions }),
  };
}

// Each partition's Region names, as the AWS SDK's partitions table matches them.
const PARTITION_REGIONS: ReadonlyArray<[partition: string, pattern: RegExp]> = [
  ['aws-us-gov', /^us-gov-[a-z]+-\d+$/],
  ['aws-cn', /^cn-[a-z]+-\d+$/],
  ['aws', /^(us|eu|ap|sa|ca|me|af|il|mx)-[a-z]+-\d+$/],
];

/** The partition a Region name belongs to, or undefined when it is not a Region name. */
export function regionPartition(region: string): string | undefined {
  return PARTITION_REGIONS.find(([, pattern]) => pattern.test(region))?.[0];
}

/** `arn:<partition>:securityhub:<home>:<account>:finding-aggregator/<id>`. */
export function aggregatorArn(location: { partition: string; region: string; accountId: string }, id: string): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:finding-aggregator/${id}`;
}

/**
 * Checks a RegionLinkingMode and its Regions as CreateFindingAggregator / UpdateFindingAggregator
 * do: a known mode; a list for the two list modes (1 to 50 Region names of the home Region's
 * partition, no repeats); no list for NO_REGIONS (Security Hub's documented InvalidInputException)
 * nor for ALL_REGIONS (it would mean nothing, and nothing sent is silently ignored); the home
 * Region may not be excluded. Returns the normalized linking.
 */
export function validateLinking(mode: string, regions: readonly string[] | undefined, homeRegion: string): { mode: RegionLinkingMode; regions: string[] } {
  if (!(REGION_LINKING_MODES as readonly string[]).includes(mode)) {
    throw new InvalidInputError(`Invalid parameter 'RegionLinkingMode': '${mode}' is not one of ${REGION_LINKING_MODES.join(', ')}.`);
  }
  const linking = mode as RegionLinkingMode;
  const listed = regions ?? [];
  if (linking === 'ALL_REGIONS' || linking === 'NO_REGIONS') {
    if (listed.length > 0) throw new InvalidInputError(`Invalid parameter 'Regions': must be empty when RegionLinkingMode is ${linking}.`);
    return { mode: linking, regions: [] };
  }
  if (listed.length === 0 || listed.length > MAX_LINKED_REGIONS) {
    throw new InvalidInputError(`Invalid parameter 'Regions': RegionLinkingMode ${linking} needs 1 to ${MAX_LINKED_REGIONS} Regions, got ${listed.length}.`);
  }
  const home = regionPartition(homeRegion);
  const seen = new Set<string>();
  for (const [index, region] of listed.entries()) {
    const partition = regionPartition(region);
    if (partition === undefined) throw new InvalidInputError(`Invalid parameter 'Regions[${index}]': '${region}' is not a Region name.`);
    if (partition !== home) throw new InvalidInputError(`Invalid parameter 'Regions[${index}]': '${region}' is not in the home Region's partition (${home}).`);
    if (seen.has(region)) throw new InvalidInputError(`Invalid parameter 'Regions[${index}]': '${region}' is listed twice.`);
    if (region === homeRegion && linking === 'ALL_REGIONS_EXCEPT_SPECIFIED') {
      throw new InvalidInputError(`Invalid parameter 'Regions[${index}]': the home Region ${homeRegion} cannot be excluded from its own aggregation.`);
    }
    seen.add(region);
  }
  return { mode: linking, regions: [...listed] };
}

/** Whether Region `region` is linked, and if not, why (for the logs and the drop count). */
export type LinkDecision = { linked: true } | { linked: false; reason: string };

/**
 * Is `region` linked to `homeRegion`? The home Region always is; without an aggregator nothing
 * else is (Security Hub keeps each Region's findings in that Region); otherwise the aggregator's
 * mode decides. Builds a Set once, so each question is O(1).
 */
export function regionLinker(aggregator: FindingAggregator | undefined, homeRegion: string): (region: string) => LinkDecision {
  const listed = new Set(aggregator?.regions ?? []);
  const unlinked = (region: string, why: string): LinkDecision => ({ linked: false, reason: `Region ${region} is not linked to home Region ${homeRegion}: ${why}` });
  return (region) => {
    if (region === homeRegion) return { linked: true };
    if (aggregator === undefined) return unlinked(region, 'no finding aggregator (CreateFindingAggregator)');
    switch (aggregator.mode) {
      case 'ALL_REGIONS':
        return regionPartition(region) === regionPartition(homeRegion) ? { linked: true } : unlinked(region, 'another partition');
      case 'ALL_REGIONS_EXCEPT_SPECIFIED':
        if (listed.has(region)) return unlinked(region, 'excluded by the finding aggregator (ALL_REGIONS_EXCEPT_SPECIFIED)');
        return regionPartition(region) === regionPartition(homeRegion) ? { linked: true } : unlinked(region, 'another partition');
      case 'SPECIFIED_REGIONS':
        return listed.has(region) ? { linked: true } : unlinked(region, "not among the finding aggregator's Regions (SPECIFIED_REGIONS)");
      case 'NO_REGIONS':
        return unlinked(region, 'the finding aggregator links no Region (NO_REGIONS)');
    }
  };
}
