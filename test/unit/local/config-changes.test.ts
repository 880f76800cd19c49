import { fromNotification } from '../../../lambdas/compliance/config-items';
import { changedItem, changeEventEntry, InvalidChangeError, parseAssignment, parsePath, setAtPath } from '../../../lib/local/config-changes';
import type { StoredConfigurationItem } from '../../../lib/local/config-store';
import { checkEntry } from '../../../lib/local/engine';

const NOW = new Date('2026-03-01T12:00:00.000Z');

function securityGroup(): StoredConfigurationItem {
  return {
    version: '1.3',
    accountId: '123456789012',
    awsRegion: 'us-east-1',
    resourceType: 'AWS::EC2::SecurityGroup',
    resourceId: 'sg-1',
    resourceName: 'admin',
    arn: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-1',
    configurationItemStatus: 'OK',
    configurationItemCaptureTime: '2025-05-01T10:00:00.000Z',
    configuration: { groupId: 'sg-1', ipPermissions: [{ fromPort: 22, toPort: 22, ipv4Ranges: [{ cidrIp: '0.0.0.0/0' }] }] },
    supplementaryConfiguration: { AccessControlList: '{"grantList":[]}' },
    tags: {},
  };
}

describe('paths and assignments', () => {
  it('reads names, indexes and the item fields a path may start with (configuration otherwise)', () => {
    expect(parsePath('ipPermissions[0].ipv4Ranges')).toEqual(['configuration', 'ipPermissions', 0, 'ipv4Ranges']);
    expect(parsePath('configuration.ipPermissions.0.fromPort')).toEqual(['configuration', 'ipPermissions', 0, 'fromPort']);
    expect(parsePath('supplementaryConfiguration.KeyRotationStatus')).toEqual(['supplementaryConfiguration', 'KeyRotationStatus']);
    expect(parsePath('tags.env')).toEqual(['tags', 'env']);
  });

  it('takes a value as JSON when it parses, else as a string', () => {
    expect(parseAssignment('ipPermissions=[]')).toEqual({ path: ['configuration', 'ipPermissions'], value: [] });
    expect(parseAssignment('metadataOptions.httpTokens=required')).toEqual({ path: ['configuration', 'metadataOptions', 'httpTokens'], value: 'required' });
    expect(parseAssignment('publiclyAccessible=false').value).toBe(false);
  });

  it('refuses an assignment without a path', () => {
    expect(() => parseAssignment('=1')).toThrow(InvalidChangeError);
  });

  it('sets inside a JSON document stored as a string, keeping it a string', () => {
    const next = setAtPath({ AccessControlList: '{"grantList":[]}' }, ['AccessControlList', 'grantList'], [{ grantee: 'AllUsers', permission: 'Read' }]);

    expect(next).toEqual({ AccessControlList: '{"grantList":[{"grantee":"AllUsers","permission":"Read"}]}' });
  });
});

describe('changedItem', () => {
  it('applies the edits to a copy with a new capture time and state id', () => {
    const before = securityGroup();

    const after = changedItem(before, { set: [parseAssignment('ipPermissions=[]')] }, NOW);

    expect(after).toMatchObject({ configurationItemStatus: 'OK', configurationItemCaptureTime: NOW.toISOString(), configurationStateId: String(NOW.getTime()) });
    expect((after.configuration as { ipPermissions: unknown[] }).ipPermissions).toEqual([]);
    expect((before.configuration as { ipPermissions: unknown[] }).ipPermissions).toHaveLength(1);
  });

  it('moves the capture time forward even when the clock is behind the last item', () => {
    const before = { ...securityGroup(), configurationItemCaptureTime: '2030-01-01T00:00:00.000Z' };

    const after = changedItem(before, { unset: [parsePath('ipPermissions[0]')] }, NOW);

    expect(after.configurationItemCaptureTime).toBe('2030-01-01T00:00:00.001Z');
    expect((after.configuration as { ipPermissions: unknown[] }).ipPermissions).toEqual([]);
  });

  it('records a deletion as Config does: ResourceDeleted with no configuration', () => {
    const after = changedItem(securityGroup(), { delete: true }, NOW);

    expect(after).toMatchObject({ configurationItemStatus: 'ResourceDeleted', configuration: null, supplementaryConfiguration: {} });
  });
});

describe('changeEventEntry', () => {
  it('is a Config Configuration Item Change event the change evaluator reads', () => {
    const before = securityGroup();
    const after = changedItem(before, { set: [parseAssignment('ipPermissions=[]')] }, NOW);

    const entry = changeEventEntry(before, after, NOW);
    const check = checkEntry(entry);

    expect(entry).toMatchObject({ Source: 'aws.config', DetailType: 'Config Configuration Item Change', Resources: [before.arn] });
    expect(check.ok).toBe(true);
    const detail = JSON.parse(entry.Detail!);
    expect(detail).toMatchObject({
      messageType: 'ConfigurationItemChangeNotification',
      configurationItemDiff: { changeType: 'UPDATE', changedProperties: { 'Configuration.ipPermissions': { updatedValue: [], changeType: 'UPDATE' } } },
      configurationItem: {
        awsAccountId: '123456789012',
        awsRegion: 'us-east-1',
        resourceType: 'AWS::EC2::SecurityGroup',
        resourceId: 'sg-1',
        ARN: before.arn,
        configurationItemStatus: 'OK',
        configurationItemCaptureTime: NOW.toISOString(),
        configuration: { groupId: 'sg-1', ipPermissions: [] },
        tags: {},
      },
    });
    expect(fromNotification(detail.configurationItem)).toMatchObject({ accountId: '123456789012', resourceId: 'sg-1', configuration: { ipPermissions: [] } });
  });

  it('sends a deletion as changeType DELETE', () => {
    const before = securityGroup();

    const detail = JSON.parse(changeEventEntry(before, changedItem(before, { delete: true }, NOW), NOW).Detail!);

    expect(detail.configurationItemDiff.changeType).toBe('DELETE');
    expect(detail.configurationItem).toMatchObject({ configurationItemStatus: 'ResourceDeleted', configuration: null });
  });

  it('sends an item too large for an event as an OversizedConfigurationItemChangeNotification summary', () => {
    const before = securityGroup();
    const after = changedItem(before, { set: [{ path: ['configuration', 'description'], value: 'x'.repeat(300 * 1024) }] }, NOW);

    const detail = JSON.parse(changeEventEntry(before, after, NOW).Detail!);

    expect(detail.messageType).toBe('OversizedConfigurationItemChangeNotification');
    expect(detail.configurationItemSummary).toMatchObject({
      changeType: 'UPDATE',
      awsAccountId: '123456789012',
      resourceId: 'sg-1',
      configurationItemCaptureTime: NOW.toISOString(),
    });
    expect(detail.configurationItem).toBeUndefined();
  });
});
