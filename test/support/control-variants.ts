import type { ConfigurationItem, ControlDefinition, ControlResult, ParameterValue } from '../../lambdas/compliance/controls/types';
import { controlHarness } from './controls';

/** A configuration item's `configuration`, as a patch sees it. */
export type Json = Record<string, unknown>;

/** Walks a dotted path (`A.0.B`) to the parent of its last step, creating objects on the way. */
function parentOf(root: Json, path: string): [Record<string, unknown>, string] {
  const steps = path.split('.');
  let node = root as Record<string, unknown>;
  for (const step of steps.slice(0, -1)) {
    if (typeof node[step] !== 'object' || node[step] === null) node[step] = {};
    node = node[step] as Record<string, unknown>;
  }
  return [node, steps[steps.length - 1]!];
}

/** A patch setting a dotted path of the configuration (`set('ContainerDefinitions.0.Privileged', true)`). */
export const set =
  (path: string, value: unknown) =>
  (configuration: Json): void => {
    const [parent, key] = parentOf(configuration, path);
    parent[key] = value;
  };

/** A patch deleting a dotted path of the configuration. */
export const drop =
  (path: string) =>
  (configuration: Json): void => {
    const [parent, key] = parentOf(configuration, path);
    delete parent[key];
  };

/** Several patches in order. */
export const all =
  (...patches: Array<(configuration: Json, item: ConfigurationItem) => void>) =>
  (configuration: Json, item: ConfigurationItem): void => {
    for (const patch of patches) patch(configuration, item);
  };

/**
 * One table row: a control on a fixture changed by a small, named mutation, with the expected
 * status and a pattern the reason must match (naming the cause).
 */
export interface Variant {
  control: string;
  name: string;
  /** Fixture name; defaults to the fixture of the control's first resource type. */
  fixture?: string;
  /** Mutates the configuration (first argument) or the whole item (second). */
  patch?: (configuration: Json, item: ConfigurationItem) => void;
  /** Parameter overrides: a row with parameters counts as that parameter's effect test. */
  parameters?: Record<string, ParameterValue>;
  related?: ConfigurationItem[];
  expect: ControlResult;
  reason: RegExp;
}

/**
 * Table-driven tests of one service group's controls: every row asserts status and reason; every
 * control gets a NOT_APPLICABLE row for a deleted resource of its type; and the table itself must
 * hold a PASSED and a FAILED row for each control and a row overriding each of its parameters.
 */
export function describeVariants(title: string, controls: readonly ControlDefinition[], folder: string, fixtures: Record<string, string>, variants: Variant[]): void {
  const harness = controlHarness(controls, folder);
  const fixtureOf = (control: ControlDefinition) => {
    const name = fixtures[control.resourceTypes[0]!];
    if (!name) throw new Error(`no fixture for ${control.resourceTypes[0]}`);
    return name;
  };
  const run = (variant: Variant) => {
    const control = harness.control(variant.control);
    const item = harness.load(variant.fixture ?? fixtureOf(control));
    variant.patch?.(item.configuration as Json, item);
    return control.evaluate(item, harness.context(variant.control, variant.related ?? [], variant.parameters ?? {}));
  };

  describe(title, () => {
    it.each(variants.map((variant) => [`${variant.control} ${variant.name}`, variant] as const))('%s', (_name, variant) => {
      expect(run(variant)).toEqual({ status: variant.expect, reason: expect.stringMatching(variant.reason) });
    });

    it.each(controls.map((control) => [control.id, control] as const))('%s does not judge a deleted resource of its type', (_id, control) => {
      const item = harness.load(fixtureOf(control));
      Object.assign(item, { configurationItemStatus: 'ResourceDeleted', configuration: null });
      expect(control.evaluate(item, harness.context(control.id))).toEqual({ status: 'NOT_APPLICABLE', reason: expect.stringMatching(/deleted/) });
    });

    it.each(controls.map((control) => [control.id, control] as const))('%s has a passing row, a failing row and a row per parameter', (id, control) => {
      const rows = variants.filter((variant) => variant.control === id);
      expect(rows.map((row) => row.expect)).toEqual(expect.arrayContaining(['PASSED', 'FAILED']));
      const overridden = new Set(rows.flatMap((row) => Object.keys(row.parameters ?? {})));
      for (const parameter of Object.keys(control.parameters ?? {})) expect([id, parameter, overridden.has(parameter)]).toEqual([id, parameter, true]);
    });
  });
}
