/**
 * The events the app puts on its bus about findings, in Security Hub's shapes so rules written for
 * Security Hub keep working once their `source` names ours (EventBridge reserves `aws.*` sources
 * for AWS): detail-type and `detail.findings` are Security Hub's. One event per changed finding.
 *
 * This module is the contract between the publisher (DynamoDB stream of the findings table →
 * PutEvents), the alert router, correlation and remediation triggers. Pure: types and constants.
 */
import type { AwsSecurityFinding } from '../asff';
import type { ChangeSource } from '../store';

/** `source` of every event the app puts on its bus (findings, scores, control status). */
export const APP_EVENT_SOURCE = 'open-security-hub';
/** Security Hub's detail-type for imported or updated findings. */
export const FINDINGS_IMPORTED = 'Security Hub Findings - Imported';
/** Security Hub's detail-type for findings sent to a custom action. */
export const FINDINGS_CUSTOM_ACTION = 'Security Hub Findings - Custom Action';

/** Values of a finding before the change, for consumers that react to transitions (alerts, correlation). */
export interface FindingStateBefore {
  SeverityLabel?: string;
  WorkflowStatus?: string;
  RecordState?: string;
  ComplianceStatus?: string;
  /** The app's priority score (0–100) before the change, when the finding had one. */
  Priority?: number;
}

/** What changed, from the store's change record (our addition to Security Hub's detail). */
export interface FindingChange {
  /** True when this change created the finding. */
  created: boolean;
  /** The finding's version after the change (increments by one per write). */
  version: number;
  /** Who made the change: an import, a customer's update, or one of the app's components. */
  source: ChangeSource;
  /** Top-level fields whose value changed (e.g. `Severity`, `Workflow`, `ProductFields`). */
  updatedFields: string[];
  /** The finding's state before the change; absent when created. */
  before?: FindingStateBefore;
  /**
   * True when the event would have exceeded EventBridge's 256 KB entry limit and the finding's
   * `Resources[].Details` were left out (GetFindings returns the whole finding). Absent otherwise.
   */
  truncated?: boolean;
}

/** `detail` of a {@link FINDINGS_IMPORTED} event: Security Hub's `findings` (one), plus `change`. */
export interface FindingsImportedDetail {
  findings: [AwsSecurityFinding];
  change: FindingChange;
}

/** `detail` of a {@link FINDINGS_CUSTOM_ACTION} event, as Security Hub sends it. */
export interface FindingsCustomActionDetail {
  actionName: string;
  actionDescription: string;
  findings: AwsSecurityFinding[];
}
