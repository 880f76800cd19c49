/**
 * Security Hub controls on a CloudFront distribution's viewer TLS security policy (CloudFront.15) and
 * on origin access control for its Lambda function URL origins (CloudFront.16), from the
 * `distributionConfig` AWS Config records.
 */
import type { ControlDefinition } from './types';
import { failed, notApplicable, passed } from './support/verdicts';
import { asArray, asBoolean, asString, field } from './support/readers';
import { controlPage, FSBP } from './support/mappings';
import { defineControl } from './support/guard';

const DISTRIBUTION = ['AWS::CloudFront::Distribution'];

/** The security policies Security Hub recommends (CloudFront.15's `securityPolicies`, not customizable). */
export const RECOMMENDED_TLS_POLICIES = ['TLSv1.2_2021', 'TLSv1.2_2025', 'TLSv1.3_2025'];

/** A Lambda function URL's host name (`<url-id>.lambda-url.<region>.on.aws`). */
const LAMBDA_URL_HOST = /\.lambda-url\.[a-z0-9-]+\.on\.aws$/i;

const distributionConfig = (configuration: Record<string, unknown>) => field(configuration, ['distributionConfig', 'DistributionConfig']) ?? configuration;
const viewerCertificate = (configuration: Record<string, unknown>) => field(distributionConfig(configuration), ['viewerCertificate', 'ViewerCertificate']);
const origins = (configuration: Record<string, unknown>) => asArray(field(distributionConfig(configuration), ['origins', 'Origins'], ['items', 'Items']));

/** Security Hub controls on CloudFront viewer TLS and Lambda function URL origins. */
export const cloudfrontAccessControls: ControlDefinition[] = [
  defineControl(
    {
      id: 'CloudFront.15',
      title: 'CloudFront distributions should use the recommended TLS security policy',
      description: `Checks whether a CloudFront distribution with a custom SSL/TLS certificate uses a recommended viewer security policy (minimumProtocolVersion ${RECOMMENDED_TLS_POLICIES.join(', ')}). Distributions with the default CloudFront certificate or supporting legacy clients (sSLSupportMethod vip) are not evaluated.`,
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.15'),
    },
    (item, configuration) => {
      const certificate = viewerCertificate(configuration);
      const custom =
        asBoolean(field(certificate, ['cloudFrontDefaultCertificate', 'CloudFrontDefaultCertificate'])) === false ||
        !!asString(field(certificate, ['aCMCertificateArn', 'acmcertificateArn', 'ACMCertificateArn', 'iAMCertificateId', 'IAMCertificateId']));
      if (!custom) return notApplicable(`Distribution ${item.resourceId} uses the default CloudFront certificate.`);
      if (asString(field(certificate, ['sSLSupportMethod', 'sslsupportMethod', 'SSLSupportMethod'])) === 'vip')
        return notApplicable(`Distribution ${item.resourceId} supports legacy clients (sSLSupportMethod vip).`);
      const policy = asString(field(certificate, ['minimumProtocolVersion', 'MinimumProtocolVersion'])) ?? 'TLSv1';
      return RECOMMENDED_TLS_POLICIES.includes(policy)
        ? passed(`Distribution ${item.resourceId} uses the recommended TLS security policy ${policy}.`)
        : failed(`Distribution ${item.resourceId} uses the TLS security policy ${policy}, not a recommended one (${RECOMMENDED_TLS_POLICIES.join(', ')}).`);
    },
  ),
  defineControl(
    {
      id: 'CloudFront.16',
      title: 'CloudFront distributions should use origin access control for Lambda function URL origins',
      description:
        'Checks whether every Lambda function URL origin (a domain name *.lambda-url.<Region>.on.aws) of a CloudFront distribution uses origin access control (originAccessControlId). Distributions without such origins are not evaluated.',
      severity: 'MEDIUM',
      resourceTypes: DISTRIBUTION,
      standards: [FSBP],
      remediationUrl: controlPage('CloudFront.16'),
    },
    (item, configuration) => {
      const functionUrls = origins(configuration).filter((origin) => LAMBDA_URL_HOST.test(asString(field(origin, ['domainName', 'DomainName'])) ?? ''));
      if (!functionUrls.length) return notApplicable(`Distribution ${item.resourceId} has no Lambda function URL origins.`);
      const open = functionUrls
        .filter((origin) => !asString(field(origin, ['originAccessControlId', 'OriginAccessControlId'])))
        .map((origin) => asString(field(origin, ['id', 'Id'])) ?? '?');
      return open.length
        ? failed(`Lambda function URL origin(s) of distribution ${item.resourceId} without origin access control: ${open.join(', ')}.`)
        : passed(`Every Lambda function URL origin of distribution ${item.resourceId} uses origin access control.`);
    },
  ),
];
