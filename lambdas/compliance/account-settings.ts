import { fromNotification, InvalidConfigurationItemError, type NotifiedConfigurationItem } from './config-items';
import type { ConfigurationItem } from './controls/types';
import { ACCOUNT_TYPE } from './controls/support/account-item';
import { partitionOf } from '../normalize';

/**
 * Account settings AWS Config does not record, as the member stack's collector reports them: ONE
 * `Account Settings Recorded` event per account and Region (source `open-security-hub.member`)
 * whose detail holds configuration items in Config's notification shape:
 * - `configurationItem`: the `AWS::::Account` item — `configuration.ebsEncryptionByDefault` (EC2.7),
 *   `supplementaryConfiguration` `AccountSummary`, `AccountPasswordPolicy` (null: none),
 *   `VirtualMFADevices`, `SecurityHub` (null: not enabled) — as assembleAccountItem reads it;
 * - `configurationRecorders`: `AWS::Config::ConfigurationRecorder` items with their status (Config.1);
 * - `scalableTargets`: `AWS::ApplicationAutoScaling::ScalableTarget` items of DynamoDB (DynamoDB.1).
 * The last two are types the Config aggregator refuses in ListAggregateDiscoveredResources. Pure.
 */

/** The event's source and detail-type. */
export const ACCOUNT_SETTINGS_SOURCE = 'open-security-hub.member';
export const ACCOUNT_SETTINGS_DETAIL_TYPE = 'Account Settings Recorded';

/** Resource types only the collector records (read from the stored settings, never from the aggregator). */
export const RECORDER_TYPE = 'AWS::Config::ConfigurationRecorder';
export const SCALABLE_TARGET_TYPE = 'AWS::ApplicationAutoScaling::ScalableTarget';
export const RECORDED_SETTINGS_TYPES: readonly string[] = [ACCOUNT_TYPE, RECORDER_TYPE, SCALABLE_TARGET_TYPE];

/** The detail of an `Account Settings Recorded` event. */
export interface AccountSettingsDetail {
  configurationItem: NotifiedConfigurationItem;
  configurationRecorders: NotifiedConfigurationItem[];
  scalableTargets: NotifiedConfigurationItem[];
}

/** The recorded settings of one account and Region, as items. */
export interface AccountSettingsSnapshot {
  accountId: string;
  awsRegion: string;
  /** The account item's capture time: a snapshot replaces a stored one only when newer. */
  capturedAt: string;
  /** The account item, the recorders and the scalable targets. */
  items: ConfigurationItem[];
}

/** What the collector read in one account and Region (the answers of the APIs it calls). */
export interface CollectedSettings {
  accountId: string;
  awsRegion: string;
  capturedAt: string;
  /** IAM GetAccountSummary's SummaryMap. */
  accountSummary: Record<string, number>;
  /** IAM GetAccountPasswordPolicy's PasswordPolicy; null when the account has none. */
  passwordPolicy: Record<string, unknown> | null;
  /** IAM ListVirtualMFADevices (SerialNumber, User.Arn). */
  virtualMfaDevices: Array<{ SerialNumber?: string; User?: { Arn?: string } }>;
  /** EC2 GetEbsEncryptionByDefault. */
  ebsEncryptionByDefault: boolean;
  /** Security Hub DescribeHub (HubArn, SubscribedAt); null when not enabled. */
  securityHub: { HubArn?: string; SubscribedAt?: string } | null;
  /** Config DescribeConfigurationRecorders, each with its DescribeConfigurationRecorderStatus `recording`. */
  recorders: Array<{ name: string; roleARN?: string; recordingGroup?: unknown; recordingMode?: unknown; recording: boolean; lastStatus?: string }>;
  /** Application Auto Scaling DescribeScalableTargets of the dynamodb namespace. */
  scalableTargets: Array<{ resourceId: string; scalableDimension: string; minCapacity?: number; maxCapacity?: number }>;
}

