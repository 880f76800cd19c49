import type { Partition } from '../asff';
import { UnmappableEventError } from './errors';
import { at, optionalString, requireString } from './fields';
import { partitionOf } from './product';

/**
 * Identity fields every normalizer reads (account, Region, partition, finding ids). Malformed
 * values are refused with `UnmappableEventError` naming the path: a finding filed under the wrong
 * account or Region, or with a cut Id, would be worse than a dead-lettered event.
 */

/** ASFF's limit for `Region` and `Resources[].Region`. */
export const MAX_REGION_LENGTH = 16;
/** `eu-central-1`, `us-gov-west-1`, `us-isob-east-1`… */
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;
const ACCOUNT = /^\d{12}$/;
/** The AWS partitions ASFF's `Resources[].Partition` allows. */
const PARTITIONS: ReadonlySet<string> = new Set<Partition>(['aws', 'aws-cn', 'aws-us-gov', 'aws-us-iso', 'aws-us-iso-b']);

const got = (value: unknown) => JSON.stringify(value)?.slice(0, 40);

/** Whether a string is an AWS Region code ASFF can carry. */
export function isRegion(value: string): boolean {
  return value.length <= MAX_REGION_LENGTH && REGION.test(value);
}

/** The Region code at the path. */
export function requireRegion(root: unknown, path: string): string {
  const region = requireString(root, path).trim();
  if (!isRegion(region)) throw new UnmappableEventError(`must be an AWS Region code, got ${got(region)}`, path);
  return region;
}

/** The Region code at the path; undefined when absent or a placeholder such as `N/A`. */
export function regionAt(root: unknown, path: string): string | undefined {
  const value = optionalString(root, path)?.trim();
  return value !== undefined && isRegion(value) ? value : undefined;
}

/**
 * A 12-digit AWS account id. Accepts a string or a number; a number loses leading zeros in JSON,
 * so it is padded back to 12 digits.
 */
export function requireAccountId(root: unknown, path: string): string {
  const value = at(root, path);
  if (value === undefined || value === null || value === '') throw new UnmappableEventError('is required', path);
  const text = typeof value === 'number' && Number.isInteger(value) && value >= 0 ? String(value).padStart(12, '0') : value;
  if (typeof text !== 'string' || !ACCOUNT.test(text.trim())) {
    throw new UnmappableEventError(`must be a 12-digit account id, got ${got(value)}`, path);
  }
  return text.trim();
}

/** A non-blank identifier (finding id, ARN) of at most `maxLength` characters: ids are never cut. */
export function requireIdentifier(root: unknown, path: string, maxLength: number): string {
  const value = requireString(root, path);
  if (value.length > maxLength) {
    throw new UnmappableEventError(`must be at most ${maxLength} characters, got ${value.length}`, path);
  }
  return value;
}

/** The finding's declared partition when ASFF knows it, else the Region's. */
export function partitionFor(declared: string | undefined, region: string): Partition {
  return declared !== undefined && PARTITIONS.has(declared) ? (declared as Partition) : partitionOf(region);
}

/** Whether a string is a partition ASFF resources can carry. */
export function isPartition(value: string | undefined): value is Partition {
  return value !== undefined && PARTITIONS.has(value);
}
