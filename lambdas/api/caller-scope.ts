/**
 * Who may see what, decided once for every request in the API core: the caller's account comes
 * from the verified caller identity (API Gateway's IAM principal ARN; never from a header the
 * client sets). The administrator — the account the API runs in — sees and changes everything. A
 * member account's caller may call only {@link MEMBER_OPERATIONS}, and the services those
 * operations get are narrowed to its own account: findings filters restricted to it, other
 * accounts' findings not found, imports for other accounts refused, insight results and scores of
 * its own account only, standards and controls as its own account's effective settings have them. Any other operation answers AccessDeniedException.
 */
import type { AwsSecurityFinding } from '../asff';
import { restrictToAccount, validateFilters, type AwsSecurityFindingFilters } from '../filters';
import { accountOfPrincipal, isAssociated } from '../organization';
import { AccessDeniedError } from '../shared/errors';
import type { BatchImportFindingsResponse, CallerContext, FindingIdentifier, FindingsStoreApi, QueryPlanReport } from '../store';
import type { InsightsApi } from '../triage';
import type { ComplianceSettings } from '../compliance';
import type { ApiServices, ComplianceServices, ServiceLocation } from './operation';

/**
 * The operations a member account may call (everything else is the administrator's): its own
 * findings, their history and updates, insights and their results, scores, the standards and
 * controls catalogue, products, its administrator and the invitation operations.
 */
export const MEMBER_OPERATIONS: ReadonlySet<string> = new Set([
  'BatchImportFindings',
  'GetFindings',
  'GetFindingHistory',
  'BatchUpdateFindings',
  'GetInsights',
  'GetInsightResults',
  'GetSecurityScores',
  'DescribeHub',
  'DescribeProducts',
  'DescribeStandards',
  'GetEnabledStandards',
  'DescribeStandardsControls',
  'ListSecurityControlDefinitions',
  'GetSecurityControlDefinition',
  'BatchGetSecurityControls',
  'ListStandardsControlAssociations',
  'BatchGetStandardsControlAssociations',
  'GetAdministratorAccount',
  'GetMasterAccount',
  'ListInvitations',
  'GetInvitationsCount',
  'AcceptAdministratorInvitation',
  'AcceptInvitation',
  'DeclineInvitations',
  'DeleteInvitations',
]);

/** The caller as the API core sees it: the administrator, or a member account. */
export type CallerScope = { role: 'administrator'; accountId: string } | { role: 'member'; accountId: string };

/**
 * The caller's scope: its account from the principal ARN (an identity that is not an IAM ARN —
 * only possible where no IAM authorizer runs, the embedded default called unsigned — is the API's
 * own account). Another account must be an associated member, else AccessDeniedException.
 */
export async function callerScope(caller: CallerContext, services: ApiServices, location: ServiceLocation): Promise<CallerScope> {
  const accountId = accountOfPrincipal(caller.identity) ?? location.accountId;
  if (accountId === location.accountId) return { role: 'administrator', accountId };
  const member = services.organization === undefined ? undefined : (await services.organization.repository.getMembers([accountId])).get(accountId);
  if (!isAssociated(member)) throw new AccessDeniedError(`Account ${accountId} is not an associated member of the organization administered by ${location.accountId}.`);
  return { role: 'member', accountId };
}

/** Refuses an operation a member account may not call. */
export function authorizeOperation(scope: CallerScope, operation: string): void {
  if (scope.role === 'member' && !MEMBER_OPERATIONS.has(operation)) {
    throw new AccessDeniedError(`Account ${scope.accountId} is a member account: ${operation} is for the administrator account only.`);
  }
}

/** The plan of a query that was not run: the filters could match nothing. */
const NO_QUERY: QueryPlanReport = { access: 'none', partitions: 0, indexItemsRead: 0, itemsRead: 0, itemsReturned: 0, sortedInMemory: false };

const identityKey = (identifier: FindingIdentifier) => JSON.stringify([identifier.ProductArn, identifier.Id]);

/** Which of `identifiers` are findings of `accountId` (one GetFindings page per 100 identifiers). */
async function ownIdentifiers(findings: FindingsStoreApi, identifiers: readonly FindingIdentifier[], accountId: string): Promise<Set<string>> {
  const own = new Set<string>();
  const ids = [...new Set(identifiers.map((identifier) => identifier.Id))];
  for (let start = 0; start < ids.length; start += 100) {
    const Filters = {
      Id: ids.slice(start, start + 100).map((Value) => ({ Value, Comparison: 'EQUALS' as const })),
      AwsAccountId: [{ Value: accountId, Comparison: 'EQUALS' as const }],
    };
    let NextToken: string | undefined;
    do {
      const page = await findings.getFindings({ Filters, MaxResults: 100, ...(NextToken !== undefined && { NextToken }) });
      for (const finding of page.Findings) own.add(identityKey(finding));
      NextToken = page.NextToken;
    } while (NextToken !== undefined);
  }
  return own;
}

