/**
 * Security scores per account and per Region. Security Hub derives a control's status from its
 * findings (control-status.ts); scoped to an account or a Region, only that account's or Region's
 * control findings count. The statuses of one control over disjoint sets of findings combine by
 * precedence — FAILED over UNKNOWN over PASSED over NO_DATA — exactly as if they were derived from
 * the union of the findings, so the findings are grouped once into cells (account × Region) and
 * every scope's statuses are combined from its cells: linear in findings + cells × controls.
 * Pure: no I/O.
 */
import { CONTROLS } from './controls/registry';
import type { ControlDefinition } from './controls/types';
import { controlIdOf, controlStatuses, type ControlFindingView, type ControlStatus } from './control-status';
import { securityScores, type DisabledIn, type SecurityScores } from './scores';
import { isDisabledIn } from './standards-associations';
import type { ComplianceSettings } from './settings';
import type { StandardId } from './standards';

/** The fields of a control finding that place it in an account and Region. */
export interface ScopedFindingView extends ControlFindingView {
  AwsAccountId?: string;
  Region?: string;
}

/** An account or Region (`scope` is its id) and its scores. */
export interface ScopeScore {
  scope: string;
  scores: SecurityScores;
}

/** The scores at one scope (organization, account, Region or both) with their breakdown. */
export interface ScopedScores {
  scores: SecurityScores;
  /** Every control's status at this scope. */
  controls: Record<string, ControlStatus>;
  /** Per account within the scope, by account id. */
  accounts: ScopeScore[];
  /** Per Region within the scope, by Region. */
  regions: ScopeScore[];
}

/** Which part of the organization: an account, a Region, both, or neither (everything). */
export interface ScoreScope {
  accountId?: string;
  region?: string;
}

/** Control findings' statuses per account and Region: `cells.get(account).get(region)` → statuses of the controls found there. */
export interface ScoreCells {
  /** Every control's status with no finding at all (DISABLED or NO_DATA): what a scope starts from. */
  baseline: Record<string, ControlStatus>;
  cells: Map<string, Map<string, Map<string, ControlStatus>>>;
  enabledStandards: readonly StandardId[];
  catalogue: readonly ControlDefinition[];
  /** Controls disabled in one standard only: DISABLED in that standard's score. */
  disabledIn?: DisabledIn;
}

const PRECEDENCE: Record<ControlStatus, number> = { DISABLED: 0, NO_DATA: 1, PASSED: 2, UNKNOWN: 3, FAILED: 4 };

/** The status of a control over two disjoint sets of its findings (FAILED > UNKNOWN > PASSED > NO_DATA). */
export function combineStatus(a: ControlStatus, b: ControlStatus): ControlStatus {
  if (a === 'DISABLED' || b === 'DISABLED') return 'DISABLED';
  return PRECEDENCE[a] >= PRECEDENCE[b] ? a : b;
}

/**
 * Groups the control findings into account × Region cells and derives each cell's control statuses.
 * An account in `accountSettings` (its effective settings: its configuration policy under central
 * configuration) counts only the controls enabled for it: the findings of a control its own
 * settings disable are left out of every scope, as that account does not run the control. Other
 * accounts count with `settings`.
 */
