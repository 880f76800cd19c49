import type { AwsSecurityFindingFilters as SdkFilters } from '@aws-sdk/client-securityhub';
import { FILTER_FIELDS, keyOfPath, kindOf, valuesOf } from '../../../lambdas/filters/fields';
import type { AwsSecurityFindingFilters, FilterKey } from '../../../lambdas/filters/types';
import { finding } from './finding';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Element<F, K extends keyof F> = NonNullable<F[K]> extends readonly (infer E)[] ? E : never;
type Shapes<F> = { [K in keyof F]-?: Omit<Element<F, K>, 'Comparison'> };
type Comparisons<F> = { [K in keyof F]-?: Element<F, K> extends { Comparison?: infer C } ? C : never };

// Checked by `tsc --noEmit`: the registry has exactly the SDK's attributes, each with the SDK's shape,
// and our comparisons are a subset of the SDK's (which adds CONTAINS_WORD, a V2-only operator).
const sameAttributes: Equal<keyof SdkFilters, keyof AwsSecurityFindingFilters> = true;
const sameShapes: Equal<Shapes<SdkFilters>, Shapes<AwsSecurityFindingFilters>> = true;
const comparisonsFit: Comparisons<AwsSecurityFindingFilters> extends Comparisons<SdkFilters> ? true : false = true;

describe('filter field registry', () => {
  it('has exactly the attributes and condition shapes of the SDK (type-checked)', () => {
    expect([sameAttributes, sameShapes, comparisonsFit]).toEqual([true, true, true]);
    expect(Object.keys(FILTER_FIELDS)).toHaveLength(107);
  });

  it('reads a nested single value', () => {
    expect(valuesOf(finding(), 'SeverityLabel')).toEqual(['HIGH']);
    expect(valuesOf(finding({ Workflow: { Status: 'NEW' } }), 'WorkflowStatus')).toEqual(['NEW']);
  });

  it('flattens every resource of a multi-valued attribute', () => {
    const resources = [{ Id: 'a' }, { Id: 'b' }, { Type: 'AwsS3Bucket' }];
    expect(valuesOf(finding({ Resources: resources }), 'ResourceId')).toEqual(['a', 'b']);
  });

  it('flattens arrays nested in arrays', () => {
    const compliance = {
      SecurityControlParameters: [
        { Name: 'a', Value: ['1', '2'] },
        { Name: 'b', Value: ['3'] },
      ],
    };
    expect(valuesOf(finding({ Compliance: compliance }), 'ComplianceSecurityControlParametersValue')).toEqual(['1', '2', '3']);
  });

  it('reads standards ids from Compliance.AssociatedStandards', () => {
    const compliance = { AssociatedStandards: [{ StandardsId: 'standards/aws-foundational-security-best-practices/v/1.0.0' }] };
    expect(valuesOf(finding({ Compliance: compliance }), 'ComplianceAssociatedStandardsId')).toEqual(['standards/aws-foundational-security-best-practices/v/1.0.0']);
  });

  it('returns the maps of a map attribute, one per resource', () => {
    const resources = [
      { Id: 'a', Tags: { Env: 'prod' } },
      { Id: 'b', Details: { Other: { k: 'v' } } },
    ];
    expect(valuesOf(finding({ Resources: resources }), 'ResourceTags')).toEqual([{ Env: 'prod' }]);
    expect(valuesOf(finding({ Resources: resources }), 'ResourceDetailsOther')).toEqual([{ k: 'v' }]);
  });

  it('returns no value for absent, null or non-object members on the path', () => {
    expect(valuesOf(finding({ Network: null }), 'NetworkSourceIpV4')).toEqual([]);
    expect(valuesOf(finding({ Network: 'x' }), 'NetworkSourceIpV4')).toEqual([]);
    expect(valuesOf(finding({ Types: [null, 'A/B'] }), 'Type')).toEqual(['A/B']);
  });

  it('does not read inherited members', () => {
    expect(valuesOf(finding({ Note: {} }), 'NoteText')).toEqual([]);
    expect(valuesOf({ Severity: { Label: 'LOW' } }, 'RecordState')).toEqual([]);
    expect(valuesOf(Object.create({ Region: 'us-east-1' }) as object, 'Region')).toEqual([]);
  });

  it('reads every string of the finding for the deprecated Keyword', () => {
    const values = valuesOf({ Title: 't', Resources: [{ Id: 'r', Tags: { k: 'v' } }], Confidence: 5 }, 'Keyword');
    expect(values.sort()).toEqual(['r', 't', 'v']);
  });

  it('maps dotted paths, with or without array markers, to their filter key', () => {
    expect(keyOfPath('Severity.Label')).toBe('SeverityLabel');
    expect(keyOfPath('Resources.Id')).toBe('ResourceId');
    expect(keyOfPath('Resources[].Id')).toBe('ResourceId');
    expect(keyOfPath('Nope.Nope')).toBeUndefined();
  });

  it('gives every attribute a kind its SDK type names', () => {
    const kinds = new Set((Object.keys(FILTER_FIELDS) as FilterKey[]).map(kindOf));
    expect([...kinds].sort()).toEqual(['boolean', 'date', 'ip', 'keyword', 'map', 'number', 'string']);
  });
});
