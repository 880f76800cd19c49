import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP, pci321 } from './support/mappings';
import { defineControl } from './support/guard';

const PROJECT = ['AWS::CodeBuild::Project'];
const CREDENTIAL_VARIABLES = ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'];

/** The primary and secondary sources of a project. */
const sourcesOf = (configuration: Record<string, unknown>) => [
  ...asArray(field(configuration, ['source', 'Source'])),
  ...asArray(field(configuration, ['secondarySources', 'SecondarySources'])),
];

/** Whether a repository URL carries sign-in information (`https://user:password@…` or `https://token@…`). */
function hasCredentials(location: string): boolean {
  try {
    const url = new URL(location);
    return url.username !== '' || url.password !== '';
  } catch {
    return /^[a-z]+:\/\/[^/@]+@/i.test(location);
  }
}

const status = (configuration: Record<string, unknown>, log: string) =>
  asString(field(configuration, ['logsConfig', 'LogsConfig'], [log, log.charAt(0).toUpperCase() + log.slice(1)], ['status', 'Status']));

/** Security Hub controls for AWS CodeBuild projects and report groups. */
export const codebuildControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'CodeBuild.1',
      title: 'CodeBuild Bitbucket source repository URLs should not contain sensitive credentials',
      description: 'Checks whether the Bitbucket source repository URL of a CodeBuild project contains personal access tokens or a user name and password.',
      severity: 'CRITICAL',
      resourceTypes: PROJECT,
      standards: [FSBP, pci321('8.2.1')],
      remediationUrl: controlPage('CodeBuild.1'),
    },
    (_item, configuration) => {
      const bitbucket = sourcesOf(configuration).filter((source) => asString(field(source, ['type', 'Type'])) === 'BITBUCKET');
      if (!bitbucket.length) return notApplicable('The project has no Bitbucket source.');
      const leaking = bitbucket.map((source) => asString(field(source, ['location', 'Location'])) ?? '').filter(hasCredentials);
      return leaking.length
        ? failed(`${leaking.length} Bitbucket source URL(s) contain sign-in credentials (user name, password or token before "@").`)
        : passed('The Bitbucket source URLs contain no sign-in credentials.');
    },
  ),
  defineControl(
    {
      id: 'CodeBuild.2',
      title: 'CodeBuild project environment variables should not contain clear text credentials',
      description: 'Checks whether the CodeBuild project sets AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY as plaintext environment variables.',
      severity: 'CRITICAL',
      resourceTypes: PROJECT,
      standards: [FSBP, pci321('8.2.1')],
      remediationUrl: controlPage('CodeBuild.2'),
    },
    (_item, configuration) => {
      const plaintext = asArray(field(configuration, ['environment', 'Environment'], ['environmentVariables', 'EnvironmentVariables']))
        .filter((variable) => (asString(field(variable, ['type', 'Type'])) ?? 'PLAINTEXT') === 'PLAINTEXT')
        .map((variable) => asString(field(variable, ['name', 'Name'])))
        .filter((name): name is string => name !== undefined && CREDENTIAL_VARIABLES.includes(name));
      return plaintext.length
        ? failed(`The project sets ${plaintext.join(', ')} as plaintext environment variables.`)
        : passed('The project sets no AWS credentials as plaintext environment variables.');
    },
  ),
  defineControl(
    {
      id: 'CodeBuild.3',
      title: 'CodeBuild S3 logs should be encrypted',
      description: 'Checks whether S3 logs of the CodeBuild project are encrypted (s3Logs.encryptionDisabled is not true).',
      severity: 'LOW',
      resourceTypes: PROJECT,
      standards: [FSBP],
      remediationUrl: controlPage('CodeBuild.3'),
    },
    (_item, configuration) => {
      if (status(configuration, 's3Logs') !== 'ENABLED') return notApplicable('The project does not send logs to S3.');
      return asBoolean(field(configuration, ['logsConfig', 'LogsConfig'], ['s3Logs', 'S3Logs'], ['encryptionDisabled', 'EncryptionDisabled'])) === true
        ? failed('S3 logs of the project are not encrypted (encryptionDisabled true).')
        : passed('S3 logs of the project are encrypted.');
    },
  ),
  defineControl(
    {
      id: 'CodeBuild.4',
      title: 'CodeBuild project environments should have a logging AWS Configuration',
      description: 'Checks whether the CodeBuild project sends logs to CloudWatch Logs or S3.',
      severity: 'MEDIUM',
      resourceTypes: PROJECT,
      standards: [FSBP],
      remediationUrl: controlPage('CodeBuild.4'),
    },
    (_item, configuration) => {
      const enabled = ['cloudWatchLogs', 's3Logs'].filter((log) => status(configuration, log) === 'ENABLED');
      return enabled.length
        ? passed(`The project logs to ${enabled.join(' and ')}.`)
        : failed('The project has no logging configuration (neither cloudWatchLogs nor s3Logs is ENABLED).');
    },
  ),
  defineControl(
    {
      id: 'CodeBuild.7',
      title: 'CodeBuild report group exports should be encrypted at rest',
      description: 'Checks whether the test results a CodeBuild report group exports to Amazon S3 are encrypted at rest.',
      severity: 'MEDIUM',
      resourceTypes: ['AWS::CodeBuild::ReportGroup'],
      standards: [FSBP],
      remediationUrl: controlPage('CodeBuild.7'),
    },
    (_item, configuration) => {
      const exportConfig = field(configuration, ['ExportConfig', 'exportConfig']);
      const type = asString(field(exportConfig, ['ExportConfigType', 'exportConfigType']));
      if (type !== 'S3') return notApplicable(`The report group does not export to S3 (ExportConfigType ${type ?? 'not set'}).`);
      return asBoolean(field(exportConfig, ['S3Destination', 's3Destination'], ['EncryptionDisabled', 'encryptionDisabled'])) === true
        ? failed('Report exports to S3 are not encrypted (S3Destination.EncryptionDisabled true).')
        : passed('Report exports to S3 are encrypted.');
    },
  ),
];
