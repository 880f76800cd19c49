import { fromNotification } from '../../../lambdas/compliance/config-items';
import { CONTROLS } from '../../../lambdas/compliance/controls/registry';
import type { ConfigurationItem } from '../../../lambdas/compliance/controls/types';
import { ACCOUNT_TYPE, assembleAccountItem, evaluateItem, reconcile, RELATED_TYPES } from '../../../lambdas/compliance/evaluate';
import { defaultComplianceSettings } from '../../../lambdas/compliance/settings';
import { configEventWithItem, configItem, fixtureFiles } from '../../support/fixtures';

const item = (file: string) => configItem(file);
const event = (file: string) => configEventWithItem(file);
const NOW = new Date('2025-06-02T12:00:00.000Z');
const none = () => [];
const byId = (outcomes: ReturnType<typeof evaluateItem>) => Object.fromEntries(outcomes.map((o) => [o.controlId, o.finding?.Compliance?.Status]));

describe('evaluateItem', () => {
  it('runs every control of the item type and returns one finding each', () => {
    const sg = fromNotification(event('security-group-open-admin.json').detail.configurationItem);

    const outcomes = evaluateItem({ item: sg, related: none, settings: defaultComplianceSettings(), now: NOW });

    expect(outcomes.map((o) => o.controlId).sort()).toEqual(
      CONTROLS.filter((c) => c.resourceTypes.includes('AWS::EC2::SecurityGroup'))
        .map((c) => c.id)
        .sort(),
    );
    expect(byId(outcomes)['EC2.19']).toBe('FAILED');
  });

  it('archives the findings of a control outside the enabled standards (EC2.13 is PCI DSS only)', () => {
    const sg = item('ec2/sg-open-admin.json');

    const [ec213] = evaluateItem({ item: sg, related: none, settings: defaultComplianceSettings(), now: NOW }).filter((o) => o.controlId === 'EC2.13');

    expect(ec213).toMatchObject({ enabled: false, finding: { RecordState: 'ARCHIVED' } });
    expect(ec213.finding?.Compliance?.StatusReasons?.[0].Description).toMatch(/no enabled standard/);
  });

  it('archives a disabled control with its reason', () => {
    const settings = { ...defaultComplianceSettings(), controls: { 'EC2.19': { enabled: false, disabledReason: 'bastion subnet' } } };

    const [ec219] = evaluateItem({ item: item('ec2/sg-open-admin.json'), related: none, settings, now: NOW }).filter((o) => o.controlId === 'EC2.19');

    expect(ec219.finding).toMatchObject({ RecordState: 'ARCHIVED', Compliance: { StatusReasons: [{ Description: 'Control EC2.19 is disabled: bastion subnet.' }] } });
  });

  it('applies parameter overrides over the defaults (EC2.18 authorized ports)', () => {
    const sg = item('ec2/sg-web.json');
    const base = byId(evaluateItem({ item: sg, related: none, settings: defaultComplianceSettings(), now: NOW }))['EC2.18'];
    const open = { ...defaultComplianceSettings(), controls: { 'EC2.18': { enabled: true, parameters: { authorizedTcpPorts: [] as number[] } } } };

    const overridden = byId(evaluateItem({ item: sg, related: none, settings: open, now: NOW }))['EC2.18'];

    expect([base, overridden]).toEqual(['PASSED', 'FAILED']);
  });

  it('evaluates a deleted resource NOT_APPLICABLE everywhere (archived findings)', () => {
    const deleted = fromNotification(event('security-group-deleted.json').detail.configurationItem);

    const outcomes = evaluateItem({ item: deleted, related: none, settings: defaultComplianceSettings(), now: NOW });

    expect(outcomes.every((o) => o.finding?.RecordState === 'ARCHIVED')).toBe(true);
  });

  it('reports an evaluator that throws for that control only', () => {
    const related = () => {
      throw new Error('related exploded');
    };

    const outcomes = evaluateItem({ item: item('ec2/vpc.json'), related, settings: defaultComplianceSettings(), now: NOW });

    expect(outcomes.find((o) => o.controlId === 'EC2.6')).toMatchObject({ error: 'related exploded' });
  });
});

