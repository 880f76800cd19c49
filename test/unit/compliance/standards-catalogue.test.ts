import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import { STANDARDS, isStandardId, type StandardId } from '../../../lambdas/compliance/standards';
import { controlByStandardsControlId, mappingIn, mappingsOf } from '../../../lambdas/compliance/standards-membership';

/** Our own controls (not Security Hub's): no published list names them. */
const isOurs = (id: string) => id.startsWith('OSH.');

/**
 * Where the catalogue's own mappings and Security Hub's published list (March 2026) disagree,
 * each with why it stays so. Exact: a fix on either side must remove its entry here.
 */
const KNOWN_DIVERGENCES: readonly string[] = [
  // messaging.ts maps SNS.1 to FSBP; Security Hub's control reference lists SNS.1 only under NIST SP 800-53 / 800-171.
  'SNS.1 mapped to aws-foundational-security-best-practices/v/1.0.0 but not in Security Hub’s list',
];

const REQUIREMENT_FORM: Record<StandardId, RegExp> = {
  'aws-foundational-security-best-practices/v/1.0.0': /^$/,
  'cis-aws-foundations-benchmark/v/3.0.0': /^CIS AWS Foundations Benchmark v3\.0\.0\/\d+(\.\d+)*$/,
  'pci-dss/v/3.2.1': /^PCI DSS v3\.2\.1\/\d+(\.\d+)*$/,
  'nist-800-53/v/5.0.0': /^NIST\.800-53\.r5 [A-Z]{2}-\d+(\(\d+\))?$/,
  'pci-dss/v/4.0.1': /^PCI DSS v4\.0\.1\/\d+(\.\d+)*$/,
  'cis-aws-foundations-benchmark/v/5.0.0': /^CIS AWS Foundations Benchmark v5\.0\.0\/\d+(\.\d+)*$/,
  'aws-resource-tagging-standard/v/1.0.0': /^$/,
};

describe('the control catalogue', () => {
  it('has unique ids, and unique titles but where Security Hub titles two controls alike (IAM.7, IAM.10)', () => {
    const ids = CONTROLS.map((control) => control.id);
    expect(new Set(ids).size).toBe(ids.length);
    const byTitle = new Map<string, string[]>();
    for (const control of CONTROLS) byTitle.set(control.title, [...(byTitle.get(control.title) ?? []), control.id]);
    const repeated = [...byTitle.values()].filter((list) => list.length > 1);
    expect(repeated).toEqual([['IAM.7', 'IAM.10']]);
  });

  it.each(CONTROLS.map((control) => [control.id, control] as const))('%s: Security Hub id form, severity label, resource types', (id, control) => {
    expect(id).toMatch(/^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*\.\d+$/);
    expect(['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(control.severity);
    expect(control.resourceTypes.length).toBeGreaterThan(0);
  });

  it.each(CONTROLS.map((control) => [control.id, control] as const))('%s: its own mappings name standards whose membership the controls carry', (_id, control) => {
    for (const mapping of control.standards) {
      expect(isStandardId(mapping.standard)).toBe(true);
      // A mapping to a standard whose membership is data would be ignored: it belongs in standards/<standard>.ts.
      expect(STANDARDS.find((standard) => standard.id === mapping.standard)?.membership).toBe('controls');
    }
  });

  it.each(CONTROLS.map((control) => [control.id, control] as const))('%s: belongs to at least one standard, requirement ids in each standard’s form', (_id, control) => {
    const mappings = mappingsOf(control);
    expect(mappings.length).toBeGreaterThan(0);
    for (const mapping of mappings) for (const requirement of mapping.requirements) expect(requirement).toMatch(REQUIREMENT_FORM[mapping.standard]);
  });
});

describe('each standard’s list and the catalogue', () => {
  it('every standard has its published list, without duplicates', () => {
    for (const standard of STANDARDS) {
      expect(standard.published.length).toBeGreaterThan(30);
      expect(new Set(standard.published).size).toBe(standard.published.length);
    }
  });

  it('controls mapped to a standard are in Security Hub’s list of it, and the listed controls of the catalogue are mapped (known divergences exactly)', () => {
    const divergences: string[] = [];
    for (const standard of STANDARDS) {
      const published = new Set(standard.published);
      for (const control of CONTROLS) {
        if (isOurs(control.id)) continue;
        const mapped = mappingIn(control, standard.id) !== undefined;
        if (mapped && !published.has(control.id)) divergences.push(`${control.id} mapped to ${standard.id} but not in Security Hub’s list`);
        if (!mapped && published.has(control.id)) divergences.push(`${control.id} in Security Hub’s list of ${standard.id} but not mapped`);
      }
    }
    expect(divergences).toEqual(KNOWN_DIVERGENCES);
  });

  it.each(STANDARDS.filter((standard) => standard.membership === 'published').map((standard) => [standard.id, standard] as const))(
    '%s: membership is its data — every listed control of the catalogue joins it by id, with its requirement ids',
    (id, standard) => {
      const members = CONTROLS.filter((control) => standard.published.includes(control.id));
      expect(members.length).toBeGreaterThan(0);
      for (const control of members) {
        const mapping = mappingIn(control, id);
        expect(mapping).toBeDefined();
        expect(mapping!.requirements).toEqual((standard.requirements?.[control.id] ?? []).map((requirement) => standard.requirement(requirement)));
      }
      // And nothing outside the list joins.
      for (const control of CONTROLS.filter((candidate) => !standard.published.includes(candidate.id))) expect(mappingIn(control, id)).toBeUndefined();
    },
  );

  it('standards-control ids: PCI.* for PCI DSS v3.2.1, the recommendation number for CIS, the security control id elsewhere; each resolves back', () => {
    const iam4 = CONTROLS.find((control) => control.id === 'IAM.4')!;
    expect(mappingIn(iam4, 'pci-dss/v/3.2.1')?.standardsControlId).toBe('PCI.IAM.1');
    expect(mappingIn(iam4, 'cis-aws-foundations-benchmark/v/3.0.0')?.standardsControlId).toBe('1.4');
    expect(mappingIn(iam4, 'cis-aws-foundations-benchmark/v/5.0.0')?.standardsControlId).toBe('1.3');
    expect(mappingIn(iam4, 'nist-800-53/v/5.0.0')?.standardsControlId).toBe('IAM.4');
    expect(mappingIn(iam4, 'aws-foundational-security-best-practices/v/1.0.0')?.standardsControlId).toBe('IAM.4');
    for (const control of CONTROLS) {
      for (const mapping of mappingsOf(control)) expect(controlByStandardsControlId(CONTROLS, mapping.standard, mapping.standardsControlId)).toBe(control);
    }
  });
});
