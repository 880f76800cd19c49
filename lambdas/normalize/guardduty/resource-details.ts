/**
 * ASFF `Resources[].Details` objects built from GuardDuty's resource detail blocks
 * (`detail.resource.<kind>Details`), in Security Hub's member names (AwsEc2Instance,
 * AwsS3Bucket, AwsEksCluster, AwsEcsCluster, AwsEcsTask, Container, AwsLambdaFunction,
 * AwsRdsDbInstance, AwsIamAccessKey). Each takes the event detail and the block's path.
 */
import { optionalArray, optionalBoolean, optionalInteger, optionalObject, optionalString, stringList } from '../fields';
import { optionalTimestamp } from '../time';
import { compact } from '../objects';

type Details = Record<string, unknown> | undefined;

/** Security Hub's `AwsIamAccessKey` (as seen in Security Hub: principal id, type and name). */
export function accessKeyDetails(root: unknown, path: string): Details {
  return compact({
    PrincipalId: optionalString(root, `${path}.principalId`),
    PrincipalType: optionalString(root, `${path}.userType`),
    PrincipalName: optionalString(root, `${path}.userName`),
  });
}

/** `AwsEc2Instance`: public then private IPv4 addresses of every interface, as Security Hub lists them. */
export function instanceDetails(root: unknown, path: string): Details {
  const interfaces = optionalArray(root, `${path}.networkInterfaces`).map((_, index) => `${path}.networkInterfaces[${index}]`);
  const publicIps = interfaces.map((nic) => optionalString(root, `${nic}.publicIp`));
  const privateIps = interfaces.flatMap((nic) => [optionalString(root, `${nic}.privateIpAddress`), ...stringList(root, `${nic}.privateIpAddresses`, 'privateIpAddress')]);
  const ipV4 = [...new Set([...publicIps, ...privateIps].filter((ip): ip is string => ip !== undefined))];
  return compact({
    Type: optionalString(root, `${path}.instanceType`),
    ImageId: optionalString(root, `${path}.imageId`),
    IpV4Addresses: ipV4,
    IpV6Addresses: interfaces.flatMap((nic) => stringList(root, `${nic}.ipv6Addresses`)),
    IamInstanceProfileArn: optionalString(root, `${path}.iamInstanceProfile.arn`),
    VpcId: interfaces.map((nic) => optionalString(root, `${nic}.vpcId`)).find(Boolean),
    SubnetId: interfaces.map((nic) => optionalString(root, `${nic}.subnetId`)).find(Boolean),
    LaunchedAt: optionalTimestamp(root, `${path}.launchTime`),
    NetworkInterfaces: interfaces
      .map((nic) => optionalString(root, `${nic}.networkInterfaceId`))
      .filter((id): id is string => id !== undefined)
      .map((NetworkInterfaceId) => ({ NetworkInterfaceId })),
  });
}

/** `AwsS3Bucket`: owner, creation time, default encryption and bucket-level public access block. */
export function s3BucketDetails(root: unknown, path: string): Details {
  const block = `${path}.publicAccess.permissionConfiguration.bucketLevelPermissions.blockPublicAccess`;
  const encryption = `${path}.defaultServerSideEncryption`;
  return compact({
    OwnerId: optionalString(root, `${path}.owner.id`),
    CreatedAt: optionalTimestamp(root, `${path}.createdAt`),
    Name: optionalString(root, `${path}.name`),
    ServerSideEncryptionConfiguration: optionalString(root, `${encryption}.encryptionType`) && {
      Rules: [
        {
          ApplyServerSideEncryptionByDefault: compact({
            SSEAlgorithm: optionalString(root, `${encryption}.encryptionType`),
            KMSMasterKeyID: optionalString(root, `${encryption}.kmsMasterKeyArn`),
          }),
        },
      ],
    },
    PublicAccessBlockConfiguration: compact({
      BlockPublicAcls: optionalBoolean(root, `${block}.blockPublicAcls`),
      BlockPublicPolicy: optionalBoolean(root, `${block}.blockPublicPolicy`),
      IgnorePublicAcls: optionalBoolean(root, `${block}.ignorePublicAcls`),
      RestrictPublicBuckets: optionalBoolean(root, `${block}.restrictPublicBuckets`),
    }),
  });
}

