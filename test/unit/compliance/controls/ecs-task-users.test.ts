import { ecsTaskUserControls } from '../../../../lambdas/compliance/controls/ecs-task-users';
import { iamWildcardControls } from '../../../../lambdas/compliance/controls/iam-wildcards';
import { all, describeVariants, set } from '../../../support/control-variants';

// task-definition: host network mode, no runtime platform (Linux), containers app (user 1000:1000) and sidecar (user 10001).
const windows = set('RuntimePlatform', { OperatingSystemFamily: 'WINDOWS_SERVER_2022_CORE', CpuArchitecture: 'X86_64' });

describeVariants('ECS task definition network mode and users', ecsTaskUserControls, 'ecs', { 'AWS::ECS::TaskDefinition': 'task-definition' }, [
  { control: 'ECS.17', name: 'host network mode', expect: 'FAILED', reason: /uses host network mode/ },
  { control: 'ECS.17', name: 'awsvpc network mode', patch: set('NetworkMode', 'awsvpc'), expect: 'PASSED', reason: /uses awsvpc network mode, not host/ },
  { control: 'ECS.17', name: 'deregistered revision', patch: set('Status', 'INACTIVE'), expect: 'NOT_APPLICABLE', reason: /INACTIVE/ },
  { control: 'ECS.20', name: 'non-root users', expect: 'PASSED', reason: /runs as a non-root user/ },
  {
    control: 'ECS.20',
    name: 'a container running as root',
    patch: set('ContainerDefinitions.1.User', 'root'),
    expect: 'FAILED',
    reason: /sidecar \(user root\) run as the root user/,
  },
  { control: 'ECS.20', name: 'a container running as uid 0 with a group', patch: set('ContainerDefinitions.0.User', '0:1000'), expect: 'FAILED', reason: /app \(user 0\)/ },
  { control: 'ECS.20', name: 'a container without a user', patch: set('ContainerDefinitions.1.User', ''), expect: 'FAILED', reason: /sidecar \(user not configured\)/ },
  { control: 'ECS.20', name: 'explicitly Linux', patch: set('RuntimePlatform.OperatingSystemFamily', 'LINUX'), expect: 'PASSED', reason: /non-root/ },
  { control: 'ECS.20', name: 'Windows task definition', patch: windows, expect: 'NOT_APPLICABLE', reason: /WINDOWS_SERVER_2022_CORE containers; ECS.20 evaluates Linux/ },
  {
    control: 'ECS.21',
    name: 'Windows containers with own users',
    patch: all(windows, set('ContainerDefinitions.0.User', 'app'), set('ContainerDefinitions.1.User', 'sidecar')),
    expect: 'PASSED',
    reason: /non-administrator/,
  },
  {
    control: 'ECS.21',
    name: 'a Windows container as ContainerAdministrator',
    patch: all(windows, set('ContainerDefinitions.0.User', 'ContainerAdministrator')),
    expect: 'FAILED',
    reason: /app \(user ContainerAdministrator\) run as the default administrator/,
  },
  { control: 'ECS.21', name: 'Linux task definition', expect: 'NOT_APPLICABLE', reason: /Linux \(the default\) containers; ECS.21 evaluates Windows/ },
]);

describeVariants(
  'IAM identities with AWSCloudShellFullAccess',
  iamWildcardControls.filter((control) => control.id === 'IAM.27'),
  'iam',
  { 'AWS::IAM::Role': 'role-support-tools' },
  [
    { control: 'IAM.27', name: 'role with the policy', expect: 'FAILED', reason: /support-tools has arn:aws:iam::aws:policy\/AWSCloudShellFullAccess attached/ },
    {
      control: 'IAM.27',
      name: 'role with other policies',
      patch: set('attachedManagedPolicies', [{ policyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' }]),
      expect: 'PASSED',
      reason: /does not have AWSCloudShellFullAccess/,
    },
    {
      control: 'IAM.27',
      name: 'GovCloud partition policy',
      patch: set('attachedManagedPolicies', [{ policyArn: 'arn:aws-us-gov:iam::aws:policy/AWSCloudShellFullAccess' }]),
      expect: 'FAILED',
      reason: /aws-us-gov/,
    },
    { control: 'IAM.27', name: 'user without policies', fixture: 'user-healthy', expect: 'PASSED', reason: /AWS::IAM::User AIDAALICE does not have/ },
    {
      control: 'IAM.27',
      name: 'customer policy of the same name',
      patch: set('attachedManagedPolicies', [{ policyArn: 'arn:aws:iam::111122223333:policy/AWSCloudShellFullAccess' }]),
      expect: 'PASSED',
      reason: /does not have/,
    },
  ],
);
