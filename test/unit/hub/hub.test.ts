import { admitFinding, defaultHubState, enabledProductKeys, subscriptionArn, subscriptionKey, type HubState } from '../../../lambdas/hub/hub';
import { catalogueProduct, parseProductArn, PRODUCTS } from '../../../lambdas/asff/products';
import { addTags, removeTags, validateTagKey, validateTagMap } from '../../../lambdas/hub/tags';
import { InvalidInputError } from '../../../lambdas/shared/errors';
import { aFinding } from '../../support/findings';

const LOCATION = { accountId: '111122223333', region: 'eu-west-1', partition: 'aws' };
const hub = (changes: Partial<HubState> = {}): HubState => ({ ...defaultHubState(new Date('2026-11-01T00:00:00Z')), ...changes });
const from = (ProductArn: string) => aFinding({ ProductArn });

describe('admitFinding', () => {
  it.each([
    ['the account default product', 'arn:aws:securityhub:eu-west-1:111122223333:product/111122223333/default'],
    ['an AWS integration', 'arn:aws:securityhub:eu-west-1::product/aws/guardduty'],
    ['an enabled third-party product', 'arn:aws:securityhub:eu-west-1::product/prowler/prowler'],
  ])('accepts %s', (_case, arn) => {
    expect(admitFinding(hub({ subscriptions: ['prowler/prowler'] }), from(arn))).toBeUndefined();
  });

  it('refuses a third-party product whose import is not enabled, naming the call that enables it', () => {
    expect(admitFinding(hub(), from('arn:aws:securityhub:eu-west-1::product/cloud-custodian/cloud-custodian'))).toEqual({
      ErrorCode: 'AccessDeniedException',
      ErrorMessage: expect.stringContaining('EnableImportFindingsForProduct with ProductArn arn:aws:securityhub:eu-west-1::product/cloud-custodian/cloud-custodian'),
    });
  });

  it('refuses an unknown product and a malformed product ARN', () => {
    expect(admitFinding(hub(), from('arn:aws:securityhub:eu-west-1::product/acme/scanner'))?.ErrorMessage).toContain('not in the catalogue');
    expect(admitFinding(hub(), from('product/prowler/prowler'))?.ErrorMessage).toContain('not a product ARN');
  });

  it('refuses everything while the hub is disabled, as an account that is not subscribed', () => {
    expect(admitFinding(hub({ enabled: false }), from('arn:aws:securityhub:eu-west-1::product/aws/guardduty'))).toEqual({
      ErrorCode: 'InvalidAccessException',
      ErrorMessage: expect.stringContaining('Account 111122223333 is not subscribed to AWS Security Hub'),
    });
  });
});

describe('product subscriptions', () => {
  it("round-trips a subscription ARN of this hub and rejects another hub's", () => {
    const arn = subscriptionArn(LOCATION, 'prowler/prowler');
    expect(arn).toBe('arn:aws:securityhub:eu-west-1:111122223333:product-subscription/prowler/prowler');
    expect(subscriptionKey(LOCATION, arn)).toBe('prowler/prowler');
    expect(subscriptionKey({ ...LOCATION, region: 'us-east-1' }, arn)).toBeUndefined();
  });

  it('lists the AWS integrations first, then the subscriptions', () => {
    const keys = enabledProductKeys(hub({ subscriptions: ['prowler/prowler'] }));
    expect(keys.slice(-1)).toEqual(['prowler/prowler']);
    expect(keys.filter((key) => key.startsWith('aws/'))).toHaveLength(PRODUCTS.filter((product) => product.key.startsWith('aws/')).length);
  });

  it('parses product ARNs with and without an account, and finds catalogued ones', () => {
    expect(parseProductArn('arn:aws-us-gov:securityhub:us-gov-west-1::product/prowler/prowler')).toEqual({
      partition: 'aws-us-gov',
      region: 'us-gov-west-1',
      account: '',
      company: 'prowler',
      product: 'prowler',
    });
    expect(catalogueProduct('arn:aws:securityhub:us-east-1::product/aqua-security/kube-bench')?.productName).toBe('Kube-bench');
    expect(catalogueProduct('arn:aws:securityhub:us-east-1:111122223333:product/111122223333/default')).toBeUndefined();
  });
});

describe('tags', () => {
  const invalid = (act: () => unknown) => {
    try {
      act();
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidInputError);
      return (error as Error).message;
    }
    throw new Error('expected an InvalidInputError');
  };

  it.each(['team', 'cost-center', 'a/b:c.d_e=f+g', 'Project1'])('accepts the key %s', (key) => {
    expect(validateTagKey(key, 'Tags')).toBe(key);
  });

  it.each([
    ['aws:createdBy', "starting with 'aws:'"],
    ['', '1 to 128'],
    ['k'.repeat(129), '1 to 128'],
    ['has space', 'pattern'],
    ['emoji🙂', 'pattern'],
  ])('refuses the key %p', (key, message) => {
    expect(invalid(() => validateTagKey(key, 'Tags.key'))).toContain(message);
  });

  it('refuses more than 50 tags and values over 256 characters, naming the key', () => {
    expect(invalid(() => validateTagMap(Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, 'v'])), 'Tags'))).toContain('at most 50');
    expect(invalid(() => validateTagMap({ owner: 'v'.repeat(257) }, 'Tags'))).toContain("'Tags.owner'");
  });

  it('adds, replaces and removes tags, holding 50 per resource', () => {
    expect(addTags({ a: '1' }, { a: '2', b: '3' }, 'arn')).toEqual({ a: '2', b: '3' });
    expect(removeTags({ a: '1', b: '2' }, ['a', 'absent'])).toEqual({ b: '2' });
    const full = Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v']));
    expect(addTags(full, { k0: 'changed' }, 'arn').k0).toBe('changed');
    expect(invalid(() => addTags(full, { extra: 'v' }, 'arn'))).toContain('would have 51 tags');
  });
});
