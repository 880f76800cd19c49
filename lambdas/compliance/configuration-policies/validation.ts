/**
 * Checks of a configuration policy, with errors naming the member path as Security Hub's
 * InvalidInputException does. Pure.
 */
import { InvalidInputError } from '../../shared/errors';
import { isStandardId } from '../standards';
import { findControl, matchesParameterType } from '../state/settings-validation';
import type { PolicySettings } from './types';

/** Security Hub's permitted name characters: alphanumerics and `-, ., !, *, /` (and spaces, as its console's names have). */
const NAME = /^[A-Za-z0-9\-.!*/ _]+$/;

/** Throws unless `name` is a policy name Security Hub accepts. */
export function validatePolicyName(name: string, path: string): void {
  if (name.trim().length === 0) throw new InvalidInputError(`Invalid parameter '${path}': must not be empty.`);
  if (!NAME.test(name)) throw new InvalidInputError(`Invalid parameter '${path}': only alphanumeric characters and - . ! * / are permitted.`);
}

/** Throws unless the settings name known standards, controls and parameters of the declared types. */
export function validatePolicySettings(settings: PolicySettings, path: string): void {
  settings.enabledStandards.forEach((id, index) => {
    if (!isStandardId(id)) throw new InvalidInputError(`Invalid parameter '${path}.EnabledStandardIdentifiers[${index}]': unknown standard '${id}'.`);
  });
  if (new Set(settings.enabledStandards).size !== settings.enabledStandards.length) {
    throw new InvalidInputError(`Invalid parameter '${path}.EnabledStandardIdentifiers': a standard is listed twice.`);
  }
  const list = settings.controls?.mode === 'enabled' ? 'EnabledSecurityControlIdentifiers' : 'DisabledSecurityControlIdentifiers';
  (settings.controls?.ids ?? []).forEach((id, index) => {
    if (findControl(id) === undefined)
      throw new InvalidInputError(`Invalid parameter '${path}.SecurityControlsConfiguration.${list}[${index}]': unknown security control '${id}'.`);
  });
  for (const [controlId, parameters] of Object.entries(settings.parameters ?? {})) {
    const control = findControl(controlId);
    const at = `${path}.SecurityControlsConfiguration.SecurityControlCustomParameters[${controlId}]`;
    if (control === undefined) throw new InvalidInputError(`Invalid parameter '${at}.SecurityControlId': unknown security control '${controlId}'.`);
    for (const [name, value] of Object.entries(parameters)) {
      const parameter = control.parameters?.[name];
      if (parameter === undefined) throw new InvalidInputError(`Invalid parameter '${at}.Parameters.${name}': control ${controlId} has no such parameter.`);
      if (value !== null && !matchesParameterType(parameter, value))
        throw new InvalidInputError(`Invalid parameter '${at}.Parameters.${name}': expected a value of type ${parameter.type}.`);
    }
  }
}
