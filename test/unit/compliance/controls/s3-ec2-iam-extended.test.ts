import { s3ManagementControls } from '../../../../lambdas/compliance/controls/s3-management';
import { ec2InventoryControls } from '../../../../lambdas/compliance/controls/ec2-inventory';
import { iamWildcardControls } from '../../../../lambdas/compliance/controls/iam-wildcards';
import { controlHarness } from '../../../support/controls';
import { controlTable } from '../../../support/control-table';

const s3 = controlHarness(s3ManagementControls, 's3');
const ec2 = controlHarness(ec2InventoryControls, 'ec2');
const iam = controlHarness(iamWildcardControls, 'iam');
const supp = (i: { supplementaryConfiguration?: Record<string, unknown> }) => i.supplementaryConfiguration as Record<string, any>;

controlTable(s3, 'S3.7', 'bucket-private', [
  { name: 'an enabled replication rule', expect: 'PASSED', reason: /1 enabled replication rule/ },
  {
    name: 'the rule disabled',
    patch: (i) => {
      supp(i).BucketReplicationConfiguration.rules[0].status = 'Disabled';
    },
    expect: 'FAILED',
    reason: /none Enabled/,
  },
  {
    name: 'no replication',
    patch: (i) => {
      delete supp(i).BucketReplicationConfiguration;
    },
    expect: 'FAILED',
    reason: /no replication configuration/,
  },
  { name: 'a deleted bucket', fixture: 'bucket-deleted', expect: 'NOT_APPLICABLE', reason: /deleted/ },
]);

controlTable(s3, 'S3.10', 'bucket-private', [
  { name: 'versioned with a lifecycle rule', expect: 'PASSED', reason: /Versioned bucket .* enabled lifecycle rule/ },
  {
    name: 'versioned without lifecycle',
    patch: (i) => {
      delete supp(i).BucketLifecycleConfiguration;
    },
    expect: 'FAILED',
    reason: /no enabled lifecycle rule/,
  },
  {
    name: 'versioning suspended',
    patch: (i) => {
      supp(i).BucketVersioningConfiguration.status = 'Suspended';
    },
    expect: 'NOT_APPLICABLE',
    reason: /status Suspended/,
  },
]);

controlTable(s3, 'S3.11', 'bucket-private', [
  { name: 'one notification', expect: 'PASSED', reason: /1 event notification/ },
  {
    name: 'no notifications',
    patch: (i) => {
      supp(i).BucketNotificationConfiguration = { configurations: {} };
    },
    expect: 'FAILED',
    reason: /no event notifications/,
  },
]);

controlTable(s3, 'S3.12', 'bucket-private', [
  { name: 'ACLs disabled', expect: 'PASSED', reason: /BucketOwnerEnforced/ },
  {
    name: 'ACLs enabled, owner-only ACL',
    patch: (i) => {
      delete supp(i).BucketOwnershipControls;
    },
    expect: 'PASSED',
    reason: /grants only the bucket owner/,
  },
  {
    name: 'ACL granting another account',
    patch: (i) => {
      delete supp(i).BucketOwnershipControls;
      const acl = JSON.parse(supp(i).AccessControlList as string);
      acl.grantList.push({ grantee: { id: 'a1b2c3other', displayName: null }, permission: 'Read' });
      supp(i).AccessControlList = JSON.stringify(acl);
    },
    expect: 'FAILED',
    reason: /a1b2c3other \(Read\)/,
  },
  { name: 'ACL granting a log delivery group', fixture: 'bucket-public', expect: 'FAILED', reason: /AllUsers|grants access through its ACL/ },
]);

controlTable(s3, 'S3.13', 'bucket-private', [
  { name: 'an enabled rule', expect: 'PASSED', reason: /enabled lifecycle rule/ },
  {
    name: 'only a disabled rule',
    patch: (i) => {
      supp(i).BucketLifecycleConfiguration.rules[0].status = 'Disabled';
    },
    expect: 'FAILED',
    reason: /no enabled lifecycle rule/,
  },
]);

controlTable(ec2, 'EC2.4', 'instance-imdsv2-private', [
  { name: 'a running instance', expect: 'PASSED', reason: /not stopped \(state running\)/ },
  {
    name: 'stopped 10 days ago',
    patch: (i) => {
      i.configuration.state = { code: 80, name: 'stopped' };
      i.configuration.stateTransitionReason = 'User initiated (2025-04-21 12:00:00 GMT)';
    },
    expect: 'PASSED',
    reason: /stopped for 10 days, within the allowed 30/,
  },
  {
    name: 'stopped 60 days ago',
    patch: (i) => {
      i.configuration.state = { code: 80, name: 'stopped' };
      i.configuration.stateTransitionReason = 'User initiated (2025-03-02 12:00:00 GMT)';
    },
    expect: 'FAILED',
    reason: /60 days, more than the allowed 30/,
  },
  {
    name: 'stopped 10 days ago with allowedDays 7',
    parameters: { allowedDays: 7 },
    patch: (i) => {
      i.configuration.state = { code: 80, name: 'stopped' };
      i.configuration.stateTransitionReason = 'User initiated (2025-04-21 12:00:00 GMT)';
    },
    expect: 'FAILED',
    reason: /more than the allowed 7/,
  },
  {
    name: 'stopped, no reason date: capture time',
    patch: (i) => {
      i.configuration.state = { name: 'stopped' };
      i.configurationItemCaptureTime = '2025-01-01T00:00:00Z';
    },
    expect: 'FAILED',
    reason: /120 days/,
  },
  { name: 'a terminated instance', fixture: 'instance-terminated', expect: 'NOT_APPLICABLE', reason: /is terminated/ },
]);

