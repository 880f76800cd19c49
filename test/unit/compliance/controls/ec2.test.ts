import { ec2Controls } from '../../../../lambdas/compliance/controls/ec2';
import { controlHarness } from '../../../support/controls';

const { load, control, context, evaluate } = controlHarness(ec2Controls, 'ec2');

describe('EC2.2 default security group', () => {
  it('passes a default security group without rules', () => {
    expect(evaluate('EC2.2', 'sg-default-closed')).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('no inbound or outbound') });
  });
  it('fails a default security group with rules, counting them', () => {
    expect(evaluate('EC2.2', 'sg-default-open')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('1 inbound and 1 outbound') });
  });
  it('does not judge other security groups', () => {
    expect(evaluate('EC2.2', 'sg-web')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('not a VPC default') });
  });
});

describe.each([
  ['EC2.13', /tcp port 22 from 0\.0\.0\.0\/0/],
  ['EC2.14', /tcp port 3389 from ::\/0/],
  ['EC2.19', /reaches 22/],
  ['EC2.53', /tcp port 22 from 0\.0\.0\.0\/0/],
  ['EC2.54', /tcp port 3389 from ::\/0/],
])('%s unrestricted ingress to sensitive ports', (id, why) => {
  it('passes a group open to the internet only on web ports', () => {
    expect(evaluate(id, 'sg-web').status).toBe('PASSED');
  });
  it('fails a group open to the internet on administration ports, naming the rule', () => {
    expect(evaluate(id, 'sg-open-admin')).toMatchObject({ status: 'FAILED', reason: expect.stringMatching(why) });
  });
  it('does not judge a deleted security group', () => {
    expect(evaluate(id, 'sg-deleted')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('deleted') });
  });
});

describe('EC2.53 and EC2.54 address families', () => {
  it('EC2.53 ignores ::/0 and EC2.54 ignores 0.0.0.0/0', () => {
    expect(evaluate('EC2.53', 'sg-open-admin').reason).not.toContain('3389');
    expect(evaluate('EC2.54', 'sg-open-admin').reason).not.toContain('port 22 ');
  });
});

describe('EC2.19 high-risk ports', () => {
  it('fails 8080 open to the internet as well as 22', () => {
    expect(evaluate('EC2.19', 'sg-open-admin').reason).toMatch(/reaches 8080/);
  });
});

describe('EC2.18 authorized ports', () => {
  it('passes a group open only on the default authorized ports 80 and 443', () => {
    expect(evaluate('EC2.18', 'sg-web')).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('TCP 80, 443') });
  });
  it('fails a group open on an unauthorized port', () => {
    expect(evaluate('EC2.18', 'sg-open-admin')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('tcp port 8080') });
  });
  it('honours authorizedTcpPorts', () => {
    expect(evaluate('EC2.18', 'sg-web', [], { authorizedTcpPorts: [443] })).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('tcp port 80 ') });
  });
  it('honours authorizedUdpPorts', () => {
    expect(evaluate('EC2.18', 'sg-dns-udp').status).toBe('FAILED');
    expect(evaluate('EC2.18', 'sg-dns-udp', [], { authorizedUdpPorts: '53' }).status).toBe('PASSED');
  });
  it('does not judge a deleted security group', () => {
    expect(evaluate('EC2.18', 'sg-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('EC2.21 network ACL administration ports', () => {
  it('passes an ACL admitting only HTTPS', () => {
    expect(evaluate('EC2.21', 'nacl-https-only').status).toBe('PASSED');
  });
  it('fails an ACL allowing all traffic from anywhere, naming rule and port', () => {
    const result = evaluate('EC2.21', 'nacl-open');
    expect(result.status).toBe('FAILED');
    expect(result.reason).toContain('rule 100 allows port 22 from 0.0.0.0/0');
    expect(result.reason).toContain('rule 101 allows port 3389 from ::/0');
  });
  it('passes an ACL whose lower-numbered deny entries shadow a later allow-all', () => {
    expect(evaluate('EC2.21', 'nacl-deny-admin-first').status).toBe('PASSED');
  });
  it('does not judge a security group', () => {
    expect(evaluate('EC2.21', 'sg-web').status).toBe('NOT_APPLICABLE');
  });
});

describe('EC2.3 attached EBS volumes encrypted', () => {
  it('passes an attached encrypted volume', () => {
    expect(evaluate('EC2.3', 'volume-attached-encrypted').status).toBe('PASSED');
  });
  it('fails an attached unencrypted volume', () => {
    expect(evaluate('EC2.3', 'volume-attached-unencrypted')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('not encrypted') });
  });
  it('does not judge an unattached volume', () => {
    expect(evaluate('EC2.3', 'volume-available')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('not attached') });
  });
});