export function scoreCells(
  findings: Iterable<ScopedFindingView>,
  settings: ComplianceSettings,
  catalogue: readonly ControlDefinition[] = CONTROLS,
  accountSettings?: ReadonlyMap<string, ComplianceSettings>,
): ScoreCells {
  const grouped = new Map<string, Map<string, ScopedFindingView[]>>();
  for (const finding of findings) {
    if (controlIdOf(finding) === undefined) continue;
    const account = finding.AwsAccountId ?? '';
    const region = finding.Region ?? '';
    const regions = grouped.get(account) ?? new Map<string, ScopedFindingView[]>();
    grouped.set(account, regions);
    const list = regions.get(region);
    if (list) list.push(finding);
    else regions.set(region, [finding]);
  }
  const baseline = controlStatuses([], settings, catalogue);
  const cells = new Map<string, Map<string, Map<string, ControlStatus>>>();
  for (const [account, regions] of grouped) {
    const own = accountSettings?.get(account) ?? settings;
    const byRegion = new Map<string, Map<string, ControlStatus>>();
    for (const [region, list] of regions) {
      const statuses = controlStatuses(list, own, catalogue);
      // Only the controls this cell has data for and this account runs (a control disabled everywhere is DISABLED in the baseline already).
      const found = new Set(list.map((finding) => controlIdOf(finding)!));
      byRegion.set(region, new Map([...found].filter((id) => id in statuses && statuses[id] !== 'DISABLED').map((id) => [id, statuses[id]])));
    }
    cells.set(account, byRegion);
  }
  const byId = new Map(catalogue.map((control) => [control.id, control]));
  const disabledIn: DisabledIn = (standard, controlId) => {
    const control = byId.get(controlId);
    return control !== undefined && isDisabledIn(control, standard, settings);
  };
  return { baseline, cells, enabledStandards: [...settings.enabledStandards], catalogue, disabledIn };
}

function merge(into: Record<string, ControlStatus>, statuses: Map<string, ControlStatus>): void {
  for (const [id, status] of statuses) into[id] = combineStatus(into[id] ?? 'NO_DATA', status);
}

function scoresOf(cells: ScoreCells, statuses: Record<string, ControlStatus>): SecurityScores {
  return securityScores(statuses, cells.enabledStandards, cells.catalogue, cells.disabledIn);
}

/** The cells in a scope, as `[account, region, statuses]`. */
function cellsIn(cells: ScoreCells, scope: ScoreScope): Array<[string, string, Map<string, ControlStatus>]> {
  const accounts =
    scope.accountId === undefined ? [...cells.cells.entries()] : cells.cells.has(scope.accountId) ? [[scope.accountId, cells.cells.get(scope.accountId)!] as const] : [];
  const found: Array<[string, string, Map<string, ControlStatus>]> = [];
  for (const [account, regions] of accounts) {
    if (scope.region === undefined) for (const [region, statuses] of regions) found.push([account, region, statuses]);
    else if (regions.has(scope.region)) found.push([account, scope.region, regions.get(scope.region)!]);
  }
  return found;
}

/**
 * The scores at a scope: the score of its control statuses, and the breakdown per account and per
 * Region within it (sorted by id). An account or Region without control findings is not listed.
 */
export function scopedScores(cells: ScoreCells, scope: ScoreScope = {}): ScopedScores {
  const total: Record<string, ControlStatus> = { ...cells.baseline };
  const byAccount = new Map<string, Record<string, ControlStatus>>();
  const byRegion = new Map<string, Record<string, ControlStatus>>();
  for (const [account, region, statuses] of cellsIn(cells, scope)) {
    merge(total, statuses);
    if (!byAccount.has(account)) byAccount.set(account, { ...cells.baseline });
    merge(byAccount.get(account)!, statuses);
    if (!byRegion.has(region)) byRegion.set(region, { ...cells.baseline });
    merge(byRegion.get(region)!, statuses);
  }
  const breakdown = (map: Map<string, Record<string, ControlStatus>>): ScopeScore[] =>
    [...map.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([id, statuses]) => ({ scope: id, scores: scoresOf(cells, statuses) }));
  return { scores: scoresOf(cells, total), controls: total, accounts: breakdown(byAccount), regions: breakdown(byRegion) };
}

/** Every account and every Region with control findings. */
export function scopesOf(cells: ScoreCells): { accounts: string[]; regions: string[] } {
  const regions = new Set<string>();
  for (const byRegion of cells.cells.values()) for (const region of byRegion.keys()) regions.add(region);
  return { accounts: [...cells.cells.keys()].sort(), regions: [...regions].sort() };
}
