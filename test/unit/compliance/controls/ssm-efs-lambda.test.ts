import { ssmEfsControls } from '../../../../lambdas/compliance/controls/ssm-efs';
import { lambdaZoneControls } from '../../../../lambdas/compliance/controls/lambda-zones';
import { controlHarness } from '../../../support/controls';
import { controlTable } from '../../../support/control-table';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';

const ssm = controlHarness(ssmEfsControls, 'ssm');
const efs = controlHarness(ssmEfsControls, 'efs');
const ec2 = controlHarness(ssmEfsControls, 'ec2');
const lambda = controlHarness(lambdaZoneControls, 'lambda');
type Item = { configuration: Record<string, any> };
const content = (i: Item) => i.configuration['AWS:ComplianceItem'].Content;
const subnet = (id: string, zone: string): ConfigurationItem => ({
  accountId: '111122223333',
  awsRegion: 'eu-west-1',
  resourceType: 'AWS::EC2::Subnet',
  resourceId: id,
  configurationItemStatus: 'OK',
  configuration: { subnetId: id, availabilityZone: zone },
});

controlTable(ec2, 'SSM.1', 'instance-imdsv2-private', [
  { name: 'with managed instance inventory', related: [ssm.load('inventory-web')], expect: 'PASSED', reason: /managed by Systems Manager/ },
  { name: 'without inventory', expect: 'FAILED', reason: /no managed instance inventory/ },
  { name: 'inventory of another instance', related: [{ ...ssm.load('inventory-web'), resourceId: 'i-other' }], expect: 'FAILED', reason: /not managed/ },
  { name: 'a terminated instance', fixture: 'instance-terminated', expect: 'NOT_APPLICABLE', reason: /terminated/ },
]);

controlTable(ssm, 'SSM.2', 'patch-compliance-web', [
  { name: 'all patches compliant', expect: 'PASSED', reason: /COMPLIANT for all 2 patch/ },
  {
    name: 'a missing patch',
    patch: (i) => {
      content(i)['ALAS2023-2025-877'].Status = 'NON_COMPLIANT';
      content(i)['ALAS2023-2025-877'].PatchState = 'Missing';
    },
    expect: 'FAILED',
    reason: /NON_COMPLIANT for patch\(s\): ALAS2023-2025-877/,
  },
  {
    name: 'no entries',
    patch: (i) => {
      i.configuration['AWS:ComplianceItem'].Content = {};
    },
    expect: 'NOT_APPLICABLE',
    reason: /no patch compliance entries/,
  },
]);

controlTable(ssm, 'SSM.3', 'association-compliance-web', [
  { name: 'association compliant', expect: 'PASSED', reason: /COMPLIANT for all 1 association/ },
  {
    name: 'association failed',
    patch: (i) => {
      content(i)['5a1b2c3d-0000-4000-8000-000000000004'].Status = 'NON_COMPLIANT';
    },
    expect: 'FAILED',
    reason: /5a1b2c3d-0000-4000-8000-000000000004/,
  },
]);

controlTable(efs, 'EFS.1', 'file-system-encrypted', [
  { name: 'encrypted', expect: 'PASSED', reason: /encrypted with arn:aws:kms/ },
  {
    name: 'unencrypted',
    patch: (i) => {
      i.configuration.Encrypted = false;
      delete i.configuration.KmsKeyId;
    },
    expect: 'FAILED',
    reason: /Encrypted false/,
  },
]);

controlTable(efs, 'EFS.3', 'access-point-scoped', [
  { name: 'subdirectory', expect: 'PASSED', reason: /\/uploads/ },
  {
    name: 'file system root',
    patch: (i) => {
      i.configuration.RootDirectory.Path = '/';
    },
    expect: 'FAILED',
    reason: /Path "\/"/,
  },
  {
    name: 'no root directory',
    patch: (i) => {
      delete i.configuration.RootDirectory;
    },
    expect: 'FAILED',
    reason: /root directory/,
  },
  { name: 'a file system', fixture: 'file-system-encrypted', expect: 'NOT_APPLICABLE', reason: /not evaluated by this control/ },
]);

controlTable(efs, 'EFS.4', 'access-point-scoped', [
  { name: 'POSIX user', expect: 'PASSED', reason: /POSIX user 1001:1001/ },
  {
    name: 'no POSIX user',
    patch: (i) => {
      delete i.configuration.PosixUser;
    },
    expect: 'FAILED',
    reason: /no PosixUser/,
  },
]);

controlTable(lambda, 'Lambda.5', 'function-private', [
  { name: 'subnets in two zones', related: [subnet('subnet-0a1', 'eu-west-1a'), subnet('subnet-0b2', 'eu-west-1b')], expect: 'PASSED', reason: /2 Availability Zones/ },
  {
    name: 'subnets in one zone',
    related: [subnet('subnet-0a1', 'eu-west-1a'), subnet('subnet-0b2', 'eu-west-1a')],
    expect: 'FAILED',
    reason: /1 Availability Zone\(s\) \(eu-west-1a\), fewer than 2/,
  },
  {
    name: 'availabilityZones 3',
    parameters: { availabilityZones: 3 },
    related: [subnet('subnet-0a1', 'eu-west-1a'), subnet('subnet-0b2', 'eu-west-1b')],
    expect: 'FAILED',
    reason: /fewer than 3/,
  },
  { name: 'subnets not recorded', expect: 'NOT_APPLICABLE', reason: /subnet-0a1, subnet-0b2 are not recorded/ },
  { name: 'not in a VPC', fixture: 'function-public', expect: 'NOT_APPLICABLE', reason: /not attached to a VPC/ },
]);
