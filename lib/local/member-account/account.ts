/**
 * The simulated member account as Step Functions' AWS SDK integrations see it: the resources are
 * the local AWS Config store's recorded items (lib/local/config-store.ts), a change records the next
 * version and emits AWS Config's change event exactly as `sechub simulate-change` does
 * ({@link recordChange}), so the compliance change evaluator re-evaluates through the normal path.
 * Errors carry Step Functions' names (`<Service>.<ErrorCode>`) so a state's `Catch` matches them.
 */
import { MEMBER_REMEDIATION_ROLE_NAME } from '../../../lambdas/remediation';
import { putResource, recordChange, type LocalConfig, type RecordedChange } from '../config-service';
import type { ItemChange } from '../config-changes';
import { isDeletedItem, type StoredConfigurationItem } from '../config-store';
import type { LocalEventBus } from '../engine';

/** Service prefixes of Step Functions' error names, by the integration's service (`aws-sdk:<service>:…`). */
export const SERVICE_ERROR_PREFIX: Readonly<Record<string, string>> = { s3: 'S3', ec2: 'Ec2', iam: 'Iam', cloudtrail: 'CloudTrail', rds: 'Rds' };

/** Each service's own access-denied error code. */
const ACCESS_DENIED_CODE: Readonly<Record<string, string>> = {
  s3: 'AccessDenied',
  ec2: 'UnauthorizedOperation',
  iam: 'AccessDenied',
  cloudtrail: 'AccessDeniedException',
  rds: 'AccessDenied',
};

/** An error of an emulated API call, named as Step Functions names it: `S3.NoSuchBucket`, `Ec2.InvalidGroup.NotFound`. */
export class MemberApiError extends Error {
  constructor(
    readonly service: string,
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(`${message} (Service: ${SERVICE_ERROR_PREFIX[service] ?? service}, Status Code: ${statusCode}, Error Code: ${code})`);
    this.name = `${SERVICE_ERROR_PREFIX[service] ?? service}.${code}`;
  }
}

/** A fault injected into the next calls of one action (tests: "the API call fails"). */
export interface InjectedFault {
  code: string;
  message: string;
  /** How many calls fail; default: every call until cleared. */
  times?: number;
}

/** The simulated member account(s): the Config store, the bus changes are announced on, injected faults, snapshots. */
export class SimulatedMemberAccounts {
  private readonly faults = new Map<string, InjectedFault>();
  /** EBS snapshots taken (AWS Config does not record them): by account. */
  readonly snapshots: Array<{ accountId: string; region: string; SnapshotId: string; VolumeId: string; Description: string; StartTime: string }> = [];
  /** Every emulated call, in order (what a test or the bench asserts on). */
  readonly calls: Array<{ action: string; accountId: string; parameters: Record<string, unknown>; error?: string }> = [];

  constructor(
    readonly config: LocalConfig,
    readonly bus: Pick<LocalEventBus, 'putEvents'>,
  ) {}

  /** Makes `service:action` (e.g. `ec2:revokeSecurityGroupIngress`) fail with `<Service>.<code>`. */
  injectFault(action: string, fault: InjectedFault): void {
    this.faults.set(action, { ...fault });
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Throws the injected fault of an action, if any (and counts it down). */
  takeFault(service: string, action: string): void {
    const key = `${service}:${action}`;
    const fault = this.faults.get(key);
    if (fault === undefined) return;
    if (fault.times !== undefined && --fault.times <= 0) this.faults.delete(key);
    throw new MemberApiError(service, fault.code, fault.message);
  }

  /**
   * The account a call acts in: the one of `Credentials.RoleArn`, which must be that account's
   * remediation role (the cross-account boundary); else the service's access-denied error.
   */
  accountOf(service: string, action: string, roleArn: string | undefined): string {
    const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(.+)$/.exec(roleArn ?? '');
    const denied = (why: string) => new MemberApiError(service, ACCESS_DENIED_CODE[service] ?? 'AccessDenied', `Not authorized to perform ${service}:${action}: ${why}`, 403);
    if (roleArn === undefined) throw denied(`the task has no Credentials.RoleArn (the member account's ${MEMBER_REMEDIATION_ROLE_NAME} role)`);
    if (match === null || match[2] !== MEMBER_REMEDIATION_ROLE_NAME)
      throw denied(`Credentials.RoleArn '${roleArn}' is not arn:aws:iam::<account>:role/${MEMBER_REMEDIATION_ROLE_NAME}`);
    if (!this.config.store.latest().some((item) => item.accountId === match[1])) throw denied(`account ${match[1]} is no simulated member account (its role cannot be assumed)`);
    return match[1];
  }
}

/** One emulated call: the account (from the role) and Region it acts in, and its parameters. */
export interface MemberCall {
  accounts: SimulatedMemberAccounts;
  service: string;
  accountId: string;
  region: string;
  parameters: Record<string, unknown>;
}

/** The live items of a type in the call's account (in its Region, or global items recorded anywhere). */
export function itemsOf(call: MemberCall, resourceType: string): StoredConfigurationItem[] {
  return call.accounts.config.store.latest().filter((item) => item.resourceType === resourceType && item.accountId === call.accountId && !isDeletedItem(item));
}

/** The live items of a type in the call's account and Region. */
export function regionalItemsOf(call: MemberCall, resourceType: string): StoredConfigurationItem[] {
  return itemsOf(call, resourceType).filter((item) => item.awsRegion === call.region);
}

/** Records the next version of an item (Config change event on the bus). */
export function change(call: MemberCall, item: StoredConfigurationItem, edit: ItemChange): Promise<RecordedChange> {
  return recordChange(call.accounts.config, call.accounts.bus, item, edit);
}

/** Records a new resource (Config change event, CREATE). */
export function create(call: MemberCall, item: Omit<StoredConfigurationItem, 'configurationItemCaptureTime' | 'configurationItemStatus'>): Promise<RecordedChange> {
  return putResource(call.accounts.config, call.accounts.bus, { ConfigurationItem: { ...item, configurationItemCaptureTime: new Date().toISOString() } });
}

/** A required string parameter, else the service's validation error naming it. */
export function requiredString(call: MemberCall, name: string): string {
  const value = call.parameters[name];
  if (typeof value !== 'string' || value === '') throw new MemberApiError(call.service, 'ValidationException', `Parameters.${name}: required, must be a non-empty string`);
  return value;
}

/** A required object parameter, else the service's validation error naming it. */
export function requiredObject(call: MemberCall, name: string): Record<string, unknown> {
  const value = call.parameters[name];
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new MemberApiError(call.service, 'ValidationException', `Parameters.${name}: required, must be an object`);
  return value as Record<string, unknown>;
}

/** An optional list of strings parameter. */
export function stringList(call: MemberCall, name: string): string[] | undefined {
  const value = call.parameters[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'string'))
    throw new MemberApiError(call.service, 'ValidationException', `Parameters.${name}: must be a list of strings`);
  return value as string[];
}

/** `record[key]` as an object, or `{}`. */
export function objectAt(record: unknown, key: string): Record<string, unknown> {
  const value = record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
  if (typeof value === 'string' && /^\s*\{/.test(value)) return JSON.parse(value) as Record<string, unknown>;
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** `record[key]` as a list, or `[]`. */
export function listAt(record: unknown, key: string): unknown[] {
  const value = record !== null && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
  return Array.isArray(value) ? value : [];
}
