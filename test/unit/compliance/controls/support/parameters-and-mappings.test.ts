import { controlPage, cis3, pci321 } from '../../../../../lambdas/compliance/controls/support/mappings';
import { boolParameter, intListParameter, numberParameter, stringListParameter } from '../../../../../lambdas/compliance/controls/support/parameters';

describe('control parameters', () => {
  it('reads numbers, falling back for blanks and text', () => {
    expect(numberParameter({ age: '45' }, 'age', 90)).toBe(45);
    expect(numberParameter({ age: '' }, 'age', 90)).toBe(90);
    expect(numberParameter({ age: 'soon' }, 'age', 90)).toBe(90);
  });

  it('reads booleans as values or "true"/"false"', () => {
    expect(boolParameter({ check: 'false' }, 'check', true)).toBe(false);
    expect(boolParameter({}, 'check', true)).toBe(true);
  });

  it('reads lists as lists or comma-separated strings', () => {
    expect(stringListParameter({ names: 'a, b,,c' }, 'names', [])).toEqual(['a', 'b', 'c']);
    expect(stringListParameter({}, 'names', ['x'])).toEqual(['x']);
    expect(intListParameter({ ports: '22, 3389, ssh' }, 'ports', [])).toEqual([22, 3389]);
    expect(intListParameter({ ports: 443 }, 'ports', [80])).toEqual([443]);
  });
});

describe('standard mappings and control pages', () => {
  it('spells requirement ids as RelatedRequirements does', () => {
    expect(cis3('1.4').requirements).toEqual(['CIS AWS Foundations Benchmark v3.0.0/1.4']);
    expect(pci321('8.3.1').requirements).toEqual(['PCI DSS v3.2.1/8.3.1']);
  });

  it('links a control to its service page of the Security Hub user guide', () => {
    expect(controlPage('CloudTrail.7')).toBe('https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html#cloudtrail-7');
  });
});
