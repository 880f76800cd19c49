import { normalizedFromLabel } from '../../asff';
import type { AwsSecurityFinding, Resource, Severity, SeverityLabel } from '../../asff';
import { UnmappableEventError } from '../errors';
import { at, optionalBoolean, optionalNumber, optionalObject, optionalString, requireString, truncate } from '../fields';
import { partitionFor, requireAccountId, requireIdentifier, requireRegion } from '../identity';
import { awsProductArn } from '../product';
import { productFields as boundedProductFields } from '../product-fields';
import { optionalTimestamp, requireTimestamp } from '../time';
import type { Normalizer, SourceEvent } from '../types';
import { policyAction } from './action';
import { bucketName, bucketResource, objectResource, type ResourceScope } from './resources';

/**
 * Amazon Macie findings (EventBridge `source: aws.macie`, `detail-type: Macie Finding`; the
 * detail is Macie's `Finding`) mapped to ASFF as Security Hub shows them.
 */

/** Security Hub's GeneratorId for every Macie finding. */
export const MACIE_GENERATOR_ID = 'aws/macie';

/**
 * ASFF type namespace per Macie type. Security Hub documents `Policy:IAMUser/S3BucketPublic` as
 * `Effects/Data Exposure/Policy:IAMUser-S3BucketPublic`; the other types take their category's default.
 */
const NAMESPACE_BY_TYPE: ReadonlyMap<string, string> = new Map([['Policy:IAMUser/S3BucketPublic', 'Effects/Data Exposure']]);
const NAMESPACE_BY_CATEGORY = {
  POLICY: 'Software and Configuration Checks/AWS Security Best Practices',
  CLASSIFICATION: 'Sensitive Data Identifications/PII',
} as const;
type Category = keyof typeof NAMESPACE_BY_CATEGORY;

/** Macie severity description (and its 1–3 score) → ASFF label. */
const LABEL_BY_DESCRIPTION: ReadonlyMap<string, SeverityLabel> = new Map([
  ['low', 'LOW'],
  ['medium', 'MEDIUM'],
  ['high', 'HIGH'],
]);
const LABEL_BY_SCORE: ReadonlyMap<number, SeverityLabel> = new Map([
  [1, 'LOW'],
  [2, 'MEDIUM'],
  [3, 'HIGH'],
]);

/** CLASSIFICATION or POLICY: `detail.category`, else the type's prefix (`SensitiveData:` / `Policy:`). */
function categoryOf(event: unknown, type: string): Category {
  const category = optionalString(event, 'detail.category')?.toUpperCase();
  if (category === 'CLASSIFICATION' || category === 'POLICY') return category;
  if (type.startsWith('SensitiveData:') || optionalObject(event, 'detail.classificationDetails') !== undefined) {
    return 'CLASSIFICATION';
  }
  return 'POLICY';
}

/** `Policy:IAMUser/S3BucketPublic` → `Effects/Data Exposure/Policy:IAMUser-S3BucketPublic` (ASFF allows three `/` segments). */
export function findingType(macieType: string, category: Category): string {
  const namespace = NAMESPACE_BY_TYPE.get(macieType) ?? NAMESPACE_BY_CATEGORY[category];
  return `${namespace}/${macieType.replaceAll('/', '-')}`;
}

function severity(event: unknown): Severity {
  const description = optionalString(event, 'detail.severity.description');
  const score = optionalNumber(event, 'detail.severity.score');
  const label =
    (description !== undefined ? LABEL_BY_DESCRIPTION.get(description.trim().toLowerCase()) : undefined) ??
    (score !== undefined ? LABEL_BY_SCORE.get(Math.round(score)) : undefined);
  if (label === undefined) {
    const path = description !== undefined || score === undefined ? 'detail.severity.description' : 'detail.severity.score';
    const got = description ?? score;
    throw new UnmappableEventError(got === undefined ? 'is required (Low, Medium or High, or a score of 1–3)' : `is not a Macie severity: ${JSON.stringify(got)}`, path);
  }
  const original = description ?? String(score);
  return {
    Label: label,
    Normalized: normalizedFromLabel(label),
    ...(score !== undefined ? { Product: score } : {}),
    Original: truncate(original, 64),
  };
}

