import { apigatewayControls } from '../../../../lambdas/compliance/controls/apigateway';
import { cloudfrontControls } from '../../../../lambdas/compliance/controls/cloudfront';
import { certificateAndSecretControls } from '../../../../lambdas/compliance/controls/certificates-secrets';
import { controlHarness } from '../../../support/controls';
import { controlTable } from '../../../support/control-table';

const api = controlHarness(apigatewayControls, 'apigateway');
const cf = controlHarness(cloudfrontControls, 'cloudfront');
const acm = controlHarness(certificateAndSecretControls, 'acm');
const secrets = controlHarness(certificateAndSecretControls, 'secretsmanager');
type Item = { configuration: Record<string, any> };
const dist = (i: Item) => i.configuration.distributionConfig;
const customOnly = (i: Item) => {
  dist(i).origins.items = [dist(i).origins.items[1]];
};

controlTable(api, 'APIGateway.1', 'rest-stage-hardened', [
  { name: 'REST INFO for every method', expect: 'PASSED', reason: /logs execution at ERROR or INFO/ },
  {
    name: 'REST logging OFF',
    patch: (i) => {
      i.configuration.methodSettings['*/*'].loggingLevel = 'OFF';
    },
    expect: 'FAILED',
    reason: /\*\/\* \(OFF\)/,
  },
  {
    name: 'REST one method without logging',
    patch: (i) => {
      i.configuration.methodSettings['orders/GET'] = { metricsEnabled: true };
    },
    expect: 'FAILED',
    reason: /orders\/GET \(OFF\)/,
  },
  {
    name: 'REST without method settings',
    patch: (i) => {
      delete i.configuration.methodSettings;
    },
    expect: 'FAILED',
    reason: /\*\/\* \(OFF\)/,
  },
  {
    name: 'loggingLevel INFO only, stage at ERROR',
    parameters: { loggingLevel: ['INFO'] },
    patch: (i) => {
      i.configuration.methodSettings['*/*'].loggingLevel = 'ERROR';
    },
    expect: 'FAILED',
    reason: /at INFO for: \*\/\* \(ERROR\)/,
  },
  { name: 'WebSocket ERROR default, INFO $connect', fixture: 'websocket-stage-hardened', expect: 'PASSED', reason: /every method/ },
  {
    name: 'WebSocket route OFF',
    fixture: 'websocket-stage-hardened',
    patch: (i) => {
      i.configuration.routeSettings.$connect.loggingLevel = 'OFF';
    },
    expect: 'FAILED',
    reason: /\$connect \(OFF\)/,
  },
  {
    name: 'HTTP API stage (no logging level)',
    fixture: 'websocket-stage-hardened',
    patch: (i) => {
      delete i.configuration.defaultRouteSettings.loggingLevel;
      i.configuration.routeSettings = {};
    },
    expect: 'NOT_APPLICABLE',
    reason: /HTTP API stages/,
  },
]);

controlTable(api, 'APIGateway.2', 'rest-stage-hardened', [
  { name: 'client certificate', expect: 'PASSED', reason: /cc1x2y3z/ },
  {
    name: 'none',
    patch: (i) => {
      delete i.configuration.clientCertificateId;
    },
    expect: 'FAILED',
    reason: /no client certificate/,
  },
  { name: 'a V2 stage', fixture: 'websocket-stage-hardened', expect: 'NOT_APPLICABLE', reason: /not evaluated by this control/ },
]);

controlTable(api, 'APIGateway.3', 'rest-stage-hardened', [
  { name: 'tracing', expect: 'PASSED', reason: /X-Ray tracing enabled/ },
  {
    name: 'no tracing',
    patch: (i) => {
      i.configuration.tracingEnabled = false;
    },
    expect: 'FAILED',
    reason: /tracingEnabled false/,
  },
]);

