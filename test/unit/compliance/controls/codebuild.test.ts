import { codebuildControls } from '../../../../lambdas/compliance/controls/codebuild';
import { describeVariants, set } from '../../../support/control-variants';

describeVariants('CodeBuild controls', codebuildControls, 'codebuild', { 'AWS::CodeBuild::Project': 'project', 'AWS::CodeBuild::ReportGroup': 'report-group' }, [
  { control: 'CodeBuild.1', name: 'Bitbucket URL without credentials', expect: 'PASSED', reason: /contain no sign-in credentials/ },
  {
    control: 'CodeBuild.1',
    name: 'Bitbucket URL with user and password',
    patch: set('source.location', 'https://builder:s3cret@bitbucket.org/example/web.git'),
    expect: 'FAILED',
    reason: /1 Bitbucket source URL\(s\) contain sign-in credentials/,
  },
  {
    control: 'CodeBuild.1',
    name: 'secondary Bitbucket URL with a token',
    patch: set('secondarySources', [{ type: 'BITBUCKET', location: 'https://x-token-auth:ATBBabc@bitbucket.org/example/lib.git' }]),
    expect: 'FAILED',
    reason: /contain sign-in credentials/,
  },
  {
    control: 'CodeBuild.1',
    name: 'GitHub source only',
    patch: set('source', { type: 'GITHUB', location: 'https://github.com/example/web.git' }),
    expect: 'NOT_APPLICABLE',
    reason: /no Bitbucket source/,
  },
  { control: 'CodeBuild.2', name: 'credentials from Parameter Store', expect: 'PASSED', reason: /no AWS credentials as plaintext/ },
  {
    control: 'CodeBuild.2',
    name: 'plaintext secret key',
    patch: set('environment.environmentVariables.1.type', 'PLAINTEXT'),
    expect: 'FAILED',
    reason: /AWS_SECRET_ACCESS_KEY as plaintext/,
  },
  {
    control: 'CodeBuild.2',
    name: 'access key id without a type (PLAINTEXT by default)',
    patch: set('environment.environmentVariables', [{ name: 'AWS_ACCESS_KEY_ID', value: 'AKIA...' }]),
    expect: 'FAILED',
    reason: /AWS_ACCESS_KEY_ID/,
  },
  { control: 'CodeBuild.3', name: 'encrypted S3 logs', expect: 'PASSED', reason: /are encrypted/ },
  { control: 'CodeBuild.3', name: 'unencrypted S3 logs', patch: set('logsConfig.s3Logs.encryptionDisabled', true), expect: 'FAILED', reason: /encryptionDisabled true/ },
  { control: 'CodeBuild.3', name: 'no S3 logs', patch: set('logsConfig.s3Logs', { status: 'DISABLED' }), expect: 'NOT_APPLICABLE', reason: /does not send logs to S3/ },
  { control: 'CodeBuild.4', name: 'CloudWatch and S3 logs', expect: 'PASSED', reason: /logs to cloudWatchLogs and s3Logs/ },
  { control: 'CodeBuild.4', name: 'S3 logs only', patch: set('logsConfig.cloudWatchLogs.status', 'DISABLED'), expect: 'PASSED', reason: /logs to s3Logs/ },
  {
    control: 'CodeBuild.4',
    name: 'no logs',
    patch: set('logsConfig', { cloudWatchLogs: { status: 'DISABLED' }, s3Logs: { status: 'DISABLED' } }),
    expect: 'FAILED',
    reason: /no logging configuration/,
  },
  { control: 'CodeBuild.7', name: 'encrypted export', expect: 'PASSED', reason: /are encrypted/ },
  { control: 'CodeBuild.7', name: 'unencrypted export', patch: set('ExportConfig.S3Destination.EncryptionDisabled', true), expect: 'FAILED', reason: /EncryptionDisabled true/ },
  { control: 'CodeBuild.7', name: 'no export', patch: set('ExportConfig', { ExportConfigType: 'NO_EXPORT' }), expect: 'NOT_APPLICABLE', reason: /ExportConfigType NO_EXPORT/ },
]);
