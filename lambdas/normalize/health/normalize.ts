import { createHash } from 'node:crypto';
import { normalizedFromLabel, type AwsSecurityFinding, type SeverityLabel } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalArray, optionalString, requireString, truncate } from '../fields';
import { requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { awsProductArn } from '../product';
import { productFields } from '../product-fields';
import { requireTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';

/**
 * AWS Health events (EventBridge `source: aws.health`, `detail-type: AWS Health Event`) mapped to
 * ASFF as the Security Hub User Guide's field table for the Health integration documents it. Like
 * Security Hub, only security-related events become findings: events of a security service, events
 * whose type code names security, abuse or a certificate, and events of the `RISK` and `ABUSE`
 * services. Other Health events (maintenance, service issues) map to no finding.
 */

/** Security Hub's Types for every Health finding (documented: `["Software and Configuration Checks"]`). */
export const HEALTH_FINDING_TYPES: readonly string[] = ['Software and Configuration Checks'];

/** The services whose events Security Hub rates MEDIUM (the documented list): AWS's security services. */
const SECURITY_SERVICES = new Set([
  'ACM',
  'ARTIFACT',
  'AUDITMANAGER',
  'BACKUP',
  'CLOUDENDURE',
  'CLOUDHSM',
  'CLOUDTRAIL',
  'CLOUDWATCH',
  'CODEGURU',
  'COGNITO',
  'CONFIG',
  'CONTROLTOWER',
  'DETECTIVE',
  'DIRECTORYSERVICE',
  'DRS',
  'EVENTS',
  'FIREWALLMANAGER',
  'GUARDDUTY',
  'IAM',
  'INSPECTOR',
  'INSPECTOR2',
  'IOTDEVICEDEFENDER',
  'KMS',
  'MACIE',
  'NETWORKFIREWALL',
  'ORGANIZATIONS',
  'RESILIENCEHUB',
  'RESOURCEMANAGER',
  'ROUTE53',
  'SECURITYHUB',
  'SECRETSMANAGER',
  'SES',
  'SHIELD',
  'SSO',
  'WAF',
]);

/** Type codes Security Hub rates CRITICAL besides the `RISK` service's. */
const CRITICAL_TYPE_CODES = new Set([
  'AWS_S3_OPEN_ACCESS_BUCKET_NOTIFICATION',
  'AWS_SHIELD_INTERNET_TRAFFIC_LIMITATIONS_PLACED_IN_RESPONSE_TO_DDOS_ATTACK',
  'AWS_SHIELD_IS_RESPONDING_TO_A_DDOS_ATTACK_AGAINST_YOUR_AWS_RESOURCES',
]);

/**
 * Whether Security Hub imports a Health event: the documented definition of "security-related",
 * plus the type codes its severity rules rate CRITICAL (S3 open buckets, Shield DDoS responses).
 */
export function isSecurityRelated(service: string, typeCode: string): boolean {
  const upperService = service.toUpperCase();
  return (
    SECURITY_SERVICES.has(upperService) ||
    upperService === 'RISK' ||
    upperService === 'ABUSE' ||
    /SECURITY|ABUSE|CERTIFICATE/i.test(typeCode) ||
    CRITICAL_TYPE_CODES.has(typeCode.toUpperCase())
  );
}

/**
 * Security Hub's severity of a Health event (the User Guide's rules, in order). A security-related
 * event that no rule names (e.g. a `SECURITY` type code outside `SECURITY_NOTIFICATION`) is LOW:
 * the guide does not say, and LOW keeps it visible without alerting at the default threshold.
 */
export function healthSeverity(service: string, typeCode: string): SeverityLabel {
  const upperService = service.toUpperCase();
  const code = typeCode.toUpperCase();
  if (upperService === 'RISK' || CRITICAL_TYPE_CODES.has(code)) return 'CRITICAL';
  if (upperService === 'ABUSE' || code.includes('SECURITY_NOTIFICATION') || code.includes('ABUSE_DETECTION')) return 'HIGH';
  if (SECURITY_SERVICES.has(upperService) || code.includes('CERTIFICATE') || code.includes('END_OF_SUPPORT')) return 'MEDIUM';
  return 'LOW';
}

/** `arn:aws:health:<region>::event/…` with the account put in its account field (Security Hub's Id starts so). */
function eventArnWithAccount(eventArn: string, account: string): string {
  const parts = eventArn.split(':');
  if (parts.length < 6 || parts[0] !== 'arn' || parts[2] !== 'health') throw new UnmappableEventError('is not an AWS Health event ARN', 'detail.eventArn');
  parts[4] = account;
  return parts.join(':');
}

/** The English latest description (else the first one); Security Hub cuts it at 1,024 characters with ` (truncated)`. */
function description(event: SourceEvent): string {
  const descriptions = optionalArray(event, 'detail.eventDescription');
  const english = descriptions.findIndex((_, index) => optionalString(event, `detail.eventDescription[${index}].language`) === 'en_US');
  const index = english >= 0 ? english : 0;
  const text = descriptions.length > 0 ? requireString(event, `detail.eventDescription[${index}].latestDescription`) : undefined;
  return truncate(text ?? 'AWS Health event', 1024, ' (truncated)');
}

/** The affected entities' values (resource ids, ARNs), else the event's resources, else the account. */
function resourceIds(event: SourceEvent, account: string): string[] {
  const entities = optionalArray(event, 'detail.affectedEntities').map((_, index) => requireString(event, `detail.affectedEntities[${index}].entityValue`));
  const listed = entities.length > 0 ? entities : optionalArray(event, 'resources').map((_, index) => requireString(event, `resources[${index}]`));
  const ids = listed.length > 0 ? listed : [account];
  return [...new Set(ids.map((id) => truncate(id, 512)))].slice(0, 32);
}

/** Maps one security-related AWS Health event to its ASFF finding; undefined for other Health events. */
export function normalizeHealth(event: SourceEvent): AwsSecurityFinding | undefined {
  const service = requireString(event, 'detail.service');
  const typeCode = requireIdentifier(event, 'detail.eventTypeCode', 256);
  if (!isSecurityRelated(service, typeCode)) return undefined;
  const account = requireAccountId(event, 'account');
  const region = requireRegion(event, 'region');
  const eventArn = requireIdentifier(event, 'detail.eventArn', 400);
  const startTime = requireString(event, 'detail.startTime');
  const createdAt = requireTimestamp(event, 'detail.startTime');
  const updatedAt = requireTimestamp(event, 'time');
  const label = healthSeverity(service, typeCode);
  const hash = createHash('sha256').update(startTime).digest('hex').toUpperCase();

  return {
    SchemaVersion: '2018-10-08',
    Id: `${eventArnWithAccount(eventArn, account)}/${hash}`,
    ProductArn: awsProductArn(region, 'health'),
    ProductName: 'Health',
    CompanyName: 'AWS',
    Region: region,
    GeneratorId: typeCode,
    AwsAccountId: account,
    Types: [...HEALTH_FINDING_TYPES],
    CreatedAt: createdAt,
    UpdatedAt: updatedAt,
    Severity: { Label: label, Normalized: normalizedFromLabel(label) },
    Title: truncate(`AWS Health - ${typeCode}`, 256),
    Description: description(event),
    SourceUrl: `https://phd.aws.amazon.com/phd/home#/event-log?eventID=${encodeURIComponent(eventArn)}`,
    ProductFields: productFields([
      ['aws/health/Service', service],
      ['aws/health/EventTypeCategory', optionalString(event, 'detail.eventTypeCategory')],
      ['aws/health/EventScopeCode', optionalString(event, 'detail.eventScopeCode')],
      ['aws/health/StatusCode', optionalString(event, 'detail.statusCode')],
      ['aws/health/EventArn', eventArn],
    ]),
    Resources: resourceIds(event, account).map((id) => ({ Type: 'Other', Id: id })),
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    FindingProviderFields: { Severity: { Label: label }, Types: [...HEALTH_FINDING_TYPES] },
  };
}

/** Maps AWS Health events to ASFF findings (security-related events only, as Security Hub imports them). */
export const healthNormalizer: Normalizer = {
  id: 'health',
  title: 'AWS Health',
  eventPattern: { source: ['aws.health'], 'detail-type': ['AWS Health Event'] },
  normalize(event) {
    const finding = normalizeHealth(event);
    return finding === undefined ? [] : [finding];
  },
};
