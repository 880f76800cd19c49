/** CloudTrail trails: whether one logs read and write management events in every Region. Pure. */
import type { ConfigurationItem } from '../types';
import { asArray, asBoolean, asString, field } from './readers';

/**
 * Why a trail does not log read and write management events in every Region, or undefined when
 * it does. Event selectors and status come from `supplementaryConfiguration` (CloudTrail
 * GetEventSelectors / GetTrailStatus); a trail without custom selectors logs all management events.
 */
export function multiRegionGap(trail: ConfigurationItem): string | undefined {
  const configuration = trail.configuration;
  if (asBoolean(field(configuration, ['isMultiRegionTrail', 'IsMultiRegionTrail'])) !== true) return 'is not multi-Region';
  if (asBoolean(field(trail.supplementaryConfiguration, 'TrailStatus', ['IsLogging', 'isLogging'])) === false) return 'is not logging';
  const supplementary = trail.supplementaryConfiguration;
  const basic = asArray(field(supplementary, 'EventSelectors'));
  const advanced = asArray(field(supplementary, 'AdvancedEventSelectors'));
  if (basic.length === 0 && advanced.length === 0) {
    return asBoolean(field(configuration, 'hasCustomEventSelectors')) === true ? 'has custom event selectors that were not recorded' : undefined;
  }
  const basicAll = basic.some((selector) => asBoolean(field(selector, 'IncludeManagementEvents')) !== false && (asString(field(selector, 'ReadWriteType')) ?? 'All') === 'All');
  const advancedAll = advanced.some((selector) => {
    const fields = asArray(field(selector, 'FieldSelectors'));
    const management = fields.some((entry) => asString(field(entry, 'Field')) === 'eventCategory' && asArray(field(entry, 'Equals')).includes('Management'));
    const readOnlyFilter = fields.some((entry) => asString(field(entry, 'Field')) === 'readOnly');
    return management && !readOnlyFilter;
  });
  return basicAll || advancedAll ? undefined : 'does not log both read and write management events';
}

/** Which S3 object-level data events a trail must log: write events (PutObject, DeleteObject…) or read events (GetObject…). */
export type S3DataAccess = 'write' | 'read';

/** A basic selector's data resource covers every bucket: `arn:<partition>:s3` or `arn:<partition>:s3:::`. */
const ALL_BUCKETS = /^arn:[^:]+:s3(:::)?$/;

/**
 * Whether a trail logs S3 object-level data events of `access` for all buckets: a basic event
 * selector on `AWS::S3::Object` for every bucket with ReadWriteType All or WriteOnly (ReadOnly for
 * reads), or an advanced selector on data events of `AWS::S3::Object` without an ARN filter whose
 * readOnly field is absent or selects that access. From `supplementaryConfiguration` (GetEventSelectors).
 */
export function logsAllS3DataEvents(trail: ConfigurationItem, access: S3DataAccess): boolean {
  const supplementary = trail.supplementaryConfiguration;
  const readWrite = access === 'write' ? ['All', 'WriteOnly'] : ['All', 'ReadOnly'];
  const basic = asArray(field(supplementary, 'EventSelectors')).some(
    (selector) =>
      readWrite.includes(asString(field(selector, 'ReadWriteType')) ?? 'All') &&
      asArray(field(selector, 'DataResources')).some(
        (resource) =>
          asString(field(resource, 'Type')) === 'AWS::S3::Object' && asArray(field(resource, 'Values')).some((value) => typeof value === 'string' && ALL_BUCKETS.test(value)),
      ),
  );
  const advanced = asArray(field(supplementary, 'AdvancedEventSelectors')).some((selector) => {
    const fields = asArray(field(selector, 'FieldSelectors'));
    const equals = (name: string) => fields.find((entry) => asString(field(entry, 'Field')) === name);
    const values = (name: string) => asArray(field(equals(name), 'Equals'));
    if (!values('eventCategory').includes('Data') || !values('resources.type').includes('AWS::S3::Object')) return false;
    if (equals('resources.ARN') !== undefined) return false;
    const readOnly = equals('readOnly');
    return readOnly === undefined || values('readOnly').includes(access === 'write' ? 'false' : 'true');
  });
  return basic || advanced;
}
