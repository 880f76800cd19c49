/**
 * CloudTrail actions of the simulated member account over its `AWS::CloudTrail::Trail` items
 * (log file validation is `configuration.logFileValidationEnabled`). Trails are named by name or ARN.
 */
import { change, itemsOf, MemberApiError, requiredString, stringList, type MemberCall } from './account';
import type { StoredConfigurationItem } from '../config-store';

type Trail = Record<string, unknown>;

function trail(call: MemberCall, name: string): StoredConfigurationItem {
  const found = itemsOf(call, 'AWS::CloudTrail::Trail').find((item) => item.resourceId === name || item.arn === name || (item.configuration as Trail).trailARN === name);
  if (found === undefined) throw new MemberApiError('cloudtrail', 'TrailNotFoundException', `Unknown trail: ${name} for the user: ${call.accountId}`);
  return found;
}

function apiTrail(item: StoredConfigurationItem): Trail {
  const c = item.configuration as Trail;
  return {
    Name: c.name ?? item.resourceId,
    S3BucketName: c.s3BucketName,
    S3KeyPrefix: c.s3KeyPrefix,
    IncludeGlobalServiceEvents: c.includeGlobalServiceEvents === true,
    IsMultiRegionTrail: c.isMultiRegionTrail === true,
    HomeRegion: c.homeRegion ?? item.awsRegion,
    TrailARN: c.trailARN ?? item.arn,
    LogFileValidationEnabled: c.logFileValidationEnabled === true,
    CloudWatchLogsLogGroupArn: c.cloudWatchLogsLogGroupArn,
    CloudWatchLogsRoleArn: c.cloudWatchLogsRoleArn,
    KmsKeyId: c.kmsKeyId,
    HasCustomEventSelectors: c.hasCustomEventSelectors === true,
    HasInsightSelectors: c.hasInsightSelectors === true,
    IsOrganizationTrail: c.isOrganizationTrail === true,
  };
}

async function getTrail(call: MemberCall): Promise<unknown> {
  return { Trail: apiTrail(trail(call, requiredString(call, 'Name'))) };
}

async function describeTrails(call: MemberCall): Promise<unknown> {
  const names = stringList(call, 'TrailNameList');
  const items = names === undefined || names.length === 0 ? itemsOf(call, 'AWS::CloudTrail::Trail') : names.map((name) => trail(call, name));
  return { TrailList: items.map(apiTrail) };
}

async function updateTrail(call: MemberCall): Promise<unknown> {
  const item = trail(call, requiredString(call, 'Name'));
  const enable = call.parameters.EnableLogFileValidation;
  if (enable === undefined)
    throw new MemberApiError('cloudtrail', 'InvalidParameterCombinationException', 'This emulation updates only EnableLogFileValidation: give Parameters.EnableLogFileValidation');
  if (typeof enable !== 'boolean') throw new MemberApiError('cloudtrail', 'InvalidParameterException', 'Parameters.EnableLogFileValidation: must be a boolean');
  const next = (await change(call, item, { set: [{ path: ['configuration', 'logFileValidationEnabled'], value: enable }] })).ConfigurationItem;
  // UpdateTrail's response is the trail without HomeRegion and the selector flags.
  const { HomeRegion: _home, HasCustomEventSelectors: _selectors, HasInsightSelectors: _insights, ...answer } = apiTrail(next);
  return answer;
}

/** CloudTrail actions by Step Functions' action name. */
export const CLOUDTRAIL_ACTIONS = { getTrail, describeTrails, updateTrail } as const;
