/**
 * Every kind of item on the findings table (one table holds them all), beside the index registry
 * in ./table-schema.ts: each kind's partition and sort key shapes, which domain owns it, what it is
 * for and which attribute carries its version. Stores build their keys only from here, so no key
 * prefix is spelled anywhere else and a test can prove that no two kinds can produce the same key
 * (test/unit/store/item-kinds.test.ts); docs/store.md lists them.
 *
 * A key shape is either fixed text or a prefix followed by variable parts joined with `#`. The
 * stored keys are a data format: changing a shape orphans the items already written.
 */
import { TABLE_KEYS } from './table-schema';

/** A key that is always the same text. */
export interface FixedKey {
  readonly fixed: string;
  /** The key. */
  build(): string;
}

/** A key made of a fixed prefix and variable parts, joined with `#` (the prefix may be empty). */
export interface PrefixedKey<Parts extends readonly string[]> {
  readonly prefix: string;
  /** Names of the variable parts, for docs. */
  readonly parts: Parts;
  /** The key of these part values (in the order of {@link parts}). */
  build(...values: { [Index in keyof Parts]: string }): string;
}

/** One key position's shape. */
export type KeyShape = FixedKey | PrefixedKey<readonly string[]>;

/** Domains that own item kinds. */
export type ItemKindOwner = 'store' | 'triage' | 'compliance' | 'hub' | 'remediation' | 'integrations' | 'organization' | 'aggregation';

/** One kind of item on the findings table. */
export interface ItemKind<Pk extends KeyShape = KeyShape, Sk extends KeyShape = KeyShape> {
  readonly name: string;
  readonly owner: ItemKindOwner;
  /** One line: what the item holds and who writes it. */
  readonly purpose: string;
  readonly pk: Pk;
  readonly sk: Sk;
  /** The attribute optimistic writes compare (see ./versioned-item.ts), when the kind is versioned. */
  readonly version?: 'version' | 'ver' | 'rev';
}

/** A key of fixed text. */
function fixed(text: string): FixedKey {
  return { fixed: text, build: () => text };
}

/** A key of `prefix` and the named variable parts, joined with `#`. */
function prefixed<const Parts extends readonly string[]>(prefix: string, ...parts: Parts): PrefixedKey<Parts> {
  return { prefix, parts, build: (...values) => prefix + values.join('#') };
}

/** The text a shape's keys all start with (all of it when fixed). */
export function shapePrefix(shape: KeyShape): string {
  return 'fixed' in shape ? shape.fixed : shape.prefix;
}

