import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONTROLS } from '../../../../lambdas/compliance/controls/registry';
import { STANDARDS } from '../../../../lambdas/compliance/standards';
import { ACCOUNT_RESOURCE_TYPE, CONFIG_RESOURCE_TYPES } from '../../../../lambdas/shared/resources/config-resource-types';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';

const REQUIREMENT_FORMAT: Record<string, RegExp> = {
  'aws-foundational-security-best-practices/v/1.0.0': /^$/,
  'cis-aws-foundations-benchmark/v/3.0.0': /^CIS AWS Foundations Benchmark v3\.0\.0\/\d+(\.\d+)*$/,
  'pci-dss/v/3.2.1': /^PCI DSS v3\.2\.1\/\d+(\.\d+)*$/,
};
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
    expect(control.standards.length).toBeGreaterThan(0);
    for (const mapping of control.standards) {
      expect(STANDARDS.map((standard) => standard.id)).toContain(mapping.standard);
      for (const requirement of mapping.requirements) expect(requirement).toMatch(REQUIREMENT_FORMAT[mapping.standard]!);
    }
    for (const [name, parameter] of Object.entries(control.parameters ?? {})) {
      expect({ name, ok: PARAMETER_TYPES[parameter.type]!(parameter.default) }).toEqual({ name, ok: true });
    }
  });

  it.each(rows)('%s: every evaluated resource type has a Security Hub resource type', (_id, control) => {
    for (const type of control.resourceTypes) expect(type === ACCOUNT_RESOURCE_TYPE || Object.hasOwn(CONFIG_RESOURCE_TYPES, type)).toBe(true);
  });

  it.each(rows)('%s never throws on odd configurations and always gives a reason', (_id, control) => {
    const odd: unknown[] = [null, {}, { distributionConfig: 7, listenerDescriptions: [null], methodSettings: 'x', 'AWS:ComplianceItem': [], policyVersionList: [{ isDefaultVersion: true, document: '%ZZ' }] }];
    for (const configuration of odd) {
      for (const resourceType of control.resourceTypes) {
        const item = { accountId: '1', awsRegion: 'eu-west-1', resourceType, resourceId: 'x', configuration, supplementaryConfiguration: { LoadBalancerAttributes: '{', BucketPolicy: 3 } } as ConfigurationItem;
        const result = control.evaluate(item, { parameters: {}, related: () => [item], now: new Date('2025-06-01T00:00:00Z') });
        expect(['PASSED', 'FAILED', 'NOT_APPLICABLE']).toContain(result.status);
        expect(result.reason.length).toBeGreaterThan(0);
      }
    }
  });

  it('names every control in a control test (each control has its own pass/fail cases)', () => {
    const dir = join(__dirname);
    const text = readdirSync(dir).filter((file) => file.endsWith('.test.ts') && file !== 'catalogue-registry.test.ts').map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    const untested = CONTROLS.map((control) => control.id).filter((id) => !text.includes(`'${id}'`));
    expect(untested).toEqual([]);
  });
});
