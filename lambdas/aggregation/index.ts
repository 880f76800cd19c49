/**
 * The aggregation domain's front door: cross-Region aggregation (the finding aggregator, which
 * Regions are linked to the home Region, and the gate ingestion asks). Inside the domain, files
 * import each other directly.
 */
export { MAX_LINKED_REGIONS, REGION_LINKING_MODES, aggregatorArn, aggregatorOutput, regionLinker, regionPartition, validateLinking } from './linking';
export type { FindingAggregator, FindingAggregatorOutput, LinkDecision, RegionLinkingMode } from './linking';
export { AGGREGATOR_CACHE_MS, aggregatorStoreOn, regionGate, regionGateOn } from './region-gate';
export type { RegionGate } from './region-gate';
export { DynamoAggregatorStore } from './state/aggregator-store';
export type { AggregatorRepository } from './state/aggregator-store';
