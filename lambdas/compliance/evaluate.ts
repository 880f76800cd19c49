import type { AwsSecurityFinding } from '../asff';
import { controlFinding } from './control-finding';
import { CONTROLS, controlsFor } from './controls/registry';
import { ACCOUNT_RESOURCE_TYPE as ACCOUNT_TYPE } from '../shared/resources/config-resource-types';
import type { ConfigurationItem, ControlDefinition, Evaluation, ParameterValue } from './controls/types';
import type { ComplianceSettings } from './settings';
import { activeStandardsOf, inactiveBecause } from './standards-associations';

/**
 * The evaluation core: configuration item + related items + settings + clock → control findings.
 * Pure: no I/O, no env, no real clock. The change handler and the sweep both call it.
 */

export { ACCOUNT_TYPE };

/** The Region of configuration items of global resources (IAM users, roles, groups, policies). */
export const GLOBAL_REGION = 'global';

/** Config's global resource types: recorded once per account, with `awsRegion` "global". */
export const GLOBAL_RESOURCE_TYPES: readonly string[] = ['AWS::IAM::User', 'AWS::IAM::Role', 'AWS::IAM::Group', 'AWS::IAM::Policy'];

/**
 * Where the control findings of a resource live. A global resource (`awsRegion` "global", or a
 * global type the aggregator lists under the Region that recorded it) has its findings in the
 * home Region — the Region of this app and its aggregator, as Security Hub keeps global resources'
 * findings in the Region that records them and, with central configuration, in the home Region —
 * so each has ONE finding per control, however many Regions record it.
 */
export function findingPlace<T extends Pick<ConfigurationItem, 'awsRegion' | 'resourceType'>>(item: T, homeRegion: string | undefined): T {
  const global = item.awsRegion === GLOBAL_REGION || GLOBAL_RESOURCE_TYPES.includes(item.resourceType);
  if (!global || item.awsRegion === homeRegion) return item;
  if (!homeRegion) throw new Error(`${item.resourceType} is a global resource: its findings need the home Region, and none was given`);
  return { ...item, awsRegion: homeRegion };
}

/** The controls that run on an item in its Region: account-wide (`perAccount`) ones only in the home Region. */
export function controlsAt(resourceType: string, awsRegion: string, homeRegion: string | undefined): ControlDefinition[] {
  return controlsFor(resourceType).filter((control) => !control.perAccount || homeRegion === undefined || awsRegion === homeRegion);
}

/**
 * The related resource types the controls of a resource type read through `context.related`, from
 * the controls' own `reads` declarations (`test/unit/compliance/evaluate.test.ts` checks them
 * against what the evaluators actually ask for). Fetching only these keeps Config API calls per
 * evaluation small. The account item also reads the recorded account settings (see assembleAccountItem).
 */
export const RELATED_TYPES: Readonly<Record<string, readonly string[]>> = (() => {
  const byType: Record<string, string[]> = { [ACCOUNT_TYPE]: [ACCOUNT_TYPE] };
  for (const control of CONTROLS) {
    for (const subject of control.resourceTypes) {
      const types = (byType[subject] ??= []);
      for (const read of control.reads ?? []) if (!types.includes(read.resourceType)) types.push(read.resourceType);
    }
  }
  return Object.fromEntries(Object.entries(byType).filter(([, types]) => types.length > 0));
})();

/** A resource type whose change can change the verdict of a control on resources of another type. */
export interface Dependency {
  /** The evaluated resource type (never the account: see ACCOUNT_DEPENDENCY_TYPES). */
  subjectType: string;
  /** Which subjects a change of the related item affects; all of the place when absent or when the item is deleted. */
  affects?: (related: ConfigurationItem, subject: ConfigurationItem) => boolean;
}

/** For each related type, the resource types (other than the account) whose controls read it: a change re-evaluates them. */
export function dependentsOf(relatedType: string): Dependency[] {
  return CONTROLS.flatMap((control) =>
    (control.reads ?? [])
      .filter((read) => read.resourceType === relatedType)
      .flatMap((read) => control.resourceTypes.filter((type) => type !== ACCOUNT_TYPE && type !== relatedType).map((subjectType) => ({ subjectType, affects: read.affects }))),
  );
}

/** Whether a change of `related` may change a verdict on `subject` under any of these dependencies. */
export function isAffected(dependencies: readonly Dependency[], related: ConfigurationItem, subject: ConfigurationItem): boolean {
  const known = related.configuration !== null && related.configuration !== undefined;
  return dependencies.some((dependency) => dependency.subjectType === subject.resourceType && (!known || !dependency.affects || dependency.affects(related, subject)));
}

