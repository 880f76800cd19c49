import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLS } from '../../../../lambdas/compliance/controls/registry';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';
import { taggingControls } from '../../../../lambdas/compliance/controls/tagging';

const PARAMETER_TYPES: Record<string, (value: unknown) => boolean> = {
  int: (value) => Number.isInteger(value),
  string: (value) => typeof value === 'string',
  boolean: (value) => typeof value === 'boolean',
  stringList: (value) => Array.isArray(value) && value.every((entry) => typeof entry === 'string'),
  intList: (value) => Array.isArray(value) && value.every((entry) => Number.isInteger(entry)),
};
const rows = CONTROLS.map((control) => [control.id, control] as const);

describe('the whole control catalogue', () => {
  it('has unique ids and unique titles (but IAM.7 and IAM.10, which Security Hub titles alike)', () => {
    const ids = CONTROLS.map((control) => control.id);
    const titles = CONTROLS.filter((control) => control.id !== 'IAM.10').map((control) => control.title);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(titles.filter((title, i) => titles.indexOf(title) !== i)).toEqual([]);
  });

  it.each(rows)('%s: id, page, severity, standards and parameters are well formed', (id, control) => {
    expect(id).toMatch(/^[A-Za-z0-9]+\.\d+$|^OSH\.[A-Za-z]+\.\d+$/);
    expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(control.severity);
    expect(control.title.length).toBeGreaterThan(10);
    expect(control.description.length).toBeGreaterThan(10);
    if (!id.startsWith('OSH.')) {
      const service = id.slice(0, id.indexOf('.')).toLowerCase();
      expect(control.remediationUrl).toBe(`https://docs.aws.amazon.com/securityhub/latest/userguide/${service}-controls.html#${id.toLowerCase().replace('.', '-')}`);
    }
    // Standards and requirement ids: test/unit/compliance/standards-catalogue.test.ts (own mappings and the standards' published lists).
    for (const [name, parameter] of Object.entries(control.parameters ?? {})) {
      expect({ name, ok: PARAMETER_TYPES[parameter.type]!(parameter.default) }).toEqual({ name, ok: true });
    }
  });

  it.each(rows)('%s never throws on odd configurations and always gives a reason', (_id, control) => {
    const odd: unknown[] = [
      null,
      {},
      { distributionConfig: 7, listenerDescriptions: [null], methodSettings: 'x', 'AWS:ComplianceItem': [], policyVersionList: [{ isDefaultVersion: true, document: '%ZZ' }] },
    ];
    for (const configuration of odd) {
      for (const resourceType of control.resourceTypes) {
        const item = {
          accountId: '1',
          awsRegion: 'eu-west-1',
          resourceType,
          resourceId: 'x',
          configuration,
          supplementaryConfiguration: { LoadBalancerAttributes: '{', BucketPolicy: 3 },
        } as ConfigurationItem;
        const result = control.evaluate(item, { parameters: {}, related: () => [item], now: new Date('2025-06-01T00:00:00Z') });
        expect(['PASSED', 'FAILED', 'NOT_APPLICABLE']).toContain(result.status);
        expect(result.reason.length).toBeGreaterThan(0);
      }
    }
  });

  it('names every control in a control test (each control has its own pass/fail cases)', () => {
    const dir = join(__dirname);
    const text = readdirSync(dir)
      .filter((file) => file.endsWith('.test.ts') && file !== 'catalogue-registry.test.ts')
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    // The tagging standard's controls are generated from one table and tested together (tagging.test.ts).
    const generated = new Set(taggingControls.map((control) => control.id));
    const untested = CONTROLS.map((control) => control.id).filter((id) => !generated.has(id) && !text.includes(`'${id}'`));
    expect(untested).toEqual([]);
  });
});
