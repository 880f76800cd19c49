/**
 * Security Hub's tag rules (TagResource, UntagResource, EnableSecurityHub's and CreateAutomationRule's
 * Tags): at most 50 tags on a resource; keys 1-128 characters of `[a-zA-Z+-=._:/]` (the model's
 * pattern, whose `+-=` is a character range and so admits digits too) not starting with `aws:`;
 * values at most 256 characters. Pure; errors are `InvalidInputException`s naming the key.
 */
import { InvalidInputError } from '../shared/errors';

/** Most tags on one resource, and per request. */
export const MAX_TAGS = 50;
const MAX_KEY = 128;
const MAX_VALUE = 256;
/** The model's key pattern, `^(?!aws:)[a-zA-Z+-=._:/]+$`. */
const KEY_PATTERN = /^(?!aws:)[a-zA-Z+-=._:/]+$/;

/** Checks one tag key; `path` names it in the error. */
export function validateTagKey(key: unknown, path: string): string {
  if (typeof key !== 'string') throw new InvalidInputError(`Invalid parameter '${path}': expected a string.`);
  if (key.length < 1 || key.length > MAX_KEY) throw new InvalidInputError(`Invalid parameter '${path}': a tag key has 1 to ${MAX_KEY} characters, got ${key.length}.`);
  if (key.startsWith('aws:')) throw new InvalidInputError(`Invalid parameter '${path}': tag keys starting with 'aws:' are reserved for AWS.`);
  if (!KEY_PATTERN.test(key)) throw new InvalidInputError(`Invalid parameter '${path}': '${key}' does not match the tag key pattern ^(?!aws:)[a-zA-Z+-=._:/]+$.`);
  return key;
}

/** Checks a tag map (1 to 50 tags when `required`, else 0 to 50). */
export function validateTagMap(value: unknown, path: string): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidInputError(`Invalid parameter '${path}': expected a map of tags.`);
  const entries = Object.entries(value);
  if (entries.length > MAX_TAGS) throw new InvalidInputError(`Invalid parameter '${path}': has ${entries.length} tags; at most ${MAX_TAGS}.`);
  for (const [key, tag] of entries) {
    validateTagKey(key, `${path}.${key}`);
    if (typeof tag !== 'string') throw new InvalidInputError(`Invalid parameter '${path}.${key}': expected a string.`);
    if (tag.length > MAX_VALUE) throw new InvalidInputError(`Invalid parameter '${path}.${key}': a tag value has at most ${MAX_VALUE} characters, got ${tag.length}.`);
  }
  return value as Record<string, string>;
}

/** The resource's tags after TagResource: added keys replace existing ones; at most 50 in all. */
export function addTags(current: Record<string, string> | undefined, added: Record<string, string>, resourceArn: string): Record<string, string> {
  const next = { ...(current ?? {}), ...added };
  const count = Object.keys(next).length;
  if (count > MAX_TAGS) throw new InvalidInputError(`Invalid parameter 'Tags': ${resourceArn} would have ${count} tags; a resource has at most ${MAX_TAGS}.`);
  return next;
}

/** The resource's tags after UntagResource (keys it does not have are ignored, as Security Hub does). */
export function removeTags(current: Record<string, string> | undefined, keys: readonly string[]): Record<string, string> {
  const drop = new Set(keys);
  return Object.fromEntries(Object.entries(current ?? {}).filter(([key]) => !drop.has(key)));
}
