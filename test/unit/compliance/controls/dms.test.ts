import { dmsControls, dmsUnrecordedControls } from '../../../../lambdas/compliance/controls/dms';
import { all, describeVariants, set, type Json } from '../../../support/control-variants';

/** Rewrites the task's JSON settings document. */
const settings = (change: (document: { Logging: { EnableLogging: boolean; LogComponents: Array<{ Id: string; Severity: string }> } }) => void) => (configuration: Json) => {
  const document = JSON.parse(String(configuration.ReplicationTaskSettings)) as Parameters<typeof change>[0];
  change(document);
  configuration.ReplicationTaskSettings = JSON.stringify(document);
};
const severity = (id: string, level: string) =>
  settings((document) => {
    document.Logging.LogComponents.find((entry) => entry.Id === id)!.Severity = level;
  });

describeVariants(
  'DMS controls',
  [...dmsControls, ...dmsUnrecordedControls],
  'dms',
  { 'AWS::DMS::ReplicationInstance': 'replication-instance', 'AWS::DMS::ReplicationTask': 'replication-task', 'AWS::DMS::Endpoint': 'endpoint' },
  [
    { control: 'DMS.1', name: 'private instance', expect: 'PASSED', reason: /not publicly accessible/ },
    { control: 'DMS.1', name: 'public instance', patch: set('PubliclyAccessible', true), expect: 'FAILED', reason: /PubliclyAccessible true/ },
    { control: 'DMS.6', name: 'auto minor upgrades', expect: 'PASSED', reason: /is enabled/ },
    { control: 'DMS.6', name: 'no auto minor upgrades', patch: set('AutoMinorVersionUpgrade', false), expect: 'FAILED', reason: /AutoMinorVersionUpgrade is not true/ },
    { control: 'DMS.7', name: 'target logging at DEFAULT/DEBUG', expect: 'PASSED', reason: /Target logging is enabled: TARGET_APPLY and TARGET_LOAD/ },
    {
      control: 'DMS.7',
      name: 'TARGET_LOAD at ERROR',
      patch: severity('TARGET_LOAD', 'LOGGER_SEVERITY_ERROR'),
      expect: 'FAILED',
      reason: /TARGET_LOAD \(LOGGER_SEVERITY_ERROR\) are below/,
    },
    {
      control: 'DMS.7',
      name: 'logging disabled',
      patch: settings((document) => {
        document.Logging.EnableLogging = false;
      }),
      expect: 'FAILED',
      reason: /EnableLogging is not true/,
    },
    { control: 'DMS.8', name: 'source logging at DEFAULT', expect: 'PASSED', reason: /Source logging is enabled/ },
    {
      control: 'DMS.8',
      name: 'SOURCE_CAPTURE missing',
      patch: settings((document) => {
        document.Logging.LogComponents = document.Logging.LogComponents.filter((entry) => entry.Id !== 'SOURCE_CAPTURE');
      }),
      expect: 'FAILED',
      reason: /SOURCE_CAPTURE \(not set\)/,
    },
    { control: 'DMS.8', name: 'no settings document', patch: set('ReplicationTaskSettings', undefined), expect: 'FAILED', reason: /no ReplicationTaskSettings/ },
    { control: 'DMS.9', name: 'verify-full', expect: 'PASSED', reason: /SslMode verify-full/ },
    { control: 'DMS.9', name: 'SslMode none', patch: set('SslMode', 'none'), expect: 'FAILED', reason: /SslMode none/ },
    { control: 'DMS.9', name: 'an S3 endpoint', patch: all(set('EngineName', 's3'), set('SslMode', 'none')), expect: 'NOT_APPLICABLE', reason: /engine s3 have no SslMode/ },
    {
      control: 'DMS.10',
      name: 'Neptune with IAM auth',
      patch: all(set('EngineName', 'neptune'), set('NeptuneSettings', { IamAuthEnabled: true, S3BucketName: 'staging' })),
      expect: 'PASSED',
      reason: /IAM authorization is enabled/,
    },
    {
      control: 'DMS.10',
      name: 'Neptune without IAM auth',
      patch: all(set('EngineName', 'neptune'), set('NeptuneSettings', { IamAuthEnabled: false })),
      expect: 'FAILED',
      reason: /IamAuthEnabled is not true/,
    },
    { control: 'DMS.10', name: 'a PostgreSQL endpoint', expect: 'NOT_APPLICABLE', reason: /engine is postgres, not neptune/ },
    {
      control: 'DMS.11',
      name: 'MongoDB with password auth',
      patch: all(set('EngineName', 'mongodb'), set('MongoDbSettings', { AuthType: 'password', AuthMechanism: 'scram_sha_1' })),
      expect: 'PASSED',
      reason: /AuthType password/,
    },
    {
      control: 'DMS.11',
      name: 'MongoDB without auth',
      patch: all(set('EngineName', 'mongodb'), set('MongoDbSettings', { AuthType: 'no' })),
      expect: 'FAILED',
      reason: /AuthType no/,
    },
    { control: 'DMS.11', name: 'a PostgreSQL endpoint', expect: 'NOT_APPLICABLE', reason: /not mongodb/ },
    {
      control: 'DMS.12',
      name: 'Redis with TLS',
      patch: all(set('EngineName', 'redis'), set('RedisSettings', { SslSecurityProtocol: 'ssl-encryption' })),
      expect: 'PASSED',
      reason: /uses TLS/,
    },
    {
      control: 'DMS.12',
      name: 'Redis in plaintext',
      patch: all(set('EngineName', 'redis'), set('RedisSettings', { SslSecurityProtocol: 'plaintext' })),
      expect: 'FAILED',
      reason: /SslSecurityProtocol plaintext/,
    },
    { control: 'DMS.12', name: 'a PostgreSQL endpoint', expect: 'NOT_APPLICABLE', reason: /not redis/ },
    { control: 'DMS.13', name: 'Multi-AZ', expect: 'PASSED', reason: /MultiAZ true/ },
    { control: 'DMS.13', name: 'single AZ', patch: set('MultiAZ', false), expect: 'FAILED', reason: /not a Multi-AZ deployment/ },
  ],
);
