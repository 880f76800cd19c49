import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const DISTRIBUTION = ['AWS::CloudFront::Distribution'];

/** The distribution config (`configuration.distributionConfig`, or the configuration itself). */
const config = (configuration: Record<string, unknown>) => field(configuration, ['distributionConfig', 'DistributionConfig']) ?? configuration;
/** The `items` of a CloudFront list (`{ quantity, items }`). */
const items = (list: unknown) => asArray(field(list, ['items', 'Items']));
const origins = (configuration: Record<string, unknown>) => items(field(config(configuration), ['origins', 'Origins']));
const originId = (origin: unknown) => asString(field(origin, ['id', 'Id'])) ?? '?';
/** S3 (REST endpoint) origins: those with an `s3OriginConfig`. */
const s3Origins = (configuration: Record<string, unknown>) => origins(configuration).filter((origin) => field(origin, ['s3OriginConfig', 'S3OriginConfig']) !== undefined);
/** Custom origins: those with a `customOriginConfig`. */
const customOrigins = (configuration: Record<string, unknown>) =>
  origins(configuration).filter((origin) => field(origin, ['customOriginConfig', 'CustomOriginConfig']) !== undefined);
/** The viewer protocol policies of the default and every other cache behavior. */
function viewerPolicies(configuration: Record<string, unknown>): { behavior: string; policy: string }[] {
  const distribution = config(configuration);
  const main = {
    behavior: 'default',
    policy: asString(field(distribution, ['defaultCacheBehavior', 'DefaultCacheBehavior'], ['viewerProtocolPolicy', 'ViewerProtocolPolicy'])) ?? 'allow-all',
  };
  const others = items(field(distribution, ['cacheBehaviors', 'CacheBehaviors'])).map((behavior) => ({
    behavior: asString(field(behavior, ['pathPattern', 'PathPattern'])) ?? '?',
    policy: asString(field(behavior, ['viewerProtocolPolicy', 'ViewerProtocolPolicy'])) ?? 'allow-all',
  }));
  return [main, ...others];
}
const certificate = (configuration: Record<string, unknown>) => field(config(configuration), ['viewerCertificate', 'ViewerCertificate']);
const usesDefaultCertificate = (configuration: Record<string, unknown>) =>
  asBoolean(field(certificate(configuration), ['cloudFrontDefaultCertificate', 'CloudFrontDefaultCertificate'])) !== false &&
  !asString(field(certificate(configuration), ['aCMCertificateArn', 'acmcertificateArn', 'ACMCertificateArn', 'iAMCertificateId', 'IAMCertificateId']));