/** `AwsEksCluster`. */
export function eksClusterDetails(root: unknown, path: string): Details {
  return compact({
    Name: optionalString(root, `${path}.name`),
    Arn: optionalString(root, `${path}.arn`),
    ClusterStatus: optionalString(root, `${path}.status`),
  });
}

/** `AwsEcsCluster`. */
export function ecsClusterDetails(root: unknown, path: string): Details {
  return compact({
    ClusterName: optionalString(root, `${path}.name`),
    ClusterArn: optionalString(root, `${path}.arn`),
    Status: optionalString(root, `${path}.status`),
    ActiveServicesCount: optionalInteger(root, `${path}.activeServicesCount`),
    RegisteredContainerInstancesCount: optionalInteger(root, `${path}.registeredContainerInstancesCount`),
    RunningTasksCount: optionalInteger(root, `${path}.runningTasksCount`),
  });
}

/** ASFF `Container` of a GuardDuty container block (`containerDetails`, task containers). */
export function containerDetails(root: unknown, path: string): Details {
  return compact({
    ContainerRuntime: optionalString(root, `${path}.containerRuntime`),
    Name: optionalString(root, `${path}.name`),
    ImageName: optionalString(root, `${path}.image`),
    Privileged: optionalBoolean(root, `${path}.securityContext.privileged`),
    VolumeMounts: optionalArray(root, `${path}.volumeMounts`)
      .map((_, index) =>
        compact({
          Name: optionalString(root, `${path}.volumeMounts[${index}].name`),
          MountPath: optionalString(root, `${path}.volumeMounts[${index}].mountPath`),
        }),
      )
      .filter(Boolean),
  });
}

/** `AwsEcsTask` of `ecsClusterDetails.taskDetails`. */
export function ecsTaskDetails(root: unknown, path: string, clusterArn: string | undefined): Details {
  return compact({
    ClusterArn: clusterArn,
    TaskDefinitionArn: optionalString(root, `${path}.definitionArn`),
    Version: optionalString(root, `${path}.version`),
    CreatedAt: optionalTimestamp(root, `${path}.taskCreatedAt`),
    StartedAt: optionalTimestamp(root, `${path}.startedAt`),
    StartedBy: optionalString(root, `${path}.startedBy`),
    Group: optionalString(root, `${path}.group`),
    Containers: optionalArray(root, `${path}.containers`)
      .map((_, index) => containerDetails(root, `${path}.containers[${index}]`))
      .filter(Boolean),
  });
}

/** `AwsLambdaFunction`. */
export function lambdaDetails(root: unknown, path: string): Details {
  return compact({
    FunctionName: optionalString(root, `${path}.functionName`),
    Role: optionalString(root, `${path}.role`),
    RevisionId: optionalString(root, `${path}.revisionId`),
    Version: optionalString(root, `${path}.functionVersion`),
    LastModified: optionalTimestamp(root, `${path}.lastModifiedAt`),
    VpcConfig:
      optionalObject(root, `${path}.vpcConfig`) &&
      compact({
        SecurityGroupIds: stringList(root, `${path}.vpcConfig.securityGroups`, 'groupId'),
        SubnetIds: stringList(root, `${path}.vpcConfig.subnetIds`),
        VpcId: optionalString(root, `${path}.vpcConfig.vpcId`),
      }),
  });
}

/** `AwsRdsDbInstance`. */
export function rdsDbInstanceDetails(root: unknown, path: string): Details {
  return compact({
    DBInstanceIdentifier: optionalString(root, `${path}.dbInstanceIdentifier`),
    DbClusterIdentifier: optionalString(root, `${path}.dbClusterIdentifier`),
    Engine: optionalString(root, `${path}.engine`),
    EngineVersion: optionalString(root, `${path}.engineVersion`),
  });
}
