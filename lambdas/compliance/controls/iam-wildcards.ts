/**
 * IAM policy controls about wildcard grants (IAM.21, KMS.1, KMS.2), MFA for every user (IAM.19) and
 * the AWSCloudShellFullAccess managed policy on identities (IAM.27).
 * KMS.1 and KMS.2 evaluate IAM identity policies, not keys, so they live here.
 */
import type { ConfigurationItem, ControlDefinition, Evaluation, ParameterValue } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asNumber, asString, field } from './support/readers';
import { boolParameter, stringListParameter } from './support/parameters';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';
import { withCredentials } from './support/credentials';
import { allows, decodePolicy, values, type PolicyStatement } from './support/iam-policies';
import { overlaps } from './support/s3-access';

const POLICY = ['AWS::IAM::Policy'];
/** IAM.27's Config rule parameter (iam-policy-blacklisted-check): the policy in every partition. */
const CLOUDSHELL_FULL_ACCESS = /^arn:aws(-cn|-us-gov)?:iam::aws:policy\/AWSCloudShellFullAccess$/;
const BLOCKED_KMS_ACTIONS = ['kms:ReEncryptFrom', 'kms:Decrypt'];

/** The statements of a customer managed policy's default version, or why the policy is not judged. */
function defaultVersionStatements(item: ConfigurationItem, configuration: Record<string, unknown>, parameters: Record<string, ParameterValue>): PolicyStatement[] | Evaluation {
  const arn = asString(field(configuration, 'arn')) ?? item.arn ?? '';
  if (/^arn:[^:]+:iam::aws:policy\//.test(arn)) return notApplicable('AWS managed policies are not evaluated; only customer managed policies are.');
  const boundaryOnly = (asNumber(configuration.permissionsBoundaryUsageCount) ?? 0) > 0 && (asNumber(configuration.attachmentCount) ?? 0) === 0;
  if (boundaryOnly && boolParameter(parameters, 'excludePermissionBoundaryPolicy', true)) {
    return notApplicable('The policy is used only as a permissions boundary (excludePermissionBoundaryPolicy is true).');
  }
  const versions = asArray(configuration.policyVersionList);
  const current = versions.find((version) => field(version, 'isDefaultVersion') === true) ?? (versions.length === 1 ? versions[0] : undefined);
  if (!current) return notApplicable('The policy item has no default policy version to judge.');
  const decoded = decodePolicy(field(current, 'document'));
  return decoded.ok ? decoded.statements : notApplicable(`The default policy version cannot be judged: ${decoded.reason}.`);
}

/** Whether a resource pattern covers every KMS key (of any account and Region). */
const allKeys = (resource: string) => resource === '*' || /^arn:[^:]+:kms:\*:\*:(\*|key\/\*)$/.test(resource);

/** Names of the statements that allow any of `blocked` on every KMS key. */
function broadKmsStatements(statements: PolicyStatement[], blocked: string[]): string[] {
  return statements
    .map((statement, index): PolicyStatement => ({ ...statement, Sid: typeof statement.Sid === 'string' && statement.Sid ? statement.Sid : `#${index + 1}` }))
    .filter((statement) => allows(statement) && values(statement.Resource).some(allKeys))
    .filter((statement) =>
      statement.NotAction !== undefined ? !blocked.every((action) => overlaps(values(statement.NotAction), [action])) : overlaps(values(statement.Action), blocked),
    )
    .map((statement) => String(statement.Sid));
}

const blockedParameter = { type: 'stringList' as const, default: BLOCKED_KMS_ACTIONS, description: 'KMS actions that must not be allowed on all KMS keys.' };
const boundaryParameter = { type: 'boolean' as const, default: true, description: 'Exclude policies used only as permissions boundaries.' };

/** Inline policy lists of IAM users, roles and groups as AWS Config records them. */
const INLINE_LISTS: Readonly<Record<string, string>> = { 'AWS::IAM::User': 'userPolicyList', 'AWS::IAM::Role': 'rolePolicyList', 'AWS::IAM::Group': 'groupPolicyList' };

/** Security Hub controls on wildcard grants in IAM policies, and MFA for every IAM user. */
export const iamWildcardControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'IAM.21',
      title: 'IAM customer managed policies that you create should not allow wildcard actions for services',
      description: 'Checks whether the default version of a customer managed policy has an Allow statement with "Action" (or "NotAction") "<service>:*" or "*".',
      severity: 'LOW',
      resourceTypes: POLICY,
      standards: [FSBP],
      parameters: { excludePermissionBoundaryPolicy: boundaryParameter },
      remediationUrl: controlPage('IAM.21'),
    },
    (item, configuration, { parameters }) => {
      const statements = defaultVersionStatements(item, configuration, parameters);
      if (!Array.isArray(statements)) return statements;
      const wildcards = statements
        .filter(allows)
        .flatMap((statement) => [...values(statement.Action), ...values(statement.NotAction)])
        .filter((action) => action === '*' || /^[A-Za-z0-9-]+:\*$/.test(action));
      return wildcards.length
        ? failed(`The default policy version allows wildcard actions for whole services: ${[...new Set(wildcards)].join(', ')}.`)
        : passed('No Allow statement of the default policy version grants a whole service with a wildcard action.');
    },
  ),
  defineControl(
    {
      id: 'KMS.1',
      title: 'IAM customer managed policies should not allow decryption actions on all KMS keys',
      description:
        'Checks whether the default version of a customer managed policy allows the blocked KMS actions (kms:Decrypt, kms:ReEncryptFrom) on all KMS keys ("Resource": "*"). Conditions are not taken into account.',
      severity: 'MEDIUM',
      resourceTypes: POLICY,
      standards: [FSBP],
      parameters: { blockedActionsPatterns: blockedParameter, excludePermissionBoundaryPolicy: boundaryParameter },
      remediationUrl: controlPage('KMS.1'),
    },
    (item, configuration, { parameters }) => {
      const statements = defaultVersionStatements(item, configuration, parameters);
      if (!Array.isArray(statements)) return statements;
      const blocked = stringListParameter(parameters, 'blockedActionsPatterns', BLOCKED_KMS_ACTIONS);
      const broad = broadKmsStatements(statements, blocked);
      return broad.length
        ? failed(`The default policy version allows ${blocked.join(' or ')} on all KMS keys (statement ${broad.join(', ')}).`)
        : passed(`The default policy version does not allow ${blocked.join(' or ')} on all KMS keys.`);
    },
  ),
  defineControl(
    {
      id: 'KMS.2',
      title: 'IAM principals should not have IAM inline policies that allow decryption actions on all KMS keys',
      description:
        'Checks whether an inline policy of an IAM user, role or group allows the blocked KMS actions (kms:Decrypt, kms:ReEncryptFrom) on all KMS keys. Conditions are not taken into account.',
      severity: 'MEDIUM',
      resourceTypes: Object.keys(INLINE_LISTS),
      standards: [FSBP],
      parameters: { blockedActionsPatterns: blockedParameter },
      remediationUrl: controlPage('KMS.2'),
    },
    (item, configuration, { parameters }) => {
      const blocked = stringListParameter(parameters, 'blockedActionsPatterns', BLOCKED_KMS_ACTIONS);
      const inline = asArray(configuration[INLINE_LISTS[item.resourceType]!]);
      const broad: string[] = [];
      const undecodable: string[] = [];
      for (const policy of inline) {
        const name = asString(field(policy, 'policyName')) ?? '(unnamed)';
        const decoded = decodePolicy(field(policy, 'policyDocument'));
        if (!decoded.ok) undecodable.push(`${name} (${decoded.reason})`);
        else if (broadKmsStatements(decoded.statements, blocked).length) broad.push(name);
      }
      if (broad.length) return failed(`Inline policies allow ${blocked.join(' or ')} on all KMS keys: ${broad.join(', ')}.`);
      if (undecodable.length) return notApplicable(`Inline policies cannot be judged: ${undecodable.join(', ')}.`);
      return passed(inline.length ? `No inline policy allows ${blocked.join(' or ')} on all KMS keys.` : 'The principal has no inline policies.');
    },
  ),
  defineControl(
    {
      id: 'IAM.19',
      title: 'MFA should be enabled for all IAM users',
      description: "Checks whether every IAM user has an MFA device (the credential report's mfa_active).",
      severity: 'MEDIUM',
      resourceTypes: ['AWS::IAM::User'],
      standards: [pci321('8.3.1')],
      remediationUrl: controlPage('IAM.19'),
    },
    (item) => withCredentials(item, (row) => (row.mfaActive ? passed('The user has MFA enabled.') : failed('The user has no MFA device (mfa_active false).'))),
  ),
  defineControl(
    {
      id: 'IAM.27',
      title: 'IAM identities should not have the AWSCloudShellFullAccess policy attached',
      description: 'Checks whether an IAM user, role or group has the AWS managed policy AWSCloudShellFullAccess attached (attachedManagedPolicies).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'],
      standards: [cis3('1.22')], // and CIS v5.0.0 1.21: membership is data (standards/cis-5.ts)
      remediationUrl: controlPage('IAM.27'),
    },
    (item, configuration) => {
      const attached = asArray(field(configuration, ['attachedManagedPolicies', 'AttachedManagedPolicies'])).map(
        (policy) => asString(field(policy, ['policyArn', 'PolicyArn'])) ?? '',
      );
      const cloudShell = attached.find((arn) => CLOUDSHELL_FULL_ACCESS.test(arn));
      return cloudShell
        ? failed(`${item.resourceType} ${item.resourceName ?? item.resourceId} has ${cloudShell} attached.`)
        : passed(`${item.resourceType} ${item.resourceName ?? item.resourceId} does not have AWSCloudShellFullAccess attached.`);
    },
  ),
];
