import type { AwsSecurityFinding } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalBoolean, optionalObject, optionalString, requireObject, truncate } from '../fields';
import { partitionFor, requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { lookup, withoutEmpty } from '../objects';
import { awsProductArn } from '../product';
import { optionalTimestamp, requireTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';
import { actionOf, networkOf } from './action';
import { asffTypes } from './finding-types';
import { processOf } from './process';
import { productFieldsOf } from './product-fields';
import { resourcesOf } from './resources';
import { severityOf } from './severity';

/** Console host of a partition (Security Hub links `aws` findings to `<region>.console.aws.amazon.com`). */
const CONSOLE_HOST: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

/** ASFF's limit for Id and GeneratorId. */
const MAX_ID = 512;

/** The detector ARN (Security Hub's GeneratorId): the finding ARN up to `/finding/`. */
function generatorIdOf(findingArn: string, type: string): string {
  const cut = findingArn.indexOf('/finding/');
  return cut > 0 ? findingArn.slice(0, cut) : type;
}

/** Reads the detail, naming paths from the event root (`detail.accountId`) in errors. */
function withEventPaths<T>(read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof UnmappableEventError && error.path !== undefined && !error.path.startsWith('detail')) {
      throw new UnmappableEventError(error.reason, `detail.${error.path}`);
    }
    throw error;
  }
}

/**
 * One GuardDuty finding (the detail of a `GuardDuty Finding` event) as Security Hub imports it.
 * Account and Region come from the finding, never from the envelope: events are forwarded across
 * accounts and Regions.
 */
export function normalizeGuardDutyFinding(detail: unknown): AwsSecurityFinding {
  const findingArn = requireIdentifier(detail, 'arn', MAX_ID);
  const findingId = requireIdentifier(detail, 'id', MAX_ID);
  const account = requireAccountId(detail, 'accountId');
  const region = requireRegion(detail, 'region');
  // The type is the fallback GeneratorId: an identifier, never cut.
  const type = requireIdentifier(detail, 'type', MAX_ID);
  const severity = severityOf(detail, 'severity');
  const partition = partitionFor(optionalString(detail, 'partition'), region);
  const consoleHost = lookup(CONSOLE_HOST, partition);
  const title = optionalString(detail, 'title') ?? type;
  const types = asffTypes(type);
  const service = optionalObject(detail, 'service');
  return {
    SchemaVersion: '2018-10-08',
    Id: findingArn,
    ProductArn: awsProductArn(region, 'guardduty'),
    ProductName: 'GuardDuty',
    CompanyName: 'Amazon',
    Region: region,
    GeneratorId: generatorIdOf(findingArn, type),
    AwsAccountId: account,
    Types: types,
    FirstObservedAt: optionalTimestamp(detail, 'service.eventFirstSeen'),
    LastObservedAt: optionalTimestamp(detail, 'service.eventLastSeen'),
    CreatedAt: requireTimestamp(detail, 'createdAt'),
    UpdatedAt: requireTimestamp(detail, 'updatedAt'),
    Severity: severity,
    Title: truncate(title, 256),
    Description: truncate(optionalString(detail, 'description') ?? title, 1024),
    SourceUrl: consoleHost && `https://${region}.${consoleHost}/guardduty/home?region=${region}#/findings?macros=current&fId=${encodeURIComponent(findingId)}`,
    ProductFields: productFieldsOf(service),
    Resources: resourcesOf(detail, { account, region, partition, findingId }),
    Action: actionOf(detail),
    Network: networkOf(detail),
    Process: processOf(detail),
    RecordState: optionalBoolean(detail, 'service.archived') === true ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: severity.Label, Original: severity.Original }, Types: types },
    Sample: optionalBoolean(detail, 'service.additionalInfo.sample') === true,
  };
}

/** Maps Amazon GuardDuty events (`source: aws.guardduty`, `detail-type: GuardDuty Finding`) to ASFF findings. */
export const guardDutyNormalizer: Normalizer = {
  id: 'guardduty',
  title: 'Amazon GuardDuty',
  eventPattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
  normalize(event: SourceEvent): AwsSecurityFinding[] {
    const detail = requireObject(event, 'detail');
    return [withoutEmpty(withEventPaths(() => normalizeGuardDutyFinding(detail)))];
  },
};
