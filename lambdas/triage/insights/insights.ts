/**
 * Insights as Security Hub serves them: custom insights (create, list, update, delete, at most 100)
 * and managed insights (read-only), and their results — the matching findings counted per value of
 * the group-by attribute, top 100. No AWS SDK here: custom insights come from an
 * `InsightRepository`, findings from the findings store's `forEachFindingPage` (the query planner,
 * a page at a time: results over a million findings hold a page, not a million).
 */
import { randomUUID } from 'node:crypto';
import type { AwsSecurityFinding } from '../../asff';
import { InvalidInputError, ResourceNotFoundError } from '../../shared/errors';
import { validateFilters } from '../../filters';
import type { AwsSecurityFindingFilters } from '../../filters';
import type { QueryPlanReport } from '../../store';
import { GroupCounter, validateGroupByAttribute, type InsightResultValue } from './group-by';
import {
  customInsightArn,
  managedInsightArn,
  parseInsightArn,
  validateInsightDefinition,
  validateInsightName,
  type Insight,
  type InsightDefinition,
  type InsightLocation,
} from './insight';
import type { InsightRepository, StoredInsight } from './insight-store';
import { findManagedInsight, type ManagedInsight } from './managed-insights';

/** Most insights one GetInsights page returns. */
export const MAX_INSIGHTS_PAGE = 100;

/** Hands every stored finding matching filters to `visit`, a page at a time (the findings store's `forEachFindingPage`). */
export interface FindingsFinder {
  forEachFindingPage(filters: AwsSecurityFindingFilters, visit: (findings: AwsSecurityFinding[]) => void | Promise<void>): Promise<{ plan: QueryPlanReport }>;
}

/** GetInsights input. */
export interface GetInsightsInput {
  InsightArns?: string[];
  MaxResults?: number;
  NextToken?: string;
}

/** UpdateInsight input: any of the definition's members. */
export interface UpdateInsightInput {
  InsightArn: string;
  Name?: string;
  Filters?: unknown;
  GroupByAttribute?: string;
}

/** GetInsightResults output, with how the findings were read (for the log, not the wire). */
export interface InsightResultsOutput {
  InsightResults: { InsightArn: string; GroupByAttribute: string; ResultValues: InsightResultValue[] };
  plan: QueryPlanReport;
  matched: number;
}

/** The plan of a query that was not run: the filters could match nothing. */
const NO_QUERY: QueryPlanReport = { access: 'none', partitions: 0, indexItemsRead: 0, itemsRead: 0, itemsReturned: 0, sortedInMemory: false };

/** What the insight operations of the API call. */
export interface InsightsApi {
  create(definition: { Name: string; Filters: unknown; GroupByAttribute: string }, location: InsightLocation): Promise<{ InsightArn: string }>;
  get(input: GetInsightsInput, location: InsightLocation): Promise<{ Insights: Insight[]; NextToken?: string }>;
  /** `restrict` narrows the insight's filters (a member account's caller sees its own findings only); undefined from it: no finding can match. */
  results(arn: string, location: InsightLocation, restrict?: (filters: AwsSecurityFindingFilters) => AwsSecurityFindingFilters | undefined): Promise<InsightResultsOutput>;
  update(input: UpdateInsightInput, location: InsightLocation): Promise<void>;
  delete(arn: string, location: InsightLocation): Promise<{ InsightArn: string }>;
}

/** Options of {@link Insights}. */
export interface InsightsOptions {
  repository: InsightRepository;
  findings: FindingsFinder;
  /** New custom insight ids (default: random UUIDs). */
  newId?: () => string;
}

type Resolved = { kind: 'custom'; insight: Insight } | { kind: 'managed'; insight: Insight; managed: ManagedInsight };

function managedShape(managed: ManagedInsight, partition: string): Insight {
  return {
    InsightArn: managedInsightArn(partition, managed.owner, managed.number),
    Name: managed.name,
    Filters: managed.filters,
    GroupByAttribute: managed.groupBy,
  };
}

function publicShape({ InsightArn, Name, Filters, GroupByAttribute }: StoredInsight): Insight {
  return { InsightArn, Name, Filters, GroupByAttribute };
}

/**
 * A page token: bound to the ARNs asked for, positioned after the last key returned (keys ascend:
 * creation time + ARN for the custom list, the position for a list of ARNs), so insights created or
 * deleted between pages neither repeat nor hide others.
 */
function encodeToken(query: string, after: string): string {
  return Buffer.from(JSON.stringify({ q: query, a: after })).toString('base64url');
}

function decodeToken(token: string, query: string): string {
  let decoded: { q?: unknown; a?: unknown };
  try {
    decoded = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as typeof decoded;
  } catch {
    throw new InvalidInputError(`Invalid parameter 'NextToken': not a token this API issued.`);
  }
  if (decoded === null || typeof decoded !== 'object' || decoded.q !== query || typeof decoded.a !== 'string') {
    throw new InvalidInputError(`Invalid parameter 'NextToken': not a token of this request.`);
  }
  return decoded.a;
}

/** An insight with its position key in a listing. */
interface Keyed {
  key: string;
  insight: Insight;
}

/** Custom and managed insights over a repository and the findings store. */
export class Insights implements InsightsApi {
  private readonly repository: InsightRepository;
  private readonly findings: FindingsFinder;
  private readonly newId: () => string;

  constructor(options: InsightsOptions) {
    this.repository = options.repository;
    this.findings = options.findings;
    this.newId = options.newId ?? randomUUID;
  }

