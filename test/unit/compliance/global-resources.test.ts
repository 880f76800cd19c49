import { fromApiItem, fromNotification, InvalidConfigurationItemError } from '../../../lambdas/compliance/config-items';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { assembleAccountItem, controlsAt, evaluateItem, findingPlace } from '../../../lambdas/compliance/evaluate';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { configItem } from '../../support/fixtures';

const item = (file: string) => configItem(file);
const NOW = new Date('2025-06-02T12:00:00.000Z');
const USER = item('iam/user-neglected.json'); // as Config records IAM users: awsRegion "global"
const HARDENED = item('account/account-hardened.json');
const related = (items: ConfigurationItem[]) => (type: string) => items.filter((i) => i.resourceType === type);

describe('global resources (awsRegion "global")', () => {
  it('reads an IAM item of a change notification with awsRegion "global"', () => {
    const notified = { awsAccountId: USER.accountId, awsRegion: 'global', resourceType: USER.resourceType, resourceId: USER.resourceId, configuration: USER.configuration };

    expect(fromNotification(notified)).toMatchObject({ awsRegion: 'global', resourceType: 'AWS::IAM::User' });
  });

  it('reads an IAM item of the Config API with awsRegion "global", and still refuses a made-up Region', () => {
    const api = { accountId: USER.accountId, awsRegion: 'global', resourceType: USER.resourceType, resourceId: USER.resourceId, configuration: JSON.stringify(USER.configuration) };

    expect(fromApiItem(api).awsRegion).toBe('global');
    expect(() => fromApiItem({ ...api, awsRegion: 'moon' })).toThrow(InvalidConfigurationItemError);
    expect(() => fromApiItem({ ...api, awsRegion: 'moon' })).toThrow(/awsRegion/);
  });

  it('puts the control findings of a global resource in the home Region', () => {
    const outcomes = evaluateItem({ item: USER, related: () => [], settings: defaultComplianceSettings(), now: NOW, homeRegion: 'eu-west-1' });

    expect(outcomes.length).toBeGreaterThan(0);
    for (const { finding } of outcomes) {
      expect(finding).toMatchObject({ Region: 'eu-west-1', Resources: [{ Region: 'eu-west-1', Id: 'arn:aws:iam::111122223333:user/bob' }] });
      expect(finding!.Id).toMatch(/^arn:aws:securityhub:eu-west-1:111122223333:security-control\/(IAM\.\d+|KMS\.2)\/finding\//);
    }
  });

  it('gives a global resource listed under a recording Region the same finding ids as its "global" item', () => {
    const viaRegion = { ...USER, awsRegion: 'us-east-1' };
    const ids = (subject: ConfigurationItem) =>
      evaluateItem({ item: subject, related: () => [], settings: defaultComplianceSettings(), now: NOW, homeRegion: 'eu-west-1' }).map((o) => o.finding!.Id);

    expect(ids(viaRegion)).toEqual(ids(USER));
    expect(findingPlace({ awsRegion: 'us-east-1', resourceType: 'AWS::IAM::Role' }, 'eu-west-1').awsRegion).toBe('eu-west-1');
    expect(findingPlace({ awsRegion: 'us-east-1', resourceType: 'AWS::EC2::VPC' }, 'eu-west-1').awsRegion).toBe('us-east-1');
  });

  it('refuses to place a global resource when no home Region is given', () => {
    expect(() => evaluateItem({ item: USER, related: () => [], settings: defaultComplianceSettings(), now: NOW })).toThrow(/home Region/);
  });
});

describe('per-account controls (IAM root user and password policy)', () => {
  const statuses = (awsRegion: string) => {
    const settings = { ...HARDENED, awsRegion };
    const account = assembleAccountItem(HARDENED.accountId, awsRegion, related([settings]));
    return Object.fromEntries(
      evaluateItem({ item: account, related: related([settings]), settings: defaultComplianceSettings(), now: NOW, homeRegion: 'eu-west-1' }).map((o) => [
        o.controlId,
        o.finding?.Region,
      ]),
    );
  };

  it('evaluates IAM.4/6/7/9/10/15/16 on the account item of the home Region', () => {
    expect(statuses('eu-west-1')).toMatchObject({
      'IAM.4': 'eu-west-1',
      'IAM.6': 'eu-west-1',
      'IAM.7': 'eu-west-1',
      'IAM.9': 'eu-west-1',
      'IAM.10': 'eu-west-1',
      'IAM.15': 'eu-west-1',
      'IAM.16': 'eu-west-1',
    });
  });

  it('leaves them out in every other Region, where the regional account controls still run', () => {
    const other = statuses('us-east-1');

    expect(Object.keys(other).filter((id) => id.startsWith('IAM.'))).toEqual([]);
    expect(other).toMatchObject({ 'GuardDuty.1': 'us-east-1', 'Config.1': 'us-east-1', 'EC2.7': 'us-east-1' });
  });

  it('names exactly the IAM account controls as per-account', () => {
    const perAccount = (region: string) => controlsAt('AWS::::Account', region, 'eu-west-1').map((c) => c.id);
    const dropped = perAccount('eu-west-1').filter((id) => !perAccount('us-east-1').includes(id));

    expect(dropped.sort()).toEqual(['IAM.10', 'IAM.11', 'IAM.12', 'IAM.14', 'IAM.15', 'IAM.16', 'IAM.17', 'IAM.4', 'IAM.6', 'IAM.7', 'IAM.9']);
  });
});