/** Resource types whose change can change an account-level control: the account item is re-evaluated. */
export const ACCOUNT_DEPENDENCY_TYPES: readonly string[] = RELATED_TYPES[ACCOUNT_TYPE];

/** Every resource type some control evaluates, account first (the sweep lists these). */
export const EVALUATED_TYPES: readonly string[] = [...new Set([ACCOUNT_TYPE, ...CONTROLS.flatMap((control) => control.resourceTypes)])];

/** Resource types whose change events trigger an evaluation: their own controls, the account's, or their dependents'. */
export const CHANGE_TRIGGER_TYPES: readonly string[] = [...new Set([...EVALUATED_TYPES, ...Object.values(RELATED_TYPES).flat()].filter((type) => type !== ACCOUNT_TYPE))].sort();

/** The related items of one account and Region, by resource type. */
export type RelatedItems = (resourceType: string) => ConfigurationItem[];

const captured = (item: ConfigurationItem) => Date.parse(item.configurationItemCaptureTime ?? '') || 0;

/**
 * The `AWS::::Account` item the account-level controls evaluate. AWS Config records no such item,
 * so it is assembled here, in one place:
 * - `configuration` and `supplementaryConfiguration` come from the newest recorded account
 *   settings item (`related('AWS::::Account')`: whatever records the account's settings — the
 *   simulated member account, or a collector through `PutResourceConfig` — under the account
 *   type). `configuration.ebsEncryptionByDefault` feeds EC2.7; `supplementaryConfiguration`
 *   carries IAM's `AccountSummary`, `AccountPasswordPolicy`, `VirtualMFADevices` and Security
 *   Hub's `SecurityHub` (IAM.4/6/7/9/10/15/16, OSH.SecurityHub.1; see the account item's reader in controls/support).
 * - The other account-level controls read real Config types through `related` themselves:
 *   S3.1 `AWS::S3::AccountPublicAccessBlock`, CloudTrail.1 trails, GuardDuty.1 detectors,
 *   Config.1 recorders. The item's capture time is the newest of all of them, so it moves when any does.
 * Without recorded settings the item has only `configuration.accountId`, and the controls that need
 * them say so in their reasons.
 */
export function assembleAccountItem(accountId: string, awsRegion: string, related: RelatedItems): ConfigurationItem {
  const recorded = related(ACCOUNT_TYPE)
    .filter((item) => item.accountId === accountId && item.awsRegion === awsRegion)
    .sort((a, b) => captured(b) - captured(a))[0];
  const newest = Math.max(0, ...ACCOUNT_DEPENDENCY_TYPES.flatMap((type) => related(type)).map(captured));
  return {
    accountId,
    awsRegion,
    resourceType: ACCOUNT_TYPE,
    resourceId: accountId,
    resourceName: accountId,
    configurationItemStatus: 'OK',
    ...(newest > 0 && { configurationItemCaptureTime: new Date(newest).toISOString() }),
    configuration: { ...(recorded?.configuration ?? {}), accountId },
    supplementaryConfiguration: { ...(recorded?.supplementaryConfiguration ?? {}) },
  };
}

/** Why a control does not run under these settings, or undefined when it runs. */
export function disabledBecause(control: ControlDefinition, settings: ComplianceSettings): string | undefined {
  return inactiveBecause(control, settings);
}

/** The control's parameters: its defaults, overridden by the settings' values for known parameters. */
export function controlParameters(control: ControlDefinition, settings: ComplianceSettings): Record<string, ParameterValue> {
  const overrides = settings.controls[control.id]?.parameters ?? {};
  return Object.fromEntries(Object.entries(control.parameters ?? {}).map(([name, parameter]) => [name, overrides[name] ?? parameter.default]));
}

/** Input of {@link evaluateItem}. */
export interface EvaluateItemInput {
  item: ConfigurationItem;
  related: RelatedItems;
  settings: ComplianceSettings;
  now: Date;
  /**
   * The home Region: where findings of global resources live, and the only Region whose account
   * item runs the `perAccount` controls. Absent: every Region runs them (and a global item throws).
   */
  homeRegion?: string;
}

/** One control's outcome on one item. */
export interface ControlOutcome {
  controlId: string;
  /** The finding, or undefined when the evaluator threw (see `error`). */
  finding?: AwsSecurityFinding;
  /** False when the settings disable the control: its finding is archived (NOT_APPLICABLE). */
  enabled: boolean;
  error?: string;
}

