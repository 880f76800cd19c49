import { guardDutyNormalizer } from '../../../lambdas/normalize/guardduty/normalize';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import { validateFinding } from '../../../lambdas/asff/validate';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const ACCOUNT = '111122223333';
const DETECTOR = `arn:aws:guardduty:us-east-1:${ACCOUNT}:detector/12abc34d567e8fa901bc2d34e56789f0`;
const REMOTE = {
  IpAddressV4: '198.51.100.23',
  Organization: { Asn: 64500, AsnOrg: 'EXAMPLE-AS', Isp: 'Example ISP', Org: 'Example Org' },
  Country: { CountryCode: 'FR', CountryName: 'France' },
  City: { CityName: 'Lyon' },
  GeoLocation: { Lon: 4.8357, Lat: 45.764 },
};

function mapFixture(name: string): AwsSecurityFinding {
  const event: SourceEvent = sourceEvent(`guardduty/${name}`);
  const findings = guardDutyNormalizer.normalize(event);
  expect(findings).toHaveLength(1);
  expect(validateFinding(findings[0])).toEqual({ ok: true, finding: findings[0] });
  return findings[0];
}

describe('GuardDuty IAM access-key finding (AWS_API_CALL)', () => {
  const finding = mapFixture('iam-access-key-api-call');

  it('identifies the finding as Security Hub does', () => {
    expect(finding.SchemaVersion).toBe('2018-10-08');
    expect(finding.Id).toBe(`${DETECTOR}/finding/5eb1a9e0c7f0b1d2e3f4a5b6c7d8e9f0`);
    expect(finding.ProductArn).toBe('arn:aws:securityhub:us-east-1::product/aws/guardduty');
    expect(finding.GeneratorId).toBe(DETECTOR);
    expect(finding.AwsAccountId).toBe(ACCOUNT);
    expect(finding.Region).toBe('us-east-1');
    expect(finding.CompanyName).toBe('Amazon');
    expect(finding.ProductName).toBe('GuardDuty');
  });

  it('takes times from the finding and its service', () => {
    expect(finding.CreatedAt).toBe('2026-03-01T10:15:30.123Z');
    expect(finding.UpdatedAt).toBe('2026-03-02T08:00:00.456Z');
    expect(finding.FirstObservedAt).toBe('2026-03-01T09:58:00.000Z');
    expect(finding.LastObservedAt).toBe('2026-03-01T10:05:12.000Z');
  });

  it('maps severity 5 to MEDIUM, keeping the original value', () => {
    expect(finding.Severity).toEqual({ Label: 'MEDIUM', Normalized: 40, Product: 5, Original: '5' });
    expect(finding.FindingProviderFields?.Severity).toEqual({ Label: 'MEDIUM', Original: '5' });
  });

  it('uses the documented ASFF type', () => {
    expect(finding.Types).toEqual(['TTPs/UnauthorizedAccess:IAMUser-MaliciousIPCaller.Custom']);
    expect(finding.FindingProviderFields?.Types).toEqual(finding.Types);
  });

  it('keeps title, description and the console link', () => {
    expect(finding.Title).toBe('API ListBuckets was invoked from an IP address on a custom threat list.');
    expect(finding.Description).toMatch(/^API ListBuckets, commonly used in discovery tactics/);
    expect(finding.SourceUrl).toBe('https://us-east-1.console.aws.amazon.com/guardduty/home?region=us-east-1#/findings?macros=current&fId=5eb1a9e0c7f0b1d2e3f4a5b6c7d8e9f0');
  });

  it('names the access key as Security Hub does', () => {
    expect(finding.Resources).toEqual([
      {
        Type: 'AwsIamAccessKey',
        Id: 'AWS::IAM::AccessKey:AKIAIOSFODNN7EXAMPLE',
        Partition: 'aws',
        Region: 'us-east-1',
        Details: { AwsIamAccessKey: { PrincipalId: 'AIDAEXAMPLEPRINCIPAL1', PrincipalType: 'IAMUser', PrincipalName: 'alice' } },
      },
    ]);
  });

  it('maps the API call with its remote IP and Security Hub caller type', () => {
    expect(finding.Action).toEqual({
      ActionType: 'AWS_API_CALL',
      AwsApiCallAction: { Api: 'ListBuckets', ServiceName: 's3.amazonaws.com', CallerType: 'remoteIp', RemoteIpDetails: REMOTE },
    });
    expect(finding.Network).toEqual({ Direction: 'IN', SourceIpV4: '198.51.100.23' });
  });

  it('flattens the service into string ProductFields, summary keys first', () => {
    const fields = finding.ProductFields ?? {};
    expect(Object.keys(fields).slice(0, 3)).toEqual(['aws/guardduty/service/serviceName', 'aws/guardduty/service/detectorId', 'aws/guardduty/service/archived']);
    expect(fields['aws/guardduty/service/count']).toBe('3');
    expect(fields['aws/guardduty/service/archived']).toBe('false');
    expect(fields['aws/guardduty/service/additionalInfo/threatListName']).toBe('ThreatIntelIOC');
    expect(fields['aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/organization/asn']).toBe('64500');
    expect(fields).not.toHaveProperty('aws/guardduty/service/action/awsApiCallAction/errorCode');
    expect(Object.values(fields).every((value) => typeof value === 'string' && value.trim() !== '')).toBe(true);
  });

  it('is active and not a sample', () => {
    expect(finding.RecordState).toBe('ACTIVE');
    expect(finding.Sample).toBe(false);
  });
});

