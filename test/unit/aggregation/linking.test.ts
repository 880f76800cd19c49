import { aggregatorOutput, regionLinker, validateLinking, type FindingAggregator } from '../../../lambdas/aggregation';
import { InvalidInputError } from '../../../lambdas/shared/errors';

const HOME = 'us-east-1';
const ARN = 'arn:aws:securityhub:us-east-1:000000000000:finding-aggregator/abc';

function aggregator(mode: FindingAggregator['mode'], regions: string[] = []): FindingAggregator {
  return { arn: ARN, homeRegion: HOME, mode, regions };
}

describe('regionLinker', () => {
  it('links only the home Region without an aggregator, saying why others are not', () => {
    const linked = regionLinker(undefined, HOME);
    expect(linked(HOME)).toEqual({ linked: true });
    expect(linked('eu-west-1')).toEqual({ linked: false, reason: expect.stringMatching(/eu-west-1 is not linked to home Region us-east-1: no finding aggregator/) });
  });

  it('links every Region of the partition under ALL_REGIONS, not another partition', () => {
    const linked = regionLinker(aggregator('ALL_REGIONS'), HOME);
    expect(linked('eu-west-1').linked).toBe(true);
    expect(linked('ap-southeast-5').linked).toBe(true);
    expect(linked('cn-north-1').linked).toBe(false);
  });

  it('links all but the excluded Regions under ALL_REGIONS_EXCEPT_SPECIFIED', () => {
    const linked = regionLinker(aggregator('ALL_REGIONS_EXCEPT_SPECIFIED', ['eu-west-1']), HOME);
    expect(linked('eu-west-1')).toEqual({ linked: false, reason: expect.stringMatching(/excluded/) });
    expect(linked('us-west-2').linked).toBe(true);
    expect(linked(HOME).linked).toBe(true);
  });

  it('links only the listed Regions (and the home Region) under SPECIFIED_REGIONS', () => {
    const linked = regionLinker(aggregator('SPECIFIED_REGIONS', ['eu-west-1']), HOME);
    expect(linked('eu-west-1').linked).toBe(true);
    expect(linked(HOME).linked).toBe(true);
    expect(linked('us-west-2')).toEqual({ linked: false, reason: expect.stringMatching(/SPECIFIED_REGIONS/) });
  });

  it('links only the home Region under NO_REGIONS', () => {
    const linked = regionLinker(aggregator('NO_REGIONS'), HOME);
    expect(linked(HOME).linked).toBe(true);
    expect(linked('eu-west-1')).toEqual({ linked: false, reason: expect.stringMatching(/NO_REGIONS/) });
  });
});

describe('validateLinking', () => {
  it('accepts each mode with its list rule', () => {
    expect(validateLinking('ALL_REGIONS', undefined, HOME)).toEqual({ mode: 'ALL_REGIONS', regions: [] });
    expect(validateLinking('NO_REGIONS', [], HOME)).toEqual({ mode: 'NO_REGIONS', regions: [] });
    expect(validateLinking('SPECIFIED_REGIONS', ['eu-west-1', 'us-west-2'], HOME)).toEqual({ mode: 'SPECIFIED_REGIONS', regions: ['eu-west-1', 'us-west-2'] });
    expect(validateLinking('ALL_REGIONS_EXCEPT_SPECIFIED', ['eu-west-1'], HOME).regions).toEqual(['eu-west-1']);
  });

  it.each([
    ['an unknown mode', 'SOME_REGIONS', undefined, /'RegionLinkingMode': 'SOME_REGIONS' is not one of/],
    ['Regions with NO_REGIONS', 'NO_REGIONS', ['eu-west-1'], /'Regions': must be empty when RegionLinkingMode is NO_REGIONS/],
    ['Regions with ALL_REGIONS', 'ALL_REGIONS', ['eu-west-1'], /'Regions': must be empty/],
    ['no Regions with SPECIFIED_REGIONS', 'SPECIFIED_REGIONS', [], /needs 1 to 50 Regions, got 0/],
    ['a name that is not a Region', 'SPECIFIED_REGIONS', ['eu-west-1', 'mars-1'], /'Regions\[1\]': 'mars-1' is not a Region name/],
    ['a Region of another partition', 'SPECIFIED_REGIONS', ['cn-north-1'], /'Regions\[0\]': 'cn-north-1' is not in the home Region's partition/],
    ['a repeated Region', 'SPECIFIED_REGIONS', ['eu-west-1', 'eu-west-1'], /'Regions\[1\]': 'eu-west-1' is listed twice/],
    ['the home Region excluded', 'ALL_REGIONS_EXCEPT_SPECIFIED', ['us-east-1'], /home Region us-east-1 cannot be excluded/],
  ])('refuses %s with InvalidInputException naming the field', (_what, mode, regions, message) => {
    const attempt = () => validateLinking(mode, regions, HOME);
    expect(attempt).toThrow(InvalidInputError);
    expect(attempt).toThrow(message);
  });

  it('refuses more than 50 Regions', () => {
    const regions = Array.from({ length: 51 }, (_, i) => `eu-west-${i + 1}`);
    expect(() => validateLinking('SPECIFIED_REGIONS', regions, HOME)).toThrow(/got 51/);
  });
});

describe('aggregatorOutput', () => {
  it("answers with Security Hub's members, Regions only when the mode lists some", () => {
    expect(aggregatorOutput(aggregator('ALL_REGIONS'))).toEqual({ FindingAggregatorArn: ARN, FindingAggregationRegion: HOME, RegionLinkingMode: 'ALL_REGIONS' });
    expect(aggregatorOutput(aggregator('SPECIFIED_REGIONS', ['eu-west-1'])).Regions).toEqual(['eu-west-1']);
  });
});
