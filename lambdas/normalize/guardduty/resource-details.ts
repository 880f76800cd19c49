/**
 * ASFF `Resources[].Details` objects built from GuardDuty's resource detail blocks
 * (`detail.resource.<kind>Details`), in Security Hub's member names (AwsEc2Instance,
 * AwsS3Bucket, AwsEksCluster, AwsEcsCluster, AwsEcsTask, Container, AwsLambdaFunction,
 * AwsRdsDbInstance, AwsIamAccessKey). Each takes the event detail and the block's path, and reads
 * the block with paths relative to it (`within`): the block is found once, and errors still name full paths.
 */
import { optionalArray, optionalBoolean, optionalInteger, optionalObject, optionalString, stringList, within } from '../fields';
import { optionalTimestamp } from '../time';
import { compact } from '../objects';

type Details = Record<string, unknown> | undefined;

/** Security Hub's `AwsIamAccessKey` (as seen in Security Hub: principal id, type and name). */
export function accessKeyDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    return compact({
      PrincipalId: optionalString(data, 'principalId'),
      PrincipalType: optionalString(data, 'userType'),
      PrincipalName: optionalString(data, 'userName'),
    });
  });
}

/** `AwsEc2Instance`: public then private IPv4 addresses of every interface, as Security Hub lists them. */
export function instanceDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    const interfaces = optionalArray(data, 'networkInterfaces').map((_, index) => `networkInterfaces[${index}]`);
    const publicIps = interfaces.map((nic) => optionalString(data, `${nic}.publicIp`));
    const privateIps = interfaces.flatMap((nic) => [optionalString(data, `${nic}.privateIpAddress`), ...stringList(data, `${nic}.privateIpAddresses`, 'privateIpAddress')]);
    const ipV4 = [...new Set([...publicIps, ...privateIps].filter((ip): ip is string => ip !== undefined))];
    return compact({
      Type: optionalString(data, 'instanceType'),
      ImageId: optionalString(data, 'imageId'),
      IpV4Addresses: ipV4,
      IpV6Addresses: interfaces.flatMap((nic) => stringList(data, `${nic}.ipv6Addresses`)),
      IamInstanceProfileArn: optionalString(data, 'iamInstanceProfile.arn'),
      VpcId: interfaces.map((nic) => optionalString(data, `${nic}.vpcId`)).find(Boolean),
      SubnetId: interfaces.map((nic) => optionalString(data, `${nic}.subnetId`)).find(Boolean),
      LaunchedAt: optionalTimestamp(data, 'launchTime'),
      NetworkInterfaces: interfaces
        .map((nic) => optionalString(data, `${nic}.networkInterfaceId`))
        .filter((id): id is string => id !== undefined)
        .map((NetworkInterfaceId) => ({ NetworkInterfaceId })),
    });
  });
}

/** `AwsS3Bucket`: owner, creation time, default encryption and bucket-level public access block. */
export function s3BucketDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    const block = `publicAccess.permissionConfiguration.bucketLevelPermissions.blockPublicAccess`;
    const encryption = `defaultServerSideEncryption`;
    return compact({
      OwnerId: optionalString(data, 'owner.id'),
      CreatedAt: optionalTimestamp(data, 'createdAt'),
      Name: optionalString(data, 'name'),
      ServerSideEncryptionConfiguration: optionalString(data, `${encryption}.encryptionType`) && {
        Rules: [
          {
            ApplyServerSideEncryptionByDefault: compact({
              SSEAlgorithm: optionalString(data, `${encryption}.encryptionType`),
              KMSMasterKeyID: optionalString(data, `${encryption}.kmsMasterKeyArn`),
            }),
          },
        ],
      },
      PublicAccessBlockConfiguration: compact({
        BlockPublicAcls: optionalBoolean(data, `${block}.blockPublicAcls`),
        BlockPublicPolicy: optionalBoolean(data, `${block}.blockPublicPolicy`),
        IgnorePublicAcls: optionalBoolean(data, `${block}.ignorePublicAcls`),
        RestrictPublicBuckets: optionalBoolean(data, `${block}.restrictPublicBuckets`),
      }),
    });
  });
}

/** `AwsEksCluster`. */
export function eksClusterDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    return compact({
      Name: optionalString(data, 'name'),
      Arn: optionalString(data, 'arn'),
      ClusterStatus: optionalString(data, 'status'),
    });
  });
}

/** `AwsEcsCluster`. */
export function ecsClusterDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    return compact({
      ClusterName: optionalString(data, 'name'),
      ClusterArn: optionalString(data, 'arn'),
      Status: optionalString(data, 'status'),
      ActiveServicesCount: optionalInteger(data, 'activeServicesCount'),
      RegisteredContainerInstancesCount: optionalInteger(data, 'registeredContainerInstancesCount'),
      RunningTasksCount: optionalInteger(data, 'runningTasksCount'),
    });
  });
}

/** ASFF `Container` of a GuardDuty container block (`containerDetails`, task containers). */
export function containerDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    return compact({
      ContainerRuntime: optionalString(data, 'containerRuntime'),
      Name: optionalString(data, 'name'),
      ImageName: optionalString(data, 'image'),
      Privileged: optionalBoolean(data, 'securityContext.privileged'),
      VolumeMounts: optionalArray(data, 'volumeMounts')
        .map((_, index) =>
          compact({
            Name: optionalString(data, `volumeMounts[${index}].name`),
            MountPath: optionalString(data, `volumeMounts[${index}].mountPath`),
          }),
        )
        .filter(Boolean),
    });
  });
}

/** `AwsEcsTask` of `ecsClusterDetails.taskDetails`. */
export function ecsTaskDetails(root: unknown, path: string, clusterArn: string | undefined): Details {
  return within(root, path, (data) => {
    return compact({
      ClusterArn: clusterArn,
      TaskDefinitionArn: optionalString(data, 'definitionArn'),
      Version: optionalString(data, 'version'),
      CreatedAt: optionalTimestamp(data, 'taskCreatedAt'),
      StartedAt: optionalTimestamp(data, 'startedAt'),
      StartedBy: optionalString(data, 'startedBy'),
      Group: optionalString(data, 'group'),
      Containers: optionalArray(data, 'containers')
        .map((_, index) => containerDetails(data, `containers[${index}]`))
        .filter(Boolean),
    });
  });
}

/** `AwsLambdaFunction`. */
export function lambdaDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    return compact({
      FunctionName: optionalString(data, 'functionName'),
      Role: optionalString(data, 'role'),
      RevisionId: optionalString(data, 'revisionId'),
      Version: optionalString(data, 'functionVersion'),
      LastModified: optionalTimestamp(data, 'lastModifiedAt'),
      VpcConfig:
        optionalObject(data, 'vpcConfig') &&
        compact({
          SecurityGroupIds: stringList(data, 'vpcConfig.securityGroups', 'groupId'),
          SubnetIds: stringList(data, 'vpcConfig.subnetIds'),
          VpcId: optionalString(data, 'vpcConfig.vpcId'),
        }),
    });
  });
}

/** `AwsRdsDbInstance`. */
export function rdsDbInstanceDetails(root: unknown, path: string): Details {
  return within(root, path, (data) => {
    return compact({
      DBInstanceIdentifier: optionalString(data, 'dbInstanceIdentifier'),
      DbClusterIdentifier: optionalString(data, 'dbClusterIdentifier'),
      Engine: optionalString(data, 'engine'),
      EngineVersion: optionalString(data, 'engineVersion'),
    });
  });
}
