/**
 * GuardDuty `detail.resource` → ASFF `Resources`: one resource per detail block the finding
 * carries (an S3 finding names the caller's access key and each bucket; a runtime finding the
 * cluster, task and container), the block of `resourceType` first. Ids follow Security Hub: the
 * resource ARN, and `AWS::IAM::AccessKey:<id>` for access keys. A finding whose resource we cannot
 * place still maps, to one `Other` resource with an Id naming the GuardDuty resource type.
 */
import type { Partition, Resource } from '../../asff';
import { at, optionalArray, optionalObject, optionalString, truncate } from '../fields';
import { compact, lookup } from '../objects';
import { tagsFromPairs } from '../tags';
import * as details from './resource-details';

/** Where a finding's resources live: its account, Region and partition, and its own id. */
export interface FindingScope {
  account: string;
  region: string;
  partition: Partition;
  findingId: string;
}

/** ASFF allows at most 32 resources per finding. */
const MAX_RESOURCES = 32;

/** GuardDuty `resourceType` → the detail block that describes it. */
const PRIMARY_BLOCK: Readonly<Record<string, string>> = {
  AccessKey: 'accessKeyDetails',
  Instance: 'instanceDetails',
  S3Bucket: 's3BucketDetails',
  S3Object: 's3BucketDetails',
  EKSCluster: 'eksClusterDetails',
  ECSCluster: 'ecsClusterDetails',
  Container: 'containerDetails',
  Lambda: 'lambdaDetails',
  RDSDBInstance: 'rdsDbInstanceDetails',
};

/** Blocks that qualify another resource rather than name one. */
const QUALIFIERS = new Set(['kubernetesDetails', 'rdsDbUserDetails', 'ebsVolumeDetails']);

type Builder = (root: unknown, path: string, scope: FindingScope) => Resource[];

/** Scalars of an object flattened to `a/b` keys with string values (ASFF `Details.Other`). */
function otherOf(root: unknown, path: string, prefix = ''): Record<string, string> | undefined {
  const other: Record<string, string> = {};
  const walk = (value: unknown, key: string): void => {
    if (value === null || value === undefined || Object.keys(other).length >= 50) return;
    if (typeof value === 'object') {
      for (const [child, member] of Object.entries(value)) walk(member, key ? `${key}/${child}` : child);
    } else if (String(value).trim() !== '' && key.length <= 128) {
      other[key] = truncate(String(value), 1024);
    }
  };
  walk(at(root, path), prefix);
  return Object.keys(other).length === 0 ? undefined : other;
}

function resource(scope: FindingScope, type: string, id: string, extra: Partial<Resource> = {}): Resource {
  return { Type: type, Id: id, Partition: scope.partition, Region: scope.region, ...compact(extra as Record<string, unknown>) };
}

const arn = (scope: FindingScope, service: string, suffix: string, region = scope.region, account = scope.account) =>
  `arn:${scope.partition}:${service}:${region}:${account}:${suffix}`;

