/**
 * What an API operation is: one entry of the operations registry. Adding an operation (standards,
 * insights, automation rules…) is one more entry: its route as Security Hub's restJson1 model
 * declares it, its envelope check, and the call into the core.
 */
import type { AccountSettingsResolver, ComplianceSettings } from '../compliance';
import type { ScoreSnapshotRepository } from '../compliance';
import type { CallerContext, FindingsStoreApi } from '../store';
import type { InsightsApi } from '../triage';
import type { AggregationServices } from './services';
import type {
  ActionTargetServices,
  AlertServices,
  AutomationRuleServices,
  ConfigurationPolicyServices,
  ConsoleServices,
  HubServices,
  OrganizationServices,
  RemediationServices,
} from './services';
import type { JsonObject } from './envelope';

/** HTTP methods Security Hub's API uses. */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The cores the operations call into (more members as more operations arrive). */
export interface ApiServices {
  findings: FindingsStoreApi;
  /** Standards, controls and scores; without it those operations answer 500. */
  compliance?: ComplianceServices;
  /** Custom and managed insights; without it those operations answer 500. */
  insights?: InsightsApi;
  /** Automation rules (stored and rules-as-code), dry-runs and re-application; without it those operations answer 500. */
  automationRules?: AutomationRuleServices;
  /** Custom actions and the bus their events go to; without it those operations answer 500. */
  actionTargets?: ActionTargetServices;
  /** Remediation records, approvals and settings; without it those operations answer 500. */
  remediation?: RemediationServices;
  /** Alert decisions and groups (ExplainAlert); without it that operation answers 500. */
  alerts?: AlertServices;
  /** The console's own operations (finding groups, remediation starts); without it those operations answer 500. */
  console?: ConsoleServices;
  /** The hub, its product subscriptions and tags; without it those operations answer 500. */
  hub?: HubServices;
  /** The finding aggregator (cross-Region aggregation); without it those operations answer 500. */
  aggregation?: AggregationServices;
  /** The organization: administrator, configuration, members. Without it those operations answer 500 and every caller from another account is refused. */
  organization?: OrganizationServices;
  /** Central configuration: configuration policies and their associations; without it those operations answer 500. */
  configurationPolicies?: ConfigurationPolicyServices;
}

/** The compliance state the standards and controls operations read and write. */
export interface ComplianceServices {
  settings: {
    get(): Promise<ComplianceSettings>;
    /** Read-modify-write with retries on conflict; `change` may throw to refuse. */
    update(change: (current: ComplianceSettings) => ComplianceSettings): Promise<ComplianceSettings>;
  };
  snapshots: ScoreSnapshotRepository;
  /**
   * Each account's effective settings — its configuration policy under central configuration, else
   * `settings` — as a factory of resolvers (one per request). A member account's reads of controls
   * and scores, and scores of one account, use them; without it every account reads `settings`.
   */
  settingsOfAccount?: () => AccountSettingsResolver;
  now?: () => Date;
}

/** Where the API runs: the account and Region its ARNs name (subscriptions, controls). */
export interface ServiceLocation {
  accountId: string;
  region: string;
  partition: string;
}

/** One request as an operation sees it, after routing and JSON parsing. */
export interface OperationRequest {
  /** The JSON body (`{}` when the body is empty). */
  body: JsonObject;
  /** Labels bound by the route's path template (`/insights/{InsightArn+}`), URL-decoded. */
  pathParameters: Record<string, string>;
  /** Query-string members (restJson1 `httpQuery`). */
  query: Record<string, string>;
  /** Every value of each query-string member (restJson1 list members such as UntagResource's `tagKeys`). */
  queryLists?: Record<string, string[]>;
}

/** What an operation returns: the wire output, and fields worth logging that do not go on the wire. */
export interface OperationResult {
  output: object;
  log?: Record<string, unknown>;
}

/** One operation of the Security Hub–compatible API. */
export interface ApiOperation<Input = unknown> {
  /** Security Hub's operation name, e.g. `GetFindings`. */
  readonly name: string;
  readonly method: HttpMethod;
  /** Path template as in the Smithy model: `/findings`, `/insights/{InsightArn+}`. */
  readonly path: string;
  /** Checks the request envelope; throws `InvalidInputError` naming the member path. */
  parse(request: OperationRequest): Input;
  /** Runs the operation. */
  invoke(input: Input, services: ApiServices, caller: CallerContext, location: ServiceLocation): Promise<OperationResult>;
}

/** Declares an operation with a typed input while keeping the registry homogeneous. */
export function defineOperation<Input>(operation: ApiOperation<Input>): ApiOperation {
  return operation as ApiOperation;
}
