/** Playbook sg-revoke-admin-ports: revokes ingress open to the world on high-risk ports (EC2.19, EC2.13, EC2.14, EC2.53, EC2.54). */
import { HIGH_RISK_PORTS } from '../../../compliance';
import { CATCH_ALL_TO_FAILURE, format, sdkTask, TARGET } from '../asl';
import type { AslStates, ReadSide } from '../asl';
import type { PlaybookAslSpec } from '../skeleton';

const OPEN = 'open to 0.0.0.0/0 or ::/0 on administration or high-risk ports';
const Side = (side: ReadSide) => (side === 'before' ? 'Before' : 'After');
const is = (member: string, value: string) => ({ Variable: `$.rule.${member}`, StringEquals: value });

/** An ingress rule open to the world (IPv4 or IPv6) on all protocols or a TCP/UDP range covering a high-risk port. */
const OFFENDING_RULE = {
  And: [
    { Variable: '$.rule.IsEgress', BooleanEquals: false },
    {
      Or: [
        { And: [{ Variable: '$.rule.CidrIpv4', IsPresent: true }, is('CidrIpv4', '0.0.0.0/0')] },
        { And: [{ Variable: '$.rule.CidrIpv6', IsPresent: true }, is('CidrIpv6', '::/0')] },
      ],
    },
    {
      Or: [
        is('IpProtocol', '-1'),
        {
          And: [
            { Or: [is('IpProtocol', 'tcp'), is('IpProtocol', 'udp'), is('IpProtocol', '6'), is('IpProtocol', '17')] },
            { Variable: '$.rule.FromPort', IsPresent: true },
            { Variable: '$.rule.ToPort', IsPresent: true },
            {
              Or: HIGH_RISK_PORTS.map((port) => ({
                And: [
                  { Variable: '$.rule.FromPort', NumericLessThanEquals: port },
                  { Variable: '$.rule.ToPort', NumericGreaterThanEquals: port },
                ],
              })),
            },
          ],
        },
      ],
    },
  ],
};

/** The Map over `$.<side>.rules` giving each offending rule's id (others "none"): `$.<side>.offending`. */
function offendingRules(side: ReadSide, next: string): AslStates {
  const S = Side(side);
  return {
    [side === 'before' ? 'Find Offending Rules' : 'Find Offending Rules After']: {
      Type: 'Map',
      Comment:
        'Ingress rules open to 0.0.0.0/0 or ::/0 (all protocols, or TCP/UDP ranges covering a high-risk port of EC2.19, which include 22 and 3389): their rule ids; every other rule gives none.',
      ItemsPath: `$.${side}.rules`,
      ItemSelector: { 'rule.$': '$$.Map.Item.Value' },
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: `Offending Rule ${S}?`,
        States: {
          [`Offending Rule ${S}?`]: { Type: 'Choice', Choices: [{ ...OFFENDING_RULE, Next: `Offending ${S}` }], Default: `Allowed ${S}` },
          [`Offending ${S}`]: { Type: 'Pass', OutputPath: '$.rule.SecurityGroupRuleId', End: true },
          [`Allowed ${S}`]: { Type: 'Pass', Result: 'none', End: true },
        },
      },
      ResultSelector: {
        'ruleIds.$': '$',
        'distinct.$': 'States.ArrayLength(States.ArrayUnique($))',
        'hasNone.$': "States.ArrayContains($, 'none')",
      },
      ResultPath: `$.${side}.offending`,
      Next: next,
    },
  };
}

/** The spec of sg-revoke-admin-ports. */
export const SG_REVOKE_ADMIN_PORTS: PlaybookAslSpec = {
  id: 'sg-revoke-admin-ports',
  description: 'revokes only the ingress rules open to 0.0.0.0/0 or ::/0 that reach a high-risk port (EC2.19 list, 22 and 3389 among them) or all ports; other rules stay.',
  summaries: {
    change: format(`revoke the ingress rules of security group {} ${OPEN}`, TARGET.resourceId),
    success: format(`revoked the ingress rules of security group {} ${OPEN}; the read-back shows none left`, TARGET.resourceId),
    noOp: format(`security group {} has no ingress ${OPEN}; nothing changed`, TARGET.resourceId),
    failure: format('could not revoke the open ingress rules of security group {}', TARGET.resourceId),
  },
  read: (side, next) => {
    const find = Object.keys(offendingRules(side, next))[0]!;
    return {
      [side === 'before' ? 'Read Before' : 'Verify']: sdkTask({
        call: 'ec2:describeSecurityGroupRules',
        parameters: { Filters: [{ Name: 'group-id', 'Values.$': `States.Array(${TARGET.resourceId})` }], MaxResults: 1000 },
        resultSelector: { 'rules.$': '$.SecurityGroupRules' },
        resultPath: `$.${side}`,
        next: find,
      }),
      ...offendingRules(side, next),
    };
  },
  // No rule id at all, or only "none"s.
  fixed: (side) => ({
    Or: [
      { Variable: `$.${side}.offending.distinct`, NumericEquals: 0 },
      {
        And: [
          { Variable: `$.${side}.offending.distinct`, NumericEquals: 1 },
          { Variable: `$.${side}.offending.hasNone`, BooleanEquals: true },
        ],
      },
    ],
  }),
  act: (next) => ({
    Act: {
      Type: 'Map',
      Comment: 'Revokes each offending rule by its id (read from the group itself, never from the finding).',
      ItemsPath: '$.before.offending.ruleIds',
      ItemSelector: { 'ruleId.$': '$$.Map.Item.Value', 'check.$': '$.check' },
      MaxConcurrency: 1,
      ItemProcessor: {
        ProcessorConfig: { Mode: 'INLINE' },
        StartAt: 'Offending?',
        States: {
          'Offending?': { Type: 'Choice', Choices: [{ Variable: '$.ruleId', StringEquals: 'none', Next: 'Keep Rule' }], Default: 'Revoke Rule' },
          'Keep Rule': { Type: 'Pass', Result: 'kept', End: true },
          'Revoke Rule': sdkTask({
            call: 'ec2:revokeSecurityGroupIngress',
            parameters: { 'GroupId.$': TARGET.resourceId, 'SecurityGroupRuleIds.$': 'States.Array($.ruleId)' },
            resultSelector: { 'revoked.$': '$.ReturnValue' },
            resultPath: null,
            inMap: true,
          }),
        },
      },
      ResultPath: null,
      Catch: [CATCH_ALL_TO_FAILURE],
      Next: next,
    },
  }),
  notFixedCause: 'The security group read back still has ingress open to 0.0.0.0/0 or ::/0 on an administration or high-risk port.',
};
