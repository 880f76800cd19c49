import { lambdaControls } from '../../../../lambdas/compliance/controls/lambda';
import type { ConfigurationItem, EvaluationContext, ParameterValue } from '../../../../lambdas/compliance/controls/types';
import { configItem } from '../../../support/fixtures';

const item = (name: string): ConfigurationItem => configItem(`lambda/${name}`);
const control = (id: string) => lambdaControls.find((entry) => entry.id === id)!;
function evaluate(id: string, fixture: string, overrides: Record<string, ParameterValue> = {}) {
  const definition = control(id);
  const defaults = Object.fromEntries(Object.entries(definition.parameters ?? {}).map(([name, parameter]) => [name, parameter.default]));
  const context: EvaluationContext = { parameters: { ...defaults, ...overrides }, related: () => [], now: new Date('2025-06-01T00:00:00Z') };
  return definition.evaluate(item(fixture), context);
}

describe('Lambda controls', () => {
  it.each([
    ['Lambda.1', 'function-private', 'PASSED', /does not allow public access/],
    ['Lambda.1', 'function-public', 'FAILED', /public access in statement\(s\) anyone/],
    ['Lambda.1', 'function-container-image', 'NOT_APPLICABLE', /cannot be judged: .*not valid JSON/],
    ['Lambda.2', 'function-private', 'PASSED', /supported runtime nodejs20.x/],
    ['Lambda.2', 'function-public', 'FAILED', /runtime python3.7, which is not among/],
    ['Lambda.2', 'function-container-image', 'NOT_APPLICABLE', /no runtime/],
    ['Lambda.3', 'function-private', 'PASSED', /VPC through 2 subnet/],
    ['Lambda.3', 'function-public', 'FAILED', /not attached to a VPC/],
    ['Lambda.3', 'function-deleted', 'NOT_APPLICABLE', /deleted/],
  ])('%s judges %s as %s and says why', (id, fixture, status, reason) => {
    expect(evaluate(id, fixture)).toEqual({ status, reason: expect.stringMatching(reason) });
  });

  it('fails Lambda.1 when an S3 service principal may invoke without a source account condition', () => {
    expect(evaluate('Lambda.1', 'function-s3-no-source').status).toBe('FAILED');
  });

  it('passes Lambda.1 for a function without a resource-based policy', () => {
    const fn = item('function-private');
    fn.supplementaryConfiguration = {};

    expect(control('Lambda.1').evaluate(fn, { parameters: {}, related: () => [], now: new Date() }).status).toBe('PASSED');
  });

  it('honours the customer runtime list of Lambda.2', () => {
    expect(evaluate('Lambda.2', 'function-private', { runtime: ['python3.13'] }).status).toBe('FAILED');
    expect(evaluate('Lambda.2', 'function-public', { runtime: 'python3.7, nodejs20.x' }).status).toBe('PASSED');
  });
});