describe('GuardDuty EC2 finding (NETWORK_CONNECTION)', () => {
  const finding = mapFixture('ec2-ssh-brute-force');

  it('maps severity 2 to LOW and the documented type', () => {
    expect(finding.Severity).toEqual({ Label: 'LOW', Normalized: 1, Product: 2, Original: '2' });
    expect(finding.Types).toEqual(['TTPs/Initial Access/UnauthorizedAccess:EC2-SSHBruteForce']);
  });

  it('describes the instance as Security Hub does', () => {
    expect(finding.Resources).toEqual([
      {
        Type: 'AwsEc2Instance',
        Id: `arn:aws:ec2:us-east-1:${ACCOUNT}:instance/i-0a1b2c3d4e5f67890`,
        Partition: 'aws',
        Region: 'us-east-1',
        Tags: { Name: 'web-1', Environment: 'prod' },
        Details: {
          AwsEc2Instance: {
            Type: 't3.medium',
            ImageId: 'ami-0abcdef1234567890',
            IpV4Addresses: ['203.0.113.10', '10.0.1.25'],
            IamInstanceProfileArn: `arn:aws:iam::${ACCOUNT}:instance-profile/web-server`,
            VpcId: 'vpc-0123456789abcdef0',
            SubnetId: 'subnet-0123456789abcdef0',
            LaunchedAt: '2026-02-20T07:30:00.000Z',
            NetworkInterfaces: [{ NetworkInterfaceId: 'eni-0123456789abcdef0' }],
          },
        },
      },
    ]);
  });

  it('maps the inbound connection to Action and Network', () => {
    expect(finding.Action).toEqual({
      ActionType: 'NETWORK_CONNECTION',
      NetworkConnectionAction: {
        ConnectionDirection: 'INBOUND',
        RemoteIpDetails: REMOTE,
        RemotePortDetails: { Port: 46717, PortName: 'Unknown' },
        LocalPortDetails: { Port: 22, PortName: 'SSH' },
        Protocol: 'TCP',
        Blocked: false,
      },
    });
    expect(finding.Network).toEqual({
      Direction: 'IN',
      Protocol: 'TCP',
      SourceIpV4: '198.51.100.23',
      SourcePort: 46717,
      DestinationIpV4: '10.0.1.25',
      DestinationPort: 22,
    });
  });
});

