import { controlStatuses } from '../../../lambdas/compliance/control-status';
import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { evaluateItem } from '../../../lambdas/compliance/evaluate';
import { scopedScores, scoreCells } from '../../../lambdas/compliance/scoped-scores';
import type { ComplianceSettings } from '../../../lambdas/compliance/settings';
import { STANDARDS, type StandardId } from '../../../lambdas/compliance/standards';
import { associationState, withAssociation } from '../../../lambdas/compliance/standards-associations';
import { mappingIn } from '../../../lambdas/compliance/standards-membership';
import { configItem } from '../../support/fixtures';

const NOW = new Date('2026-11-01T10:00:00.000Z');
const NIST: StandardId = 'nist-800-53/v/5.0.0';
const CIS5: StandardId = 'cis-aws-foundations-benchmark/v/5.0.0';
const PCI4: StandardId = 'pci-dss/v/4.0.1';

const fixture = (folder: string, name: string): ConfigurationItem => configItem(`${folder}/${name}`);
const key = fixture('kms', 'key-not-rotating');
const settingsOf = (enabledStandards: StandardId[], extra: Partial<ComplianceSettings> = {}): ComplianceSettings => ({ enabledStandards, controls: {}, ...extra });
const outcome = (item: ConfigurationItem, settings: ComplianceSettings, controlId: string) => {
  const found = evaluateItem({ item, related: () => [], settings, now: NOW }).find((entry) => entry.controlId === controlId);
  if (!found?.finding) throw new Error(`no finding of ${controlId}`);
  return found;
};

/** A bare item of the control's first resource type: enough for the evaluator to give some verdict. */
function bareItem(resourceType: string): ConfigurationItem {
  return {
    accountId: '111122223333',
    awsRegion: 'us-east-1',
    resourceType,
    resourceId: 'r-1',
    arn: `arn:aws:test:us-east-1:111122223333:r-1`,
    configurationItemStatus: 'OK',
    configuration: {},
    tags: {},
  };
}

