import type { AwsSecurityFinding } from '../../lambdas/asff/types';
import { configNormalizer } from '../../lambdas/normalize/config/normalize';
import { guardDutyNormalizer } from '../../lambdas/normalize/guardduty/normalize';
import { inspectorNormalizer } from '../../lambdas/normalize/inspector/normalize';
import { macieNormalizer } from '../../lambdas/normalize/macie/normalize';
import type { Normalizer } from '../../lambdas/normalize/types';
import { loadEvent } from './events';

const NORMALIZERS: Record<string, Normalizer> = {
  guardduty: guardDutyNormalizer,
  inspector: inspectorNormalizer,
  macie: macieNormalizer,
  config: configNormalizer,
};

/** The ASFF finding our normalizer makes of a fixture event (`test/fixtures/events/<source>/<file>`). */
export function fixtureFinding(source: string, file: string): AwsSecurityFinding {
  const out = NORMALIZERS[source].normalize(loadEvent(source, file));
  return [out].flat()[0] as AwsSecurityFinding;
}
