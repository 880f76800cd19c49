import { FINDING_SK, TABLE_KEYS } from '../../store';

/**
 * Top-level fields whose change can change priority without changing where a finding counts in the
 * resource summaries: the record and workflow state, the resources, and the severity and
 * criticality a customer may set with BatchUpdateFindings. Correlation's own writes change only
 * ProductFields and RelatedFindings, so the loop ends after one pass.
 */
export const CORRELATION_TRIGGER_FIELDS = ['Resources', 'RecordState', 'Workflow', 'Severity', 'Criticality'] as const;

/**
 * The event source mapping's filter (Lambda's filter syntax, EventBridge's patterns): records of
 * finding items only — inserts, changes and removals (expiry). The handler then skips, at no
 * request, the records that change nothing correlation reads.
 */
export const CORRELATION_STREAM_FILTER = {
  eventName: ['INSERT', 'MODIFY', 'REMOVE'],
  dynamodb: { Keys: { [TABLE_KEYS.sortKey]: { S: [FINDING_SK] } } },
};
