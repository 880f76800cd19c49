/**
 * RDS actions of the simulated member account: DB snapshot attributes, recorded on the
 * `AWS::RDS::DBSnapshot` item as `supplementaryConfiguration.DBSnapshotAttributes`
 * (`[{ attributeName, attributeValues }]`, the shape the RDS.1 control reads). Snapshots are named
 * by their identifier (`configuration.dBSnapshotIdentifier`) or resource id. Answers use the Java SDK v2
 * names Step Functions returns (`DbSnapshotAttributesResult`).
 */
import { change, listAt, MemberApiError, regionalItemsOf, requiredString, stringList, type MemberCall } from './account';
import type { StoredConfigurationItem } from '../config-store';

type Attribute = { attributeName: string; attributeValues: string[] };

function dbSnapshot(call: MemberCall): StoredConfigurationItem {
  // Step Functions passes the Java SDK v2 names: DbSnapshotIdentifier (it refuses the API's DBSnapshotIdentifier).
  const identifier = requiredString(call, 'DbSnapshotIdentifier');
  const found = regionalItemsOf(call, 'AWS::RDS::DBSnapshot').find(
    (item) => item.resourceId === identifier || item.resourceName === identifier || (item.configuration as { dBSnapshotIdentifier?: string }).dBSnapshotIdentifier === identifier,
  );
  if (found === undefined) throw new MemberApiError('rds', 'DBSnapshotNotFound', `DBSnapshot ${identifier} not found.`, 404);
  return found;
}

const attributesOf = (item: StoredConfigurationItem) => listAt(item.supplementaryConfiguration, 'DBSnapshotAttributes') as Attribute[];

function answer(item: StoredConfigurationItem, attributes: Attribute[]): unknown {
  const identifier = (item.configuration as { dBSnapshotIdentifier?: string }).dBSnapshotIdentifier ?? item.resourceName ?? item.resourceId;
  // RDS always lists the restore attribute, first; Step Functions answers in the Java SDK v2 names (Db…).
  const restore = attributes.find((a) => a.attributeName === 'restore') ?? { attributeName: 'restore', attributeValues: [] };
  const ordered = [restore, ...attributes.filter((a) => a !== restore)];
  return {
    DbSnapshotAttributesResult: {
      DbSnapshotIdentifier: identifier,
      DbSnapshotAttributes: ordered.map((a) => ({ AttributeName: a.attributeName, AttributeValues: [...(a.attributeValues ?? [])] })),
    },
  };
}

async function describeDBSnapshotAttributes(call: MemberCall): Promise<unknown> {
  const item = dbSnapshot(call);
  return answer(item, attributesOf(item));
}

async function modifyDBSnapshotAttribute(call: MemberCall): Promise<unknown> {
  const item = dbSnapshot(call);
  const name = requiredString(call, 'AttributeName');
  if (name !== 'restore') throw new MemberApiError('rds', 'InvalidParameterValue', `Parameters.AttributeName: only 'restore' can be modified, got '${name}'`);
  const add = stringList(call, 'ValuesToAdd') ?? [];
  const remove = stringList(call, 'ValuesToRemove') ?? [];
  const attributes = attributesOf(item).map((a) => ({ ...a, attributeValues: [...(a.attributeValues ?? [])] }));
  let restore = attributes.find((a) => a.attributeName === 'restore');
  if (restore === undefined) attributes.push((restore = { attributeName: 'restore', attributeValues: [] }));
  restore.attributeValues = [...new Set([...restore.attributeValues.filter((value) => !remove.includes(value)), ...add])];
  const next = (await change(call, item, { set: [{ path: ['supplementaryConfiguration', 'DBSnapshotAttributes'], value: attributes }] })).ConfigurationItem;
  return answer(next, attributesOf(next));
}

/** RDS actions by Step Functions' action name. */
export const RDS_ACTIONS = { describeDBSnapshotAttributes, modifyDBSnapshotAttribute } as const;
