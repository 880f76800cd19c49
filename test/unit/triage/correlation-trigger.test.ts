import { CORRELATION_TRIGGER_PATTERN } from '../../../lambdas/correlate-findings/trigger';
import { matchesEventPattern } from '../../../lambdas/shared/events/event-pattern';
import { APP_EVENT_SOURCE, FINDINGS_IMPORTED, type FindingChange } from '../../../lambdas/shared/events/finding-events';
import { aFinding } from '../../support/findings';

function event(change: Partial<FindingChange>) {
  return {
    source: APP_EVENT_SOURCE,
    'detail-type': FINDINGS_IMPORTED,
    detail: {
      findings: [aFinding()],
      change: { created: false, version: 2, source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: 'x' }, updatedFields: [], ...change },
    },
  };
}

describe('the correlation trigger pattern', () => {
  it('matches created findings', () => {
    expect(matchesEventPattern(CORRELATION_TRIGGER_PATTERN, event({ created: true, version: 1 }))).toBe(true);
  });

  it.each(['Resources', 'RecordState', 'Workflow', 'Severity', 'Criticality'])('matches a change of %s', (field) => {
    expect(matchesEventPattern(CORRELATION_TRIGGER_PATTERN, event({ updatedFields: ['UpdatedAt', field] }))).toBe(true);
  });

  it("does not match correlation's own revisions (ProductFields and RelatedFindings only), so the loop ends", () => {
    const own = event({ updatedFields: ['ProductFields', 'RelatedFindings'], source: { Type: 'BATCH_UPDATE_FINDINGS', Identity: 'open-security-hub/correlation' } });
    expect(matchesEventPattern(CORRELATION_TRIGGER_PATTERN, own)).toBe(false);
  });

  it('does not match other sources', () => {
    expect(matchesEventPattern(CORRELATION_TRIGGER_PATTERN, { ...event({ created: true }), source: 'aws.securityhub' })).toBe(false);
  });
});
