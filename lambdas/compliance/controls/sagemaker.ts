import type { ConfigurationItem, ControlDefinition, EvaluationContext } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asNumber, asString, field } from './support/readers';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl, liveRelated } from './support/guard';

const NOTEBOOK = ['AWS::SageMaker::NotebookInstance'];
const SUBNET = 'AWS::EC2::Subnet';
const VPC = 'AWS::EC2::VPC';
/** Notebook instance platforms AWS still supports (Amazon Linux 1 and the first AL2 JupyterLab 1 platform reached end of support). */
const SUPPORTED_PLATFORMS = ['notebook-al2-v2', 'notebook-al2-v3', 'notebook-al2023-v1'];

const subnetOf = (configuration: Record<string, unknown> | null) => asString(field(configuration, ['SubnetId', 'subnetId']));

/** Whether the notebook's subnet lies in the default VPC: true, false, or undefined when the subnet or VPC is not recorded. */
function inDefaultVpc(subnetId: string, context: EvaluationContext): boolean | undefined {
  const subnet = liveRelated(context, SUBNET).find((item) => item.resourceId === subnetId);
  const vpcId = asString(field(subnet?.configuration, 'vpcId'));
  if (!vpcId) return undefined;
  const vpc = liveRelated(context, VPC).find((item) => item.resourceId === vpcId);
  return vpc ? asBoolean(field(vpc.configuration, 'isDefault')) === true : undefined;
}

const isSubnetOf = (subnet: ConfigurationItem, notebook: ConfigurationItem) => subnet.resourceId === subnetOf(notebook.configuration);

/**
 * Security Hub's SageMaker controls on notebook instances and endpoint configurations. AWS Config does
 * not record these resource types (Security Hub evaluates them with periodic rules that call the
 * SageMaker API), so they are not in the catalogue until a collector records the items; the
 * evaluators are complete and tested. See docs/controls-not-evaluable.md.
 */
export const sagemakerUnrecordedControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'SageMaker.1',
      title: 'Amazon SageMaker notebook instances should not have direct internet access',
      description: 'Checks whether direct internet access is disabled for the SageMaker notebook instance (DirectInternetAccess Disabled).',
      severity: 'HIGH',
      resourceTypes: NOTEBOOK,
      standards: [FSBP, pci321('1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6')],
      remediationUrl: controlPage('SageMaker.1'),
    },
    (_item, configuration) => {
      const access = asString(field(configuration, ['DirectInternetAccess', 'directInternetAccess'])) ?? 'Enabled';
      return access === 'Disabled'
        ? passed('Direct internet access is disabled for the notebook instance.')
        : failed(`The notebook instance has direct internet access (DirectInternetAccess ${access}).`);
    },
  ),
  defineControl(
    {
      id: 'SageMaker.2',
      title: 'SageMaker notebook instances should be launched in a custom VPC',
      description: 'Checks whether the SageMaker notebook instance is launched in a custom VPC: it has a subnet, and that subnet is not in the default VPC.',
      severity: 'HIGH',
      resourceTypes: NOTEBOOK,
      standards: [FSBP],
      reads: [{ resourceType: SUBNET, affects: isSubnetOf }, { resourceType: VPC }],
      remediationUrl: controlPage('SageMaker.2'),
    },
    (_item, configuration, context) => {
      const subnetId = subnetOf(configuration);
      if (!subnetId) return failed('The notebook instance is not launched in a VPC (no SubnetId).');
      return inDefaultVpc(subnetId, context) === true
        ? failed(`The notebook instance is launched in the default VPC (subnet ${subnetId}).`)
        : passed(`The notebook instance is launched in a custom VPC (subnet ${subnetId}).`);
    },
  ),
  defineControl(
    {
      id: 'SageMaker.3',
      title: 'Users should not have root access to SageMaker notebook instances',
      description: 'Checks whether root access is turned off for the SageMaker notebook instance (RootAccess Disabled).',
      severity: 'HIGH',
      resourceTypes: NOTEBOOK,
      standards: [FSBP],
      remediationUrl: controlPage('SageMaker.3'),
    },
    (_item, configuration) => {
      const access = asString(field(configuration, ['RootAccess', 'rootAccess'])) ?? 'Enabled';
      return access === 'Disabled'
        ? passed('Root access is disabled for the notebook instance.')
        : failed(`Users have root access to the notebook instance (RootAccess ${access}).`);
    },
  ),
  defineControl(
    {
      id: 'SageMaker.4',
      title: 'SageMaker endpoint production variants should have an initial instance count greater than 1',
      description: 'Checks whether every instance-based production variant of the SageMaker endpoint configuration has an initial instance count greater than 1.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::SageMaker::EndpointConfig'],
      standards: [FSBP],
      remediationUrl: controlPage('SageMaker.4'),
    },
    (_item, configuration) => {
      const variants = asArray(field(configuration, ['ProductionVariants', 'productionVariants'])).filter(
        (variant) => field(variant, ['ServerlessConfig', 'serverlessConfig']) === undefined,
      );
      if (!variants.length) return notApplicable('The endpoint configuration has no instance-based production variants.');
      const single = variants
        .filter((variant) => (asNumber(field(variant, ['InitialInstanceCount', 'initialInstanceCount'])) ?? 1) <= 1)
        .map((variant) => asString(field(variant, ['VariantName', 'variantName'])) ?? '(unnamed)');
      return single.length
        ? failed(`Production variant(s) ${single.join(', ')} start with a single instance (InitialInstanceCount 1).`)
        : passed('Every production variant starts with more than one instance.');
    },
  ),
  defineControl(
    {
      id: 'SageMaker.8',
      title: 'SageMaker notebook instances should run on supported platforms',
      description: `Checks whether the SageMaker notebook instance runs on a supported platform (${SUPPORTED_PLATFORMS.join(', ')}).`,
      severity: 'MEDIUM',
      resourceTypes: NOTEBOOK,
      standards: [FSBP],
      remediationUrl: controlPage('SageMaker.8'),
    },
    (_item, configuration) => {
      const platform = asString(field(configuration, ['PlatformIdentifier', 'platformIdentifier']));
      if (!platform) return notApplicable('The notebook instance records no platform identifier.');
      return SUPPORTED_PLATFORMS.includes(platform)
        ? passed(`The notebook instance runs on supported platform ${platform}.`)
        : failed(`The notebook instance runs on unsupported platform ${platform}.`);
    },
  ),
];

/** Security Hub controls for Amazon SageMaker models (recorded by AWS Config). */
export const sagemakerControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'SageMaker.5',
      title: 'SageMaker models should have network isolation enabled',
      description: 'Checks whether the SageMaker model has network isolation enabled (EnableNetworkIsolation).',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::SageMaker::Model'],
      standards: [FSBP],
      remediationUrl: controlPage('SageMaker.5'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['EnableNetworkIsolation', 'enableNetworkIsolation'])) === true
        ? passed('Network isolation is enabled for the model.')
        : failed('Network isolation is not enabled for the model (EnableNetworkIsolation is not true).'),
  ),
];
