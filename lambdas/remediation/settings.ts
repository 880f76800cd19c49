/**
 * Remediation settings: who may be remediated (account allow/deny lists, globally and per
 * playbook), which playbooks always need approval, automatic remediation (OFF unless a rule
 * enables it, per control id or finding type prefix, scoped to accounts and/or OUs) and the rate
 * limit per account. Pure: defaults and validation.
 */
import { InvalidInputError } from '../shared/errors';
import { validateApprovalSettings, type ApprovalSettings } from './approval-settings';

/** Account scope of a playbook or of the whole app: deny wins; an allow list, when present, is exhaustive. */
export interface AccountScope {
  allowedAccountIds?: string[];
  deniedAccountIds?: string[];
}

/** Per-playbook settings. */
export interface PlaybookSettings extends AccountScope {
  /** False turns the playbook off for every trigger. Default true. */
  enabled?: boolean;
  /** True forces approval even when the caller pre-approved (`--approve`). */
  requireApproval?: boolean;
}

/** One automatic-remediation rule, keyed in {@link RemediationSettings.automatic} by a control id (`S3.8`) or a finding type prefix. */
export interface AutomaticRemediation {
  enabled: boolean;
  /** Accounts it applies to. With neither this nor `organizationalUnitIds`, every account. */
  accountIds?: string[];
  /** OUs whose direct member accounts it applies to (resolved through Organizations). */
  organizationalUnitIds?: string[];
}

/** The remediation settings item. */
export interface RemediationSettings extends AccountScope {
  playbooks: Record<string, PlaybookSettings>;
  automatic: Record<string, AutomaticRemediation>;
  /** Executions that may start per account per clock hour (all playbooks together). */
  rateLimitPerAccountPerHour: number;
  /** Approval wait, reminders and approvers (`approval-settings.ts`); absent: 24 h, reminders at half-time and 1 h before, anyone. */
  approval?: ApprovalSettings;
}

/** Default rate limit: one bad rule cannot touch more than this many resources of an account per hour. */
export const DEFAULT_RATE_LIMIT_PER_ACCOUNT_PER_HOUR = 10;
const MAX_RATE_LIMIT = 1000;
const MAX_LIST = 1000;
const ACCOUNT = /^\d{12}$/;
const OU = /^ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/;
const ROOT = /^r-[0-9a-z]{4,32}$/;
const KEY = /^[A-Za-z0-9][A-Za-z0-9 .:/_&()-]{0,255}$/;

/** Settings when none are stored: manual remediation for every account, nothing automatic. */
export function defaultRemediationSettings(): RemediationSettings {
  return { playbooks: {}, automatic: {}, rateLimitPerAccountPerHour: DEFAULT_RATE_LIMIT_PER_ACCOUNT_PER_HOUR };
}

