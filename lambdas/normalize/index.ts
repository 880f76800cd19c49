/**
 * The normalize domain's front door: everything other code (functions, other domains, lib, bin) may use.
 * Inside the domain, files import each other directly.
 */
export { accessAnalyzerNormalizer } from './access-analyzer/normalize';
export { createAsffNormalizer } from './asff/normalize';
export { configNormalizer } from './config/normalize';
export { UnmappableEventError } from './errors';
export { firewallManagerNormalizer } from './firewall-manager/normalize';
export { guardDutyNormalizer } from './guardduty/normalize';
export { FindingsRejectedError, createNormalizerHandler } from './handler';
export { healthNormalizer } from './health/normalize';
export { inspectorNormalizer } from './inspector/normalize';
export { macieNormalizer } from './macie/normalize';
export { partitionOf } from './product';
export { NORMALIZERS } from './registry';
export { ssmPatchManagerNormalizer } from './ssm-patch-manager/normalize';
export type { EventPattern, Normalizer, SourceEvent } from './types';
