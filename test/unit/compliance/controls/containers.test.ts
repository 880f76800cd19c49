import { containersControls } from '../../../../lambdas/compliance/controls/containers';
import type { ConfigurationItem, EvaluationContext, ParameterValue } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const item = (name: string): ConfigurationItem => configItem(`containers/${name}`);
function evaluate(id: string, fixture: string | ConfigurationItem, overrides: Record<string, ParameterValue> = {}) {
  const definition = containersControls.find((entry) => entry.id === id)!;
  const defaults = Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([name, parameter]) => [name, parameter.default]));
  const context: EvaluationContext = { parameters: { ...defaults, ...overrides }, related: () => [], now: new Date('2025-06-01T00:00:00Z') };
  return definition.evaluate(typeof fixture === 'string' ? item(fixture) : fixture, context);
}

describe('ECR and EKS controls', () => {
  it.each([
    ['ECR.1', 'repository-hardened', 'PASSED', /scans images on push/],
    ['ECR.1', 'repository-bare', 'FAILED', /scanning on push is not configured/],
    ['ECR.1', 'cluster-hardened', 'NOT_APPLICABLE', /AWS::EKS::Cluster is not evaluated/],
    ['ECR.2', 'repository-hardened', 'PASSED', /immutable \(IMMUTABLE\)/],
    ['ECR.2', 'repository-bare', 'FAILED', /mutable \(ImageTagMutability MUTABLE\)/],
    ['ECR.2', 'cluster-deleted', 'NOT_APPLICABLE', /not evaluated/],
    ['ECR.3', 'repository-hardened', 'PASSED', /has a lifecycle policy/],
    ['ECR.3', 'repository-bare', 'FAILED', /no lifecycle policy/],
    ['ECR.3', 'cluster-hardened', 'NOT_APPLICABLE', /not evaluated/],
    ['EKS.1', 'cluster-hardened', 'PASSED', /not publicly accessible/],
    ['EKS.1', 'cluster-exposed', 'FAILED', /is publicly accessible/],
    ['EKS.1', 'cluster-deleted', 'NOT_APPLICABLE', /deleted/],
    ['EKS.2', 'cluster-hardened', 'PASSED', /Kubernetes 1.31, at least 1.28/],
    ['EKS.2', 'cluster-exposed', 'FAILED', /1.24, older than the oldest supported version 1.28/],
    ['EKS.2', 'cluster-deleted', 'NOT_APPLICABLE', /deleted/],
    ['EKS.8', 'cluster-hardened', 'PASSED', /logging of: audit/],
    ['EKS.8', 'cluster-exposed', 'FAILED', /does not enable control plane logging of: audit/],
    ['EKS.8', 'cluster-deleted', 'NOT_APPLICABLE', /deleted/],
  ])('%s judges %s as %s and says why', (id, fixture, status, reason) => {
    expect(evaluate(id, fixture)).toEqual({ status, reason: expect.stringMatching(reason) });
  });

  it('compares Kubernetes versions numerically against oldestVersionSupported (1.9 < 1.28 < 1.100)', () => {
    const cluster = item('cluster-hardened');
    (cluster.configuration as Record<string, unknown>).Version = '1.9';

    expect(evaluate('EKS.2', cluster).status).toBe('FAILED');
    expect(evaluate('EKS.2', 'cluster-hardened', { oldestVersionSupported: '1.32' }).status).toBe('FAILED');
  });

  it('reads audit logging from the EKS API shape as well as the Config shape', () => {
    const cluster = item('cluster-exposed');
    (cluster.configuration as Record<string, unknown>).Logging = {
      ClusterLogging: [
        { Types: ['api', 'audit'], Enabled: true },
        { Types: ['scheduler'], Enabled: false },
      ],
    };

    expect(evaluate('EKS.8', cluster).status).toBe('PASSED');
  });
});
