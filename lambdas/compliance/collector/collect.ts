import { type ApplicationAutoScalingClient, DescribeScalableTargetsCommand } from '@aws-sdk/client-application-auto-scaling';
import { type ConfigServiceClient, DescribeConfigurationRecordersCommand, DescribeConfigurationRecorderStatusCommand } from '@aws-sdk/client-config-service';
import { type EC2Client, GetEbsEncryptionByDefaultCommand } from '@aws-sdk/client-ec2';
import { GetAccountPasswordPolicyCommand, GetAccountSummaryCommand, type IAMClient, ListVirtualMFADevicesCommand } from '@aws-sdk/client-iam';
import { DescribeHubCommand, type SecurityHubClient } from '@aws-sdk/client-securityhub';
import type { CollectedSettings } from '../account-settings';

/** The read-only clients the collector calls (in the member account, in its Region). */
export interface CollectorClients {
  iam: IAMClient;
  ec2: EC2Client;
  config: ConfigServiceClient;
  autoScaling: ApplicationAutoScalingClient;
  securityHub: SecurityHubClient;
}

const named = (error: unknown, ...names: string[]) => names.includes((error as { name?: string }).name ?? '');

/** IAM GetAccountPasswordPolicy: null when the account has none (NoSuchEntity). */
async function passwordPolicy(iam: IAMClient): Promise<Record<string, unknown> | null> {
  try {
    const { PasswordPolicy } = await iam.send(new GetAccountPasswordPolicyCommand({}));
    return (PasswordPolicy as Record<string, unknown> | undefined) ?? null;
  } catch (error) {
    if (named(error, 'NoSuchEntityException', 'NoSuchEntity')) return null;
    throw error;
  }
}

/** IAM ListVirtualMFADevices, every page: serial number and the user it is assigned to. */
async function virtualMfaDevices(iam: IAMClient): Promise<CollectedSettings['virtualMfaDevices']> {
  const devices: CollectedSettings['virtualMfaDevices'] = [];
  let Marker: string | undefined;
  do {
    const page = await iam.send(new ListVirtualMFADevicesCommand({ AssignmentStatus: 'Assigned', Marker }));
    for (const device of page.VirtualMFADevices ?? []) devices.push({ SerialNumber: device.SerialNumber, ...(device.User?.Arn && { User: { Arn: device.User.Arn } }) });
    Marker = page.IsTruncated ? page.Marker : undefined;
  } while (Marker);
  return devices;
}

/** Security Hub DescribeHub: null when Security Hub is not enabled in the account and Region. */
async function securityHub(client: SecurityHubClient): Promise<CollectedSettings['securityHub']> {
  try {
    const hub = await client.send(new DescribeHubCommand({}));
    return hub.HubArn ? { HubArn: hub.HubArn, ...(hub.SubscribedAt && { SubscribedAt: hub.SubscribedAt }) } : null;
  } catch (error) {
    if (named(error, 'InvalidAccessException', 'ResourceNotFoundException')) return null;
    throw error;
  }
}

/** AWS Config's recorders of the Region, each with whether it is recording. */
async function recorders(config: ConfigServiceClient): Promise<CollectedSettings['recorders']> {
  const [{ ConfigurationRecorders = [] }, { ConfigurationRecordersStatus = [] }] = await Promise.all([
    config.send(new DescribeConfigurationRecordersCommand({})),
    config.send(new DescribeConfigurationRecorderStatusCommand({})),
  ]);
  return ConfigurationRecorders.filter((recorder) => recorder.name).map((recorder) => {
    const status = ConfigurationRecordersStatus.find((entry) => entry.name === recorder.name);
    return {
      name: recorder.name!,
      roleARN: recorder.roleARN,
      recordingGroup: recorder.recordingGroup,
      recordingMode: recorder.recordingMode,
      recording: status?.recording === true,
      ...(status?.lastStatus && { lastStatus: status.lastStatus }),
    };
  });
}

/** Application Auto Scaling's scalable targets of DynamoDB tables (every page). */
async function scalableTargets(client: ApplicationAutoScalingClient): Promise<CollectedSettings['scalableTargets']> {
  const targets: CollectedSettings['scalableTargets'] = [];
  let NextToken: string | undefined;
  do {
    const page = await client.send(new DescribeScalableTargetsCommand({ ServiceNamespace: 'dynamodb', NextToken }));
    for (const target of page.ScalableTargets ?? []) {
      if (!target.ResourceId || !target.ScalableDimension?.startsWith('dynamodb:table:')) continue; // tables, not indexes
      targets.push({ resourceId: target.ResourceId, scalableDimension: target.ScalableDimension, minCapacity: target.MinCapacity, maxCapacity: target.MaxCapacity });
    }
    NextToken = page.NextToken || undefined;
  } while (NextToken);
  return targets;
}

/**
 * Reads the account settings AWS Config does not record, in one account and Region: IAM's account
 * summary, password policy and virtual MFA devices, EBS encryption by default, Security Hub's
 * status, the Config recorders with their status, and DynamoDB's scalable targets.
 */
export async function collectAccountSettings(clients: CollectorClients, place: { accountId: string; awsRegion: string }, now: Date): Promise<CollectedSettings> {
  const [summary, policy, devices, ebs, hub, recorderList, targets] = await Promise.all([
    clients.iam.send(new GetAccountSummaryCommand({})),
    passwordPolicy(clients.iam),
    virtualMfaDevices(clients.iam),
    clients.ec2.send(new GetEbsEncryptionByDefaultCommand({})),
    securityHub(clients.securityHub),
    recorders(clients.config),
    scalableTargets(clients.autoScaling),
  ]);
  return {
    ...place,
    capturedAt: now.toISOString(),
    accountSummary: (summary.SummaryMap ?? {}) as Record<string, number>,
    passwordPolicy: policy,
    virtualMfaDevices: devices,
    ebsEncryptionByDefault: ebs.EbsEncryptionByDefault === true,
    securityHub: hub,
    recorders: recorderList,
    scalableTargets: targets,
  };
}