controlTable(ec2, 'EC2.10', 'vpc', [
  { name: 'an ec2 endpoint in the VPC', related: [ec2.load('vpc-endpoint-ec2')], expect: 'PASSED', reason: /vpce-0a1b2c3d4e5f60001 for ec2/ },
  { name: 'no endpoints', expect: 'FAILED', reason: /no VPC endpoint for the ec2 service/ },
  {
    name: 'the endpoint of another VPC',
    related: [{ ...ec2.load('vpc-endpoint-ec2'), configuration: { ...ec2.load('vpc-endpoint-ec2').configuration, vpcId: 'vpc-other' } }],
    expect: 'FAILED',
    reason: /no VPC endpoint/,
  },
  { name: 'serviceName ssm with only ec2', parameters: { serviceName: 'ssm' }, related: [ec2.load('vpc-endpoint-ec2')], expect: 'FAILED', reason: /for the ssm service/ },
]);

controlTable(ec2, 'EC2.12', 'eip-attached', [
  { name: 'associated with an instance', expect: 'PASSED', reason: /in use \(i-0123456789abcdef0\)/ },
  {
    name: 'unassociated',
    patch: (i) => {
      for (const key of ['instanceId', 'associationId', 'networkInterfaceId']) delete i.configuration[key];
    },
    expect: 'FAILED',
    reason: /not associated/,
  },
]);

controlTable(ec2, 'EC2.16', 'nacl-https-only', [
  { name: 'associated with a subnet', expect: 'PASSED', reason: /subnet-0a1b2c3d4e5f60001/ },
  {
    name: 'no associations',
    patch: (i) => {
      i.configuration.associations = [];
    },
    expect: 'FAILED',
    reason: /not associated with any subnet/,
  },
]);

controlTable(ec2, 'EC2.17', 'instance-imdsv2-private', [
  { name: 'one ENI', expect: 'PASSED', reason: /1 network interface/ },
  {
    name: 'two ENIs',
    patch: (i) => {
      i.configuration.networkInterfaces.push({ networkInterfaceId: 'eni-0second' });
    },
    expect: 'FAILED',
    reason: /2 network interfaces: .*eni-0second/,
  },
]);

controlTable(ec2, 'EC2.20', 'vpn-connection-up', [
  { name: 'both tunnels up', expect: 'PASSED', reason: /Both tunnels/ },
  {
    name: 'one tunnel down',
    patch: (i) => {
      i.configuration.vgwTelemetry[1].status = 'DOWN';
    },
    expect: 'FAILED',
    reason: /not UP: 198\.51\.100\.2/,
  },
  {
    name: 'no telemetry',
    patch: (i) => {
      delete i.configuration.vgwTelemetry;
    },
    expect: 'FAILED',
    reason: /0 tunnel/,
  },
]);

controlTable(ec2, 'EC2.23', 'transit-gateway', [
  { name: 'manual acceptance', expect: 'PASSED', reason: /autoAcceptSharedAttachments disable/ },
  {
    name: 'auto acceptance',
    patch: (i) => {
      i.configuration.options.autoAcceptSharedAttachments = 'enable';
    },
    expect: 'FAILED',
    reason: /autoAcceptSharedAttachments enable/,
  },
]);

controlTable(ec2, 'EC2.24', 'instance-imdsv2-private', [
  { name: 'HVM', expect: 'PASSED', reason: /hvm/ },
  {
    name: 'paravirtual',
    patch: (i) => {
      i.configuration.virtualizationType = 'paravirtual';
    },
    expect: 'FAILED',
    reason: /paravirtual/,
  },
]);

controlTable(ec2, 'EC2.25', 'launch-template-private', [
  { name: 'no public IP', expect: 'PASSED', reason: /does not assign public IP/ },
  {
    name: 'public IP on device 0',
    patch: (i) => {
      i.configuration.launchTemplateData.networkInterfaces[0].associatePublicIpAddress = true;
    },
    expect: 'FAILED',
    reason: /device 0/,
  },
]);

const decisions = (document: object) => encodeURIComponent(JSON.stringify(document));
const withDocument = (statement: object) => (i: { configuration: Record<string, any> }) => {
  i.configuration.policyVersionList = [{ versionId: 'v9', isDefaultVersion: true, document: decisions({ Version: '2012-10-17', Statement: [statement] }) }];
};

