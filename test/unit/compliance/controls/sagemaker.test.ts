import { sagemakerControls, sagemakerUnrecordedControls } from '../../../../lambdas/compliance/controls/sagemaker';
import type { ConfigurationItem } from '../../../../lambdas/compliance/controls/types';
import { describeVariants, drop, set } from '../../../support/control-variants';

const place = { accountId: '111122223333', awsRegion: 'eu-west-1', configurationItemStatus: 'OK' as const };
const subnet: ConfigurationItem = {
  ...place,
  resourceType: 'AWS::EC2::Subnet',
  resourceId: 'subnet-0a1b2c3d4e5f60001',
  configuration: { subnetId: 'subnet-0a1b2c3d4e5f60001', vpcId: 'vpc-0default' },
};
const vpc = (isDefault: boolean): ConfigurationItem => ({
  ...place,
  resourceType: 'AWS::EC2::VPC',
  resourceId: 'vpc-0default',
  configuration: { vpcId: 'vpc-0default', isDefault },
});

describeVariants(
  'SageMaker controls',
  [...sagemakerControls, ...sagemakerUnrecordedControls],
  'sagemaker',
  { 'AWS::SageMaker::NotebookInstance': 'notebook-instance', 'AWS::SageMaker::EndpointConfig': 'endpoint-config', 'AWS::SageMaker::Model': 'model' },
  [
    { control: 'SageMaker.1', name: 'no direct internet access', expect: 'PASSED', reason: /Direct internet access is disabled/ },
    { control: 'SageMaker.1', name: 'direct internet access', patch: set('DirectInternetAccess', 'Enabled'), expect: 'FAILED', reason: /DirectInternetAccess Enabled/ },
    {
      control: 'SageMaker.1',
      name: 'DirectInternetAccess not recorded (the default is Enabled)',
      patch: drop('DirectInternetAccess'),
      expect: 'FAILED',
      reason: /DirectInternetAccess Enabled/,
    },
    { control: 'SageMaker.2', name: 'subnet in a custom VPC', related: [subnet, vpc(false)], expect: 'PASSED', reason: /custom VPC \(subnet subnet-0a1b2c3d4e5f60001\)/ },
    { control: 'SageMaker.2', name: 'subnet of the default VPC', related: [subnet, vpc(true)], expect: 'FAILED', reason: /default VPC/ },
    { control: 'SageMaker.2', name: 'no subnet', patch: drop('SubnetId'), expect: 'FAILED', reason: /not launched in a VPC \(no SubnetId\)/ },
    { control: 'SageMaker.3', name: 'root access disabled', expect: 'PASSED', reason: /Root access is disabled/ },
    { control: 'SageMaker.3', name: 'root access enabled', patch: set('RootAccess', 'Enabled'), expect: 'FAILED', reason: /RootAccess Enabled/ },
    { control: 'SageMaker.4', name: 'two initial instances', expect: 'PASSED', reason: /more than one instance/ },
    {
      control: 'SageMaker.4',
      name: 'one initial instance',
      patch: set('ProductionVariants.0.InitialInstanceCount', 1),
      expect: 'FAILED',
      reason: /primary start with a single instance/,
    },
    {
      control: 'SageMaker.4',
      name: 'serverless variants only',
      patch: set('ProductionVariants', [{ VariantName: 'sls', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }]),
      expect: 'NOT_APPLICABLE',
      reason: /no instance-based production variants/,
    },
    { control: 'SageMaker.5', name: 'network isolation', expect: 'PASSED', reason: /Network isolation is enabled/ },
    { control: 'SageMaker.5', name: 'no network isolation', patch: set('EnableNetworkIsolation', false), expect: 'FAILED', reason: /EnableNetworkIsolation is not true/ },
    { control: 'SageMaker.8', name: 'AL2023 platform', expect: 'PASSED', reason: /supported platform notebook-al2023-v1/ },
    {
      control: 'SageMaker.8',
      name: 'Amazon Linux 1 platform',
      patch: set('PlatformIdentifier', 'notebook-al1-v1'),
      expect: 'FAILED',
      reason: /unsupported platform notebook-al1-v1/,
    },
    { control: 'SageMaker.8', name: 'no platform recorded', patch: drop('PlatformIdentifier'), expect: 'NOT_APPLICABLE', reason: /no platform identifier/ },
  ],
);