/** Security Hub controls for Amazon CloudFront distributions. */
export const cloudfrontControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'CloudFront.1',
      title: 'CloudFront distributions should have a default root object configured',
      description: 'Checks whether a CloudFront distribution with S3 origins has a default root object. Distributions with only custom origins are not evaluated.',
      severity: 'HIGH',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.1'),
    },
    (item, configuration) => {
      if (!s3Origins(configuration).length) return notApplicable(`Distribution ${item.resourceId} has no S3 origins.`);
      const root = asString(field(config(configuration), ['defaultRootObject', 'DefaultRootObject']));
      return root
        ? passed(`Distribution ${item.resourceId} returns ${root} as its default root object.`)
        : failed(`Distribution ${item.resourceId} uses S3 origins and has no default root object.`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.3',
      title: 'CloudFront distributions should require encryption in transit',
      description: 'Checks whether every cache behavior of a CloudFront distribution requires HTTPS or redirects to it (viewerProtocolPolicy not allow-all).',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.3'),
    },
    (item, configuration) => {
      const open = viewerPolicies(configuration)
        .filter(({ policy }) => policy === 'allow-all')
        .map(({ behavior }) => behavior);
      return open.length
        ? failed(`Distribution ${item.resourceId} allows unencrypted HTTP (viewerProtocolPolicy allow-all) for cache behavior(s): ${open.join(', ')}.`)
        : passed(`Every cache behavior of distribution ${item.resourceId} requires HTTPS or redirects to it.`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.4',
      title: 'CloudFront distributions should have origin failover configured',
      description: 'Checks whether a CloudFront distribution has an origin group with two or more origins.',
      severity: 'LOW',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.4'),
    },
    (item, configuration) => {
      const groups = items(field(config(configuration), ['originGroups', 'OriginGroups']));
      const failover = groups.find((group) => items(field(group, ['members', 'Members'])).length >= 2);
      return failover
        ? passed(`Distribution ${item.resourceId} fails over within origin group ${originId(failover)}.`)
        : failed(`Distribution ${item.resourceId} has no origin group with two or more origins.`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.5',
      title: 'CloudFront distributions should have logging enabled',
      description: 'Checks whether standard access logging is enabled for a CloudFront distribution (logging.enabled).',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.5'),
    },
    (item, configuration) => {
      const logging = field(config(configuration), ['logging', 'Logging']);
      return asBoolean(field(logging, ['enabled', 'Enabled'])) === true
        ? passed(`Distribution ${item.resourceId} logs to ${asString(field(logging, ['bucket', 'Bucket'])) ?? 'a bucket'}.`)
        : failed(`Distribution ${item.resourceId} does not have access logging enabled (logging.enabled).`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.6',
      title: 'CloudFront distributions should have WAF enabled',
      description: 'Checks whether a CloudFront distribution is associated with an AWS WAF or AWS WAFv2 web ACL (webACLId).',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.6'),
    },
    (item, configuration) => {
      const acl = asString(field(config(configuration), ['webACLId', 'WebACLId']));
      return acl
        ? passed(`Distribution ${item.resourceId} is associated with web ACL ${acl}.`)
        : failed(`Distribution ${item.resourceId} is not associated with a web ACL (webACLId empty).`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.7',
      title: 'CloudFront distributions should use custom SSL/TLS certificates',
      description: 'Checks whether a CloudFront distribution uses a custom SSL/TLS certificate (ACM or IAM) rather than the default CloudFront certificate.',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.7'),
    },
    (item, configuration) =>
      usesDefaultCertificate(configuration)
        ? failed(`Distribution ${item.resourceId} uses the default CloudFront certificate (cloudFrontDefaultCertificate).`)
        : passed(`Distribution ${item.resourceId} uses a custom SSL/TLS certificate.`),
  ),
  defineControl(
    {
      id: 'CloudFront.8',
      title: 'CloudFront distributions should use SNI to serve HTTPS requests',
      description:
        'Checks whether a CloudFront distribution with a custom SSL/TLS certificate serves HTTPS with SNI (sSLSupportMethod sni-only) rather than dedicated IP addresses (vip). Distributions with the default certificate are not evaluated.',
      severity: 'LOW',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.8'),
    },
    (item, configuration) => {
      if (usesDefaultCertificate(configuration)) return notApplicable(`Distribution ${item.resourceId} uses the default CloudFront certificate.`);
      const method = asString(field(certificate(configuration), ['sSLSupportMethod', 'sslsupportMethod', 'SSLSupportMethod']));
      return method === 'vip'
        ? failed(`Distribution ${item.resourceId} serves HTTPS from dedicated IP addresses (sSLSupportMethod vip), not SNI.`)
        : passed(`Distribution ${item.resourceId} serves HTTPS with SNI (sSLSupportMethod ${method ?? 'sni-only'}).`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.9',
      title: 'CloudFront distributions should encrypt traffic to custom origins',
      description:
        'Checks whether a CloudFront distribution encrypts traffic to its custom origins: it fails for an origin protocol policy http-only, or match-viewer while a cache behavior allows HTTP (allow-all).',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.9'),
    },
    (item, configuration) => {
      const custom = customOrigins(configuration);
      if (!custom.length) return notApplicable(`Distribution ${item.resourceId} has no custom origins.`);
      const viewerHttp = viewerPolicies(configuration).some(({ policy }) => policy === 'allow-all');
      const plain = custom
        .map((origin) => ({
          id: originId(origin),
          policy: asString(field(origin, ['customOriginConfig', 'CustomOriginConfig'], ['originProtocolPolicy', 'OriginProtocolPolicy'])) ?? 'http-only',
        }))
        .filter(({ policy }) => policy === 'http-only' || (policy === 'match-viewer' && viewerHttp))
        .map(({ id, policy }) => `${id} (${policy}${policy === 'match-viewer' ? ' with viewers allowed HTTP' : ''})`);
      return plain.length
        ? failed(`Distribution ${item.resourceId} sends unencrypted traffic to custom origin(s): ${plain.join(', ')}.`)
        : passed(`Distribution ${item.resourceId} encrypts traffic to every custom origin.`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.10',
      title: 'CloudFront distributions should not use deprecated SSL protocols between edge locations and custom origins',
      description: 'Checks whether a custom origin of a CloudFront distribution allows SSLv3 (originSslProtocols).',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.10'),
    },
    (item, configuration) => {
      const custom = customOrigins(configuration);
      if (!custom.length) return notApplicable(`Distribution ${item.resourceId} has no custom origins.`);
      const deprecated = custom
        .filter((origin) => items(field(origin, ['customOriginConfig', 'CustomOriginConfig'], ['originSslProtocols', 'OriginSslProtocols'])).includes('SSLv3'))
        .map(originId);
      return deprecated.length
        ? failed(`Distribution ${item.resourceId} allows SSLv3 to custom origin(s): ${deprecated.join(', ')}.`)
        : passed(`No custom origin of distribution ${item.resourceId} allows SSLv3.`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.13',
      title: 'CloudFront distributions should use origin access control',
      description:
        'Checks whether every S3 origin of a CloudFront distribution uses origin access control (originAccessControlId). Distributions without S3 origins are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.13'),
    },
    (item, configuration) => {
      const s3 = s3Origins(configuration);
      if (!s3.length) return notApplicable(`Distribution ${item.resourceId} has no S3 origins.`);
      const open = s3.filter((origin) => !asString(field(origin, ['originAccessControlId', 'OriginAccessControlId']))).map(originId);
      return open.length
        ? failed(`S3 origin(s) of distribution ${item.resourceId} without origin access control: ${open.join(', ')}.`)
        : passed(`Every S3 origin of distribution ${item.resourceId} uses origin access control.`);
    },
  ),
];
