import type { ControlDefinition, ConfigurationItem, Evaluation, EvaluationContext } from './types';
import { ACCOUNT_TYPE } from './support/identity-account';
import { boolParameter, controlPage, failed, field, flag, live, notApplicable, passed, text, unjudgeable } from './support/identity-common';
import { cis, FSBP, pci } from './support/identity-standards';

const ACCOUNT = [ACCOUNT_TYPE];
const CONFIG_ROLE = /:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/;

/** Runs an account-level check, NOT_APPLICABLE for anything that is not a live account item. */
function onAccount(item: ConfigurationItem, context: EvaluationContext, check: (context: EvaluationContext) => Evaluation): Evaluation {
  const skip = unjudgeable(item, ACCOUNT);
  return skip ? notApplicable(skip) : check(context);
}

/** Why a configuration recorder does not satisfy Config.1, or undefined when it does. */
function recorderGap(recorder: ConfigurationItem, requireServiceLinkedRole: boolean): string | undefined {
  const configuration = recorder.configuration;
  if (flag(configuration, 'Recording', 'recording') !== true) return 'is not recording';
  const group = field(configuration, 'RecordingGroup', 'recordingGroup');
  const allSupported = flag(group, 'AllSupported', 'allSupported') === true
    || text(field(group, 'RecordingStrategy', 'recordingStrategy'), 'UseOnly', 'useOnly') === 'ALL_SUPPORTED_RESOURCE_TYPES';
  if (!allSupported) return 'does not record all supported resource types';
  const role = text(configuration, 'RoleARN', 'roleARN', 'RoleArn') ?? '';
  if (requireServiceLinkedRole && !CONFIG_ROLE.test(role)) return `uses role ${role || '(none)'} instead of the AWSServiceRoleForConfig service-linked role`;
  return undefined;
}

/** Account security services: GuardDuty, AWS Config, Security Hub. */
export const accountServicesControls: ControlDefinition[] = [
  {
    id: 'GuardDuty.1',
    title: 'GuardDuty should be enabled',
    description: 'Checks whether Amazon GuardDuty is enabled in the account and Region (an enabled detector).',
    severity: 'HIGH',
    resourceTypes: ACCOUNT,
    standards: [FSBP, pci('11.4')],
    remediationUrl: controlPage('guardduty', 'GuardDuty.1'),
    evaluate: (item, context) => onAccount(item, context, ({ related }) => {
      const detectors = live(related('AWS::GuardDuty::Detector'));
      const enabled = detectors.find((detector) =>
        flag(detector.configuration, 'Enable', 'enable') === true || text(detector.configuration, 'Status', 'status') === 'ENABLED');
      if (enabled) return passed(`GuardDuty detector ${enabled.resourceId} is enabled.`);
      return failed(detectors.length ? 'The GuardDuty detector of the Region is suspended.' : 'GuardDuty has no detector in this Region.');
    }),
  },
  {
    id: 'Config.1',
    title: 'AWS Config should be enabled and use the service-linked role for resource recording',
    description: 'Checks whether AWS Config is enabled in the Region, records all supported resources, and uses the AWSServiceRoleForConfig service-linked role.',
    severity: 'CRITICAL',
    resourceTypes: ACCOUNT,
    standards: [FSBP, cis('3.3'), pci('10.5.2', '11.5')],
    parameters: {
      includeConfigServiceLinkedRoleCheck: { type: 'boolean', default: true, description: 'Whether the recorder must use the AWS Config service-linked role.' },
    },
    remediationUrl: controlPage('config', 'Config.1'),
    evaluate: (item, context) => onAccount(item, context, ({ related, parameters }) => {
      const recorders = live(related('AWS::Config::ConfigurationRecorder'));
      if (recorders.length === 0) return failed('AWS Config has no configuration recorder in this Region.');
      const requireRole = boolParameter(parameters, 'includeConfigServiceLinkedRoleCheck', true);
      const gaps = recorders.map((recorder) => ({ name: recorder.resourceName ?? recorder.resourceId, gap: recorderGap(recorder, requireRole) }));
      const good = gaps.find(({ gap }) => gap === undefined);
      return good
        ? passed(`Configuration recorder ${good.name} records all resources${requireRole ? ' with the service-linked role' : ''}.`)
        : failed(gaps.map(({ name, gap }) => `Recorder ${name} ${gap}.`).join(' '));
    }),
  },
  {
    // Not a Security Hub control: Security Hub has none for its own enablement. Ours, for CIS v3.0.0 4.16.
    id: 'OSH.SecurityHub.1',
    title: 'Security Hub should be enabled in the account and Region',
    description: 'Open Security Hub control (no Security Hub equivalent): checks whether Security Hub (the hub) is enabled in the account and Region, as CIS v3.0.0 recommendation 4.16 and the AWS Config rule securityhub-enabled check.',
    severity: 'MEDIUM',
    resourceTypes: ACCOUNT,
    standards: [cis('4.16')],
    remediationUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
    evaluate: (item, context) => onAccount(item, context, () => {
      const supplementary = item.supplementaryConfiguration ?? {};
      if (!('SecurityHub' in supplementary)) return notApplicable('The account item records no Security Hub status (SecurityHub).');
      const hub = text(supplementary.SecurityHub, 'HubArn');
      return hub ? passed(`Security Hub is enabled (${hub}).`) : failed('Security Hub is not enabled in this account and Region.');
    }),
  },
];
