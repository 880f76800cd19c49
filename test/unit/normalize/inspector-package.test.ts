import { inspectorNormalizer } from '../../../lambdas/normalize/inspector/normalize';
import { validateFinding } from '../../../lambdas/asff/validate';
import type { AwsSecurityFinding } from '../../../lambdas/asff/types';
import type { SourceEvent } from '../../../lambdas/normalize/types';
import { sourceEvent } from '../../support/fixtures';

const fixture = (name: string): SourceEvent => sourceEvent(`inspector/${name}`) as SourceEvent;
const normalizeOne = (name: string): AwsSecurityFinding => {
  const findings = inspectorNormalizer.normalize(fixture(name));
  expect(findings).toHaveLength(1);
  return findings[0];
};

describe('Inspector package vulnerability on EC2', () => {
  const finding = normalizeOne('package-ec2');

  it('identifies the finding as Security Hub does for Inspector', () => {
    expect(finding.SchemaVersion).toBe('2018-10-08');
    expect(finding.Id).toBe('arn:aws:inspector2:eu-central-1:111122223333:finding/0123456789abcdef0123456789abcdef');
    expect(finding.ProductArn).toBe('arn:aws:securityhub:eu-central-1::product/aws/inspector');
    expect(finding.GeneratorId).toBe('AWSInspector');
    expect(finding.CompanyName).toBe('Amazon');
    expect(finding.ProductName).toBe('Inspector');
    expect(finding.AwsAccountId).toBe('111122223333');
    expect(finding.Region).toBe('eu-central-1');
  });

  it('converts Inspector times to ASFF timestamps', () => {
    expect(finding.CreatedAt).toBe('2024-09-04T16:59:44.356Z');
    expect(finding.FirstObservedAt).toBe('2024-09-04T16:59:44.356Z');
    expect(finding.LastObservedAt).toBe('2024-09-04T16:59:44.476Z');
    expect(finding.UpdatedAt).toBe('2024-09-04T17:00:36.951Z');
  });

  it('keeps title, description, severity and type, also as provider fields', () => {
    expect(finding.Title).toBe('CVE-2024-29069 - snapd');
    expect(finding.Description).toMatch(/^In snapd versions prior to 2\.62/);
    expect(finding.Severity).toEqual({ Label: 'MEDIUM', Original: 'MEDIUM' });
    expect(finding.Types).toEqual(['Software and Configuration Checks/Vulnerabilities/CVE']);
    expect(finding.FindingProviderFields).toEqual({
      Severity: { Label: 'MEDIUM', Original: 'MEDIUM' },
      Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    });
    expect(finding.RecordState).toBe('ACTIVE');
    expect(finding.Workflow).toBeUndefined();
    expect(finding.Remediation).toEqual({ Recommendation: { Text: 'None Provided' } });
  });

  it('writes the aws/inspector product fields', () => {
    expect(finding.ProductFields).toEqual({
      'aws/inspector/ProductVersion': '2',
      'aws/inspector/FindingStatus': 'ACTIVE',
      'aws/inspector/inspectorScore': '4.8',
      'aws/inspector/instanceId': 'i-0abc1234def567890',
      'aws/inspector/resources/1/resourceDetails/awsEc2InstanceDetails/platform': 'UBUNTU_22_04',
    });
  });

  it('maps the instance to an AwsEc2Instance resource with its ARN, details and non-empty tags', () => {
    expect(finding.Resources).toEqual([
      {
        Type: 'AwsEc2Instance',
        Id: 'arn:aws:ec2:eu-central-1:111122223333:instance/i-0abc1234def567890',
        Partition: 'aws',
        Region: 'eu-central-1',
        Tags: { Name: 'web-1', Environment: 'prod' },
        Details: {
          AwsEc2Instance: {
            Type: 't3.small',
            ImageId: 'ami-0a1b2c3d4e5f60718',
            IpV4Addresses: ['10.0.1.25', '203.0.113.40'],
            KeyName: 'ops-key',
            IamInstanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/AmazonSSMRoleForInstancesQuickSetup',
            VpcId: 'vpc-0a1b2c3d',
            SubnetId: 'subnet-0a1b2c3d',
            LaunchedAt: '2024-09-04T16:57:40.000Z',
          },
        },
      },
    ]);
  });

  it('maps the CVE with its package, CVSS (vendor then adjusted), vendor and intelligence', () => {
    expect(finding.Vulnerabilities).toEqual([
      {
        Id: 'CVE-2024-29069',
        VulnerablePackages: [
          {
            Name: 'snapd',
            Version: '2.63',
            Epoch: '0',
            Release: '0ubuntu0.22.04.1',
            Architecture: 'ALL',
            PackageManager: 'OS',
            FixedInVersion: '0:2.63+22.04ubuntu0.1',
            Remediation: 'apt-get update && apt-get upgrade',
          },
        ],
        Cvss: [
          { Version: '3.1', BaseScore: 4.8, BaseVector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L', Source: 'UBUNTU_CVE' },
          { Version: '3.1', BaseScore: 7.3, BaseVector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:H', Source: 'NVD' },
          {
            Version: '3.1',
            BaseScore: 4.8,
            BaseVector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:R/S:U/C:L/I:L/A:L',
            Source: 'UBUNTU_CVE',
            Adjustments: [{ Metric: 'ATTACK_VECTOR', Reason: 'The instance is not reachable from the internet' }],
          },
        ],
        RelatedVulnerabilities: ['USN-6940-1'],
        Vendor: {
          Name: 'UBUNTU_CVE',
          Url: 'https://people.canonical.com/~ubuntu-security/cve/2024/CVE-2024-29069.html',
          VendorSeverity: 'medium',
          VendorCreatedAt: '2024-07-25T20:15:00.000Z',
          VendorUpdatedAt: '2024-07-26T08:00:00.000Z',
        },
        ReferenceUrls: ['https://www.cve.org/CVERecord?id=CVE-2024-29069', 'https://ubuntu.com/security/notices/USN-6940-1'],
        FixAvailable: 'YES',
        ExploitAvailable: 'NO',
        EpssScore: 0.00043,
      },
    ]);
  });

  it('sets no network fields on a package finding', () => {
    expect(finding.Network).toBeUndefined();
    expect(finding.NetworkPath).toBeUndefined();
  });
});

describe('Inspector package vulnerability on an ECR image', () => {
  const finding = normalizeOne('package-ecr');

  it('maps the image to an AwsEcrContainerImage resource', () => {
    expect(finding.Resources).toEqual([
      {
        Type: 'AwsEcrContainerImage',
        Id: 'arn:aws:ecr:eu-central-1:111122223333:repository/inspector2/sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d',
        Partition: 'aws',
        Region: 'eu-central-1',
        Tags: { team: 'payments' },
        Details: {
          AwsEcrContainerImage: {
            RegistryId: '111122223333',
            RepositoryName: 'inspector2',
            Architecture: 'arm64',
            ImageDigest: 'sha256:84f507df33c6864d49c296fb734192696e4cb6f78166ac51ac8b9b118181085d',
            ImageTags: ['ubuntu_latest', 'v1.4.2'],
            ImagePublishedAt: '2024-09-04T16:55:28.000Z',
          },
        },
      },
    ]);
  });

  it('lists the platform and the source layer hashes in product fields, without a score it lacks', () => {
    const hash = 'sha256:1567e7ea90b67fc95ccdeeec39bdc3045098dee7e0c604975b957a9f8c0e9616';
    expect(finding.ProductFields).toEqual({
      'aws/inspector/ProductVersion': '2',
      'aws/inspector/FindingStatus': 'ACTIVE',
      'aws/inspector/resources/1/resourceDetails/awsEcrContainerImageDetails/platform': 'UBUNTU_24_04',
      'aws/inspector/packageVulnerabilityDetails/vulnerablePackages/sourceLayerHashes': `${hash},${hash}`,
    });
  });

  it('keeps both packages with their layer hash, no empty CVSS list, and a partial fix', () => {
    const [vulnerability] = finding.Vulnerabilities ?? [];
    expect(vulnerability.Id).toBe('CVE-2024-6119');
    expect(vulnerability.VulnerablePackages?.map((item) => [item.Name, item.Architecture, item.SourceLayerHash?.slice(0, 15)])).toEqual([
      ['libssl3t64', 'ARM64', 'sha256:1567e7ea'],
      ['openssl', 'ARM64', 'sha256:1567e7ea'],
    ]);
    expect(vulnerability.Cvss).toBeUndefined();
    expect(vulnerability.FixAvailable).toBe('PARTIAL');
    expect(vulnerability.Vendor).toEqual({
      Name: 'UBUNTU_CVE',
      Url: 'https://people.canonical.com/~ubuntu-security/cve/2024/CVE-2024-6119.html',
      VendorSeverity: 'medium',
      VendorCreatedAt: '2024-09-03T00:00:00.000Z',
    });
  });
});

describe('Inspector package vulnerability on a Lambda function', () => {
  const finding = normalizeOne('package-lambda');

  it('maps the function to an AwsLambdaFunction resource', () => {
    expect(finding.Resources).toEqual([
      {
        Type: 'AwsLambdaFunction',
        Id: 'arn:aws:lambda:eu-central-1:111122223333:function:VulnerableFunction:$LATEST',
        Partition: 'aws',
        Region: 'eu-central-1',
        Details: {
          AwsLambdaFunction: {
            FunctionName: 'VulnerableFunction',
            Runtime: 'PYTHON_3_11',
            Version: '$LATEST',
            Layers: [{ Arn: 'arn:aws:lambda:eu-central-1:111122223333:layer:shared-deps:3' }],
            CodeSha256: 'O7jkFEmfPB+CK3Y6Pby5zW9gjG+zusAaqRRMGS8B27c=',
            Role: 'arn:aws:iam::111122223333:role/service-role/VulnerableFunction-role-f9vs5mq8',
            LastModified: '2024-09-04T16:50:20.000Z',
            PackageType: 'ZIP',
            Architectures: ['X86_64'],
            VpcConfig: {
              SecurityGroupIds: ['sg-0f1e2d3c4b5a69788'],
              SubnetIds: ['subnet-0a1b2c3d', 'subnet-0e1f2a3b'],
              VpcId: 'vpc-0a1b2c3d',
            },
          },
        },
      },
    ]);
  });

  it('keeps the exploit intelligence and the package layer ARN', () => {
    const [vulnerability] = finding.Vulnerabilities ?? [];
    expect(vulnerability).toMatchObject({
      Id: 'CVE-2023-30861',
      ExploitAvailable: 'YES',
      LastKnownExploitAt: '2024-08-31T00:04:50.000Z',
      EpssScore: 0.00208,
      FixAvailable: 'YES',
    });
    expect(vulnerability.RelatedVulnerabilities).toBeUndefined();
    expect(vulnerability.VulnerablePackages).toEqual([
      {
        Name: 'flask',
        Version: '2.0.0',
        Epoch: '0',
        PackageManager: 'PIP',
        FilePath: 'python/requirements.txt',
        FixedInVersion: '2.3.2',
        SourceLayerArn: 'arn:aws:lambda:eu-central-1:111122223333:layer:shared-deps:3',
      },
    ]);
  });

  it('lists the adjusted CVSS without adjustments when Inspector gives none', () => {
    expect(finding.Vulnerabilities?.[0].Cvss?.[1]).toEqual({
      Version: '3.1',
      BaseScore: 7.5,
      BaseVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N',
      Source: 'NVD',
    });
    expect(finding.Severity).toEqual({ Label: 'HIGH', Original: 'HIGH' });
    expect(finding.ProductFields?.['aws/inspector/inspectorScore']).toBe('7.5');
  });
});

describe('every Inspector fixture', () => {
  const names = ['package-ec2', 'package-ecr', 'package-lambda', 'network-ec2', 'code-lambda', 'closed-ec2', 'suppressed-ecr', 'old-time-formats'];

  it.each(names)('%s maps to a finding that passes the ASFF validator', (name) => {
    const result = validateFinding(normalizeOne(name));
    expect(result).toMatchObject({ ok: true });
  });
});
