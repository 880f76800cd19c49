import type { ControlDefinition, ConfigurationItem } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asBoolean, asString, field } from './support/readers';
import { boolParameter } from './support/parameters';
import { cis3, controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';
import { ACCOUNT_TYPE } from './support/account-item';

const ACCOUNT = [ACCOUNT_TYPE];
const CONFIG_ROLE = /:role\/aws-service-role\/config\.amazonaws\.com\/AWSServiceRoleForConfig$/;

/** Why a configuration recorder does not satisfy Config.1, or undefined when it does. */
function recorderGap(recorder: ConfigurationItem, requireServiceLinkedRole: boolean): string | undefined {
  const configuration = recorder.configuration;
  if (asBoolean(field(configuration, ['Recording', 'recording'])) !== true) return 'is not recording';
  const group = field(configuration, ['RecordingGroup', 'recordingGroup']);
  const allSupported =
    asBoolean(field(group, ['AllSupported', 'allSupported'])) === true ||
    asString(field(group, ['RecordingStrategy', 'recordingStrategy'], ['UseOnly', 'useOnly'])) === 'ALL_SUPPORTED_RESOURCE_TYPES';
  if (!allSupported) return 'does not record all supported resource types';
  const role = asString(field(configuration, ['RoleARN', 'roleARN', 'RoleArn'])) ?? '';
  if (requireServiceLinkedRole && !CONFIG_ROLE.test(role)) return `uses role ${role || '(none)'} instead of the AWSServiceRoleForConfig service-linked role`;
  return undefined;
}

/** Account security services: GuardDuty, AWS Config, Security Hub. */
export const accountServicesControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'GuardDuty.1',
      title: 'GuardDuty should be enabled',
      description: 'Checks whether Amazon GuardDuty is enabled in the account and Region (an enabled detector).',
      severity: 'HIGH',
      resourceTypes: ACCOUNT,
      standards: [FSBP, pci321('11.4')],
      reads: [{ resourceType: 'AWS::GuardDuty::Detector' }],
      remediationUrl: controlPage('GuardDuty.1'),
    },
    (_item, _configuration, context) => {
      const detectors = liveRelated(context, 'AWS::GuardDuty::Detector');
      const enabled = detectors.find(
        (detector) => asBoolean(field(detector.configuration, ['Enable', 'enable'])) === true || asString(field(detector.configuration, ['Status', 'status'])) === 'ENABLED',
      );
      if (enabled) return passed(`GuardDuty detector ${enabled.resourceId} is enabled.`);
      return failed(detectors.length ? 'The GuardDuty detector of the Region is suspended.' : 'GuardDuty has no detector in this Region.');
    },
  ),
  defineControl(
    {
      id: 'Config.1',
      title: 'AWS Config should be enabled and use the service-linked role for resource recording',
      description: 'Checks whether AWS Config is enabled in the Region, records all supported resources, and uses the AWSServiceRoleForConfig service-linked role.',
      severity: 'CRITICAL',
      resourceTypes: ACCOUNT,
      standards: [FSBP, cis3('3.3'), pci321('10.5.2', '11.5')],
      reads: [{ resourceType: 'AWS::Config::ConfigurationRecorder' }],
      parameters: {
        includeConfigServiceLinkedRoleCheck: { type: 'boolean', default: true, description: 'Whether the recorder must use the AWS Config service-linked role.' },
      },
      remediationUrl: controlPage('Config.1'),
    },
    (_item, _configuration, context) => {
      const recorders = liveRelated(context, 'AWS::Config::ConfigurationRecorder');
      if (recorders.length === 0) return failed('AWS Config has no configuration recorder in this Region.');
      const requireRole = boolParameter(context.parameters, 'includeConfigServiceLinkedRoleCheck', true);
      const gaps = recorders.map((recorder) => ({ name: recorder.resourceName ?? recorder.resourceId, gap: recorderGap(recorder, requireRole) }));
      const good = gaps.find(({ gap }) => gap === undefined);
      return good
        ? passed(`Configuration recorder ${good.name} records all resources${requireRole ? ' with the service-linked role' : ''}.`)
        : failed(gaps.map(({ name, gap }) => `Recorder ${name} ${gap}.`).join(' '));
    },
  ),
  defineControl(
    {
      // Not a Security Hub control: Security Hub has none for its own enablement. Ours, for CIS v3.0.0 4.16.
      id: 'OSH.SecurityHub.1',
      title: 'Security Hub should be enabled in the account and Region',
      description:
        'Open Security Hub control (no Security Hub equivalent): checks whether Security Hub (the hub) is enabled in the account and Region, as CIS v3.0.0 recommendation 4.16 and the AWS Config rule securityhub-enabled check.',
      severity: 'MEDIUM',
      resourceTypes: ACCOUNT,
      standards: [cis3('4.16')],
      remediationUrl: 'https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html',
    },
    (item) => {
      const supplementary = item.supplementaryConfiguration ?? {};
      if (!('SecurityHub' in supplementary)) return notApplicable('The account item records no Security Hub status (SecurityHub).');
      const hub = asString(field(supplementary.SecurityHub, 'HubArn'));
      return hub ? passed(`Security Hub is enabled (${hub}).`) : failed('Security Hub is not enabled in this account and Region.');
    },
  ),
];