/** Every kind of item on the findings table, by name. */
export const ITEM_KINDS = {
  // store: one partition per finding
  finding: {
    name: 'finding',
    owner: 'store',
    purpose: 'The finding document, its bookkeeping and index attributes.',
    pk: prefixed('F#', 'finding key'),
    sk: fixed('#FINDING'),
    version: 'ver',
  },
  history: {
    name: 'history',
    owner: 'store',
    purpose: 'One change record per superseded finding version.',
    pk: prefixed('F#', 'finding key'),
    sk: prefixed('H#', 'version, 10 digits'),
  },
  resourceLink: {
    name: 'resourceLink',
    owner: 'store',
    purpose: 'Indexes Resources[1..] of a finding so ResourceId queries find every resource.',
    pk: prefixed('F#', 'finding key'),
    sk: prefixed('R#', 'resource index, 2 digits'),
  },
  // triage
  resourceSummary: {
    name: 'resourceSummary',
    owner: 'triage',
    purpose: 'Open findings of one (account, resource), written by correlation.',
    pk: prefixed('RS#', 'hash of account and resource'),
    sk: fixed('#SUMMARY'),
    version: 'ver',
  },
  alertGroup: {
    name: 'alertGroup',
    owner: 'triage',
    purpose: 'Alert grouping ledger of one (account, resource): counted atomically, with the versions being decided.',
    pk: prefixed('ALERTGROUP#', 'account', 'resource id or its hash'),
    sk: fixed('GROUP'),
  },
  alertDecision: {
    name: 'alertDecision',
    owner: 'triage',
    purpose: 'Why a finding version was alerted or held; the alert outbox.',
    pk: prefixed('ALERTDECISION#', 'finding key'),
    sk: prefixed('V#', 'version, 12 digits'),
  },
  automationRule: {
    name: 'automationRule',
    owner: 'triage',
    purpose: 'An API automation rule in one of the fixed rule slots.',
    pk: fixed('AUTOMATION#rules'),
    sk: prefixed('SLOT#', 'slot, 3 digits'),
    version: 'version',
  },
  codeRuleStamp: {
    name: 'codeRuleStamp',
    owner: 'triage',
    purpose: 'CreatedAt/UpdatedAt and content hash of a rule-as-code.',
    pk: fixed('AUTOMATION#code'),
    sk: prefixed('', 'rule uuid'),
  },
  customInsight: {
    name: 'customInsight',
    owner: 'triage',
    purpose: 'A custom insight in one of the 100 insight slots.',
    pk: fixed('INS#custom'),
    sk: prefixed('SLOT#', 'slot, 3 digits'),
    version: 'version',
  },
  actionTarget: { name: 'actionTarget', owner: 'triage', purpose: 'A custom action (action target).', pk: fixed('CFG#action-targets'), sk: prefixed('', 'action target id') },
  // compliance
  complianceSettings: {
    name: 'complianceSettings',
    owner: 'compliance',
    purpose: 'Enabled standards and control settings.',
    pk: fixed('CFG#settings'),
    sk: fixed('CFG'),
    version: 'version',
  },
  scoresDirty: { name: 'scoresDirty', owner: 'compliance', purpose: 'Marks the scores changed since the last snapshot.', pk: fixed('CFG#scores-dirty'), sk: fixed('CFG') },
  accountSettings: {
    name: 'accountSettings',
    owner: 'compliance',
    purpose: 'Newest recorded account settings of one account and Region.',
    pk: prefixed('ACCOUNT-SETTINGS#', 'account', 'region'),
    sk: fixed('CFG'),
  },
  scoreSnapshot: {
    name: 'scoreSnapshot',
    owner: 'compliance',
    purpose: "The organization's security scores at one moment.",
    pk: fixed('SCORE#snapshots'),
    sk: prefixed('S#', 'taken at, ISO'),
  },
  accountScoreSnapshot: {
    name: 'accountScoreSnapshot',
    owner: 'compliance',
    purpose: "One account's scores at one moment, by Region.",
    pk: prefixed('SCORE#snapshots#A#', 'account'),
    sk: prefixed('S#', 'taken at, ISO'),
  },
  regionScoreSnapshot: {
    name: 'regionScoreSnapshot',
    owner: 'compliance',
    purpose: "One Region's scores at one moment, by account.",
    pk: prefixed('SCORE#snapshots#R#', 'region'),
    sk: prefixed('S#', 'taken at, ISO'),
  },
  configurationPolicy: {
    name: 'configurationPolicy',
    owner: 'compliance',
    purpose: 'A configuration policy of central configuration.',
    pk: fixed('CFGPOLICY#policies'),
    sk: prefixed('', 'policy uuid'),
  },
  configurationPolicyAssociation: {
    name: 'configurationPolicyAssociation',
    owner: 'compliance',
    purpose: 'The configuration applied to one account, OU or the root.',
    pk: fixed('CFGPOLICY#associations'),
    sk: prefixed('', 'target id'),
  },
  // hub
  hubState: {
    name: 'hubState',
    owner: 'hub',
    purpose: "The hub's state: enabled, SubscribedAt, product subscriptions.",
    pk: fixed('HUB#settings'),
    sk: fixed('HUB'),
    version: 'version',
  },
  // organization
  organizationState: {
    name: 'organizationState',
    owner: 'organization',
    purpose: "The organization's administrator and configuration (AutoEnable, ConfigurationType).",
    pk: fixed('ORG#settings'),
    sk: fixed('ORG'),
    version: 'version',
  },
  organizationMember: {
    name: 'organizationMember',
    owner: 'organization',
    purpose: 'One member account: status, administrator, OU path.',
    pk: fixed('ORG#members'),
    sk: prefixed('', 'account id'),
  },
  // remediation
  remediationSettings: {
    name: 'remediationSettings',
    owner: 'remediation',
    purpose: 'Automatic remediation settings.',
    pk: fixed('CFG#remediation'),
    sk: fixed('CFG'),
    version: 'version',
  },
  remediationRecord: {
    name: 'remediationRecord',
    owner: 'remediation',
    purpose: 'One remediation execution and its status.',
    pk: fixed('REM#record'),
    sk: prefixed('', 'remediation id'),
  },
  awaitingApproval: {
    name: 'awaitingApproval',
    owner: 'remediation',
    purpose: 'A remediation waiting for approval, for reminders.',
    pk: fixed('REM#awaiting'),
    sk: prefixed('', 'remediation id'),
  },
  rateCounter: {
    name: 'rateCounter',
    owner: 'remediation',
    purpose: 'Remediation executions of one account in one clock hour.',
    pk: fixed('REM#rate'),
    sk: prefixed('', 'account', 'hour'),
  },
  // aggregation
  findingAggregator: {
    name: 'findingAggregator',
    owner: 'aggregation',
    purpose: "The account's finding aggregator: home Region and linked Regions.",
    pk: fixed('AGG#finding-aggregator'),
    sk: fixed('AGG'),
    version: 'version',
  },
  // integrations
  integrationLink: {
    name: 'integrationLink',
    owner: 'integrations',
    purpose: "A destination's ticket or incident for one finding.",
    pk: prefixed('INTEGRATION#', 'destination', 'finding key'),
    sk: fixed('LINK'),
  },
  integrationRef: {
    name: 'integrationRef',
    owner: 'integrations',
    purpose: 'The finding a ticket key belongs to (inbound webhooks).',
    pk: prefixed('INTEGRATIONREF#', 'destination', 'ticket key'),
    sk: fixed('REF'),
  },
  integrationSent: {
    name: 'integrationSent',
    owner: 'integrations',
    purpose: 'An alert message already delivered to a destination.',
    pk: prefixed('INTEGRATIONSENT#', 'destination', 'message id'),
    sk: fixed('SENT'),
  },
} as const satisfies Record<string, ItemKind>;

