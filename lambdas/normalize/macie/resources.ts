import type { DataClassification, Occurrences, Partition, Range, Resource } from '../../asff';
import { UnmappableEventError } from '../errors';
import { optionalArray, optionalBoolean, optionalInteger, optionalObject, optionalString, requireString } from '../fields';
import { compact, nonEmpty, withoutEmpty } from '../objects';
import { tagsFromPairs } from '../tags';
import { optionalTimestamp } from '../time';

/**
 * The affected S3 bucket and object of a Macie finding (`detail.resourcesAffected`) as ASFF
 * resources, with Macie's sensitive data (`detail.classificationDetails`) on the object.
 */

const BUCKET = 'detail.resourcesAffected.s3Bucket';
const OBJECT = 'detail.resourcesAffected.s3Object';
const CLASSIFICATION = 'detail.classificationDetails';

/** Macie's `encryptionType` values that mean "no server-side encryption" (kept out of ASFF). */
const NO_ENCRYPTION = new Set(['NONE', 'UNKNOWN']);

/** Where the resources live: partition and Region of the finding. */
export interface ResourceScope {
  partition: Partition;
  region: string;
}

function encryptionAlgorithm(root: unknown, path: string): string | undefined {
  const type = optionalString(root, path);
  return type === undefined || NO_ENCRYPTION.has(type) ? undefined : type;
}

function blockPublicAccess(root: unknown, path: string): Record<string, boolean | undefined> | undefined {
  return compact({
    BlockPublicAcls: optionalBoolean(root, `${path}.blockPublicAcls`),
    BlockPublicPolicy: optionalBoolean(root, `${path}.blockPublicPolicy`),
    IgnorePublicAcls: optionalBoolean(root, `${path}.ignorePublicAcls`),
    RestrictPublicBuckets: optionalBoolean(root, `${path}.restrictPublicBuckets`),
  });
}

/** The bucket name: `s3Bucket.name`, else the name in `s3Bucket.arn`. */
export function bucketName(event: unknown): string {
  const name = optionalString(event, `${BUCKET}.name`);
  if (name !== undefined) return name;
  const arn = optionalString(event, `${BUCKET}.arn`);
  const fromArn = arn?.split(':::')[1];
  if (fromArn) return fromArn;
  throw new UnmappableEventError('is required (or s3Bucket.arn)', `${BUCKET}.name`);
}

/** The bucket as `AwsS3Bucket` with owner, creation time, default encryption and public access block. */
export function bucketResource(event: unknown, scope: ResourceScope): Resource {
  requireObjectAt(event, BUCKET);
  const name = bucketName(event);
  const algorithm = encryptionAlgorithm(event, `${BUCKET}.defaultServerSideEncryption.encryptionType`);
  const kmsKey = optionalString(event, `${BUCKET}.defaultServerSideEncryption.kmsMasterKeyId`);
  const details = compact({
    OwnerId: optionalString(event, `${BUCKET}.owner.id`),
    OwnerName: optionalString(event, `${BUCKET}.owner.displayName`),
    CreatedAt: optionalTimestamp(event, `${BUCKET}.createdAt`),
    ServerSideEncryptionConfiguration:
      algorithm === undefined ? undefined : { Rules: [{ ApplyServerSideEncryptionByDefault: compact({ SSEAlgorithm: algorithm, KMSMasterKeyID: kmsKey }) }] },
    PublicAccessBlockConfiguration: blockPublicAccess(event, `${BUCKET}.publicAccess.permissionConfiguration.bucketLevelPermissions.blockPublicAccess`),
  });
  return withoutEmpty({
    Type: 'AwsS3Bucket',
    Id: optionalString(event, `${BUCKET}.arn`) ?? `arn:${scope.partition}:s3:::${name}`,
    Partition: scope.partition,
    Region: scope.region,
    Tags: tagsFromPairs(event, `${BUCKET}.tags`),
    Details: details && { AwsS3Bucket: details },
  });
}

/** The object as `AwsS3Object` (key, ETag, version, content type, encryption) carrying the finding's sensitive data. */
export function objectResource(event: unknown, scope: ResourceScope, bucket: string): Resource {
  requireObjectAt(event, OBJECT);
  const key = requireString(event, `${OBJECT}.key`);
  const details = compact({
    LastModified: optionalTimestamp(event, `${OBJECT}.lastModified`),
    ETag: optionalString(event, `${OBJECT}.eTag`),
    VersionId: optionalString(event, `${OBJECT}.versionId`),
    ContentType: optionalString(event, `${CLASSIFICATION}.result.mimeType`),
    ServerSideEncryption: encryptionAlgorithm(event, `${OBJECT}.serverSideEncryption.encryptionType`),
    SSEKMSKeyId: optionalString(event, `${OBJECT}.serverSideEncryption.kmsMasterKeyId`),
  });
  return withoutEmpty({
    Type: 'AwsS3Object',
    Id: `arn:${scope.partition}:s3:::${bucket}/${key}`,
    Partition: scope.partition,
    Region: scope.region,
    Tags: tagsFromPairs(event, `${OBJECT}.tags`),
    DataClassification: dataClassification(event),
    Details: details && { AwsS3Object: details },
  });
}

