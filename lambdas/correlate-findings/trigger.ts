import { APP_EVENT_SOURCE, FINDINGS_IMPORTED } from '../shared/events/finding-events';

/**
 * Top-level fields whose change can change correlation or priority outside an import: the
 * resources (who shares a resource), the record and workflow state (who is open), and the severity
 * and criticality a customer may set with BatchUpdateFindings (the import stage already scores
 * imports). Correlation's own writes change only ProductFields and RelatedFindings, so they do not
 * match: the loop ends after one pass.
 */
export const CORRELATION_TRIGGER_FIELDS = ['Resources', 'RecordState', 'Workflow', 'Severity', 'Criticality'] as const;

/** The EventBridge pattern of the finding events correlate-findings handles: created findings, or changes of those fields. */
export const CORRELATION_TRIGGER_PATTERN = {
  source: [APP_EVENT_SOURCE],
  'detail-type': [FINDINGS_IMPORTED],
  detail: {
    $or: [{ change: { created: [true] } }, { change: { updatedFields: [...CORRELATION_TRIGGER_FIELDS] } }],
  },
};
