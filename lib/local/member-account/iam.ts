/**
 * IAM actions of the simulated member account: a user's access keys, recorded on the
 * `AWS::IAM::User` item as `supplementaryConfiguration.AccessKeys` (`[{ accessKeyId, status,
 * createDate }]`; AWS Config does not record keys, so the simulated account keeps them there and
 * mirrors `access_key_<n>_active` in the user's CredentialReport). IAM is global: any Region's item.
 */
import { change, itemsOf, listAt, MemberApiError, objectAt, requiredString, type MemberCall } from './account';
import type { StoredConfigurationItem } from '../config-store';

type Key = { accessKeyId: string; status: string; createDate?: string };

function user(call: MemberCall): StoredConfigurationItem {
  const userName = requiredString(call, 'UserName');
  const found = itemsOf(call, 'AWS::IAM::User').find((item) => (item.configuration as { userName?: string }).userName === userName);
  if (found === undefined) throw new MemberApiError('iam', 'NoSuchEntity', `The user with name ${userName} cannot be found.`, 404);
  return found;
}

const keysOf = (item: StoredConfigurationItem) => listAt(item.supplementaryConfiguration, 'AccessKeys') as Key[];

async function listAccessKeys(call: MemberCall): Promise<unknown> {
  const item = user(call);
  const userName = (item.configuration as { userName: string }).userName;
  return {
    AccessKeyMetadata: keysOf(item).map((key) => ({ UserName: userName, AccessKeyId: key.accessKeyId, Status: key.status, CreateDate: key.createDate })),
    IsTruncated: false,
  };
}

async function updateAccessKey(call: MemberCall): Promise<unknown> {
  const item = user(call);
  const accessKeyId = requiredString(call, 'AccessKeyId');
  const status = requiredString(call, 'Status');
  if (status !== 'Active' && status !== 'Inactive') throw new MemberApiError('iam', 'ValidationError', `Parameters.Status: 'Active' or 'Inactive', got '${status}'`);
  const keys = keysOf(item);
  const index = keys.findIndex((key) => key.accessKeyId === accessKeyId);
  if (index < 0) throw new MemberApiError('iam', 'NoSuchEntity', `The Access Key with id ${accessKeyId} cannot be found.`, 404);
  const report = objectAt(item.supplementaryConfiguration, 'CredentialReport');
  const set: Array<{ path: Array<string | number>; value: unknown }> = [{ path: ['supplementaryConfiguration', 'AccessKeys', index, 'status'], value: status }];
  if (Object.keys(report).length > 0 && index < 2)
    set.push({ path: ['supplementaryConfiguration', 'CredentialReport', `access_key_${index + 1}_active`], value: String(status === 'Active') });
  await change(call, item, { set });
  return {};
}

/** IAM actions by Step Functions' action name. */
export const IAM_ACTIONS = { listAccessKeys, updateAccessKey } as const;