function fail(path: string, message: string): never {
  throw new InvalidInputError(`Invalid parameter '${path}': ${message}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function strings(value: unknown, path: string, pattern: RegExp, what: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.length > MAX_LIST) fail(path, `expected a list of at most ${MAX_LIST} ${what}s.`);
  value.forEach((item, index) => {
    if (typeof item !== 'string' || !pattern.test(item)) fail(`${path}[${index}]`, `expected ${what}, got ${JSON.stringify(item)}.`);
  });
  return [...new Set(value as string[])];
}

function boolean(value: unknown, path: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') fail(path, 'expected true or false.');
  return value;
}

function only(value: Record<string, unknown>, path: string, members: string[]): void {
  for (const key of Object.keys(value)) if (!members.includes(key)) fail(`${path}.${key}`, `unknown member (expected one of ${members.join(', ')}).`);
}

function scope(value: Record<string, unknown>, path: string): AccountScope {
  return dropUndefined({
    allowedAccountIds: strings(value.allowedAccountIds, `${path}allowedAccountIds`, ACCOUNT, 'a 12-digit account id'),
    deniedAccountIds: strings(value.deniedAccountIds, `${path}deniedAccountIds`, ACCOUNT, 'a 12-digit account id'),
  });
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, member]) => member !== undefined)) as T;
}

/**
 * Checks settings sent by a caller; throws InvalidInputError naming the member path. `playbookIds`
 * are the registry's ids (a setting for an unknown playbook is refused).
 */
export function validateRemediationSettings(value: unknown, playbookIds: readonly string[]): RemediationSettings {
  if (!isObject(value)) fail('Settings', 'expected an object.');
  only(value, 'Settings', ['allowedAccountIds', 'deniedAccountIds', 'playbooks', 'automatic', 'rateLimitPerAccountPerHour', 'approval']);
  const playbooks: Record<string, PlaybookSettings> = {};
  const rawPlaybooks = value.playbooks ?? {};
  if (!isObject(rawPlaybooks)) fail('Settings.playbooks', 'expected an object keyed by playbook id.');
  for (const [id, entry] of Object.entries(rawPlaybooks)) {
    const path = `Settings.playbooks.${id}`;
    if (!playbookIds.includes(id)) fail(path, `no such playbook (known: ${playbookIds.join(', ')}).`);
    if (!isObject(entry)) fail(path, 'expected an object.');
    only(entry, path, ['enabled', 'requireApproval', 'allowedAccountIds', 'deniedAccountIds']);
    playbooks[id] = dropUndefined({
      enabled: boolean(entry.enabled, `${path}.enabled`),
      requireApproval: boolean(entry.requireApproval, `${path}.requireApproval`),
      ...scope(entry, `${path}.`),
    });
  }
  const automatic: Record<string, AutomaticRemediation> = {};
  const rawAutomatic = value.automatic ?? {};
  if (!isObject(rawAutomatic)) fail('Settings.automatic', 'expected an object keyed by control id or finding type prefix.');
  for (const [key, entry] of Object.entries(rawAutomatic)) {
    const path = `Settings.automatic.${key}`;
    if (!KEY.test(key)) fail(path, 'the key must be a control id (S3.8) or a finding type prefix.');
    if (!isObject(entry)) fail(path, 'expected an object.');
    only(entry, path, ['enabled', 'accountIds', 'organizationalUnitIds']);
    const enabled = boolean(entry.enabled, `${path}.enabled`);
    if (enabled === undefined) fail(`${path}.enabled`, 'required (true or false).');
    automatic[key] = dropUndefined({
      enabled,
      accountIds: strings(entry.accountIds, `${path}.accountIds`, ACCOUNT, 'a 12-digit account id'),
      organizationalUnitIds: strings(
        entry.organizationalUnitIds,
        `${path}.organizationalUnitIds`,
        { test: (text: string) => OU.test(text) || ROOT.test(text) } as RegExp,
        'an OU id (ou-xxxx-xxxxxxxx) or root id (r-xxxx)',
      ),
    });
  }
  const rate = value.rateLimitPerAccountPerHour ?? DEFAULT_RATE_LIMIT_PER_ACCOUNT_PER_HOUR;
  if (!Number.isInteger(rate) || (rate as number) < 0 || (rate as number) > MAX_RATE_LIMIT) {
    fail('Settings.rateLimitPerAccountPerHour', `expected an integer from 0 to ${MAX_RATE_LIMIT}.`);
  }
  return {
    ...scope(value, 'Settings.'),
    playbooks,
    automatic,
    rateLimitPerAccountPerHour: rate as number,
    ...(value.approval !== undefined && { approval: validateApprovalSettings(value.approval) }),
  };
}

/** Why an account is excluded from a playbook by the settings, or undefined when it is not. */
export function accountExclusion(settings: RemediationSettings, playbookId: string, accountId: string): string | undefined {
  const playbook = Object.hasOwn(settings.playbooks, playbookId) ? settings.playbooks[playbookId] : undefined;
  if (playbook?.enabled === false) return `playbook ${playbookId} is disabled in the remediation settings`;
  for (const [where, scoped] of [
    ['the remediation settings', settings],
    [`playbook ${playbookId}'s settings`, playbook ?? {}],
  ] as const) {
    if (scoped.deniedAccountIds?.includes(accountId)) return `account ${accountId} is on the deny list of ${where}`;
    if (scoped.allowedAccountIds !== undefined && !scoped.allowedAccountIds.includes(accountId)) return `account ${accountId} is not on the allow list of ${where}`;
  }
  return undefined;
}