controlTable(api, 'APIGateway.4', 'rest-stage-hardened', [
  { name: 'web ACL', expect: 'PASSED', reason: /api-acl/ },
  {
    name: 'no web ACL',
    patch: (i) => {
      delete i.configuration.webAclArn;
    },
    expect: 'FAILED',
    reason: /not associated with an AWS WAF web ACL/,
  },
]);

controlTable(api, 'APIGateway.5', 'rest-stage-hardened', [
  { name: 'encrypted cache', expect: 'PASSED', reason: /encrypts its cache data/ },
  {
    name: 'unencrypted cache',
    patch: (i) => {
      i.configuration.methodSettings['*/*'].cacheDataEncrypted = false;
    },
    expect: 'FAILED',
    reason: /unencrypted data for: \*\/\*/,
  },
  {
    name: 'no caching',
    patch: (i) => {
      i.configuration.methodSettings['*/*'].cachingEnabled = false;
    },
    expect: 'NOT_APPLICABLE',
    reason: /caches responses/,
  },
]);

controlTable(api, 'APIGateway.9', 'websocket-stage-hardened', [
  { name: 'access logs', expect: 'PASSED', reason: /ws-access/ },
  {
    name: 'no access logs',
    patch: (i) => {
      delete i.configuration.accessLogSettings;
    },
    expect: 'FAILED',
    reason: /no access log settings/,
  },
]);

controlTable(cf, 'CloudFront.1', 'distribution-hardened', [
  { name: 'root object', expect: 'PASSED', reason: /index\.html/ },
  {
    name: 'no root object',
    patch: (i) => {
      dist(i).defaultRootObject = '';
    },
    expect: 'FAILED',
    reason: /no default root object/,
  },
  {
    name: 'custom origins only',
    patch: (i) => {
      customOnly(i);
      dist(i).defaultRootObject = '';
    },
    expect: 'NOT_APPLICABLE',
    reason: /no S3 origins/,
  },
]);

controlTable(cf, 'CloudFront.3', 'distribution-hardened', [
  { name: 'HTTPS everywhere', expect: 'PASSED', reason: /requires HTTPS/ },
  {
    name: 'allow-all on /api/*',
    patch: (i) => {
      dist(i).cacheBehaviors.items[0].viewerProtocolPolicy = 'allow-all';
    },
    expect: 'FAILED',
    reason: /\/api\/\*/,
  },
  {
    name: 'allow-all by default',
    patch: (i) => {
      dist(i).defaultCacheBehavior.viewerProtocolPolicy = 'allow-all';
    },
    expect: 'FAILED',
    reason: /default/,
  },
]);

controlTable(cf, 'CloudFront.4', 'distribution-hardened', [
  { name: 'two-member origin group', expect: 'PASSED', reason: /site-failover/ },
  {
    name: 'no origin groups',
    patch: (i) => {
      dist(i).originGroups = { quantity: 0 };
    },
    expect: 'FAILED',
    reason: /no origin group/,
  },
]);

controlTable(cf, 'CloudFront.5', 'distribution-hardened', [
  { name: 'logging', expect: 'PASSED', reason: /access-logs/ },
  {
    name: 'no logging',
    patch: (i) => {
      dist(i).logging.enabled = false;
    },
    expect: 'FAILED',
    reason: /logging\.enabled/,
  },
]);

controlTable(cf, 'CloudFront.6', 'distribution-hardened', [
  { name: 'web ACL', expect: 'PASSED', reason: /edge-acl/ },
  {
    name: 'no web ACL',
    patch: (i) => {
      dist(i).webACLId = '';
    },
    expect: 'FAILED',
    reason: /webACLId empty/,
  },
]);