describe('EC2.6 VPC flow logging (related AWS::EC2::FlowLog items)', () => {
  it('passes a VPC with an active REJECT flow log', () => {
    expect(evaluate('EC2.6', 'vpc', [load('flow-log-reject')])).toMatchObject({ status: 'PASSED', reason: expect.stringContaining('fl-0a1b2c3d4e5f60001') });
  });
  it('fails a VPC without flow logs', () => {
    expect(evaluate('EC2.6', 'vpc')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('has no flow log') });
  });
  it('fails a VPC whose flow log captures another traffic type', () => {
    expect(evaluate('EC2.6', 'vpc', [load('flow-log-accept')])).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('none active capturing REJECT') });
  });
  it('honours trafficType', () => {
    expect(evaluate('EC2.6', 'vpc', [load('flow-log-accept')], { trafficType: 'ACCEPT' }).status).toBe('PASSED');
  });
  it('does not judge a deleted VPC', () => {
    expect(evaluate('EC2.6', 'vpc-deleted').status).toBe('NOT_APPLICABLE');
  });
});

describe('EC2.7 EBS default encryption (account item)', () => {
  it('passes when encryption by default is enabled', () => {
    expect(evaluate('EC2.7', 'account-ebs-encrypted').status).toBe('PASSED');
  });
  it('fails when encryption by default is disabled', () => {
    expect(evaluate('EC2.7', 'account-ebs-unencrypted')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('disabled') });
  });
  it('fails, naming the missing field, when the account item does not record it', () => {
    const account = { ...load('account-ebs-encrypted'), configuration: {} };
    expect(control('EC2.7').evaluate(account, context('EC2.7'))).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('ebsEncryptionByDefault missing') });
  });
  it('does not judge a VPC', () => {
    expect(evaluate('EC2.7', 'vpc').status).toBe('NOT_APPLICABLE');
  });
});

describe('EC2.8 IMDSv2', () => {
  it('passes an instance requiring tokens', () => {
    expect(evaluate('EC2.8', 'instance-imdsv2-private').status).toBe('PASSED');
  });
  it('fails an instance with optional tokens', () => {
    expect(evaluate('EC2.8', 'instance-imdsv1-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('httpTokens is optional') });
  });
  it('does not judge a terminated instance', () => {
    expect(evaluate('EC2.8', 'instance-terminated')).toMatchObject({ status: 'NOT_APPLICABLE', reason: expect.stringContaining('terminated') });
  });
});

describe('EC2.9 public IPv4 addresses', () => {
  it('passes an instance without a public address', () => {
    expect(evaluate('EC2.9', 'instance-imdsv2-private').status).toBe('PASSED');
  });
  it('fails an instance with a public address, naming it', () => {
    expect(evaluate('EC2.9', 'instance-imdsv1-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('54.75.1.2') });
  });
  it('does not judge a terminated instance', () => {
    expect(evaluate('EC2.9', 'instance-terminated').status).toBe('NOT_APPLICABLE');
  });
});

describe('EC2.15 subnets assigning public IPs', () => {
  it('passes a subnet that does not map public IPs on launch', () => {
    expect(evaluate('EC2.15', 'subnet-private').status).toBe('PASSED');
  });
  it('fails a subnet that maps public IPs on launch', () => {
    expect(evaluate('EC2.15', 'subnet-public')).toMatchObject({ status: 'FAILED', reason: expect.stringContaining('mapPublicIpOnLaunch') });
  });
  it('does not judge a deleted subnet', () => {
    expect(evaluate('EC2.15', 'subnet-deleted').status).toBe('NOT_APPLICABLE');
  });
});
