import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { FindingsStoreApi } from '../store';
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
}

/**
 * Maps one event and imports its findings through the store's rules (in batches of 100).
 * Throws `UnmappableEventError` for an event it cannot map and `FindingsRejectedError` when the
 * store refused findings, so the event is retried and then dead-lettered with the reason.
 */
export async function normalizeAndImport(
  normalizer: Normalizer,
  store: Pick<FindingsStoreApi, 'importFindings'>,
  event: SourceEvent,
): Promise<NormalizeOutcome> {
  const findings = normalizer.normalize(event);
  const outcome: NormalizeOutcome = { findings: findings.length, imported: 0, ignored: 0 };
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
 * `store` is built once per container, on the first event.
 */
export function createNormalizerHandler(normalizer: Normalizer, createStore: () => Pick<FindingsStoreApi, 'importFindings'>) {
  const logger = createLogger();
  let store: Pick<FindingsStoreApi, 'importFindings'> | undefined;
  return middy<SourceEvent, NormalizeOutcome>()
    .use(injectLambdaContext(logger, { clearState: true }))
    .handler(async (event) => {
      store ??= createStore();
      const context = { eventId: event.id, source: event.source, detailType: event['detail-type'], account: event.account };
      try {
        const outcome = await normalizeAndImport(normalizer, store, event);
        logger.info('Findings imported', { ...context, ...outcome });
        return outcome;
      } catch (error) {
        logger.error('Event not imported', { ...context, error: error as Error });
        throw error;
      }
    });
}