controlTable(iam, 'IAM.21', 'policy-least-privilege', [
  { name: 'specific actions', expect: 'PASSED', reason: /No Allow statement/ },
  { name: 'ec2:*', patch: withDocument({ Effect: 'Allow', Action: 'ec2:*', Resource: '*' }), expect: 'FAILED', reason: /ec2:\*/ },
  { name: 'NotAction s3:*', patch: withDocument({ Effect: 'Allow', NotAction: 's3:*', Resource: '*' }), expect: 'FAILED', reason: /s3:\*/ },
  { name: 'ec2:Describe* (prefix wildcard)', patch: withDocument({ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }), expect: 'PASSED', reason: /No Allow/ },
  { name: 'Deny ec2:*', patch: withDocument({ Effect: 'Deny', Action: 'ec2:*', Resource: '*' }), expect: 'PASSED', reason: /No Allow/ },
  {
    name: 'an AWS managed policy',
    patch: (i) => {
      i.configuration.arn = 'arn:aws:iam::aws:policy/ReadOnlyAccess';
    },
    expect: 'NOT_APPLICABLE',
    reason: /AWS managed/,
  },
  { name: 'a boundary-only policy', fixture: 'policy-boundary-only', expect: 'NOT_APPLICABLE', reason: /permissions boundary/ },
]);

controlTable(iam, 'KMS.1', 'policy-least-privilege', [
  { name: 'no KMS grants', expect: 'PASSED', reason: /does not allow kms:ReEncryptFrom or kms:Decrypt/ },
  { name: 'kms:Decrypt on *', patch: withDocument({ Sid: 'Wide', Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }), expect: 'FAILED', reason: /statement Wide/ },
  { name: 'kms:* on every key ARN', patch: withDocument({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:kms:*:*:key/*' }), expect: 'FAILED', reason: /statement #1/ },
  {
    name: 'kms:Decrypt on one key',
    patch: withDocument({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1a2b' }),
    expect: 'PASSED',
    reason: /does not allow/,
  },
  { name: 'NotAction kms:Encrypt on *', patch: withDocument({ Effect: 'Allow', NotAction: 'kms:Encrypt', Resource: '*' }), expect: 'FAILED', reason: /all KMS keys/ },
  {
    name: 'blockedActionsPatterns kms:GenerateDataKey',
    parameters: { blockedActionsPatterns: ['kms:GenerateDataKey'] },
    patch: withDocument({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }),
    expect: 'PASSED',
    reason: /kms:GenerateDataKey/,
  },
  {
    name: 'boundary-only, excludePermissionBoundaryPolicy false',
    fixture: 'policy-boundary-only',
    parameters: { excludePermissionBoundaryPolicy: false },
    expect: 'FAILED',
    reason: /on all KMS keys/,
  },
]);

const inline = (statement: object) => (i: { configuration: Record<string, any> }) => {
  i.configuration.userPolicyList = [{ policyName: 'decrypt-all', policyDocument: decisions({ Version: '2012-10-17', Statement: [statement] }) }];
};
controlTable(iam, 'KMS.2', 'user-healthy', [
  { name: 'no inline policies', expect: 'PASSED', reason: /no inline policies/ },
  { name: 'inline kms:Decrypt on *', patch: inline({ Effect: 'Allow', Action: ['kms:Decrypt', 'kms:Encrypt'], Resource: '*' }), expect: 'FAILED', reason: /decrypt-all/ },
  {
    name: 'inline kms:Decrypt on one key',
    patch: inline({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: 'arn:aws:kms:eu-west-1:111122223333:key/1' }),
    expect: 'PASSED',
    reason: /No inline policy/,
  },
  {
    name: 'an undecodable inline policy',
    patch: (i) => {
      i.configuration.userPolicyList = [{ policyName: 'broken', policyDocument: '%ZZ' }];
    },
    expect: 'NOT_APPLICABLE',
    reason: /broken/,
  },
  {
    name: 'a role with an inline kms:ReEncryptFrom on *',
    patch: (i) => {
      i.resourceType = 'AWS::IAM::Role';
      i.configuration.rolePolicyList = [{ policyName: 'reencrypt', policyDocument: decisions({ Statement: { Effect: 'Allow', Action: 'kms:ReEncrypt*', Resource: '*' } }) }];
    },
    expect: 'FAILED',
    reason: /reencrypt/,
  },
]);

controlTable(iam, 'IAM.19', 'user-healthy', [
  { name: 'MFA active', expect: 'PASSED', reason: /MFA enabled/ },
  { name: 'no MFA', fixture: 'user-neglected', expect: 'FAILED', reason: /mfa_active false/ },
  { name: 'no credential report', fixture: 'user-without-credential-report', expect: 'NOT_APPLICABLE', reason: /credential report/ },
]);
