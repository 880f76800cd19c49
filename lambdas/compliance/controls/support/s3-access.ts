/**
 * Readers of an S3 bucket's access documents as AWS Config records them: Block Public Access
 * (bucket and account level), the bucket policy and the bucket ACL. Pure.
 */
import type { ConfigurationItem, EvaluationContext } from '../types';
import { asArray, asBoolean, asRecord, asString, field, isRecord, supplementary } from './readers';
import { liveRelated } from './guard';
import { values } from './iam-policies';

/** The four Block Public Access settings. */
export const BPA_SETTINGS = ['blockPublicAcls', 'ignorePublicAcls', 'blockPublicPolicy', 'restrictPublicBuckets'] as const;
/** One Block Public Access setting. */
export type BpaSetting = (typeof BPA_SETTINGS)[number];
/** Block Public Access settings; a setting absent from the record counts as off. */
export type BpaSettings = Partial<Record<BpaSetting, boolean>>;

/** Reads Block Public Access settings from a document; `undefined` when there is none. */
export function readBpa(document: unknown): BpaSettings | undefined {
  const record = asRecord(document);
  if (!record) return undefined;
  const settings: BpaSettings = {};
  for (const name of BPA_SETTINGS) settings[name] = asBoolean(record[name]) ?? false;
  return settings;
}

/** The settings of a Block Public Access document that are off or missing. */
export function bpaSettingsOff(settings: BpaSettings): BpaSetting[] {
  return BPA_SETTINGS.filter((name) => settings[name] !== true);
}

/** The bucket's own Block Public Access settings (`PublicAccessBlockConfiguration`), if recorded. */
export function bucketBpa(item: ConfigurationItem): BpaSettings | undefined {
  return readBpa(supplementary(item, 'PublicAccessBlockConfiguration'));
}

/** The account's Block Public Access settings (`AWS::S3::AccountPublicAccessBlock`), if recorded. */
export function accountBpa(context: EvaluationContext): BpaSettings | undefined {
  const [block] = liveRelated(context, 'AWS::S3::AccountPublicAccessBlock');
  return block ? readBpa(block.configuration) : undefined;
}

/** The effective settings: a setting is on when the bucket or the account turns it on. */
export function effectiveBpa(item: ConfigurationItem, context: EvaluationContext): BpaSettings {
  const bucket = bucketBpa(item) ?? {};
  const account = accountBpa(context) ?? {};
  const merged: BpaSettings = {};
  for (const name of BPA_SETTINGS) merged[name] = bucket[name] === true || account[name] === true;
  return merged;
}

/** One statement of a bucket policy, normalised. */
export interface BucketPolicyStatement {
  effect: 'Allow' | 'Deny' | 'Unknown';
  principals: string[];
  actions: string[];
  hasCondition: boolean;
  condition: Record<string, unknown>;
}

/** The bucket policy's statements (`BucketPolicy.policyText`); `undefined` when the bucket has no policy. */
export function bucketPolicy(item: ConfigurationItem): BucketPolicyStatement[] | undefined {
  const holder = supplementary(item, 'BucketPolicy');
  const document = asRecord(field(holder, 'policyText')) ?? (isRecord(holder) && 'Statement' in holder ? holder : undefined);
  if (!document) return undefined;
  const raw = document.Statement;
  const statements = Array.isArray(raw) ? raw : isRecord(raw) ? [raw] : [];
  return statements.filter(isRecord).map((statement) => {
    const effect = statement.Effect === 'Allow' || statement.Effect === 'Deny' ? statement.Effect : 'Unknown';
    const condition = isRecord(statement.Condition) ? statement.Condition : {};
    return {
      effect,
      principals: principalsOf(statement.Principal),
      actions: values(statement.Action),
      hasCondition: Object.keys(condition).length > 0,
      condition,
    };
  });
}

/** Whether a statement's principal is everyone (`"*"`, `{"AWS": "*"}`…). */
export function isPublicPrincipal(statement: BucketPolicyStatement): boolean {
  return statement.principals.includes('*');
}

/** Whether an IAM action pattern (wildcards allowed, case-insensitive) covers any of the actions. */
export function coversAny(patterns: readonly string[], actions: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const regex = new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`, 'i');
    return actions.some((action) => regex.test(action));
  });
}

/** Whether two lists of action patterns share an action (wildcards on either side). */
export function overlaps(left: readonly string[], right: readonly string[]): boolean {
  return coversAny(left, right) || coversAny(right, left);
}

/** Whether a statement allows everyone, unconditionally, one of the actions. */
export function allowsPublicly(statement: BucketPolicyStatement, actions: readonly string[]): boolean {
  // A condition usually narrows the grant (source VPC, account…): judged not public, like Config's fixed-value rule.
  return statement.effect === 'Allow' && isPublicPrincipal(statement) && !statement.hasCondition && coversAny(statement.actions, actions);
}

/** Grants of the bucket ACL (`AccessControlList.grantList`) to everyone or to any authenticated AWS user. */
export function publicAclPermissions(item: ConfigurationItem): string[] {
  const acl = asRecord(supplementary(item, 'AccessControlList'));
  const grants = asArray(acl?.grantList ?? acl?.grantSet);
  const permissions: string[] = [];
  for (const grant of grants) {
    const grantee = field(grant, 'grantee');
    const name = typeof grantee === 'string' ? grantee : (asString(field(grantee, 'uri')) ?? asString(field(grantee, 'identifier')) ?? '');
    const permission = asString(field(grant, 'permission'));
    if (permission && /AllUsers|AuthenticatedUsers/i.test(name)) permissions.push(permission);
  }
  return permissions;
}

function principalsOf(principal: unknown): string[] {
  if (principal === '*') return ['*'];
  if (!isRecord(principal)) return [];
  return Object.values(principal).flatMap(values);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\?/g, '.');
}
