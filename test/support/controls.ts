import type { ConfigurationItem, ControlDefinition, EvaluationContext, ParameterValue } from '../../lambdas/compliance/controls/types';
import { configItem } from './fixtures';

/** The clock every control test evaluates with. */
export const CONTROL_TEST_NOW = new Date('2025-05-01T12:00:00Z');

/**
 * Test helpers for one service's controls: load a fixture from `test/fixtures/config-items/<folder>/`,
 * find a control by id, and evaluate it with its default parameters (overridable) and related items.
 */
export function controlHarness(controls: readonly ControlDefinition[], folder: string) {
  const load = (name: string): ConfigurationItem => configItem(`${folder}/${name}`);
  const control = (id: string): ControlDefinition => {
    const found = controls.find((candidate) => candidate.id === id);
    if (!found) throw new Error(`no control ${id}`);
    return found;
  };
  /** A context with the control's defaults, overridden, and the given related items. */
  const context = (id: string, related: ConfigurationItem[] = [], overrides: Record<string, ParameterValue> = {}): EvaluationContext => ({
    parameters: { ...Object.fromEntries(Object.entries(control(id).parameters ?? {}).map(([name, p]) => [name, p.default])), ...overrides },
    related: (type) => related.filter((other) => other.resourceType === type),
    now: CONTROL_TEST_NOW,
  });
  const evaluate = (id: string, fixture: string, related: ConfigurationItem[] = [], overrides: Record<string, ParameterValue> = {}) =>
    control(id).evaluate(load(fixture), context(id, related, overrides));
  return { load, control, context, evaluate };
}
