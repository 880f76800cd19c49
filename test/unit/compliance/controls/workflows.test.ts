import { workflowControls } from '../../../../lambdas/compliance/controls/workflows';
import { describeVariants, drop, set } from '../../../support/control-variants';

describeVariants(
  'Step Functions, EventBridge, Backup and Route 53 controls',
  workflowControls,
  'workflows',
  {
    'AWS::StepFunctions::StateMachine': 'state-machine',
    'AWS::Events::EventBus': 'event-bus',
    'AWS::Backup::RecoveryPoint': 'recovery-point',
    'AWS::Route53::HostedZone': 'hosted-zone',
  },
  [
    { control: 'StepFunctions.1', name: 'ERROR logging', expect: 'PASSED', reason: /logs at level ERROR/ },
    { control: 'StepFunctions.1', name: 'logging OFF', patch: set('LoggingConfiguration.Level', 'OFF'), expect: 'FAILED', reason: /turned off/ },
    { control: 'StepFunctions.1', name: 'no logging configuration', patch: drop('LoggingConfiguration'), expect: 'FAILED', reason: /turned off/ },
    { control: 'StepFunctions.1', name: 'logLevel ALL', parameters: { logLevel: 'ALL' }, expect: 'FAILED', reason: /level ERROR, below logLevel ALL/ },
    { control: 'StepFunctions.1', name: 'logLevel FATAL', parameters: { logLevel: 'FATAL' }, expect: 'PASSED', reason: /level ERROR/ },
    { control: 'EventBridge.3', name: 'custom bus with a policy', expect: 'PASSED', reason: /orders has a resource-based policy/ },
    { control: 'EventBridge.3', name: 'custom bus without a policy', patch: drop('Policy'), expect: 'FAILED', reason: /orders has no resource-based policy/ },
    { control: 'EventBridge.3', name: 'the default bus', patch: set('Name', 'default'), expect: 'NOT_APPLICABLE', reason: /default event bus/ },
    { control: 'Backup.1', name: 'encrypted', expect: 'PASSED', reason: /encrypted at rest with arn:aws:kms/ },
    { control: 'Backup.1', name: 'not encrypted', patch: set('IsEncrypted', false), expect: 'FAILED', reason: /IsEncrypted is not true/ },
    { control: 'Route53.2', name: 'query logging', expect: 'PASSED', reason: /logged to arn:aws:logs/ },
    { control: 'Route53.2', name: 'no query logging', patch: drop('QueryLoggingConfig'), expect: 'FAILED', reason: /no QueryLoggingConfig/ },
    { control: 'Route53.2', name: 'a private zone', patch: set('VPCs', [{ VPCId: 'vpc-0a1b2c3d4e5f60718', VPCRegion: 'eu-west-1' }]), expect: 'NOT_APPLICABLE', reason: /private/ },
  ],
);
