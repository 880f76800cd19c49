import { ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import { EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, IAMClient, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { DescribeHubCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { ACCOUNT_SETTINGS_DETAIL_TYPE, ACCOUNT_SETTINGS_SOURCE, parseAccountSettings } from '../../../../lambdas/compliance/account-settings';
import { assembleAccountItem, evaluateItem } from '../../../../lambdas/compliance/evaluate';
import { defaultComplianceSettings } from '../../../../lambdas/compliance/settings';
import { createCollectorHandler } from '../../../../lambdas/functions/account-settings-collector/handler';

const iam = mockClient(IAMClient);
const ec2 = mockClient(EC2Client);
const config = mockClient(ConfigServiceClient);
const autoScaling = mockClient(ApplicationAutoScalingClient);
const securityHub = mockClient(SecurityHubClient);
const events = mockClient(EventBridgeClient);
const BUS = 'arn:aws:events:eu-west-1:999988887777:event-bus/OpenSecurityHub-ingestion';
const NOW = new Date('2025-06-02T12:00:00.000Z');

function collect() {
  const handler = createCollectorHandler(() => ({
    clients: {
      iam: new IAMClient({}),
      ec2: new EC2Client({}),
      config: new ConfigServiceClient({}),
      autoScaling: new ApplicationAutoScalingClient({}),
      securityHub: new SecurityHubClient({}),
    },
    events: new EventBridgeClient({}),
    eventBusName: BUS,
    accountId: '111122223333',
    awsRegion: 'eu-west-1',
    now: () => NOW,
  }));
  return handler({ 'detail-type': 'Scheduled Event' }, {} as Context);
}

const sentDetail = () => JSON.parse(events.commandCalls(PutEventsCommand)[0].args[0].input.Entries![0].Detail!);

describe('account settings collector (IAM, EC2, Config, Application Auto Scaling, Security Hub mocked)', () => {
  beforeEach(() => {
    for (const client of [iam, ec2, config, autoScaling, securityHub, events]) client.reset();
    iam.on(GetAccountSummaryCommand).resolves({ SummaryMap: { AccountAccessKeysPresent: 1, AccountMFAEnabled: 1, AccountPasswordPresent: 1 } });
    iam.on(GetAccountPasswordPolicyCommand).resolves({
      PasswordPolicy: {
        MinimumPasswordLength: 14,
        RequireSymbols: true,
        RequireNumbers: true,
        RequireUppercaseCharacters: true,
        RequireLowercaseCharacters: true,
        PasswordReusePrevention: 24,
      },
    });
    iam
      .on(ListVirtualMFADevicesCommand)
      .resolvesOnce({
        VirtualMFADevices: [
          {
            SerialNumber: 'arn:aws:iam::111122223333:mfa/alice',
            User: { Arn: 'arn:aws:iam::111122223333:user/alice', UserId: 'AIDA1', UserName: 'alice', Path: '/', CreateDate: NOW },
          },
        ],
        IsTruncated: true,
        Marker: 'next',
      })
      .resolvesOnce({
        VirtualMFADevices: [
          {
            SerialNumber: 'arn:aws:iam::111122223333:mfa/root-account-mfa-device',
            User: { Arn: 'arn:aws:iam::111122223333:root', UserId: '111122223333', UserName: 'root', Path: '/', CreateDate: NOW },
          },
        ],
        IsTruncated: false,
      });
    ec2.on(GetEbsEncryptionByDefaultCommand).resolves({ EbsEncryptionByDefault: false });
    config.on(DescribeConfigurationRecordersCommand).resolves({
      ConfigurationRecorders: [
        {
          name: 'default',
          roleARN: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
          recordingGroup: { allSupported: true, includeGlobalResourceTypes: true },
        },
      ],
    });
    config.on(DescribeConfigurationRecorderStatusCommand).resolves({ ConfigurationRecordersStatus: [{ name: 'default', recording: false, lastStatus: 'Success' }] });
    autoScaling.on(DescribeScalableTargetsCommand).resolves({
      ScalableTargets: [
        {
          ServiceNamespace: 'dynamodb',
          ResourceId: 'table/sessions',
          ScalableDimension: 'dynamodb:table:ReadCapacityUnits',
          MinCapacity: 5,
          MaxCapacity: 100,
          RoleARN: 'r',
          CreationTime: NOW,
        },
        {
          ServiceNamespace: 'dynamodb',
          ResourceId: 'table/sessions/index/by-user',
          ScalableDimension: 'dynamodb:index:ReadCapacityUnits',
          MinCapacity: 5,
          MaxCapacity: 100,
          RoleARN: 'r',
          CreationTime: NOW,
        },
      ],
    });
    securityHub.on(DescribeHubCommand).rejects(Object.assign(new Error('not subscribed'), { name: 'InvalidAccessException' }));
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  });

  it('puts ONE Account Settings Recorded event on the admin bus', async () => {
    const result = await collect();

    const [call] = events.commandCalls(PutEventsCommand);
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(1);
    expect(call.args[0].input.Entries).toEqual([expect.objectContaining({ EventBusName: BUS, Source: ACCOUNT_SETTINGS_SOURCE, DetailType: ACCOUNT_SETTINGS_DETAIL_TYPE })]);
    expect(result).toMatchObject({ accountId: '111122223333', awsRegion: 'eu-west-1', capturedAt: NOW.toISOString(), eventId: 'e-1' });
  });

  it('sends an account item the account-level controls evaluate as recorded', async () => {
    await collect();

    const snapshot = parseAccountSettings(sentDetail());
    const related = (type: string) => snapshot.items.filter((item) => item.resourceType === type);
    const account = assembleAccountItem('111122223333', 'eu-west-1', related);
    const statuses = Object.fromEntries(
      evaluateItem({ item: account, related, settings: defaultComplianceSettings(), now: NOW }).map((o) => [o.controlId, o.finding?.Compliance?.Status]),
    );
    expect(statuses).toMatchObject({
      'IAM.4': 'FAILED', // root access key present
      'IAM.6': 'FAILED', // the root MFA device is virtual (second page of ListVirtualMFADevices)
      'IAM.9': 'PASSED',
      'IAM.15': 'PASSED',
      'EC2.7': 'FAILED',
      'Config.1': 'FAILED', // the recorder is stopped
      'OSH.SecurityHub.1': 'FAILED',
    });
  });

  it('records DynamoDB table scalable targets (not index ones) and the recorders with their status', async () => {
    await collect();

    const detail = sentDetail();
    expect(detail.scalableTargets.map((t: { configuration: unknown }) => t.configuration)).toEqual([
      { serviceNamespace: 'dynamodb', resourceId: 'table/sessions', scalableDimension: 'dynamodb:table:ReadCapacityUnits', minCapacity: 5, maxCapacity: 100 },
    ]);
    expect(detail.configurationRecorders[0]).toMatchObject({
      resourceType: 'AWS::Config::ConfigurationRecorder',
      resourceId: 'default',
      configuration: { Recording: false, LastStatus: 'Success' },
    });
  });

  it('records "no password policy" as null when IAM has none', async () => {
    iam
      .on(GetAccountPasswordPolicyCommand)
      .rejects(Object.assign(new Error('The Password Policy with domain name 111122223333 cannot be found.'), { name: 'NoSuchEntityException' }));

    await collect();

    expect(sentDetail().configurationItem.supplementaryConfiguration.AccountPasswordPolicy).toBeNull();
  });

  it('fails (to be retried) when an API call fails for another reason, putting nothing', async () => {
    ec2.on(GetEbsEncryptionByDefaultCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));

    await expect(collect()).rejects.toThrow(/Rate exceeded/);
    expect(events.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('fails when the bus refuses the event', async () => {
    events.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'AccessDeniedException', ErrorMessage: 'no' }] });

    await expect(collect()).rejects.toThrow(/AccessDeniedException/);
  });
});

describe('parseAccountSettings', () => {
  const detail = () => ({
    configurationItem: {
      awsAccountId: '111122223333',
      awsRegion: 'eu-west-1',
      resourceType: 'AWS::::Account',
      resourceId: '111122223333',
      configurationItemCaptureTime: NOW.toISOString(),
      configuration: {},
    },
    configurationRecorders: [
      { awsAccountId: '111122223333', awsRegion: 'eu-west-1', resourceType: 'AWS::Config::ConfigurationRecorder', resourceId: 'default', configuration: {} },
    ],
    scalableTargets: [],
  });

  it('refuses an item of another account, naming the field', () => {
    const wrong = detail();
    wrong.configurationRecorders[0].awsAccountId = '444455556666';

    expect(() => parseAccountSettings(wrong)).toThrow(/detail\.configurationRecorders\[0\]: belongs to 444455556666\/eu-west-1/);
  });

  it('refuses a detail without a capture time', () => {
    const wrong = detail();
    const { configurationItemCaptureTime: _dropped, ...withoutTime } = wrong.configurationItem;

    expect(() => parseAccountSettings({ ...wrong, configurationItem: withoutTime })).toThrow(/configurationItemCaptureTime/);
  });
});
