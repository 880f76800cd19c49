/**
 * EventBridge patterns of the remediation dispatcher's rules on the app's bus. Pure data.
 */
import { APP_EVENT_SOURCE, FINDINGS_CUSTOM_ACTION, FINDINGS_IMPORTED } from '../events';

/** Custom-action events sent to the built-in Remediate action (`remediateActionArn`: the stack's own). */
export function remediateActionPattern(remediateActionArn: string) {
  return { source: [APP_EVENT_SOURCE], 'detail-type': [FINDINGS_CUSTOM_ACTION], resources: [remediateActionArn] };
}

/**
 * Finding events automatic remediation and the closed loop need: created findings, and changes of
 * the compliance status or record state (reopened, FAILED → PASSED). The remediation's own
 * BatchUpdateFindings change Note and Workflow only, so they do not match.
 */
export const REMEDIATION_FINDING_PATTERN = {
  source: [APP_EVENT_SOURCE],
  'detail-type': [FINDINGS_IMPORTED],
  detail: { $or: [{ change: { created: [true] } }, { change: { updatedFields: ['Compliance', 'RecordState'] } }] },
};
