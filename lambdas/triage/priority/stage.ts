import type { ImportStage } from '../../store';
import { correlatedLinksOf, storedCorrelation, withPriority } from './apply';

/**
 * The priority import stage: on every written finding, computes the priority and stores it with
 * its reasons (`PRIORITY_KEY`, `PRIORITY_REASONS_KEY`). An import replaces ProductFields and the
 * provider's RelatedFindings, so the stage carries over from the `previous` version what
 * correlate-findings found: the correlation (`CORRELATION_KEY`) and the correlated links.
 * Runs last, after automation rules, so it scores what the rules left.
 */
export const priorityStage: ImportStage = {
  name: 'priority',
  prepare: async () => (draft) => {
    const previous = draft.previous;
    const links = previous ? correlatedLinksOf(previous) : [];
    return { ...draft, finding: withPriority(draft.finding, storedCorrelation(previous), links, draft.customerOwned) };
  },
};
