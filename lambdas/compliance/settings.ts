import type { ParameterValue } from './controls/types';
import { STANDARDS, type StandardId } from './standards';

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
  return { enabledStandards: STANDARDS.filter((standard) => standard.enabledByDefault).map((standard) => standard.id), controls: {} };
}

/** Reads and writes the settings (implemented on the findings table by the standards API). */
export interface ComplianceSettingsStore {
  get(): Promise<ComplianceSettings>;
  put(settings: ComplianceSettings, expectedVersion?: number): Promise<void>;
}