describe('GuardDuty EC2 finding (PORT_PROBE)', () => {
  const finding = mapFixture('ec2-port-probe');

  it('lists every probe, with ports given as numbers or strings', () => {
    expect(finding.Types).toEqual(['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort']);
    expect(finding.Action).toEqual({
      ActionType: 'PORT_PROBE',
      PortProbeAction: {
        Blocked: false,
        PortProbeDetails: [
          { LocalPortDetails: { Port: 3389, PortName: 'RDP' }, LocalIpDetails: { IpAddressV4: '10.0.1.25' }, RemoteIpDetails: REMOTE },
          {
            LocalPortDetails: { Port: 22, PortName: 'SSH' },
            LocalIpDetails: { IpAddressV4: '10.0.1.25' },
            RemoteIpDetails: { IpAddressV4: '192.0.2.77', Country: { CountryName: 'Brazil' } },
          },
        ],
      },
    });
    expect(finding).not.toHaveProperty('Network');
  });
});

describe('GuardDuty DNS finding (DNS_REQUEST)', () => {
  const finding = mapFixture('ec2-dns-request');

  it('maps severity 8 to HIGH and the documented type', () => {
    expect(finding.Severity).toEqual({ Label: 'HIGH', Normalized: 70, Product: 8, Original: '8' });
    expect(finding.Types).toEqual(['TTPs/Command and Control/Trojan:EC2-DGADomainRequest.C!DNS']);
  });

  it('maps the DNS request to Action and an outbound Network', () => {
    expect(finding.Action).toEqual({ ActionType: 'DNS_REQUEST', DnsRequestAction: { Domain: 'qzkxvbnwe.example', Protocol: 'UDP', Blocked: false } });
    expect(finding.Network).toEqual({ Direction: 'OUT', Protocol: 'UDP', DestinationDomain: 'qzkxvbnwe.example' });
    expect(finding.ProductFields?.['aws/guardduty/service/action/dnsRequestAction/vpcOwnerAccountId']).toBe(ACCOUNT);
  });
});

