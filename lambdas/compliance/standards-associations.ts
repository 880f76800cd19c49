/**
 * Standards-control associations, as Security Hub keeps them: a control is enabled or disabled
 * per standard. It runs while at least one enabled standard that contains it has it enabled (and
 * it is not disabled in every standard through `controls[id].enabled`); its findings name those
 * standards in `Compliance.AssociatedStandards`. Pure.
 */
import type { ControlDefinition } from './controls/types';
import type { AssociationSettings, ComplianceSettings } from './settings';
import type { StandardId } from './standards';
import { isInStandard, mappingsOf } from './standards-membership';

/** A control's association with one standard, as the API reports it. */
export interface AssociationState {
  status: 'ENABLED' | 'DISABLED';
  reason?: string;
  /** When the status last changed, or when the standard was enabled; undefined when neither is known. */
  updatedAt?: string;
}

type Control = Pick<ControlDefinition, 'id' | 'standards'>;

/** The control's association with a standard (DISABLED when disabled in that standard or in all). */
export function associationState(control: Control, standard: StandardId, settings: ComplianceSettings): AssociationState {
  const everywhere = settings.controls[control.id];
  const own: AssociationSettings | undefined = settings.associations?.[standard]?.[control.id];
  const enabledAt = settings.standardsEnabledAt?.[standard];
  if (everywhere?.enabled === false) return dropUndefined({ status: 'DISABLED', reason: everywhere.disabledReason, updatedAt: own?.updatedAt ?? enabledAt });
  if (own?.enabled === false) return dropUndefined({ status: 'DISABLED', reason: own.reason, updatedAt: own.updatedAt });
  if (awaitsEnabling(control, standard, settings)) return dropUndefined({ status: 'DISABLED', reason: NOT_AUTO_ENABLED, updatedAt: enabledAt });
  return dropUndefined({ status: 'ENABLED', updatedAt: own?.updatedAt ?? enabledAt });
}

/** Why a control new in a standard is DISABLED in it (AutoEnableControls is false). */
export const NOT_AUTO_ENABLED = 'Added to the standard after it was enabled; not enabled automatically because AutoEnableControls is false.';

/** The known-control sets, one per recorded list (so a check is a lookup, not a scan of the list). */
const knownSets = new WeakMap<readonly string[], ReadonlySet<string>>();

/**
 * True when the control is new in the standard and waits to be enabled by hand: AutoEnableControls
 * is false, the standard's controls were recorded when it was enabled (`knownControls`) and this
 * one is not among them, and its association in the standard was never set (UpdateStandardsControl
 * or BatchUpdateStandardsControlAssociations; Security Hub keeps a designation made by hand).
 */
export function awaitsEnabling(control: Pick<Control, 'id'>, standard: StandardId, settings: ComplianceSettings): boolean {
  if (settings.autoEnableControls !== false) return false;
  const known = settings.knownControls?.[standard];
  if (known === undefined || settings.associations?.[standard]?.[control.id] !== undefined) return false;
  let set = knownSets.get(known);
  if (set === undefined) knownSets.set(known, (set = new Set(known)));
  return !set.has(control.id);
}

/** The enabled standards that contain the control and have it enabled (its findings' AssociatedStandards). */
export function activeStandardsOf(control: Control, settings: ComplianceSettings): StandardId[] {
  if (settings.controls[control.id]?.enabled === false) return [];
  return mappingsOf(control)
    .map((mapping) => mapping.standard)
    .filter(
      (standard) =>
        settings.enabledStandards.includes(standard) && settings.associations?.[standard]?.[control.id]?.enabled !== false && !awaitsEnabling(control, standard, settings),
    );
}

/** True when the control is disabled in this standard (on its own or everywhere). */
export function isDisabledIn(control: Control, standard: StandardId, settings: ComplianceSettings): boolean {
  return associationState(control, standard, settings).status === 'DISABLED';
}

/** Why a control does not run under these settings, or undefined when it runs. */
export function inactiveBecause(control: Control, settings: ComplianceSettings): string | undefined {
  const state = settings.controls[control.id];
  if (state && !state.enabled) return `Control ${control.id} is disabled${state.disabledReason ? `: ${state.disabledReason}` : ''}.`;
  const enabled = mappingsOf(control).filter((mapping) => settings.enabledStandards.includes(mapping.standard));
  if (enabled.length === 0) return `Control ${control.id} belongs to no enabled standard.`;
  if (activeStandardsOf(control, settings).length === 0) {
    const reasons = enabled.map((mapping) => {
      const reason = awaitsEnabling(control, mapping.standard, settings) ? NOT_AUTO_ENABLED : settings.associations?.[mapping.standard]?.[control.id]?.reason;
      return `${mapping.standard}${reason ? ` (${reason})` : ''}`;
    });
    return `Control ${control.id} is disabled in every enabled standard that contains it: ${reasons.join(', ')}.`;
  }
  return undefined;
}

/**
 * The settings with the control's association in one standard set. Enabling drops the entry
 * (enabled is the default) but keeps its time; the time moves only when the status changes.
 * Throws (the caller's error) when the control is not in the standard.
 */
export function withAssociation(
  settings: ComplianceSettings,
  control: Control,
  standard: StandardId,
  change: { enabled: boolean; reason?: string },
  now: string,
): ComplianceSettings {
  if (!isInStandard(control, standard)) throw new Error(`Control ${control.id} is not in ${standard}`);
  const byStandard = { ...(settings.associations?.[standard] ?? {}) };
  const current = byStandard[control.id];
  const wasEnabled = current?.enabled !== false;
  const updatedAt = wasEnabled === change.enabled && current ? current.updatedAt : now;
  byStandard[control.id] = dropUndefined({ enabled: change.enabled, reason: change.enabled ? undefined : (change.reason ?? current?.reason), updatedAt });
  return { ...settings, associations: { ...(settings.associations ?? {}), [standard]: byStandard } };
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}