function range(root: unknown, path: string): Range | undefined {
  return compact({
    Start: optionalInteger(root, `${path}.start`),
    End: optionalInteger(root, `${path}.end`),
    StartColumn: optionalInteger(root, `${path}.startColumn`),
  });
}

function ranges(root: unknown, path: string): Range[] | undefined {
  return nonEmpty(optionalArray(root, path).flatMap((_, index) => range(root, `${path}[${index}]`) ?? []));
}

/** Macie `occurrences` (cells, line/offset ranges, pages, records) in ASFF casing. */
function occurrences(root: unknown, path: string): Occurrences | undefined {
  if (optionalObject(root, path) === undefined) return undefined;
  const list = <T>(name: string, map: (itemPath: string) => T | undefined): T[] | undefined =>
    nonEmpty(optionalArray(root, `${path}.${name}`).flatMap((_, index) => map(`${path}.${name}[${index}]`) ?? []));
  return compact({
    LineRanges: ranges(root, `${path}.lineRanges`),
    OffsetRanges: ranges(root, `${path}.offsetRanges`),
    Pages: list('pages', (item) =>
      compact({
        PageNumber: optionalInteger(root, `${item}.pageNumber`),
        LineRange: range(root, `${item}.lineRange`),
        OffsetRange: range(root, `${item}.offsetRange`),
      }),
    ),
    Records: list('records', (item) => compact({ JsonPath: optionalString(root, `${item}.jsonPath`), RecordIndex: optionalInteger(root, `${item}.recordIndex`) })),
    Cells: list('cells', (item) =>
      compact({
        Column: optionalInteger(root, `${item}.column`),
        Row: optionalInteger(root, `${item}.row`),
        ColumnName: optionalString(root, `${item}.columnName`),
        CellReference: optionalString(root, `${item}.cellReference`),
      }),
    ),
  });
}

/** `classificationDetails` → ASFF `DataClassification` (status, size, MIME type, categories with detections, custom identifiers). */
export function dataClassification(event: unknown): DataClassification | undefined {
  if (optionalObject(event, CLASSIFICATION) === undefined) return undefined;
  const result = `${CLASSIFICATION}.result`;
  const sensitiveData = optionalArray(event, `${result}.sensitiveData`).map((_, index) => {
    const item = `${result}.sensitiveData[${index}]`;
    return withoutEmpty({
      Category: optionalString(event, `${item}.category`),
      TotalCount: optionalInteger(event, `${item}.totalCount`),
      Detections: nonEmpty(
        optionalArray(event, `${item}.detections`).map((__, detection) =>
          withoutEmpty({
            Type: optionalString(event, `${item}.detections[${detection}].type`),
            Count: optionalInteger(event, `${item}.detections[${detection}].count`),
            Occurrences: occurrences(event, `${item}.detections[${detection}].occurrences`),
          }),
        ),
      ),
    });
  });
  const custom = `${result}.customDataIdentifiers`;
  const customDetections = optionalArray(event, `${custom}.detections`).map((_, index) =>
    withoutEmpty({
      Arn: optionalString(event, `${custom}.detections[${index}].arn`),
      Name: optionalString(event, `${custom}.detections[${index}].name`),
      Count: optionalInteger(event, `${custom}.detections[${index}].count`),
      Occurrences: occurrences(event, `${custom}.detections[${index}].occurrences`),
    }),
  );
  return compact({
    DetailedResultsLocation: optionalString(event, `${CLASSIFICATION}.detailedResultsLocation`),
    Result: compact({
      MimeType: optionalString(event, `${result}.mimeType`),
      SizeClassified: optionalInteger(event, `${result}.sizeClassified`),
      AdditionalOccurrences: optionalBoolean(event, `${result}.additionalOccurrences`),
      Status: compact({ Code: optionalString(event, `${result}.status.code`), Reason: optionalString(event, `${result}.status.reason`) }),
      SensitiveData: nonEmpty(sensitiveData),
      CustomDataIdentifiers: compact({
        TotalCount: optionalInteger(event, `${custom}.totalCount`),
        Detections: nonEmpty(customDetections),
      }),
    }),
  });
}

function requireObjectAt(event: unknown, path: string): void {
  if (optionalObject(event, path) === undefined) throw new UnmappableEventError('is required', path);
}
