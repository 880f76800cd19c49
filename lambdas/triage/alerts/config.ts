/**
 * What the alert router is configured with, from its environment (set by the CDK construct, or by
 * hand on the embedded default). Pure: parses a record of variables, names the variable at fault.
 */
import { isSeverityLabel } from '../../asff';
import type { SeverityLabel } from '../../asff';

/** The alert policy's and the grouping's settings. */
export interface AlertConfig {
  /** Findings below this severity alert only when their priority reaches {@link priorityThreshold}. */
  minimumSeverity: SeverityLabel;
  /**
   * Priority (0–100) from which a finding alerts whatever its severity; a priority that rises
   * across it is an escalation.
   */
  priorityThreshold: number;
  /** Repeated findings on one resource within this window make one alert (plus escalations). */
  groupWindowMinutes: number;
}

/** Defaults: HIGH and CRITICAL alert, or priority ≥ 70; a 60-minute window per resource. */
export const DEFAULT_ALERT_CONFIG: Readonly<AlertConfig> = { minimumSeverity: 'HIGH', priorityThreshold: 70, groupWindowMinutes: 60 };

/** The environment variables that configure alerts. */
export const ALERT_ENV = {
  minimumSeverity: 'ALERT_MINIMUM_SEVERITY',
  priorityThreshold: 'ALERT_PRIORITY_THRESHOLD',
  groupWindowMinutes: 'ALERT_GROUP_WINDOW_MINUTES',
} as const;

/** A configuration variable with a value it cannot take. */
export class InvalidAlertConfigError extends Error {
  constructor(variable: string, value: string, expected: string) {
    super(`${variable}='${value}' is invalid: expected ${expected}`);
    this.name = 'InvalidAlertConfigError';
  }
}

function number(env: Record<string, string | undefined>, variable: string, fallback: number, min: number, max: number): number {
  const text = env[variable];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw new InvalidAlertConfigError(variable, text, `an integer ${min}..${max}`);
  return value;
}

/** The configuration from `env`; unset variables take {@link DEFAULT_ALERT_CONFIG}. */
export function alertConfigFrom(env: Record<string, string | undefined>): AlertConfig {
  const severity = env[ALERT_ENV.minimumSeverity];
  if (severity !== undefined && severity !== '' && !isSeverityLabel(severity)) {
    throw new InvalidAlertConfigError(ALERT_ENV.minimumSeverity, severity, 'INFORMATIONAL, LOW, MEDIUM, HIGH or CRITICAL');
  }
  return {
    minimumSeverity: severity === undefined || severity === '' ? DEFAULT_ALERT_CONFIG.minimumSeverity : severity,
    priorityThreshold: number(env, ALERT_ENV.priorityThreshold, DEFAULT_ALERT_CONFIG.priorityThreshold, 0, 100),
    groupWindowMinutes: number(env, ALERT_ENV.groupWindowMinutes, DEFAULT_ALERT_CONFIG.groupWindowMinutes, 1, 24 * 60),
  };
}