/** The findings store as a member account sees it: its own account's findings only. */
export function memberFindings(findings: FindingsStoreApi, accountId: string, now: () => Date): FindingsStoreApi {
  return {
    async getFindings(request) {
      const Filters = restrictToAccount(validateFilters(request.Filters ?? {}) as AwsSecurityFindingFilters, accountId, now());
      // Filters that exclude the caller's own account match nothing it may see: an empty page, without a query.
      return Filters === undefined ? { Findings: [], plan: NO_QUERY } : findings.getFindings({ ...request, Filters });
    },
    async forEachFindingPage(filters, visit, options) {
      const Filters = restrictToAccount(validateFilters(filters) as AwsSecurityFindingFilters, accountId, now());
      return Filters === undefined ? { plan: NO_QUERY, maxPage: 0 } : findings.forEachFindingPage(Filters, visit, options);
    },
    async getFindingHistory(request) {
      const own = await ownIdentifiers(findings, [request.FindingIdentifier], accountId);
      // Another account's finding does not exist for this caller, as in Security Hub, where each account has its own findings.
      return own.has(identityKey(request.FindingIdentifier)) ? findings.getFindingHistory(request) : { Records: [] };
    },
    async updateFindings(request, caller) {
      const own = await ownIdentifiers(findings, request.FindingIdentifiers, accountId);
      const mine = request.FindingIdentifiers.filter((identifier) => own.has(identityKey(identifier)));
      const others = request.FindingIdentifiers.filter((identifier) => !own.has(identityKey(identifier)));
      const response = mine.length > 0 ? await findings.updateFindings({ ...request, FindingIdentifiers: mine }, caller) : { ProcessedFindings: [], UnprocessedFindings: [] };
      const notFound = others.map((FindingIdentifier) => ({ FindingIdentifier, ErrorCode: 'FindingNotFound', ErrorMessage: 'Finding Not Found' }));
      return { ProcessedFindings: response.ProcessedFindings, UnprocessedFindings: [...response.UnprocessedFindings, ...notFound] };
    },
    async importFindings(batch, caller) {
      const accountOf = (finding: unknown) => (finding as Partial<AwsSecurityFinding> | null)?.AwsAccountId;
      const refused = batch.filter((finding) => typeof accountOf(finding) === 'string' && accountOf(finding) !== accountId);
      const rest = batch.filter((finding) => !refused.includes(finding));
      const response: BatchImportFindingsResponse = rest.length > 0 ? await findings.importFindings(rest, caller) : { SuccessCount: 0, FailedCount: 0, FailedFindings: [] };
      const failures = refused.map((finding) => ({
        Id: String((finding as { Id?: unknown }).Id ?? ''),
        ErrorCode: 'AccessDeniedException',
        ErrorMessage: `AwsAccountId is ${accountOf(finding)}: member account ${accountId} may import findings of its own account only`,
      }));
      return { ...response, FailedCount: response.FailedCount + failures.length, FailedFindings: [...response.FailedFindings, ...failures] };
    },
  };
}

function memberInsights(insights: InsightsApi, accountId: string, now: () => Date): InsightsApi {
  return {
    create: (definition, location) => insights.create(definition, location),
    get: (input, location) => insights.get(input, location),
    results: (arn, location, restrict) =>
      insights.results(arn, location, (filters) => {
        const narrowed = restrict === undefined ? filters : restrict(filters);
        return narrowed === undefined ? undefined : restrictToAccount(narrowed, accountId, now());
      }),
    update: (input, location) => insights.update(input, location),
    delete: (arn, location) => insights.delete(arn, location),
  };
}

/**
 * The compliance state as a member account sees it: its own account's effective settings (its
 * configuration policy under central configuration, else the organization's), so the standards,
 * controls and scores it reads are its account's; read once per request. It changes nothing (no
 * member operation writes settings; a write is refused all the same).
 */
export function memberCompliance(compliance: ComplianceServices, accountId: string): ComplianceServices {
  const resolve = compliance.settingsOfAccount;
  if (resolve === undefined) return compliance;
  let own: Promise<ComplianceSettings> | undefined;
  return {
    ...compliance,
    settings: {
      get: () => (own ??= resolve()(accountId)),
      update: async () => {
        throw new AccessDeniedError(`Account ${accountId} is a member account: only the administrator account changes standards and controls.`);
      },
    },
  };
}

/** The services a caller's operations get: all of them for the administrator, narrowed to its account for a member. */
export function scopedServices(services: ApiServices, scope: CallerScope): ApiServices {
  if (scope.role === 'administrator') return services;
  const now = () => new Date();
  return {
    ...services,
    findings: memberFindings(services.findings, scope.accountId, now),
    ...(services.insights !== undefined && { insights: memberInsights(services.insights, scope.accountId, now) }),
    ...(services.compliance !== undefined && { compliance: memberCompliance(services.compliance, scope.accountId) }),
  };
}

/**
 * A member's input narrowed where an operation names the account in its input rather than in
 * filters: GetSecurityScores' `AccountId` (its own, whatever it asked; another account is refused).
 */
export function scopedInput(operation: string, input: unknown, scope: CallerScope): unknown {
  if (scope.role !== 'member' || operation !== 'GetSecurityScores') return input;
  const asked = (input as { AccountId?: string }).AccountId;
  if (asked !== undefined && asked !== scope.accountId)
    throw new AccessDeniedError(`Account ${scope.accountId} is a member account: it may read its own scores only, not ${asked}'s.`);
  return { ...(input as object), AccountId: scope.accountId };
}