describe('assembleAccountItem', () => {
  const related = (items: ConfigurationItem[]) => (type: string) => items.filter((i) => i.resourceType === type);

  it('takes configuration and supplementary configuration from the recorded account settings', () => {
    const settings = item('account/account-hardened.json');
    const ebs = item('ec2/account-ebs-encrypted.json');

    const account = assembleAccountItem('111122223333', 'eu-west-1', related([{ ...settings, configuration: { ...settings.configuration, ...ebs.configuration } }]));

    expect(account).toMatchObject({
      resourceType: ACCOUNT_TYPE,
      resourceId: '111122223333',
      configurationItemStatus: 'OK',
      configuration: { ebsEncryptionByDefault: true, accountId: '111122223333' },
    });
    expect(account.supplementaryConfiguration).toHaveProperty('AccountPasswordPolicy.MinimumPasswordLength', 14);
  });

  it('evaluates every account-level control on the assembled item', () => {
    const items = [
      item('account/account-hardened.json'),
      item('account/guardduty-detector-enabled.json'),
      item('account/config-recorder-service-linked.json'),
      item('s3/account-public-access-block.json'),
    ];
    const account = assembleAccountItem('111122223333', 'eu-west-1', related(items));

    const statuses = byId(evaluateItem({ item: account, related: related(items), settings: defaultComplianceSettings(), now: NOW }));

    expect(statuses).toMatchObject({ 'GuardDuty.1': 'PASSED', 'Config.1': 'PASSED', 'S3.1': 'PASSED', 'IAM.7': 'PASSED' });
  });

  it('without recorded settings, still names the account and its Region', () => {
    expect(assembleAccountItem('111122223333', 'eu-west-1', none)).toMatchObject({ configuration: { accountId: '111122223333' }, supplementaryConfiguration: {} });
  });
});

describe('RELATED_TYPES', () => {
  it('covers every related type a control reads on the fixtures', () => {
    const files = fixtureFiles('configItems');
    const items = files.map(item);
    const missing = new Set<string>();
    for (const subject of items) {
      for (const control of CONTROLS.filter((c) => c.resourceTypes.includes(subject.resourceType))) {
        const ask = (type: string) => {
          if (!(RELATED_TYPES[subject.resourceType] ?? []).includes(type)) missing.add(`${control.id} reads ${type}`);
          return items.filter((other) => other.resourceType === type);
        };
        try {
          control.evaluate(subject, { parameters: {}, related: ask, now: NOW });
        } catch {
          // parameters left out on purpose: only the related reads matter here
        }
      }
    }
    expect([...missing]).toEqual([]);
  });
});

describe('reconcile', () => {
  const evaluated = (file: string, now: Date) =>
    evaluateItem({ item: item(file), related: none, settings: defaultComplianceSettings(), now }).find((o) => o.controlId === 'EC2.19')!.finding!;

  it('keeps the stored timestamps when status, reasons and resource are unchanged', () => {
    const stored = { ...evaluated('ec2/sg-open-admin.json', new Date('2025-06-01T00:00:00Z')), FirstObservedAt: '2025-06-01T00:00:00.000Z' };

    const { finding, action } = reconcile(stored, evaluated('ec2/sg-open-admin.json', NOW));

    expect(action).toBe('unchanged');
    expect([finding.CreatedAt, finding.UpdatedAt, finding.FirstObservedAt]).toEqual(['2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z']);
  });

  it('writes a changed status with a newer UpdatedAt and the first CreatedAt', () => {
    const stored = evaluated('ec2/sg-open-admin.json', new Date('2025-06-01T00:00:00Z'));

    const { finding, action } = reconcile(stored, evaluated('ec2/sg-web.json', NOW));

    expect(action).toBe('write');
    expect([finding.CreatedAt, finding.UpdatedAt]).toEqual(['2025-06-01T00:00:00.000Z', NOW.toISOString()]);
  });

  it('moves UpdatedAt past the stored one when the clock has not', () => {
    const stored = evaluated('ec2/sg-open-admin.json', NOW);

    const { finding } = reconcile(stored, evaluated('ec2/sg-web.json', NOW));

    expect(Date.parse(finding.UpdatedAt)).toBe(NOW.getTime() + 1);
  });

  it('creates nothing for a not-applicable control with no stored finding', () => {
    const archived = { ...evaluated('ec2/sg-open-admin.json', NOW), RecordState: 'ARCHIVED' as const };

    expect(reconcile(undefined, archived).action).toBe('not-applicable');
  });
});