controlTable(cf, 'CloudFront.7', 'distribution-hardened', [
  { name: 'ACM certificate', expect: 'PASSED', reason: /custom SSL\/TLS certificate/ },
  {
    name: 'default certificate',
    patch: (i) => {
      dist(i).viewerCertificate = { cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1' };
    },
    expect: 'FAILED',
    reason: /default CloudFront certificate/,
  },
]);

controlTable(cf, 'CloudFront.8', 'distribution-hardened', [
  { name: 'SNI', expect: 'PASSED', reason: /sni-only/ },
  {
    name: 'dedicated IP',
    patch: (i) => {
      dist(i).viewerCertificate.sSLSupportMethod = 'vip';
    },
    expect: 'FAILED',
    reason: /vip/,
  },
  {
    name: 'default certificate',
    patch: (i) => {
      dist(i).viewerCertificate = { cloudFrontDefaultCertificate: true };
    },
    expect: 'NOT_APPLICABLE',
    reason: /default CloudFront certificate/,
  },
]);

controlTable(cf, 'CloudFront.9', 'distribution-hardened', [
  { name: 'https-only origin', expect: 'PASSED', reason: /encrypts traffic to every custom origin/ },
  {
    name: 'http-only origin',
    patch: (i) => {
      dist(i).origins.items[1].customOriginConfig.originProtocolPolicy = 'http-only';
    },
    expect: 'FAILED',
    reason: /api \(http-only\)/,
  },
  {
    name: 'match-viewer with viewers allowed HTTP',
    patch: (i) => {
      dist(i).origins.items[1].customOriginConfig.originProtocolPolicy = 'match-viewer';
      dist(i).cacheBehaviors.items[0].viewerProtocolPolicy = 'allow-all';
    },
    expect: 'FAILED',
    reason: /match-viewer with viewers allowed HTTP/,
  },
  {
    name: 'match-viewer with HTTPS viewers',
    patch: (i) => {
      dist(i).origins.items[1].customOriginConfig.originProtocolPolicy = 'match-viewer';
    },
    expect: 'PASSED',
    reason: /encrypts/,
  },
  {
    name: 'S3 origins only',
    patch: (i) => {
      dist(i).origins.items = [dist(i).origins.items[0]];
    },
    expect: 'NOT_APPLICABLE',
    reason: /no custom origins/,
  },
]);

controlTable(cf, 'CloudFront.10', 'distribution-hardened', [
  { name: 'TLSv1.2', expect: 'PASSED', reason: /No custom origin .* allows SSLv3/ },
  {
    name: 'SSLv3 allowed',
    patch: (i) => {
      dist(i).origins.items[1].customOriginConfig.originSslProtocols = { quantity: 2, items: ['SSLv3', 'TLSv1.2'] };
    },
    expect: 'FAILED',
    reason: /allows SSLv3 to custom origin\(s\): api/,
  },
]);

controlTable(cf, 'CloudFront.13', 'distribution-hardened', [
  { name: 'OAC', expect: 'PASSED', reason: /uses origin access control/ },
  {
    name: 'no OAC',
    patch: (i) => {
      dist(i).origins.items[0].originAccessControlId = '';
    },
    expect: 'FAILED',
    reason: /site-bucket/,
  },
  { name: 'custom origins only', patch: customOnly, expect: 'NOT_APPLICABLE', reason: /no S3 origins/ },
]);

controlTable(acm, 'ACM.1', 'certificate-issued', [
  { name: 'expires in 11 months', expect: 'PASSED', reason: /expires in 334 days, more than 30/ },
  {
    name: 'expires in 20 days',
    patch: (i) => {
      i.configuration.notAfter = '2025-05-21T12:00:00.000Z';
    },
    expect: 'FAILED',
    reason: /expires in 20 days, within 30/,
  },
  {
    name: 'expired',
    patch: (i) => {
      i.configuration.notAfter = '2025-04-01T00:00:00.000Z';
      i.configuration.status = 'EXPIRED';
    },
    expect: 'FAILED',
    reason: /expired 30 days ago/,
  },
  { name: 'daysToExpiration 400', parameters: { daysToExpiration: 400 }, expect: 'FAILED', reason: /within 400 days/ },
  {
    name: 'pending validation',
    patch: (i) => {
      delete i.configuration.notAfter;
      i.configuration.status = 'PENDING_VALIDATION';
    },
    expect: 'NOT_APPLICABLE',
    reason: /PENDING_VALIDATION/,
  },
]);

controlTable(acm, 'ACM.2', 'certificate-issued', [
  { name: 'RSA-2048', expect: 'PASSED', reason: /2048-bit RSA key/ },
  {
    name: 'RSA_1024 imported',
    patch: (i) => {
      i.configuration.keyAlgorithm = 'RSA_1024';
      i.configuration.type = 'IMPORTED';
    },
    expect: 'FAILED',
    reason: /1024-bit RSA key, shorter than 2,048/,
  },
  {
    name: 'ECDSA',
    patch: (i) => {
      i.configuration.keyAlgorithm = 'EC_prime256v1';
    },
    expect: 'NOT_APPLICABLE',
    reason: /not an RSA certificate/,
  },
]);

controlTable(secrets, 'SecretsManager.1', 'secret-rotating', [
  { name: 'rotating', expect: 'PASSED', reason: /every 30 days/ },
  {
    name: 'not rotating',
    patch: (i) => {
      i.configuration.rotationEnabled = false;
    },
    expect: 'FAILED',
    reason: /rotationEnabled false/,
  },
]);

controlTable(secrets, 'SecretsManager.2', 'secret-rotating', [
  { name: 'rotated 11 days ago on a 30-day schedule', expect: 'PASSED', reason: /rotated 11 days ago, within its 30-day schedule/ },
  {
    name: 'rotation overdue',
    patch: (i) => {
      i.configuration.lastRotatedDate = '2025-03-01T00:00:00.000Z';
    },
    expect: 'FAILED',
    reason: /61 days ago, beyond its 30-day/,
  },
  {
    name: 'rate(7 days) schedule',
    patch: (i) => {
      i.configuration.rotationRules = { scheduleExpression: 'rate(7 days)' };
    },
    expect: 'FAILED',
    reason: /7-day/,
  },
  {
    name: 'cron schedule',
    patch: (i) => {
      i.configuration.rotationRules = { scheduleExpression: 'cron(0 4 ? * SUN *)' };
    },
    expect: 'NOT_APPLICABLE',
    reason: /cannot read/,
  },
  {
    name: 'no rotation',
    patch: (i) => {
      i.configuration.rotationEnabled = false;
    },
    expect: 'NOT_APPLICABLE',
    reason: /does not have rotation configured/,
  },
]);

controlTable(secrets, 'SecretsManager.3', 'secret-rotating', [
  { name: 'accessed yesterday', expect: 'PASSED', reason: /last accessed 1 days ago, within 90/ },
  {
    name: 'accessed 100 days ago',
    patch: (i) => {
      i.configuration.lastAccessedDate = '2025-01-21T00:00:00.000Z';
    },
    expect: 'FAILED',
    reason: /100 days ago, more than 90/,
  },
  {
    name: 'never accessed, created long ago',
    patch: (i) => {
      delete i.configuration.lastAccessedDate;
    },
    expect: 'FAILED',
    reason: /never accessed/,
  },
  { name: 'unusedForDays 0', parameters: { unusedForDays: 0 }, expect: 'FAILED', reason: /more than 0 days/ },
]);

controlTable(secrets, 'SecretsManager.4', 'secret-rotating', [
  { name: 'rotated 11 days ago', expect: 'PASSED', reason: /within 90 days/ },
  {
    name: 'never rotated, created 2024',
    patch: (i) => {
      delete i.configuration.lastRotatedDate;
    },
    expect: 'FAILED',
    reason: /never rotated .* more than 90/,
  },
  { name: 'maxDaysSinceRotation 10', parameters: { maxDaysSinceRotation: 10 }, expect: 'FAILED', reason: /more than 10 days/ },
]);