const base = (settings: CollectedSettings, resourceType: string, resourceId: string) => ({
  awsAccountId: settings.accountId,
  awsRegion: settings.awsRegion,
  resourceType,
  resourceId,
  resourceName: resourceId,
  configurationItemStatus: 'OK',
  configurationItemCaptureTime: settings.capturedAt,
  tags: {},
});

/** The event detail for what the collector read (also what the embedded default's simulated account sends). */
export function accountSettingsDetail(settings: CollectedSettings): AccountSettingsDetail {
  return {
    configurationItem: {
      ...base(settings, ACCOUNT_TYPE, settings.accountId),
      configuration: { accountId: settings.accountId, ebsEncryptionByDefault: settings.ebsEncryptionByDefault },
      supplementaryConfiguration: {
        AccountSummary: settings.accountSummary,
        AccountPasswordPolicy: settings.passwordPolicy,
        VirtualMFADevices: settings.virtualMfaDevices,
        SecurityHub: settings.securityHub,
      },
    },
    configurationRecorders: settings.recorders.map((recorder) => ({
      ...base(settings, RECORDER_TYPE, recorder.name),
      ARN: `arn:${partitionOf(settings.awsRegion)}:config:${settings.awsRegion}:${settings.accountId}:configuration-recorder/${recorder.name}`,
      configuration: {
        Name: recorder.name,
        RoleARN: recorder.roleARN,
        RecordingGroup: recorder.recordingGroup,
        RecordingMode: recorder.recordingMode,
        Recording: recorder.recording,
        ...(recorder.lastStatus && { LastStatus: recorder.lastStatus }),
      },
      supplementaryConfiguration: {},
    })),
    scalableTargets: settings.scalableTargets.map((target) => ({
      ...base(settings, SCALABLE_TARGET_TYPE, `${target.resourceId}|${target.scalableDimension}`),
      configuration: { serviceNamespace: 'dynamodb', ...target },
      supplementaryConfiguration: {},
    })),
  };
}

function list(value: unknown, field: string): NotifiedConfigurationItem[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new InvalidConfigurationItemError(`${field}: must be a list`);
  return value as NotifiedConfigurationItem[];
}

/**
 * The snapshot an `Account Settings Recorded` event carries, checked: every item of the account
 * and Region the account item names, of the type its list says. Errors name the field.
 */
export function parseAccountSettings(detail: unknown): AccountSettingsSnapshot {
  if (typeof detail !== 'object' || detail === null) throw new InvalidConfigurationItemError('detail: must be an object');
  const { configurationItem, configurationRecorders, scalableTargets } = detail as Partial<AccountSettingsDetail>;
  const account = fromNotification(configurationItem ?? ({} as NotifiedConfigurationItem));
  if (account.resourceType !== ACCOUNT_TYPE) throw new InvalidConfigurationItemError(`detail.configurationItem.resourceType: must be ${ACCOUNT_TYPE}`);
  if (!account.configurationItemCaptureTime || Number.isNaN(Date.parse(account.configurationItemCaptureTime))) {
    throw new InvalidConfigurationItemError('detail.configurationItem.configurationItemCaptureTime: must be a timestamp');
  }
  const members = (value: unknown, field: string, type: string) =>
    list(value, field).map((entry, index) => {
      const item = fromNotification(entry);
      const where = `${field}[${index}]`;
      if (item.resourceType !== type) throw new InvalidConfigurationItemError(`${where}.resourceType: must be ${type}`);
      if (item.accountId !== account.accountId || item.awsRegion !== account.awsRegion) {
        throw new InvalidConfigurationItemError(`${where}: belongs to ${item.accountId}/${item.awsRegion}, not ${account.accountId}/${account.awsRegion}`);
      }
      return item;
    });
  return {
    accountId: account.accountId,
    awsRegion: account.awsRegion,
    capturedAt: account.configurationItemCaptureTime,
    items: [
      account,
      ...members(configurationRecorders, 'detail.configurationRecorders', RECORDER_TYPE),
      ...members(scalableTargets, 'detail.scalableTargets', SCALABLE_TARGET_TYPE),
    ],
  };
}