describe('per standard: enabling it alone produces findings with its own standard and requirement ids', () => {
  it.each(STANDARDS.map((standard) => [standard.id] as const))('%s', (id) => {
    const members = CONTROLS.filter((control) => mappingIn(control, id) !== undefined);
    expect(members.length).toBeGreaterThan(0);
    let checked = 0;
    for (const control of members) {
      const result = evaluateItem({ item: bareItem(control.resourceTypes[0]), related: () => [], settings: settingsOf([id]), now: NOW, homeRegion: 'us-east-1' }).find(
        (entry) => entry.controlId === control.id,
      );
      if (!result?.finding || result.finding.RecordState === 'ARCHIVED') continue;
      expect(result.finding.Compliance?.AssociatedStandards).toEqual([{ StandardsId: `standards/${id}` }]);
      expect(result.finding.Compliance?.RelatedRequirements).toEqual(mappingIn(control, id)!.requirements.slice(0, 32));
      expect(result.finding.Compliance?.SecurityControlId).toBe(control.id);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(0);
  });

  it('a control in several enabled standards: one finding naming each, with every standard’s requirement ids', () => {
    const { finding } = outcome(key, settingsOf([NIST, PCI4, CIS5]), 'KMS.4');
    expect(finding!.Compliance).toMatchObject({
      Status: 'FAILED',
      AssociatedStandards: [{ StandardsId: `standards/${NIST}` }, { StandardsId: `standards/${PCI4}` }, { StandardsId: `standards/${CIS5}` }],
    });
    expect(finding!.Compliance?.RelatedRequirements).toEqual(expect.arrayContaining(['NIST.800-53.r5 SC-12', 'PCI DSS v4.0.1/3.7.4', 'CIS AWS Foundations Benchmark v5.0.0/3.6']));
    expect(finding!.Compliance?.RelatedRequirements?.some((requirement) => requirement.startsWith('PCI DSS v3.2.1/'))).toBe(false);
  });

  it('a standard not enabled contributes nothing; a control in no enabled standard is archived', () => {
    const archived = outcome(key, settingsOf(['aws-foundational-security-best-practices/v/1.0.0']), 'KMS.4');
    expect(archived.enabled).toBe(false);
    expect(archived.finding!.RecordState).toBe('ARCHIVED');
    expect(archived.finding!.Compliance?.StatusReasons?.[0].Description).toContain('belongs to no enabled standard');
  });
});

describe('per standard: disabling a control in one standard only', () => {
  const kms4 = CONTROLS.find((control) => control.id === 'KMS.4')!;
  const disabledInNist = withAssociation(settingsOf([NIST, CIS5]), kms4, NIST, { enabled: false, reason: 'keys rotate by hand' }, '2026-10-01T00:00:00.000Z');

  it('keeps it running for the other standards: its finding names only them', () => {
    const { finding, enabled } = outcome(key, disabledInNist, 'KMS.4');
    expect(enabled).toBe(true);
    expect(finding!.RecordState).toBe('ACTIVE');
    expect(finding!.Compliance?.AssociatedStandards).toEqual([{ StandardsId: `standards/${CIS5}` }]);
    expect(finding!.Compliance?.RelatedRequirements).toEqual(['CIS AWS Foundations Benchmark v5.0.0/3.6']);
    expect(associationState(kms4, NIST, disabledInNist)).toEqual({ status: 'DISABLED', reason: 'keys rotate by hand', updatedAt: '2026-10-01T00:00:00.000Z' });
    expect(associationState(kms4, CIS5, disabledInNist).status).toBe('ENABLED');
  });

  it('disabled in every enabled standard that contains it: archived, saying so', () => {
    const both = withAssociation(disabledInNist, kms4, CIS5, { enabled: false, reason: 'n/a' }, '2026-10-02T00:00:00.000Z');
    const { finding, enabled } = outcome(key, both, 'KMS.4');
    expect(enabled).toBe(false);
    expect(finding!.RecordState).toBe('ARCHIVED');
    expect(finding!.Compliance?.StatusReasons?.[0].Description).toContain('disabled in every enabled standard');
  });

  it('re-enabling moves the status time; repeating the same status keeps it', () => {
    const again = withAssociation(disabledInNist, kms4, NIST, { enabled: false, reason: 'still' }, '2026-10-05T00:00:00.000Z');
    expect(associationState(kms4, NIST, again)).toMatchObject({ status: 'DISABLED', reason: 'still', updatedAt: '2026-10-01T00:00:00.000Z' });
    const enabled = withAssociation(again, kms4, NIST, { enabled: true }, '2026-10-06T00:00:00.000Z');
    expect(associationState(kms4, NIST, enabled)).toEqual({ status: 'ENABLED', updatedAt: '2026-10-06T00:00:00.000Z' });
  });

  it('refuses a standard the control is not in', () => {
    expect(() => withAssociation(settingsOf([NIST]), kms4, 'aws-foundational-security-best-practices/v/1.0.0', { enabled: false }, '2026-10-01T00:00:00.000Z')).toThrow(/not in/);
  });

  it('scores per standard: DISABLED in that standard’s score only; the summary still counts it', () => {
    const { finding } = outcome(key, disabledInNist, 'KMS.4');
    const cells = scoreCells([finding!], disabledInNist);
    const { scores, controls } = scopedScores(cells);
    expect(controls['KMS.4']).toBe('FAILED');
    const nist = scores.standards.find((entry) => entry.standard === NIST)!;
    const cis5 = scores.standards.find((entry) => entry.standard === CIS5)!;
    expect(cis5).toMatchObject({ failed: 1, score: 0 });
    expect(nist.failed).toBe(0);
    expect(nist.disabled).toBeGreaterThanOrEqual(1);
    expect(scores.summary.failed).toBe(1);
    // Without the association both standards count the failure.
    const plain = scopedScores(scoreCells([finding!], settingsOf([NIST, CIS5])));
    expect(plain.scores.standards.find((entry) => entry.standard === NIST)!.failed).toBe(1);
    expect(controlStatuses([finding!], disabledInNist)['KMS.4']).toBe('FAILED');
  });
});

describe('Compliance.SecurityControlParameters', () => {
  const topic: ConfigurationItem = { ...bareItem('AWS::SNS::Topic'), tags: { team: 'payments' } };
  const tagging: StandardId = 'aws-resource-tagging-standard/v/1.0.0';

  it('names the parameter values the control evaluated with; a default empty list is left out', () => {
    const customised = settingsOf([tagging], { controls: { 'SNS.3': { enabled: true, parameters: { requiredTagKeys: ['team', 'env'] } } } });
    const { finding } = outcome(topic, customised, 'SNS.3');
    expect(finding!.Compliance).toMatchObject({ Status: 'FAILED', SecurityControlParameters: [{ Name: 'requiredTagKeys', Value: ['team', 'env'] }] });
    const { finding: plain } = outcome(topic, settingsOf([tagging]), 'SNS.3');
    expect(plain!.Compliance?.Status).toBe('PASSED');
    expect(plain!.Compliance?.SecurityControlParameters).toBeUndefined();
  });
});