/** The name of a registered item kind. */
export type ItemKindName = keyof typeof ITEM_KINDS;

type PartValues<Shape> = Shape extends PrefixedKey<infer Parts> ? { [Index in keyof Parts]: string } : [];

/**
 * The table key (`pk` and `sk` attributes) of an item of `kind`, from the variable parts of its
 * partition and sort key (none for a fixed one).
 */
export function itemKey<Pk extends KeyShape, Sk extends KeyShape>(kind: ItemKind<Pk, Sk>, pk: PartValues<Pk>, sk: PartValues<Sk>): Record<string, string> {
  return { [TABLE_KEYS.partitionKey]: buildKey(kind.pk, pk), [TABLE_KEYS.sortKey]: buildKey(kind.sk, sk) };
}

function buildKey(shape: KeyShape, values: readonly string[]): string {
  return 'fixed' in shape ? shape.fixed : shape.build(...values);
}

/** True when a key could have been built by `shape`. */
export function keyMatches(shape: KeyShape, key: unknown): boolean {
  return typeof key === 'string' && ('fixed' in shape ? key === shape.fixed : key.startsWith(shape.prefix));
}

/** True when an item's keys are of `kind`'s shapes. */
export function isItemOf(kind: ItemKind, item: Record<string, unknown>): boolean {
  return keyMatches(kind.pk, item[TABLE_KEYS.partitionKey]) && keyMatches(kind.sk, item[TABLE_KEYS.sortKey]);
}

/** Sort key of the item that holds a finding. */
export const FINDING_SK = ITEM_KINDS.finding.sk.fixed;