/**
 * Runs every control of the item's resource type. Enabled controls (in an enabled standard, not
 * disabled) evaluate with defaults ⊕ overrides; disabled ones yield an archived finding, so a
 * finding left ACTIVE from before is archived and none is created. An evaluator that throws
 * yields an error for that control only.
 */
export function evaluateItem({ item: recorded, related, settings, now, homeRegion }: EvaluateItemInput): ControlOutcome[] {
  const evaluatedAt = now.toISOString();
  const item = findingPlace(recorded, homeRegion);
  return controlsAt(item.resourceType, item.awsRegion, homeRegion).map((control): ControlOutcome => {
    const enabledStandards = activeStandardsOf(control, settings);
    const disabled = disabledBecause(control, settings);
    let evaluation: Evaluation;
    const parameters = controlParameters(control, settings);
    if (disabled) {
      evaluation = { status: 'NOT_APPLICABLE', reason: disabled };
    } else {
      try {
        evaluation = control.evaluate(item, { parameters, related, now });
      } catch (error) {
        return { controlId: control.id, enabled: true, error: (error as Error).message };
      }
    }
    return { controlId: control.id, enabled: !disabled, finding: controlFinding({ control, item, evaluation, enabledStandards, evaluatedAt, parameters }) };
  });
}

/** What to do with a freshly evaluated finding, given the stored one. */
export interface Reconciled {
  finding: AwsSecurityFinding;
  /** `write`: import it; the others leave the store as it is. */
  action: 'write' | 'unchanged' | 'not-applicable';
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, entry: unknown) =>
    entry && typeof entry === 'object' && !Array.isArray(entry)
      ? Object.fromEntries(Object.entries(entry as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : entry,
  );
}

/** The provider-owned content of a control finding an evaluation decides (not its timestamps). */
function substance(finding: AwsSecurityFinding): string {
  const compliance = finding.Compliance;
  return canonical({
    RecordState: finding.RecordState ?? 'ACTIVE',
    Status: compliance?.Status,
    StatusReasons: compliance?.StatusReasons ?? [],
    AssociatedStandards: compliance?.AssociatedStandards ?? [],
    SecurityControlParameters: compliance?.SecurityControlParameters ?? [],
    RelatedRequirements: compliance?.RelatedRequirements ?? [],
    Severity: finding.FindingProviderFields?.Severity?.Label ?? finding.Severity?.Label,
    Title: finding.Title,
    Description: finding.Description,
    Remediation: finding.Remediation,
    Resources: (finding.Resources ?? []).map(({ Type, Id, Partition, Region, Tags }) => ({ Type, Id, Partition, Region, Tags: Tags ?? {} })),
  });
}

/**
 * Decides whether a control finding needs a write. Unchanged status, reasons, resource (and the
 * rest of what the evaluation decides) keep the stored `CreatedAt`/`UpdatedAt`/`FirstObservedAt`,
 * so the store would ignore it (equal UpdatedAt) and the caller need not send it at all. A
 * not-applicable finding is written only to archive an ACTIVE one. A change keeps `CreatedAt` and
 * `FirstObservedAt` and moves `UpdatedAt` strictly past the stored one.
 */
export function reconcile(stored: AwsSecurityFinding | undefined, next: AwsSecurityFinding): Reconciled {
  const archived = (finding: AwsSecurityFinding) => finding.RecordState === 'ARCHIVED';
  if (!stored) {
    if (archived(next)) return { finding: next, action: 'not-applicable' };
    return { finding: { ...next, FirstObservedAt: next.FirstObservedAt ?? next.CreatedAt }, action: 'write' };
  }
  const kept = {
    CreatedAt: stored.CreatedAt,
    FirstObservedAt: stored.FirstObservedAt ?? stored.CreatedAt,
  };
  if ((archived(stored) && archived(next)) || substance(stored) === substance(next)) {
    return { finding: { ...next, ...kept, UpdatedAt: stored.UpdatedAt }, action: archived(next) ? 'not-applicable' : 'unchanged' };
  }
  const storedAt = Date.parse(stored.UpdatedAt);
  const updatedAt = Date.parse(next.UpdatedAt) > storedAt ? next.UpdatedAt : new Date(storedAt + 1).toISOString();
  return { finding: { ...next, ...kept, UpdatedAt: updatedAt }, action: 'write' };
}
