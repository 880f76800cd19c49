import type { ConfigurationItem, ControlResult, ParameterValue } from '../../lambdas/compliance/controls/types';
import type { controlHarness } from './controls';

/** One row of a control's table test: a named mutation of a fixture and the verdict it must get. */
export interface ControlRow {
  name: string;
  /** The fixture to start from (the table's base fixture when absent). */
  fixture?: string;
  /** A small, named change of the item (its configuration, supplementary configuration…). */
  patch?: (item: ConfigurationItem & { configuration: Record<string, any> }) => void;
  related?: ConfigurationItem[];
  parameters?: Record<string, ParameterValue>;
  expect: ControlResult;
  /** What the reason must say (names the cause). */
  reason: RegExp;
}

/**
 * Table-driven control tests: each row evaluates `id` on a copy of the fixture with the row's
 * patch, and asserts both the status and that the reason names the cause.
 */
export function controlTable(harness: ReturnType<typeof controlHarness>, id: string, base: string, rows: ControlRow[]): void {
  describe(`${id} ${harness.control(id).title}`, () => {
    it.each(rows.map((row) => [row.name, row] as const))('%s', (_name, row) => {
      const item = structuredClone(harness.load(row.fixture ?? base)) as ConfigurationItem & { configuration: Record<string, any> };
      row.patch?.(item);
      const result = harness.control(id).evaluate(item, harness.context(id, row.related ?? [], row.parameters ?? {}));
      expect(result).toEqual({ status: row.expect, reason: expect.stringMatching(row.reason) });
    });
  });
}
