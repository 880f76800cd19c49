/**
 * What an insight is: a name, finding filters and a group-by attribute, identified by an ARN.
 * Custom insights belong to the API's account and Region; managed insights are Security Hub's
 * built-in ones (ARNs without Region or account). Pure: ARN building and parsing, and the checks a
 * definition must pass before it is stored.
 */
import { InvalidInputError } from '../../shared/errors';
import { validateFilters } from '../../filters';
import type { AwsSecurityFindingFilters } from '../../filters';
import { validateGroupByAttribute, type GroupByAttribute } from './group-by';

/** Where the API runs: the account, Region and partition its custom insight ARNs name. */
export interface InsightLocation {
  accountId: string;
  region: string;
  partition: string;
}

/** An insight as Security Hub's API returns it (`Insight`). */
export interface Insight {
  InsightArn: string;
  Name: string;
  Filters: AwsSecurityFindingFilters;
  GroupByAttribute: GroupByAttribute;
}

/** The members a caller sets: all three on create, any of them on update. */
export interface InsightDefinition {
  Name: string;
  Filters: AwsSecurityFindingFilters;
  GroupByAttribute: GroupByAttribute;
}

/**
 * Longest insight name we store. Security Hub's API model only requires a non-blank name and
 * documents no maximum; 128 keeps names readable in the console-like listings and the CLI.
 */
export const MAX_INSIGHT_NAME_LENGTH = 128;

/** Custom insights per account (Security Hub: 100). */
export const MAX_CUSTOM_INSIGHTS = 100;

/** What an insight ARN names. */
export type InsightRef = { kind: 'custom'; id: string } | { kind: 'managed'; owner: ManagedInsightOwner; number: number };

/**
 * Owners of managed insights: `securityhub` for Security Hub's own (their real ARNs), and
 * `opensecurityhub` for the ones this project adds (so they never shadow a Security Hub number).
 */
export type ManagedInsightOwner = 'securityhub' | 'opensecurityhub';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `arn:<partition>:securityhub:<region>:<account>:insight/<account>/custom/<uuid>`. */
export function customInsightArn(location: InsightLocation, id: string): string {
  return `arn:${location.partition}:securityhub:${location.region}:${location.accountId}:insight/${location.accountId}/custom/${id}`;
}

/** `arn:<partition>:securityhub:::insight/<owner>/default/<n>`. */
export function managedInsightArn(partition: string, owner: ManagedInsightOwner, number: number): string {
  return `arn:${partition}:securityhub:::insight/${owner}/default/${number}`;
}

/**
 * What `arn` names at this location, or undefined when it is no insight ARN of this account,
 * Region and partition (the caller answers ResourceNotFoundException or InvalidInputException).
 */
export function parseInsightArn(arn: string, location: InsightLocation): InsightRef | undefined {
  const managed = /^arn:([\w-]+):securityhub:::insight\/(securityhub|opensecurityhub)\/default\/([1-9]\d{0,3})$/.exec(arn);
  if (managed) {
    if (managed[1] !== location.partition) return undefined;
    return { kind: 'managed', owner: managed[2] as ManagedInsightOwner, number: Number(managed[3]) };
  }
  const prefix = customInsightArn(location, '');
  if (!arn.startsWith(prefix)) return undefined;
  const id = arn.slice(prefix.length);
  return UUID.test(id) ? { kind: 'custom', id } : undefined;
}

/** The name, trimmed of nothing: non-blank (Security Hub's `.*\S.*`) and at most 128 characters. */
export function validateInsightName(name: string, path = 'Name'): string {
  if (!/\S/.test(name)) throw new InvalidInputError(`Invalid parameter '${path}': must contain a non-whitespace character.`);
  if (name.length > MAX_INSIGHT_NAME_LENGTH) {
    throw new InvalidInputError(`Invalid parameter '${path}': has ${name.length} characters; at most ${MAX_INSIGHT_NAME_LENGTH} are allowed.`);
  }
  return name;
}

/**
 * Checks a full definition with the same filter engine GetFindings uses (10 attributes × 20
 * values, Security Hub's combination rules; no CONTAINS, which only automation rules accept) and
 * returns it with the filters in their checked form.
 */
export function validateInsightDefinition(definition: { Name: string; Filters: unknown; GroupByAttribute: string }): InsightDefinition {
  return {
    Name: validateInsightName(definition.Name),
    Filters: validateFilters(definition.Filters, { path: 'Filters' }),
    GroupByAttribute: validateGroupByAttribute(definition.GroupByAttribute),
  };
}
