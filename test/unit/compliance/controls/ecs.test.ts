import { ecsControls } from '../../../../lambdas/compliance/controls/ecs';
import { all, describeVariants, drop, set } from '../../../support/control-variants';

const TASK = 'task-definition';

describeVariants(
  'ECS controls',
  ecsControls,
  'ecs',
  { 'AWS::ECS::TaskDefinition': TASK, 'AWS::ECS::Service': 'service', 'AWS::ECS::Cluster': 'cluster' },
  [
    { control: 'ECS.2', name: 'AssignPublicIp DISABLED', expect: 'PASSED', reason: /does not assign public IP addresses \(AssignPublicIp DISABLED\)/ },
    { control: 'ECS.2', name: 'AssignPublicIp ENABLED', patch: set('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'ENABLED'), expect: 'FAILED', reason: /assigns public IP addresses automatically/ },
    { control: 'ECS.2', name: 'no awsvpc configuration', patch: drop('NetworkConfiguration'), expect: 'PASSED', reason: /not set, DISABLED/ },
    {
      control: 'ECS.2', name: 'ENABLED but exempt', patch: set('NetworkConfiguration.AwsvpcConfiguration.AssignPublicIp', 'ENABLED'),
      parameters: { exemptEcsServiceArns: ['arn:aws:ecs:eu-west-1:111122223333:service/prod/web'] }, expect: 'PASSED', reason: /is in exemptEcsServiceArns/,
    },
    { control: 'ECS.3', name: 'no pidMode', expect: 'PASSED', reason: /does not share the host's process namespace/ },
    { control: 'ECS.3', name: 'pidMode host', patch: set('PidMode', 'host'), expect: 'FAILED', reason: /PidMode host/ },
    { control: 'ECS.3', name: 'pidMode host on an inactive revision', patch: all(set('PidMode', 'host'), set('Status', 'INACTIVE')), expect: 'NOT_APPLICABLE', reason: /INACTIVE/ },
    { control: 'ECS.4', name: 'no privileged container', expect: 'PASSED', reason: /No container runs privileged/ },
    { control: 'ECS.4', name: 'a privileged container', patch: set('ContainerDefinitions.1.Privileged', true), expect: 'FAILED', reason: /sidecar run privileged/ },
    { control: 'ECS.5', name: 'read-only root filesystems', expect: 'PASSED', reason: /read-only root filesystem/ },
    { control: 'ECS.5', name: 'ReadonlyRootFilesystem absent', patch: drop('ContainerDefinitions.0.ReadonlyRootFilesystem'), expect: 'FAILED', reason: /app have a writable root filesystem/ },
    { control: 'ECS.5', name: 'ReadonlyRootFilesystem false', patch: set('ContainerDefinitions.1.ReadonlyRootFilesystem', false), expect: 'FAILED', reason: /sidecar have a writable/ },
    { control: 'ECS.8', name: 'secrets from Secrets Manager', expect: 'PASSED', reason: /No container sets AWS_ACCESS_KEY_ID/ },
    { control: 'ECS.8', name: 'AWS_SECRET_ACCESS_KEY in the environment', patch: set('ContainerDefinitions.0.Environment', [{ Name: 'AWS_SECRET_ACCESS_KEY', Value: 'x' }]), expect: 'FAILED', reason: /app:AWS_SECRET_ACCESS_KEY/ },
    { control: 'ECS.8', name: 'secretKeys names LOG_LEVEL', parameters: { secretKeys: 'LOG_LEVEL,API_TOKEN' }, expect: 'FAILED', reason: /app:LOG_LEVEL/ },
    { control: 'ECS.9', name: 'awslogs on every container', expect: 'PASSED', reason: /Every container has a logging configuration/ },
    { control: 'ECS.9', name: 'a container without LogConfiguration', patch: drop('ContainerDefinitions.1.LogConfiguration'), expect: 'FAILED', reason: /sidecar have no logging configuration/ },
    { control: 'ECS.10', name: 'Fargate 1.4.0 on Linux', expect: 'PASSED', reason: /1\.4\.0 \(latest for LINUX\)/ },
    { control: 'ECS.10', name: 'Fargate LATEST', patch: drop('PlatformVersion'), expect: 'PASSED', reason: /LATEST/ },
    { control: 'ECS.10', name: 'Fargate 1.3.0', patch: set('PlatformVersion', '1.3.0'), expect: 'FAILED', reason: /1\.3\.0, not the latest \(1\.4\.0 for LINUX\)/ },
    { control: 'ECS.10', name: 'Fargate 1.4.0 on Windows', patch: set('PlatformFamily', 'WINDOWS_SERVER_2019_CORE'), expect: 'FAILED', reason: /not the latest \(1\.0\.0 for WINDOWS\)/ },
    { control: 'ECS.10', name: 'EC2 launch type', patch: set('LaunchType', 'EC2'), expect: 'NOT_APPLICABLE', reason: /LaunchType EC2/ },
    { control: 'ECS.12', name: 'containerInsights enabled', expect: 'PASSED', reason: /Container Insights is enabled/ },
    { control: 'ECS.12', name: 'containerInsights enhanced', patch: set('ClusterSettings', [{ Name: 'containerInsights', Value: 'enhanced' }]), expect: 'PASSED', reason: /enhanced/ },
    { control: 'ECS.12', name: 'containerInsights disabled', patch: set('ClusterSettings', [{ Name: 'containerInsights', Value: 'disabled' }]), expect: 'FAILED', reason: /not enabled .*containerInsights disabled/ },
    { control: 'ECS.12', name: 'no cluster settings', patch: drop('ClusterSettings'), expect: 'FAILED', reason: /containerInsights not set/ },
  ],
);
