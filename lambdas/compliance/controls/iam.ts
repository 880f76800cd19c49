import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asNumber, asString, field } from './support/readers';
import { numberParameter } from './support/parameters';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';
import { judgeUnused, staleKeys, withCredentials } from './support/credentials';
import { allows, decodePolicy, values } from './support/iam-policies';
import { rootAndPasswordControls } from './iam-account';

const POLICY = ['AWS::IAM::Policy'];
const USER = ['AWS::IAM::User'];

/** IAM controls: customer managed policies, users' policies and credentials, root user, password policy. */
export const iamControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'IAM.1',
      title: 'IAM policies should not allow full "*" administrative privileges',
      description:
        'Checks whether the default version of a customer managed policy has a statement with "Effect": "Allow", "Action": "*" over "Resource": "*". Policies used only as permissions boundaries are excluded.',
      severity: 'HIGH',
      resourceTypes: POLICY,
      standards: [FSBP, pci321('7.2.1')],
      remediationUrl: controlPage('IAM.1'),
    },
    (item, configuration) => {
      const arn = asString(field(configuration, 'arn')) ?? item.arn ?? '';
      if (/^arn:[^:]+:iam::aws:policy\//.test(arn)) return notApplicable('AWS managed policies are not evaluated; only customer managed policies are.');
      if ((asNumber(field(configuration, 'permissionsBoundaryUsageCount')) ?? 0) > 0 && (asNumber(field(configuration, 'attachmentCount')) ?? 0) === 0) {
        return notApplicable('The policy is used only as a permissions boundary (excludePermissionBoundaryPolicy).');
      }
      const versions = asArray(field(configuration, 'policyVersionList'));
      const current = versions.find((version) => field(version, 'isDefaultVersion') === true) ?? (versions.length === 1 ? versions[0] : undefined);
      if (!current) return notApplicable('The policy item has no default policy version to judge.');
      const decoded = decodePolicy(field(current, 'document'));
      if (!decoded.ok) return notApplicable(`The default policy version cannot be judged: ${decoded.reason}.`);
      const admin = decoded.statements.some((statement) => allows(statement) && values(statement.Action).includes('*') && values(statement.Resource).includes('*'));
      return admin
        ? failed('The default policy version allows "Action": "*" over "Resource": "*" (full administrative privileges).')
        : passed('No statement of the default policy version allows "*" actions over "*" resources.');
    },
  ),
  defineControl(
    {
      id: 'IAM.2',
      title: 'IAM users should not have IAM policies attached',
      description: 'Checks whether IAM users have inline or managed policies attached directly; users should inherit permissions from groups or roles.',
      severity: 'LOW',
      resourceTypes: USER,
      standards: [FSBP, cis3('1.15'), pci321('7.2.1')],
      remediationUrl: controlPage('IAM.2'),
    },
    (_item, configuration) => {
      const inline = asArray(field(configuration, 'userPolicyList')).map((policy) => asString(field(policy, 'policyName')) ?? '?');
      const managed = asArray(field(configuration, 'attachedManagedPolicies')).map((policy) => asString(field(policy, ['policyName', 'policyArn'])) ?? '?');
      const attached = [...inline.map((name) => `inline ${name}`), ...managed.map((name) => `managed ${name}`)];
      return attached.length ? failed(`The user has policies attached directly: ${attached.join(', ')}.`) : passed('The user has no policies attached directly.');
    },
  ),
  defineControl(
    {
      id: 'IAM.3',
      title: "IAM users' access keys should be rotated every 90 days or less",
      description: 'Checks whether the active access keys of an IAM user were rotated within the maximum key age.',
      severity: 'MEDIUM',
      resourceTypes: USER,
      standards: [FSBP, cis3('1.14')],
      parameters: { maxAccessKeyAge: { type: 'int', default: 90, description: 'Maximum age, in days, of an active access key.' } },
      remediationUrl: controlPage('IAM.3'),
    },
    (item, _configuration, { parameters, now }) =>
      withCredentials(item, (row) => {
        const maxAge = numberParameter(parameters, 'maxAccessKeyAge', 90);
        const stale = staleKeys(row, now, maxAge);
        return stale.length ? failed(`Active keys not rotated within ${maxAge} days: ${stale.join(', ')}.`) : passed(`Every active access key was rotated within ${maxAge} days.`);
      }),
  ),
  defineControl(
    {
      id: 'IAM.5',
      title: 'MFA should be enabled for all IAM users that have a console password',
      description: 'Checks whether MFA is enabled for IAM users that have a console password.',
      severity: 'MEDIUM',
      resourceTypes: USER,
      standards: [FSBP, cis3('1.10')],
      remediationUrl: controlPage('IAM.5'),
    },
    (item) =>
      withCredentials(item, (row) => {
        if (!row.passwordEnabled) return passed('The user has no console password.');
        return row.mfaActive ? passed('The user has a console password and MFA enabled.') : failed('The user has a console password but no MFA device.');
      }),
  ),
  defineControl(
    {
      id: 'IAM.8',
      title: 'Unused IAM user credentials should be removed',
      description: 'Checks whether IAM users have passwords or active access keys unused for 90 days.',
      severity: 'MEDIUM',
      resourceTypes: USER,
      standards: [FSBP, pci321('8.1.4')],
      parameters: { maxCredentialUsageAge: { type: 'int', default: 90, description: 'Days after which an unused credential fails.' } },
      remediationUrl: controlPage('IAM.8'),
    },
    (item, _configuration, { parameters, now }) => withCredentials(item, (row) => judgeUnused(row, now, numberParameter(parameters, 'maxCredentialUsageAge', 90))),
  ),
  defineControl(
    {
      id: 'IAM.22',
      title: 'IAM user credentials unused for 45 days should be removed',
      description: 'Checks whether IAM users have passwords or active access keys unused for 45 days or more.',
      severity: 'MEDIUM',
      resourceTypes: USER,
      standards: [cis3('1.12')],
      parameters: { maxCredentialUsageAge: { type: 'int', default: 45, description: 'Days after which an unused credential fails.' } },
      remediationUrl: controlPage('IAM.22'),
    },
    (item, _configuration, { parameters, now }) => withCredentials(item, (row) => judgeUnused(row, now, numberParameter(parameters, 'maxCredentialUsageAge', 45))),
  ),
  ...rootAndPasswordControls,
];
