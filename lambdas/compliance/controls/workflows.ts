import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

/** Step Functions log levels, least to most verbose. */
const LOG_LEVELS = ['OFF', 'FATAL', 'ERROR', 'ALL'];

/** Security Hub controls for AWS Step Functions, Amazon EventBridge, AWS Backup and Amazon Route 53. */
export const workflowControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'StepFunctions.1',
      title: 'Step Functions state machines should have logging turned on',
      description: 'Checks whether the Step Functions state machine has logging turned on, at least at logLevel when given.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::StepFunctions::StateMachine'],
      standards: [FSBP],
      parameters: {
        logLevel: { type: 'string', default: '', description: 'Minimum logging level (ALL, ERROR or FATAL); Security Hub sets no default: any level but OFF passes.' },
      },
      remediationUrl: controlPage('StepFunctions.1'),
    },
    (_item, configuration, context) => {
      const level = asString(field(configuration, ['LoggingConfiguration', 'loggingConfiguration'], ['Level', 'level']))?.toUpperCase() ?? 'OFF';
      if (level === 'OFF') return failed('Logging is turned off for the state machine (LoggingConfiguration.Level OFF or not set).');
      const minimum = String(context.parameters.logLevel ?? '')
        .trim()
        .toUpperCase();
      if (minimum && LOG_LEVELS.indexOf(level) < LOG_LEVELS.indexOf(minimum)) return failed(`The state machine logs at level ${level}, below logLevel ${minimum}.`);
      return passed(`The state machine logs at level ${level}.`);
    },
  ),
  defineControl(
    {
      id: 'EventBridge.3',
      title: 'EventBridge custom event buses should have a resource-based policy attached',
      description: 'Checks whether a custom EventBridge event bus has a resource-based policy attached.',
      severity: 'LOW',
      resourceTypes: ['AWS::Events::EventBus'],
      standards: [FSBP],
      remediationUrl: controlPage('EventBridge.3'),
    },
    (item, configuration) => {
      const name = asString(field(configuration, ['Name', 'name'])) ?? item.resourceName ?? item.resourceId;
      if (name === 'default') return notApplicable('The default event bus is not a custom event bus.');
      const policy = field(configuration, ['Policy', 'policy']);
      return policy !== undefined && policy !== null && policy !== ''
        ? passed(`Custom event bus ${name} has a resource-based policy.`)
        : failed(`Custom event bus ${name} has no resource-based policy.`);
    },
  ),
  defineControl(
    {
      id: 'Backup.1',
      title: 'AWS Backup recovery points should be encrypted at rest',
      description: 'Checks whether the AWS Backup recovery point is encrypted at rest.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Backup::RecoveryPoint'],
      standards: [FSBP],
      remediationUrl: controlPage('Backup.1'),
    },
    (_item, configuration) =>
      asBoolean(field(configuration, ['IsEncrypted', 'isEncrypted'])) === true
        ? passed(
            `The recovery point is encrypted at rest${asString(field(configuration, ['EncryptionKeyArn', 'encryptionKeyArn'])) ? ` with ${String(field(configuration, ['EncryptionKeyArn', 'encryptionKeyArn']))}` : ''}.`,
          )
        : failed('The recovery point is not encrypted at rest (IsEncrypted is not true).'),
  ),
  defineControl(
    {
      id: 'Route53.2',
      title: 'Route 53 public hosted zones should log DNS queries',
      description: 'Checks whether DNS query logging is enabled for the Route 53 public hosted zone.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::Route53::HostedZone'],
      standards: [FSBP],
      remediationUrl: controlPage('Route53.2'),
    },
    (_item, configuration) => {
      if (asArray(field(configuration, ['VPCs', 'vPCs', 'vpcs'])).length) return notApplicable('The hosted zone is private (associated with VPCs).');
      // Config nests the query logging configuration: QueryLoggingConfig.CloudWatchLogsLogGroupArn.{CloudWatchLogsLogGroupArn, HostedZoneId, Id}.
      const logging = field(configuration, ['QueryLoggingConfig', 'queryLoggingConfig'], ['CloudWatchLogsLogGroupArn', 'cloudWatchLogsLogGroupArn']);
      const group = asString(logging) ?? asString(field(logging, ['CloudWatchLogsLogGroupArn', 'cloudWatchLogsLogGroupArn']));
      return group ? passed(`DNS queries are logged to ${group}.`) : failed('DNS query logging is not enabled for the public hosted zone (no QueryLoggingConfig).');
    },
  ),
];
