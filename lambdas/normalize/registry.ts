import { accessAnalyzerNormalizer } from './access-analyzer/normalize';
import { asffNormalizer } from './asff/normalize';
import { configNormalizer } from './config/normalize';
import { firewallManagerNormalizer } from './firewall-manager/normalize';
import { guardDutyNormalizer } from './guardduty/normalize';
import { healthNormalizer } from './health/normalize';
import { inspectorNormalizer } from './inspector/normalize';
import { macieNormalizer } from './macie/normalize';
import { ssmPatchManagerNormalizer } from './ssm-patch-manager/normalize';
import type { Normalizer } from './types';

/**
 * Every normalizer. The Ingestion construct makes one Lambda and one rule per entry (from its
 * `eventPattern`); the CLI picks the one whose pattern matches an event (bin/cli/normalize.ts, with
 * the local engine's matcher). Adding a source is an entry here plus its `lambdas/normalize/<id>/`
 * core and `lambdas/functions/normalize-<id>/` handler.
 */
export const NORMALIZERS: readonly Normalizer[] = [
  guardDutyNormalizer,
  inspectorNormalizer,
  macieNormalizer,
  configNormalizer,
  firewallManagerNormalizer,
  accessAnalyzerNormalizer,
  healthNormalizer,
  ssmPatchManagerNormalizer,
  asffNormalizer,
];
