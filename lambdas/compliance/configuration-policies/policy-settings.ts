/**
 * A configuration policy as compliance settings: what the evaluation of an account whose
 * effective configuration is the policy runs with. Pure.
 */
import { CONTROLS } from '../controls/registry';
import type { ControlDefinition, ParameterValue } from '../controls/types';
import type { ComplianceSettings, ControlSettings } from '../settings';
import type { ConfigurationPolicy } from './types';

/**
 * The settings a policy makes: its enabled standards (none when the policy turns Security Hub off);
 * every control it turns off disabled (with the policy in the reason), every other control on in
 * every standard (a policy aligns a control's status across standards); its custom parameter
 * values. `self` keeps the standards' enable times of the self-managed settings (status times).
 */
export function policyComplianceSettings(policy: ConfigurationPolicy, self?: ComplianceSettings, catalogue: readonly ControlDefinition[] = CONTROLS): ComplianceSettings {
  const { settings } = policy;
  const off = `Disabled by configuration policy '${policy.name}' (${policy.id})`;
  const controls: Record<string, ControlSettings> = {};
  const listed = new Set(settings.controls?.ids ?? []);
  for (const control of catalogue) {
    const enabled = settings.serviceEnabled && (settings.controls?.mode === 'enabled' ? listed.has(control.id) : !listed.has(control.id));
    const parameters = customValues(settings.parameters?.[control.id]);
    if (!enabled)
      controls[control.id] = { enabled: false, disabledReason: settings.serviceEnabled ? off : `Security Hub is disabled by configuration policy '${policy.name}' (${policy.id})` };
    else if (parameters) controls[control.id] = { enabled: true, parameters };
  }
  return {
    enabledStandards: settings.serviceEnabled ? [...settings.enabledStandards] : [],
    controls,
    ...(self?.standardsEnabledAt && { standardsEnabledAt: self.standardsEnabledAt }),
  };
}

function customValues(parameters: Record<string, ParameterValue | null> | undefined): Record<string, ParameterValue> | undefined {
  const custom = Object.entries(parameters ?? {}).filter((entry): entry is [string, ParameterValue] => entry[1] !== null);
  return custom.length > 0 ? Object.fromEntries(custom) : undefined;
}
