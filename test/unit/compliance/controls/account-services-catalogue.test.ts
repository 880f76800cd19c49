import { accountServicesControls } from '../../../../lambdas/compliance/controls/account-services';
import { cloudtrailControls } from '../../../../lambdas/compliance/controls/cloudtrail';
import { containersControls } from '../../../../lambdas/compliance/controls/containers';
import { iamControls } from '../../../../lambdas/compliance/controls/iam';
import { lambdaControls } from '../../../../lambdas/compliance/controls/lambda';
import { messagingControls } from '../../../../lambdas/compliance/controls/messaging';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';
import { STANDARDS } from '../../../../lambdas/compliance/standards';
import { mappingsOf } from '../../../../lambdas/compliance/standards-membership';

const CONTROLS = [...iamControls, ...cloudtrailControls, ...lambdaControls, ...messagingControls, ...containersControls, ...accountServicesControls];
const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const REQUIREMENT_PREFIX: Record<string, string> = {
  'cis-aws-foundations-benchmark/v/3.0.0': 'CIS AWS Foundations Benchmark v3.0.0/',
  'pci-dss/v/3.2.1': 'PCI DSS v3.2.1/',
};

describe('Identity, logging, compute and account-service control catalogue', () => {
  it('has at least 22 controls with unique ids', () => {
    const ids = CONTROLS.map((control) => control.id);

    expect(ids.length).toBeGreaterThanOrEqual(22);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(CONTROLS.map((control) => [control.id, control]))('%s belongs to a known standard with well-formed requirement ids', (_, control) => {
    // In a standard by its own mappings, or by a standard's published data (NIST SP 800-53, PCI DSS v4.0.1, CIS v5.0.0).
    expect(mappingsOf(control).length).toBeGreaterThan(0);
    for (const mapping of control.standards) {
      expect(STANDARDS.map((standard) => standard.id)).toContain(mapping.standard);
      const prefix = REQUIREMENT_PREFIX[mapping.standard];
      if (prefix) expect(mapping.requirements.every((requirement) => requirement.startsWith(prefix))).toBe(true);
    }
  });

  it.each(CONTROLS.map((control) => [control.id, control]))('%s has a valid severity, resource types, remediation link and parameter defaults', (_, control) => {
    expect(SEVERITIES).toContain(control.severity);
    expect(control.resourceTypes.length).toBeGreaterThan(0);
    expect(control.remediationUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/securityhub\//);
    for (const parameter of Object.values(control.parameters ?? {})) expect(parameter.default).toBeDefined();
  });

  it.each(CONTROLS.map((control) => [control.id, control]))('%s never throws on odd configurations and always gives a reason', (_, control) => {
    const odd: unknown[] = [null, {}, { userPolicyList: 'x', policyVersionList: [{ isDefaultVersion: true, document: '%ZZ' }], Logging: 7, RecordingGroup: [] }];
    for (const configuration of odd) {
      for (const resourceType of control.resourceTypes) {
        const item = {
          accountId: '1',
          awsRegion: 'eu-west-1',
          resourceType,
          resourceId: 'x',
          configuration,
          supplementaryConfiguration: { Policy: '{', CredentialReport: 'x', AccountSummary: [] },
        } as ConfigurationItem;
        const result = control.evaluate(item, { parameters: {}, related: () => [item], now: new Date('2025-06-01T00:00:00Z') });
        expect(['PASSED', 'FAILED', 'NOT_APPLICABLE']).toContain(result.status);
        expect(result.reason.length).toBeGreaterThan(0);
      }
    }
  });
});