/** A string, number or boolean as ProductFields text; undefined when absent. */
function fieldText(event: unknown, path: string): string | undefined {
  const value = at(event, path);
  return typeof value === 'boolean' ? String(value) : optionalString(event, path);
}

/** Macie attributes Security Hub keeps as ProductFields (job, object and bucket facts), only those present. */
function productFields(event: unknown, macieType: string, category: Category): Record<string, string> | undefined {
  const bucket = 'detail.resourcesAffected.s3Bucket';
  const object = 'detail.resourcesAffected.s3Object';
  return boundedProductFields(
    Object.entries({
      FindingType: macieType,
      Category: category,
      Count: fieldText(event, 'detail.count'),
      JobArn: fieldText(event, 'detail.classificationDetails.jobArn'),
      JobId: fieldText(event, 'detail.classificationDetails.jobId'),
      OriginType: fieldText(event, 'detail.classificationDetails.originType'),
      'S3Bucket.effectivePermission': fieldText(event, `${bucket}.publicAccess.effectivePermission`),
      'S3Bucket.allowsUnencryptedObjectUploads': fieldText(event, `${bucket}.allowsUnencryptedObjectUploads`),
      'S3Object.Path': fieldText(event, `${object}.path`),
      'S3Object.Extension': fieldText(event, `${object}.extension`),
      'S3Object.Size': fieldText(event, `${object}.size`),
      'S3Object.StorageClass': fieldText(event, `${object}.storageClass`),
      'S3Object.PublicAccess': fieldText(event, `${object}.publicAccess`),
      'Actor.UserIdentity.Type': fieldText(event, 'detail.policyDetails.actor.userIdentity.type'),
    }),
  );
}

/** ASFF's limit for the finding Id. */
const MAX_ID = 512;

/** Maps one Macie finding event to its ASFF finding. */
export function normalizeMacie(event: SourceEvent): AwsSecurityFinding {
  const id = requireIdentifier(event, 'detail.id', MAX_ID);
  const account = requireAccountId(event, 'detail.accountId');
  const region = requireRegion(event, 'detail.region');
  const partition = partitionFor(optionalString(event, 'detail.partition'), region);
  const macieType = requireString(event, 'detail.type');
  const category = categoryOf(event, macieType);
  const createdAt = requireTimestamp(event, 'detail.createdAt');
  const updatedAt = optionalTimestamp(event, 'detail.updatedAt') ?? createdAt;
  const title = optionalString(event, 'detail.title') ?? macieType;
  const types = [findingType(macieType, category)];
  const action = policyAction(event);

  const scope: ResourceScope = { partition, region };
  const resources: Resource[] = [bucketResource(event, scope)];
  if (category === 'CLASSIFICATION' || optionalObject(event, 'detail.resourcesAffected.s3Object') !== undefined) {
    resources.push(objectResource(event, scope, bucketName(event)));
  }
  const findingSeverity = severity(event);

  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: awsProductArn(region, 'macie'),
    ProductName: 'Macie',
    CompanyName: 'Amazon',
    Region: region,
    GeneratorId: MACIE_GENERATOR_ID,
    AwsAccountId: account,
    Types: types,
    FirstObservedAt: action?.AwsApiCallAction?.FirstSeen ?? createdAt,
    LastObservedAt: action?.AwsApiCallAction?.LastSeen ?? updatedAt,
    CreatedAt: createdAt,
    UpdatedAt: updatedAt,
    Severity: findingSeverity,
    Title: truncate(title, 256),
    Description: truncate(optionalString(event, 'detail.description') ?? title, 1024),
    ProductFields: productFields(event, macieType, category),
    Resources: resources,
    ...(action ? { Action: action } : {}),
    RecordState: optionalBoolean(event, 'detail.archived') === true ? 'ARCHIVED' : 'ACTIVE',
    FindingProviderFields: { Severity: { Label: findingSeverity.Label, Original: findingSeverity.Original }, Types: types },
    Sample: optionalBoolean(event, 'detail.sample') === true,
  };
}

/** Maps Amazon Macie events to ASFF findings. */
export const macieNormalizer: Normalizer = {
  id: 'macie',
  title: 'Amazon Macie',
  eventPattern: { source: ['aws.macie'], 'detail-type': ['Macie Finding'] },
  normalize(event) {
    return [normalizeMacie(event)];
  },
};
