/**
 * Checks of the compliance settings: known standards and controls, a reason for every disabled
 * control, parameters the control declares, with values of the declared type. Errors name the
 * field path, as Security Hub's InvalidInputException does. Pure.
 */
import { InvalidInputError } from '../../shared/errors';
import { CONTROLS } from '../controls/registry';
import type { ControlDefinition, ControlParameter, ParameterValue } from '../controls/types';
import type { ComplianceSettings, ControlSettings } from '../settings';
import { isStandardId } from '../standards';
import { isInStandard } from '../standards-membership';

export { isStandardId };

const CONTROL_BY_ID = new Map(CONTROLS.map((control) => [control.id, control]));

/** The catalogue entry of a control id, or undefined. */
export function findControl(id: string): ControlDefinition | undefined {
  return CONTROL_BY_ID.get(id);
}

/** True when `value` has the parameter's declared type. */
export function matchesParameterType(parameter: ControlParameter, value: unknown): value is ParameterValue {
  switch (parameter.type) {
    case 'int':
      return Number.isInteger(value);
    case 'string':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'stringList':
      return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
    case 'intList':
      return Array.isArray(value) && value.every((entry) => Number.isInteger(entry));
  }
}

function validateControl(id: string, settings: ControlSettings, path: string): void {
  const control = findControl(id);
  if (control === undefined) throw new InvalidInputError(`Invalid parameter '${path}': unknown control '${id}'.`);
  if (typeof settings.enabled !== 'boolean') throw new InvalidInputError(`Invalid parameter '${path}.enabled': expected a boolean.`);
  if (!settings.enabled && !settings.disabledReason?.trim()) {
    throw new InvalidInputError(`Invalid parameter '${path}.disabledReason': a disabled control needs a reason.`);
  }
  for (const [name, value] of Object.entries(settings.parameters ?? {})) {
    const parameter = control.parameters?.[name];
    if (parameter === undefined) throw new InvalidInputError(`Invalid parameter '${path}.parameters.${name}': control ${id} has no such parameter.`);
    if (!matchesParameterType(parameter, value)) {
      throw new InvalidInputError(`Invalid parameter '${path}.parameters.${name}': expected a value of type ${parameter.type}.`);
    }
    if (parameter.items && Array.isArray(value) && (value.length < parameter.items.min || value.length > parameter.items.max)) {
      throw new InvalidInputError(`Invalid parameter '${path}.parameters.${name}': takes ${parameter.items.min} to ${parameter.items.max} entries, got ${value.length}.`);
    }
  }
}

function validateAssociations(settings: ComplianceSettings): void {
  for (const [standard, controls] of Object.entries(settings.associations ?? {})) {
    if (!isStandardId(standard)) throw new InvalidInputError(`Invalid parameter 'associations.${standard}': unknown standard '${standard}'.`);
    for (const [id, association] of Object.entries(controls ?? {})) {
      const path = `associations.${standard}.${id}`;
      const control = findControl(id);
      if (control === undefined || !isInStandard(control, standard)) throw new InvalidInputError(`Invalid parameter '${path}': control '${id}' is not in standard '${standard}'.`);
      if (typeof association.enabled !== 'boolean') throw new InvalidInputError(`Invalid parameter '${path}.enabled': expected a boolean.`);
      if (association.reason !== undefined && typeof association.reason !== 'string') throw new InvalidInputError(`Invalid parameter '${path}.reason': expected a string.`);
      if (typeof association.updatedAt !== 'string' || Number.isNaN(Date.parse(association.updatedAt))) {
        throw new InvalidInputError(`Invalid parameter '${path}.updatedAt': expected an ISO-8601 time.`);
      }
    }
  }
  for (const [standard, at] of Object.entries(settings.standardsEnabledAt ?? {})) {
    if (!isStandardId(standard)) throw new InvalidInputError(`Invalid parameter 'standardsEnabledAt.${standard}': unknown standard '${standard}'.`);
    if (typeof at !== 'string' || Number.isNaN(Date.parse(at))) throw new InvalidInputError(`Invalid parameter 'standardsEnabledAt.${standard}': expected an ISO-8601 time.`);
  }
  if (settings.autoEnableControls !== undefined && typeof settings.autoEnableControls !== 'boolean') {
    throw new InvalidInputError(`Invalid parameter 'autoEnableControls': expected a boolean.`);
  }
  // Known controls are ids as they were: a control since removed from the catalogue may be listed.
  for (const [standard, ids] of Object.entries(settings.knownControls ?? {})) {
    if (!isStandardId(standard)) throw new InvalidInputError(`Invalid parameter 'knownControls.${standard}': unknown standard '${standard}'.`);
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string'))
      throw new InvalidInputError(`Invalid parameter 'knownControls.${standard}': expected a list of control ids.`);
  }
}

/** Throws `InvalidInputError` (naming the field) unless the settings are valid; returns them. */
export function validateComplianceSettings(settings: ComplianceSettings): ComplianceSettings {
  if (!Array.isArray(settings.enabledStandards)) throw new InvalidInputError(`Invalid parameter 'enabledStandards': expected a list.`);
  settings.enabledStandards.forEach((id, index) => {
    if (!isStandardId(id)) throw new InvalidInputError(`Invalid parameter 'enabledStandards[${index}]': unknown standard '${id}'.`);
  });
  if (new Set(settings.enabledStandards).size !== settings.enabledStandards.length) {
    throw new InvalidInputError(`Invalid parameter 'enabledStandards': a standard is listed twice.`);
  }
  for (const [id, control] of Object.entries(settings.controls ?? {})) validateControl(id, control, `controls.${id}`);
  validateAssociations(settings);
  return settings;
}

/** The parameters a control evaluates with: its defaults overridden by the settings. */
export function effectiveParameters(control: ControlDefinition, settings: ComplianceSettings): Record<string, ParameterValue> {
  const defaults = Object.fromEntries(Object.entries(control.parameters ?? {}).map(([name, parameter]) => [name, parameter.default]));
  return { ...defaults, ...(settings.controls[control.id]?.parameters ?? {}) };
}
