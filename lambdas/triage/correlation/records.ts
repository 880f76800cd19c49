/**
 * The findings table's stream records as correlation reads them: a finding item's old and new
 * images become a {@link Transition} (its membership before and after) and the new stored version.
 * Pure: images are DynamoDB attribute-value JSON, unmarshalled here.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { fromFindingItem, type StoredFinding } from '../../store';
import { FINDING_SK, TABLE_KEYS } from '../../store';
import { membershipOf, type Transition } from './summary';

/** One stream record, as Lambda delivers it (the members read here). */
export interface CorrelationStreamRecord {
  eventID?: string;
  eventName?: string;
  dynamodb?: {
    Keys?: Record<string, unknown>;
    NewImage?: Record<string, unknown>;
    OldImage?: Record<string, unknown>;
    SequenceNumber?: string;
  };
}

/** A record correlation cannot read: names it and what is wrong. */
export class UnreadableRecordError extends Error {
  override readonly name = 'UnreadableRecordError';
}

function storedOf(image: Record<string, unknown> | undefined, where: string): StoredFinding | undefined {
  if (image === undefined) return undefined;
  try {
    return fromFindingItem(unmarshall(image as Record<string, AttributeValue>));
  } catch (error) {
    throw new UnreadableRecordError(`${where}: not a finding item (${(error as Error).message})`);
  }
}

/**
 * The transition of a finding item's record, its new stored version (absent on removal) and the
 * top-level fields its change updated; undefined for records of other items.
 */
export function decodeRecord(record: CorrelationStreamRecord): { transition: Transition; stored?: StoredFinding; updatedFields: string[] } | undefined {
  const image = record.dynamodb?.NewImage ?? record.dynamodb?.OldImage;
  const sortKey = (image?.[TABLE_KEYS.sortKey] ?? record.dynamodb?.Keys?.[TABLE_KEYS.sortKey]) as { S?: string } | undefined;
  if (sortKey?.S !== FINDING_SK) return undefined;
  const where = `record ${record.eventID ?? record.dynamodb?.SequenceNumber ?? '?'}`;
  const removed = record.eventName === 'REMOVE';
  const stored = removed ? undefined : storedOf(record.dynamodb?.NewImage, `${where} NewImage`);
  const old = storedOf(record.dynamodb?.OldImage, `${where} OldImage`);
  const reference = stored ?? old;
  if (reference === undefined) throw new UnreadableRecordError(`${where}: has neither a NewImage nor an OldImage`);
  // 12 characters of the key (72 bits) keep the summary's memory of applied transitions small.
  const token = stored ? `${stored.key.slice(0, 12)}@${stored.version}` : `${reference.key.slice(0, 12)}@${reference.version}-removed`;
  const updatedFields = stored && !stored.lastChange.created ? [...new Set(stored.lastChange.updates.map((update) => update.UpdatedField.split('.')[0]))] : [];
  return {
    transition: {
      token,
      ...(old && membershipOf(old.finding) && { before: membershipOf(old.finding) }),
      ...(stored && membershipOf(stored.finding) && { after: membershipOf(stored.finding) }),
    },
    ...(stored && { stored }),
    updatedFields,
  };
}
