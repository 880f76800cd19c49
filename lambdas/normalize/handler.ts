import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { FindingsStoreApi } from '../store';
import type { AwsSecurityFinding } from '../asff';
import type { RegionGate } from '../aggregation';
import type { Normalizer, SourceEvent } from './types';
import { createLogger } from '../shared/logger';

/**
 * Some findings an event produced were refused by the store (schema, size). The valid ones are
 * stored; the invocation fails so the event reaches the dead-letter queue with these reasons.
 */
export class FindingsRejectedError extends Error {
  constructor(readonly failures: Array<{ Id: string; ErrorCode: string; ErrorMessage: string }>) {
    super(`${failures.length} finding(s) rejected: ${failures.map((f) => `${f.Id}: ${f.ErrorCode} ${f.ErrorMessage}`).join('; ')}`);
    this.name = 'FindingsRejectedError';
  }
}

/** What one event did. */
export interface NormalizeOutcome {
  findings: number;
  imported: number;
  ignored: number;
  /** Findings of Regions not linked to the home Region: not stored (see `unlinkedReasons`). */
  unlinked: number;
  /** Why, one line per distinct Region refused. */
  unlinkedReasons?: string[];
}

/** A finding's Region: its own, else its product ARN's, else the event's. */
function findingRegion(finding: AwsSecurityFinding, event: SourceEvent): string {
  return finding.Region ?? (finding.ProductArn.split(':')[3] || event.region);
}

/**
 * Maps one event and imports its findings through the store's rules (in batches of 100).
 * Throws `UnmappableEventError` for an event it cannot map and `FindingsRejectedError` when the
 * store refused findings, so the event is retried and then dead-lettered with the reason. With a
 * Region `gate`, findings of Regions not linked to the home Region (cross-Region aggregation) are
 * not imported: counted in `unlinked`, with the reason, for the handler to log.
 */
export async function normalizeAndImport(
  normalizer: Normalizer,
  store: Pick<FindingsStoreApi, 'importFindings'>,
  event: SourceEvent,
  gate?: RegionGate,
): Promise<NormalizeOutcome> {
  const mapped = normalizer.normalize(event);
  const outcome: NormalizeOutcome = { findings: mapped.length, imported: 0, ignored: 0, unlinked: 0 };
  let findings = mapped;
  if (gate !== undefined && mapped.length > 0) {
    const linked = await gate.prepare(new Date());
    const reasons = new Set<string>();
    findings = mapped.filter((finding) => {
      const decision = linked(findingRegion(finding, event));
      if (!decision.linked) reasons.add(decision.reason);
      return decision.linked;
    });
    outcome.unlinked = mapped.length - findings.length;
    if (reasons.size > 0) outcome.unlinkedReasons = [...reasons];
  }
  const failures: FindingsRejectedError['failures'] = [];
  for (let start = 0; start < findings.length; start += 100) {
    const response = await store.importFindings(findings.slice(start, start + 100), { identity: `normalizer/${normalizer.id}` });
    const ignored = response.IgnoredFindings?.length ?? 0;
    outcome.imported += response.SuccessCount - ignored;
    outcome.ignored += ignored;
    failures.push(...response.FailedFindings);
  }
  if (failures.length > 0) throw new FindingsRejectedError(failures);
  return outcome;
}

/**
 * The Lambda handler of a normalizer: middy + Powertools logger around {@link normalizeAndImport}.
 * `store` and the Region `gate` (cross-Region aggregation; required, so no normalizer skips it) are
 * built once per container, on the first event.
 */
export function createNormalizerHandler(normalizer: Normalizer, createStore: () => Pick<FindingsStoreApi, 'importFindings'>, createGate: () => RegionGate) {
  const logger = createLogger();
  let store: Pick<FindingsStoreApi, 'importFindings'> | undefined;
  let gate: RegionGate | undefined;
  return middy<SourceEvent, NormalizeOutcome>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      store ??= createStore();
      gate ??= createGate();
      const context = { eventId: event.id, source: event.source, detailType: event['detail-type'], account: event.account };
      try {
        const outcome = await normalizeAndImport(normalizer, store, event, gate);
        // Not an error (Security Hub keeps an unlinked Region's findings in that Region), but never silent.
        if (outcome.unlinked > 0) logger.warn('Findings of unlinked Regions not imported', { ...context, unlinked: outcome.unlinked, reasons: outcome.unlinkedReasons });
        logger.info('Findings imported', { ...context, ...outcome });
        return outcome;
      } catch (error) {
        logger.error('Event not imported', { ...context, error: error as Error });
        throw error;
      }
    });
}