  /** CreateInsight: checks the definition, then claims one of the 100 slots. */
  async create(definition: { Name: string; Filters: unknown; GroupByAttribute: string }, location: InsightLocation): Promise<{ InsightArn: string }> {
    const checked = validateInsightDefinition(definition);
    const InsightArn = customInsightArn(location, this.newId());
    await this.repository.create({ InsightArn, ...checked });
    return { InsightArn };
  }

  /**
   * GetInsights. Without `InsightArns`, every custom insight (oldest first), as Security Hub
   * documents it: managed insights are listed only when asked for by ARN. With `InsightArns`, those
   * insights in the order asked, custom or managed; an unknown one is ResourceNotFoundException.
   */
  async get(input: GetInsightsInput, location: InsightLocation): Promise<{ Insights: Insight[]; NextToken?: string }> {
    const query = (input.InsightArns ?? []).join('\n');
    const after = input.NextToken === undefined ? undefined : decodeToken(input.NextToken, query);
    const all: Keyed[] =
      input.InsightArns === undefined
        ? (await this.repository.list()).map((stored) => ({ key: `${stored.createdAt}\n${stored.InsightArn}`, insight: publicShape(stored) }))
        : (await this.resolveAll(input.InsightArns, location)).map((insight, index) => ({ key: String(index).padStart(6, '0'), insight }));
    const rest = after === undefined ? all : all.filter(({ key }) => key > after);
    const page = rest.slice(0, input.MaxResults ?? MAX_INSIGHTS_PAGE);
    const Insights = page.map(({ insight }) => insight);
    return page.length < rest.length ? { Insights, NextToken: encodeToken(query, page[page.length - 1].key) } : { Insights };
  }

  /** GetInsightResults: the insight's findings through the planner, counted per group-by value. */
  async results(arn: string, location: InsightLocation, restrict?: (filters: AwsSecurityFindingFilters) => AwsSecurityFindingFilters | undefined): Promise<InsightResultsOutput> {
    const { insight } = await this.resolve(arn, location, 'InsightArn');
    const counter = new GroupCounter(insight.GroupByAttribute);
    const filters = restrict === undefined ? insight.Filters : restrict(insight.Filters);
    const { plan } = filters === undefined ? { plan: NO_QUERY } : await this.findings.forEachFindingPage(filters, (page) => counter.add(page));
    return {
      InsightResults: { InsightArn: arn, GroupByAttribute: insight.GroupByAttribute, ResultValues: counter.top() },
      plan,
      matched: counter.seen,
    };
  }

  /** UpdateInsight: changes the members given; managed insights cannot be changed. */
  async update(input: UpdateInsightInput, location: InsightLocation): Promise<void> {
    const change: Partial<InsightDefinition> = {};
    if (input.Name !== undefined) change.Name = validateInsightName(input.Name);
    if (input.Filters !== undefined) change.Filters = validateFilters(input.Filters, { path: 'Filters' });
    if (input.GroupByAttribute !== undefined) change.GroupByAttribute = validateGroupByAttribute(input.GroupByAttribute);
    this.customRef(input.InsightArn, location, 'update');
    await this.repository.update(input.InsightArn, (current) => ({ ...current, ...change }));
  }

  /** DeleteInsight: removes a custom insight; managed insights cannot be deleted. */
  async delete(arn: string, location: InsightLocation): Promise<{ InsightArn: string }> {
    this.customRef(arn, location, 'delete');
    await this.repository.delete(arn);
    return { InsightArn: arn };
  }

  private customRef(arn: string, location: InsightLocation, action: 'update' | 'delete'): void {
    const ref = this.parse(arn, location, 'InsightArn');
    if (ref.kind === 'managed') {
      throw new InvalidInputError(`Invalid parameter 'InsightArn': ${arn} is a managed insight; managed insights cannot be ${action}d.`);
    }
  }

  private parse(arn: string, location: InsightLocation, path: string) {
    if (!/^arn:[\w-]+:securityhub:[^:]*:[^:]*:insight\//.test(arn)) {
      throw new InvalidInputError(`Invalid parameter '${path}': '${arn}' is not an insight ARN.`);
    }
    const ref = parseInsightArn(arn, location);
    if (ref === undefined) throw new ResourceNotFoundError(`The insight ${arn} does not exist.`);
    return ref;
  }

  private async resolve(arn: string, location: InsightLocation, path: string, custom?: StoredInsight[]): Promise<Resolved> {
    const ref = this.parse(arn, location, path);
    if (ref.kind === 'managed') {
      const managed = findManagedInsight(ref.owner, ref.number);
      if (managed === undefined) throw new ResourceNotFoundError(`The insight ${arn} does not exist.`);
      return { kind: 'managed', insight: managedShape(managed, location.partition), managed };
    }
    const stored = (custom ?? (await this.repository.list())).find((insight) => insight.InsightArn === arn);
    if (stored === undefined) throw new ResourceNotFoundError(`The insight ${arn} does not exist.`);
    return { kind: 'custom', insight: publicShape(stored) };
  }

  private async resolveAll(arns: string[], location: InsightLocation): Promise<Insight[]> {
    const needsCustom = arns.some((arn) => parseInsightArn(arn, location)?.kind === 'custom');
    const custom = needsCustom ? await this.repository.list() : [];
    const resolved: Insight[] = [];
    for (const [index, arn] of arns.entries()) resolved.push((await this.resolve(arn, location, `InsightArns[${index}]`, custom)).insight);
    return resolved;
  }
}
