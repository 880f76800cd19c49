import type { Partition, Resource } from '../../asff';
import { optionalObject, optionalString, requireString, stringList } from '../fields';
import { isPartition, regionAt } from '../identity';
import { lookup } from '../objects';
import { tagsFromObject } from '../tags';
import { optionalTimestamp } from '../time';
import { withoutEmpty } from '../objects';

/** Where a finding lives: its account, Region and partition (from the finding, never the envelope). */
export interface FindingOrigin {
  account: string;
  region: string;
  partition: Partition;
}

/** A mapped resource plus what Security Hub puts in ProductFields for it. */
export interface MappedResource {
  resource: Resource;
  /** The resource's platform (`AMAZON_LINUX_2`, `UBUNTU_24_04`…), for ProductFields. */
  platform?: { detailsKey: string; value: string };
  /** The bare EC2 instance id, for `aws/inspector/instanceId`. */
  instanceId?: string;
}

/** Inspector resource types → Security Hub resource types; anything else is `Other`. */
const RESOURCE_TYPES: Readonly<Record<string, string>> = {
  AWS_EC2_INSTANCE: 'AwsEc2Instance',
  AWS_ECR_CONTAINER_IMAGE: 'AwsEcrContainerImage',
  AWS_ECR_REPOSITORY: 'AwsEcrRepository',
  AWS_LAMBDA_FUNCTION: 'AwsLambdaFunction',
};

function ec2Details(root: unknown, path: string): Record<string, unknown> {
  return withoutEmpty({
    Type: optionalString(root, `${path}.type`),
    ImageId: optionalString(root, `${path}.imageId`),
    IpV4Addresses: stringList(root, `${path}.ipV4Addresses`),
    IpV6Addresses: stringList(root, `${path}.ipV6Addresses`),
    KeyName: optionalString(root, `${path}.keyName`),
    IamInstanceProfileArn: optionalString(root, `${path}.iamInstanceProfileArn`),
    VpcId: optionalString(root, `${path}.vpcId`),
    SubnetId: optionalString(root, `${path}.subnetId`),
    LaunchedAt: optionalTimestamp(root, `${path}.launchedAt`),
  });
}

function ecrImageDetails(root: unknown, path: string): Record<string, unknown> {
  return withoutEmpty({
    RegistryId: optionalString(root, `${path}.registry`),
    RepositoryName: optionalString(root, `${path}.repositoryName`),
    Architecture: optionalString(root, `${path}.architecture`),
    ImageDigest: optionalString(root, `${path}.imageHash`),
    ImageTags: stringList(root, `${path}.imageTags`),
    ImagePublishedAt: optionalTimestamp(root, `${path}.pushedAt`),
  });
}

function lambdaDetails(root: unknown, path: string): Record<string, unknown> {
  const vpcConfig = withoutEmpty({
    SecurityGroupIds: stringList(root, `${path}.vpcConfig.securityGroupIds`),
    SubnetIds: stringList(root, `${path}.vpcConfig.subnetIds`),
    VpcId: optionalString(root, `${path}.vpcConfig.vpcId`),
  });
  return withoutEmpty({
    FunctionName: optionalString(root, `${path}.functionName`),
    Runtime: optionalString(root, `${path}.runtime`),
    Version: optionalString(root, `${path}.version`),
    Layers: stringList(root, `${path}.layers`).map((Arn) => ({ Arn })),
    CodeSha256: optionalString(root, `${path}.codeSha256`),
    Role: optionalString(root, `${path}.executionRoleArn`),
    LastModified: optionalTimestamp(root, `${path}.lastModifiedAt`),
    PackageType: optionalString(root, `${path}.packageType`),
    Architectures: stringList(root, `${path}.architectures`),
    VpcConfig: Object.keys(vpcConfig).length > 0 ? vpcConfig : undefined,
  });
}

/** Inspector detail object key, ASFF Details key, ProductFields platform key, detail mapper. */
const DETAILS: ReadonlyArray<[string, string, string, (root: unknown, path: string) => Record<string, unknown>]> = [
  ['awsEc2Instance', 'AwsEc2Instance', 'awsEc2InstanceDetails', ec2Details],
  ['awsEcrContainerImage', 'AwsEcrContainerImage', 'awsEcrContainerImageDetails', ecrImageDetails],
  ['awsLambdaFunction', 'AwsLambdaFunction', 'awsLambdaFunctionDetails', lambdaDetails],
];

/** The ASFF Id: an ARN as Inspector gives it, or the ARN Security Hub builds for a bare EC2 id. */
function resourceId(id: string, type: string, origin: FindingOrigin, region: string): string {
  if (id.startsWith('arn:') || type !== 'AWS_EC2_INSTANCE') return id;
  return `arn:${origin.partition}:ec2:${region}:${origin.account}:instance/${id}`;
}

/** Maps `detail.resources[index]` to an ASFF resource. */
export function mapResource(event: unknown, index: number, origin: FindingOrigin): MappedResource {
  const path = `detail.resources[${index}]`;
  const sourceType = optionalString(event, `${path}.type`) ?? '';
  const id = requireString(event, `${path}.id`);
  const region = regionAt(event, `${path}.region`) ?? origin.region;
  const partitionValue = optionalString(event, `${path}.partition`);
  const partition = isPartition(partitionValue) ? partitionValue : origin.partition;
  const resource: Resource = withoutEmpty({
    Type: lookup(RESOURCE_TYPES, sourceType) ?? 'Other',
    Id: resourceId(id, sourceType, origin, region),
    Partition: partition,
    Region: region,
    Tags: tagsFromObject(event, `${path}.tags`),
  });
  const mapped: MappedResource = { resource };
  if (sourceType === 'AWS_EC2_INSTANCE' && !id.startsWith('arn:')) mapped.instanceId = id;
  for (const [sourceKey, asffKey, platformKey, mapDetails] of DETAILS) {
    const detailsPath = `${path}.details.${sourceKey}`;
    if (!optionalObject(event, detailsPath)) continue;
    const details = mapDetails(event, detailsPath);
    if (Object.keys(details).length > 0) resource.Details = { [asffKey]: details };
    const platform = optionalString(event, `${detailsPath}.platform`);
    if (platform) mapped.platform = { detailsKey: platformKey, value: platform };
  }
  return mapped;
}