const BUILDERS: Readonly<Record<string, Builder>> = {
  accessKeyDetails: (root, path, scope) => {
    const key = optionalString(root, `${path}.accessKeyId`) ?? optionalString(root, `${path}.principalId`);
    if (key === undefined) return [];
    const Details = compact({ AwsIamAccessKey: details.accessKeyDetails(root, path) });
    return [resource(scope, 'AwsIamAccessKey', `AWS::IAM::AccessKey:${key}`, { Details })];
  },
  instanceDetails: (root, path, scope) => {
    const id = optionalString(root, `${path}.instanceId`);
    if (id === undefined) return [];
    return [
      resource(scope, 'AwsEc2Instance', arn(scope, 'ec2', `instance/${id}`), {
        Tags: tagsFromPairs(root, `${path}.tags`),
        Details: compact({ AwsEc2Instance: details.instanceDetails(root, path) }),
      }),
    ];
  },
  s3BucketDetails: (root, path, scope) =>
    optionalArray(root, path).flatMap((_, index) => {
      const bucket = `${path}[${index}]`;
      const name = optionalString(root, `${bucket}.name`);
      const id = optionalString(root, `${bucket}.arn`) ?? (name && `arn:${scope.partition}:s3:::${name}`);
      if (id === undefined) return [];
      const effective = optionalString(root, `${bucket}.publicAccess.effectivePermission`);
      return [
        resource(scope, 'AwsS3Bucket', id, {
          Tags: tagsFromPairs(root, `${bucket}.tags`),
          Details: compact({
            AwsS3Bucket: details.s3BucketDetails(root, bucket),
            Other: compact({ EffectivePermission: effective, BucketType: optionalString(root, `${bucket}.type`) }),
          }),
        }),
      ];
    }),
  eksClusterDetails: (root, path, scope) => {
    const name = optionalString(root, `${path}.name`);
    const id = optionalString(root, `${path}.arn`) ?? (name && arn(scope, 'eks', `cluster/${name}`));
    if (id === undefined) return [];
    return [
      resource(scope, 'AwsEksCluster', id, {
        Tags: tagsFromPairs(root, `${path}.tags`),
        Details: compact({
          AwsEksCluster: details.eksClusterDetails(root, path),
          Other: compact({ VpcId: optionalString(root, `${path}.vpcId`), ...otherOf(root, 'resource.kubernetesDetails', 'kubernetes') }),
        }),
      }),
    ];
  },
  ecsClusterDetails: (root, path, scope) => {
    const clusterArn = optionalString(root, `${path}.arn`);
    const name = optionalString(root, `${path}.name`);
    const id = clusterArn ?? (name && arn(scope, 'ecs', `cluster/${name}`));
    const cluster =
      id === undefined
        ? []
        : [
            resource(scope, 'AwsEcsCluster', id, {
              Tags: tagsFromPairs(root, `${path}.tags`),
              Details: compact({ AwsEcsCluster: details.ecsClusterDetails(root, path) }),
            }),
          ];
    const task = `${path}.taskDetails`;
    const taskArn = optionalString(root, `${task}.arn`);
    const tasks =
      taskArn === undefined
        ? []
        : [
            resource(scope, 'AwsEcsTask', taskArn, {
              Tags: tagsFromPairs(root, `${task}.tags`),
              Details: compact({ AwsEcsTask: details.ecsTaskDetails(root, task, id) }),
            }),
          ];
    return [...cluster, ...tasks];
  },
  containerDetails: (root, path, scope) => {
    const id = optionalString(root, `${path}.id`) ?? optionalString(root, `${path}.name`);
    if (id === undefined) return [];
    return [resource(scope, 'Container', id, { Details: compact({ Container: details.containerDetails(root, path) }) })];
  },
  lambdaDetails: (root, path, scope) => {
    const name = optionalString(root, `${path}.functionName`);
    const id = optionalString(root, `${path}.functionArn`) ?? (name && arn(scope, 'lambda', `function:${name}`));
    if (id === undefined) return [];
    return [
      resource(scope, 'AwsLambdaFunction', id, {
        Tags: tagsFromPairs(root, `${path}.tags`),
        Details: compact({ AwsLambdaFunction: details.lambdaDetails(root, path) }),
      }),
    ];
  },
  rdsDbInstanceDetails: (root, path, scope) => {
    const name = optionalString(root, `${path}.dbInstanceIdentifier`);
    const id = optionalString(root, `${path}.dbInstanceArn`) ?? (name && arn(scope, 'rds', `db:${name}`));
    if (id === undefined) return [];
    return [
      resource(scope, 'AwsRdsDbInstance', id, {
        Tags: tagsFromPairs(root, `${path}.tags`),
        Details: compact({ AwsRdsDbInstance: details.rdsDbInstanceDetails(root, path), Other: otherOf(root, 'resource.rdsDbUserDetails', 'dbUser') }),
      }),
    ];
  },
};

/** The first ARN among a block's scalar members (for blocks we have no ASFF type for). */
function firstArn(block: unknown): string | undefined {
  const other = otherOf(block, '');
  return Object.values(other ?? {}).find((value) => value.startsWith('arn:'));
}

/** The ASFF Resources of a GuardDuty finding (`detail.resource`): 1 to 32. */
export function resourcesOf(detail: unknown, scope: FindingScope): Resource[] {
  const resourceType = optionalString(detail, 'resource.resourceType') ?? 'Unknown';
  const blocks = Object.keys(optionalObject(detail, 'resource') ?? {}).filter((key) => key.endsWith('Details') && !QUALIFIERS.has(key));
  const primary = lookup(PRIMARY_BLOCK, resourceType);
  const ordered = primary && blocks.includes(primary) ? [primary, ...blocks.filter((key) => key !== primary)] : blocks;
  const resources = ordered.flatMap((key) => {
    const build = lookup(BUILDERS, key);
    if (build !== undefined) return build(detail, `resource.${key}`, scope);
    const id = firstArn(at(detail, `resource.${key}`));
    return id === undefined ? [] : [resource(scope, 'Other', id, { Details: { Other: { GuardDutyResourceType: resourceType, GuardDutyDetails: key } } })];
  });
  if (resources.length === 0) {
    const Details = { Other: { GuardDutyResourceType: resourceType, ...otherOf(detail, 'resource') } };
    return [resource(scope, 'Other', `AWS::GuardDuty::${resourceType}:${scope.findingId}`, { Details })];
  }
  return resources.slice(0, MAX_RESOURCES);
}
