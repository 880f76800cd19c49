import { CONTROLS } from './controls/registry';
import type { ControlDefinition, ParameterValue } from './controls/types';
import { STANDARDS, type StandardId } from './standards';
import { isInStandard } from './standards-membership';

/**
 * What the delegated administrator has enabled: the standards, each control's state (disabled
 * with a reason) and its parameter values. One set for the organization, as Security Hub's
 * central configuration applies it. Evaluations read it; the standards API writes it.
 */
export interface ComplianceSettings {
  enabledStandards: StandardId[];
  /** Controls' state in every standard: disabled everywhere, parameter values. */
  controls: Record<string, ControlSettings>;
  /**
   * Per standard, the controls whose association with that standard was changed
   * (UpdateStandardsControl, BatchUpdateStandardsControlAssociations): a control disabled in one
   * standard stays enabled in the others, as in Security Hub. Absent: enabled.
   */
  associations?: Partial<Record<StandardId, Record<string, AssociationSettings>>>;
  /** When each enabled standard was enabled (ISO-8601): the controls' status time until changed. */
  standardsEnabledAt?: Partial<Record<StandardId, string>>;
  /**
   * Security Hub's AutoEnableControls (UpdateSecurityHubConfiguration): whether controls added to
   * an enabled standard after it was enabled run without being enabled by hand. Absent: true.
   */
  autoEnableControls?: boolean;
  /**
   * Per enabled standard, the controls it had when it was enabled (or when AutoEnableControls last
   * changed): with AutoEnableControls false, a control of the standard not listed here is new and
   * stays DISABLED in it until enabled by hand. Absent for a standard: every control is known.
   */
  knownControls?: Partial<Record<StandardId, string[]>>;
}

/** A control's association with one standard. */
export interface AssociationSettings {
  enabled: boolean;
  /** Why it was disabled (DisabledReason / UpdatedReason). */
  reason?: string;
  /** When the status last changed (ISO-8601): ControlStatusUpdatedAt / UpdatedAt. */
  updatedAt: string;
}

/** One control's settings; absent means enabled with default parameters. */
export interface ControlSettings {
  enabled: boolean;
  /** Why it was disabled (UpdateStandardsControl's DisabledReason). */
  disabledReason?: string;
  /** Parameter values overriding the control's defaults. */
  parameters?: Record<string, ParameterValue>;
}

/** The settings before anyone changed them: the standards Security Hub enables by default, every control on. */
export function defaultComplianceSettings(): ComplianceSettings {
  const enabledStandards = STANDARDS.filter((standard) => standard.enabledByDefault).map((standard) => standard.id);
  return { enabledStandards, controls: {}, knownControls: knownControlsOf(enabledStandards) };
}

/** The control ids each standard has in the catalogue now: what {@link ComplianceSettings.knownControls} records when a standard is enabled. */
export function knownControlsOf(standards: readonly StandardId[], catalogue: readonly ControlDefinition[] = CONTROLS): Partial<Record<StandardId, string[]>> {
  return Object.fromEntries(standards.map((standard) => [standard, catalogue.filter((control) => isInStandard(control, standard)).map((control) => control.id)]));
}

/** Reads and writes the settings (implemented on the findings table by the standards API). */
export interface ComplianceSettingsStore {
  get(): Promise<ComplianceSettings>;
  put(settings: ComplianceSettings, expectedVersion?: number): Promise<void>;
}

/**
 * The settings with a standard newly enabled: its controls recorded as known at this moment (a
 * standard enabled again is recorded again). Standards already enabled keep their record.
 */
export function withStandardsEnabled(
  settings: ComplianceSettings,
  standards: readonly StandardId[],
  at: string,
  catalogue: readonly ControlDefinition[] = CONTROLS,
): ComplianceSettings {
  const added = standards.filter((standard) => !settings.enabledStandards.includes(standard));
  return {
    ...settings,
    enabledStandards: [...new Set([...settings.enabledStandards, ...standards])],
    standardsEnabledAt: { ...(settings.standardsEnabledAt ?? {}), ...Object.fromEntries(added.map((standard) => [standard, at])) },
    knownControls: { ...(settings.knownControls ?? {}), ...knownControlsOf(added, catalogue) },
  };
}

/**
 * The settings with AutoEnableControls set. A change of value records every enabled standard's
 * current controls as known: turned on, the controls waiting to be enabled run (and stay on if it
 * is turned off again, as Security Hub enabled them meanwhile); turned off, the controls the
 * standards have now are the ones enabled, and only controls added from now on wait.
 */
export function withAutoEnableControls(settings: ComplianceSettings, autoEnable: boolean, catalogue: readonly ControlDefinition[] = CONTROLS): ComplianceSettings {
  if ((settings.autoEnableControls ?? true) === autoEnable) return settings;
  return { ...settings, autoEnableControls: autoEnable, knownControls: { ...(settings.knownControls ?? {}), ...knownControlsOf(settings.enabledStandards, catalogue) } };
}
