/**
 * A control's status from its findings, as Security Hub derives it ("Evaluating compliance status
 * and control status", Security Hub user guide, controls-overall-status.html):
 * - findings whose RecordState is ARCHIVED or whose Workflow.Status is SUPPRESSED are ignored;
 * - FAILED: at least one remaining finding is FAILED;
 * - UNKNOWN: none FAILED, at least one WARNING or NOT_AVAILABLE (or without a status);
 * - PASSED: every remaining finding is PASSED;
 * - NO_DATA: no finding remains (never evaluated, or every finding suppressed/archived);
 * - DISABLED: the control is disabled, or belongs to no enabled standard ("Available controls that
 *   don't apply to any of your enabled standards appear in the Disabled column", controls-view-manage.html).
 * Pure: no I/O.
 */
import { CONTROLS } from './controls/registry';
import type { ControlDefinition } from './controls/types';
import type { ComplianceSettings } from './settings';
import type { StandardId } from './standards';
import { activeStandardsOf } from './standards-associations';
import { isInStandard } from './standards-membership';

/** Security Hub's control statuses. */
export type ControlStatus = 'PASSED' | 'FAILED' | 'UNKNOWN' | 'NO_DATA' | 'DISABLED';

/** The fields of a control finding that decide a control's status. */
export interface ControlFindingView {
  RecordState?: string;
  Workflow?: { Status?: string };
  Compliance?: { Status?: string; SecurityControlId?: string };
  GeneratorId?: string;
}

/** True when Security Hub counts the finding towards its control's status. */
export function countsTowardsStatus(finding: ControlFindingView): boolean {
  return finding.RecordState !== 'ARCHIVED' && finding.Workflow?.Status !== 'SUPPRESSED';
}

/** The status of an enabled control from its findings (Security Hub's rules above). */
export function controlStatus(findings: Iterable<ControlFindingView>): Exclude<ControlStatus, 'DISABLED'> {
  let seen = false;
  let unknown = false;
  for (const finding of findings) {
    if (!countsTowardsStatus(finding)) continue;
    seen = true;
    const status = finding.Compliance?.Status;
    if (status === 'FAILED') return 'FAILED';
    if (status !== 'PASSED') unknown = true;
  }
  if (!seen) return 'NO_DATA';
  return unknown ? 'UNKNOWN' : 'PASSED';
}

/** The control a control finding belongs to: `Compliance.SecurityControlId`, else the `security-control/<ID>` generator. */
export function controlIdOf(finding: ControlFindingView): string | undefined {
  const id = finding.Compliance?.SecurityControlId;
  if (id) return id;
  const generator = finding.GeneratorId;
  return generator?.startsWith('security-control/') ? generator.slice('security-control/'.length) : undefined;
}

/**
 * True when the control is enabled: not disabled everywhere, and enabled in at least one enabled
 * standard that contains it (a control disabled in one standard runs for the others).
 */
export function isControlEnabled(control: ControlDefinition, settings: ComplianceSettings): boolean {
  return activeStandardsOf(control, settings).length > 0;
}

/** The controls of a standard (catalogue order). */
export function controlsOfStandard(standard: StandardId, catalogue: readonly ControlDefinition[] = CONTROLS): ControlDefinition[] {
  return catalogue.filter((control) => isInStandard(control, standard));
}

/**
 * The status of every control of the catalogue from the control findings (any order, any mix of
 * controls): DISABLED for the controls the settings leave off, else derived from their findings.
 */
export function controlStatuses(
  findings: Iterable<ControlFindingView>,
  settings: ComplianceSettings,
  catalogue: readonly ControlDefinition[] = CONTROLS,
): Record<string, ControlStatus> {
  const byControl = new Map<string, ControlFindingView[]>();
  for (const finding of findings) {
    const id = controlIdOf(finding);
    if (id === undefined) continue;
    const list = byControl.get(id);
    if (list) list.push(finding);
    else byControl.set(id, [finding]);
  }
  return Object.fromEntries(catalogue.map((control) => [control.id, isControlEnabled(control, settings) ? controlStatus(byControl.get(control.id) ?? []) : 'DISABLED']));
}