describe('GuardDuty S3 finding', () => {
  const finding = mapFixture('s3-bucket');

  it('maps one AwsS3Bucket per bucket, then the caller access key', () => {
    expect(finding.Resources.map((resource) => [resource.Type, resource.Id])).toEqual([
      ['AwsS3Bucket', 'arn:aws:s3:::finance-reports-111122223333'],
      ['AwsS3Bucket', 'arn:aws:s3:::payroll-archive-111122223333'],
      ['AwsIamAccessKey', 'AWS::IAM::AccessKey:ASIAEXAMPLESESSION01'],
    ]);
  });

  it('describes owner, creation time, encryption and public access of a bucket', () => {
    expect(finding.Resources[0].Tags).toEqual({ DataClass: 'confidential' });
    expect(finding.Resources[0].Details).toEqual({
      AwsS3Bucket: {
        OwnerId: '79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be',
        CreatedAt: '2024-06-01T12:00:00.000Z',
        Name: 'finance-reports-111122223333',
        ServerSideEncryptionConfiguration: {
          Rules: [{ ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab` } }],
        },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      },
      Other: { EffectivePermission: 'NOT_PUBLIC', BucketType: 'Destination' },
    });
  });

  it('reads a bucket creation time given in epoch seconds', () => {
    expect((finding.Resources[1].Details?.AwsS3Bucket as { CreatedAt: string } | undefined)?.CreatedAt).toBe('2024-06-01T12:00:00.000Z');
  });

  it('keeps the affected resources of the API call', () => {
    expect(finding.Types).toEqual(['TTPs/Discovery:S3-MaliciousIPCaller']);
    expect(finding.Action?.AwsApiCallAction?.AffectedResources).toEqual({ 'AWS::S3::Bucket': 'finance-reports-111122223333' });
  });
});

describe('GuardDuty EKS finding (KUBERNETES_API_CALL)', () => {
  const finding = mapFixture('eks-kubernetes-api-call');

  it('places an undocumented type by its threat purpose', () => {
    expect(finding.Types).toEqual(['TTPs/Execution/Execution:Kubernetes-ExecInKubeSystemPod']);
  });

  it('maps the cluster with its Kubernetes user and workload details', () => {
    expect(finding.Resources).toHaveLength(1);
    const [cluster] = finding.Resources;
    expect(cluster.Type).toBe('AwsEksCluster');
    expect(cluster.Id).toBe(`arn:aws:eks:us-east-1:${ACCOUNT}:cluster/prod-cluster`);
    expect(cluster.Tags).toEqual({ team: 'platform' });
    expect(cluster.Details?.AwsEksCluster).toEqual({ Name: 'prod-cluster', Arn: cluster.Id, ClusterStatus: 'ACTIVE' });
    expect(cluster.Details?.Other).toMatchObject({
      VpcId: 'vpc-0123456789abcdef0',
      'kubernetes/kubernetesUserDetails/username': 'arn:aws:sts::111122223333:assumed-role/eks-admin/carol',
      'kubernetes/kubernetesUserDetails/groups/0': 'system:masters',
      'kubernetes/kubernetesWorkloadDetails/namespace': 'kube-system',
      'kubernetes/kubernetesWorkloadDetails/name': 'coredns-5d8f7c9b6-x2x7k',
    });
  });

  it('keeps the Kubernetes action type, its caller in Network and its request in ProductFields', () => {
    expect(finding.Action).toEqual({ ActionType: 'KUBERNETES_API_CALL' });
    expect(finding.Network).toEqual({ Direction: 'IN', SourceIpV4: '198.51.100.23' });
    expect(finding.ProductFields?.['aws/guardduty/service/action/kubernetesApiCallAction/verb']).toBe('create');
  });
});

describe('GuardDuty Runtime Monitoring finding on ECS', () => {
  const finding = mapFixture('runtime-ecs');

  it('maps cluster, task and container', () => {
    expect(finding.Resources.map((resource) => [resource.Type, resource.Id])).toEqual([
      ['AwsEcsCluster', `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/batch-cluster`],
      ['AwsEcsTask', `arn:aws:ecs:us-east-1:${ACCOUNT}:task/batch-cluster/0123456789abcdef0123456789abcdef`],
      ['Container', '0123456789abcdef0123456789abcdef-1234567890'],
    ]);
  });

  it('reads counts given as numbers or strings', () => {
    expect(finding.Resources[0].Details?.AwsEcsCluster).toEqual({
      ClusterName: 'batch-cluster',
      ClusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/batch-cluster`,
      Status: 'ACTIVE',
      ActiveServicesCount: 2,
      RegisteredContainerInstancesCount: 0,
      RunningTasksCount: 5,
    });
  });

  it('describes the task, reading a start time in epoch milliseconds', () => {
    expect(finding.Resources[1].Details?.AwsEcsTask).toEqual({
      ClusterArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:cluster/batch-cluster`,
      TaskDefinitionArn: `arn:aws:ecs:us-east-1:${ACCOUNT}:task-definition/batch-job:7`,
      Version: '7',
      CreatedAt: '2026-03-01T05:00:00.000Z',
      StartedAt: '2026-03-01T05:01:00.000Z',
      StartedBy: 'ecs-svc/1234567890',
      Group: 'service:batch',
      Containers: [
        {
          ContainerRuntime: 'docker',
          Name: 'worker',
          ImageName: 'public.ecr.aws/example/worker:1.4.2',
          Privileged: false,
          VolumeMounts: [{ Name: 'scratch', MountPath: '/tmp/scratch' }],
        },
      ],
    });
    expect(finding.Resources[2].Details?.Container).toEqual({
      ContainerRuntime: 'docker',
      Name: 'worker',
      ImageName: 'public.ecr.aws/example/worker:1.4.2',
      Privileged: false,
    });
  });

  it('maps the runtime process and the outbound connection', () => {
    expect(finding.Types).toEqual(['TTPs/Command and Control/CryptoCurrency:Runtime-BitcoinTool.B']);
    expect(finding.Process).toEqual({ Name: 'xmrig', Path: '/usr/local/bin/xmrig', Pid: 4242, LaunchedAt: '2026-03-01T05:09:30.000Z' });
    expect(finding.Network).toEqual({
      Direction: 'OUT',
      Protocol: 'TCP',
      SourceIpV4: '10.0.8.14',
      SourcePort: 49152,
      DestinationIpV4: '192.0.2.200',
      DestinationPort: 3333,
    });
  });
});

describe('GuardDuty Lambda finding', () => {
  const finding = mapFixture('lambda-network');

  it('maps the function with its VPC configuration', () => {
    expect(finding.Types).toEqual(['TTPs/Command and Control/Backdoor:Lambda-C&CActivity.B']);
    expect(finding.Resources).toEqual([
      {
        Type: 'AwsLambdaFunction',
        Id: `arn:aws:lambda:us-east-1:${ACCOUNT}:function:process-orders`,
        Partition: 'aws',
        Region: 'us-east-1',
        Tags: { app: 'orders' },
        Details: {
          AwsLambdaFunction: {
            FunctionName: 'process-orders',
            Role: `arn:aws:iam::${ACCOUNT}:role/process-orders-role`,
            RevisionId: 'c0ffee00-1111-2222-3333-444455556666',
            Version: '$LATEST',
            LastModified: '2026-02-28T16:45:00.000Z',
            VpcConfig: {
              SecurityGroupIds: ['sg-0fedcba9876543210'],
              SubnetIds: ['subnet-0aaa1111bbbb2222c', 'subnet-0ddd3333eeee4444f'],
              VpcId: 'vpc-0123456789abcdef0',
            },
          },
        },
      },
    ]);
  });
});

describe('GuardDuty RDS finding', () => {
  const finding = mapFixture('rds-login');

  it('maps the DB instance with the login user', () => {
    expect(finding.Types).toEqual(['TTPs/Credential Access/CredentialAccess:RDS-AnomalousBehavior.SuccessfulLogin']);
    expect(finding.Resources).toEqual([
      {
        Type: 'AwsRdsDbInstance',
        Id: `arn:aws:rds:us-east-1:${ACCOUNT}:db:orders-db`,
        Partition: 'aws',
        Region: 'us-east-1',
        Tags: { tier: 'data' },
        Details: {
          AwsRdsDbInstance: { DBInstanceIdentifier: 'orders-db', DbClusterIdentifier: 'orders-cluster', Engine: 'aurora-postgresql', EngineVersion: '15.4' },
          Other: { 'dbUser/user': 'dbadmin', 'dbUser/application': 'psql', 'dbUser/database': 'orders', 'dbUser/ssl': 'true', 'dbUser/authMethod': 'password' },
        },
      },
    ]);
  });

  it('keeps the login attempt type and its remote caller', () => {
    expect(finding.Action).toEqual({ ActionType: 'RDS_LOGIN_ATTEMPT' });
    expect(finding.Network).toEqual({ Direction: 'IN', SourceIpV4: '198.51.100.23' });
  });
});

describe('GuardDuty archived sample finding', () => {
  const finding = mapFixture('archived-root-credential-usage');

  it('is ARCHIVED and marked as a sample', () => {
    expect(finding.RecordState).toBe('ARCHIVED');
    expect(finding.Sample).toBe(true);
    expect(finding.ProductFields?.['aws/guardduty/service/archived']).toBe('true');
  });

  it('maps as Security Hub showed the same finding type', () => {
    expect(finding.Types).toEqual(['TTPs/Policy:IAMUser-RootCredentialUsage']);
    expect(finding.Severity.Label).toBe('LOW');
    expect(finding.Resources[0].Details).toEqual({ AwsIamAccessKey: { PrincipalId: ACCOUNT, PrincipalType: 'Root', PrincipalName: 'Root' } });
  });
});
