import type { AwsSecurityFinding, Partition } from '../shared/asff/types';
import { UnmappableEventError } from '../shared/normalize/errors';
import { optionalBoolean, optionalObject, optionalString, requireObject, requireString, truncate } from '../shared/normalize/fields';
import { awsProductArn, partitionOf } from '../shared/normalize/product';
import { optionalTimestamp, requireTimestamp } from '../shared/normalize/time';
import type { Normalizer, SourceEvent } from '../shared/normalize/types';
import { actionOf, networkOf } from './action';
import { asffTypes } from './finding-types';
import { processOf } from './process';
import { productFieldsOf } from './product-fields';
import { resourcesOf } from './resources';
import { severityOf } from './severity';

const ACCOUNT = /^\d{12}$/;
const PARTITIONS: readonly string[] = ['aws', 'aws-cn', 'aws-us-gov'];

/** Console host of a partition (Security Hub links `aws` findings to `<region>.console.aws.amazon.com`). */
const CONSOLE_HOST: Readonly<Record<string, string>> = {
  aws: 'console.aws.amazon.com',
  'aws-cn': 'console.amazonaws.cn',
  'aws-us-gov': 'console.amazonaws-us-gov.com',
};

function accountOf(detail: unknown): string {
  const account = requireString(detail, 'accountId');
  if (!ACCOUNT.test(account)) throw new UnmappableEventError(`must be 12 digits, got ${account.slice(0, 20)}`, 'detail.accountId');
  return account;
}

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
  const findingArn = requireString(detail, 'arn');
  const findingId = requireString(detail, 'id');
  const account = accountOf(detail);
  const region = requireString(detail, 'region');
  const type = requireString(detail, 'type');
  const severity = severityOf(detail, 'severity');
  const declared = optionalString(detail, 'partition');
  const partition = (declared !== undefined && PARTITIONS.includes(declared) ? declared : partitionOf(region)) as Partition;
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
    SourceUrl: `https://${region}.${CONSOLE_HOST[partition]}/guardduty/home?region=${region}#/findings?macros=current&fId=${encodeURIComponent(findingId)}`,
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

/** Drops members left undefined (optional parts the finding does not have). */
function withoutUndefined(finding: AwsSecurityFinding): AwsSecurityFinding {
  return Object.fromEntries(Object.entries(finding).filter(([, value]) => value !== undefined)) as unknown as AwsSecurityFinding;
}

/** Maps Amazon GuardDuty events (`source: aws.guardduty`, `detail-type: GuardDuty Finding`) to ASFF findings. */
export const guardDutyNormalizer: Normalizer = {
  id: 'guardduty',
  title: 'Amazon GuardDuty',
  eventPattern: { source: ['aws.guardduty'], 'detail-type': ['GuardDuty Finding'] },
  normalize(event: SourceEvent): AwsSecurityFinding[] {
    const detail = requireObject(event, 'detail');
    return [withoutUndefined(withEventPaths(() => normalizeGuardDutyFinding(detail)))];
  },
};
