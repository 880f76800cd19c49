/**
 * The `sechub` subcommands: one entry per `aws securityhub` subcommand, with its flags mapped to
 * the operation's input members. Adding a subcommand is one entry.
 */
import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import * as securityHubModule from '@aws-sdk/client-securityhub';
import type { SFNClient } from '@aws-sdk/client-sfn';
import {
  BatchDisableStandardsCommand,
  BatchEnableStandardsCommand,
  BatchGetSecurityControlsCommand,
  BatchImportFindingsCommand,
  BatchDeleteAutomationRulesCommand,
  BatchGetAutomationRulesCommand,
  BatchUpdateAutomationRulesCommand,
  CreateAutomationRuleCommand,
  ListAutomationRulesCommand,
  CreateActionTargetCommand,
  DeleteActionTargetCommand,
  DescribeActionTargetsCommand,
  UpdateActionTargetCommand,
  BatchUpdateFindingsCommand,
  DescribeStandardsCommand,
  DescribeStandardsControlsCommand,
  GetEnabledStandardsCommand,
  GetFindingHistoryCommand,
  GetFindingsCommand,
  CreateInsightCommand,
  DeleteInsightCommand,
  GetInsightResultsCommand,
  GetInsightsCommand,
  UpdateInsightCommand,
  GetSecurityControlDefinitionCommand,
  ListSecurityControlDefinitionsCommand,
  UpdateSecurityControlCommand,
  UpdateStandardsControlCommand,
  AwsSecurityFindingIdentifier$,
  CreateAutomationRuleRequest$,
  type SecurityHubClient,
} from '@aws-sdk/client-securityhub';
import type { OutputFormat } from './output';
import { sdkCommand } from './sdk-commands';
import { operationSchemaOf, type OperationSchema } from './shapes';
import { VIEWS } from './views';
import { putEventsOutcome, rawInputHint, wrapFindings } from './wrap';
import { DEMO_COMMAND } from './demo';
import { REPORT_COMMAND } from './report';
import { sendOwnOperation } from './own-operations';
import { UsageError, parseInteger, parseList, parseMap, parseStructure, parseTimestamp, readValue } from './values';
import { EXPLAIN_ALERT_COMMAND } from './explain-alert';
import { LIST_DELIVERIES } from './integrations';

/** How a flag's values become an input member. */
export type ParameterKind = 'string' | 'integer' | 'timestamp' | 'structure' | 'map' | 'structure-list' | 'string-list' | 'boolean';

/** One flag of a subcommand. */
export interface Parameter {
  /** Flag without dashes, e.g. `finding-identifiers`. */
  flag: string;
  /** Input member, e.g. `FindingIdentifiers`. */
  member: string;
  kind: ParameterKind;
  required?: boolean;
  /** Not a member of the operation's input (e.g. `put-events --wrap`): not checked against its shape, not sent as is. */
  local?: boolean;
  /** For our own operations: the SDK shape the value must match (e.g. `AwsSecurityFindingIdentifier$`). */
  shape?: unknown;
}

/** How the CLI pages through a paginated operation (as the AWS CLI does by default). */
export interface Pagination {
  /** Output member holding the items. */
  items: string;
}

/** Output of an SDK call, without `$metadata`. */
export type Output = Record<string, unknown>;

/** Clients of services other than Security Hub, created on first use. */
export interface OtherClients {
  events(): EventBridgeClient;
  stepFunctions?(): SFNClient;
}

const NO_OTHER_CLIENTS: OtherClients = {
  events: () => {
    throw new Error('No EventBridge client configured');
  },
};

function stepFunctionsOf(others: OtherClients): SFNClient {
  if (others.stepFunctions === undefined) throw new Error('No Step Functions client configured');
  return others.stepFunctions();
}

/** One subcommand. */
export interface CommandSpec {
  name: string;
  operation: string;
  summary: string;
  parameters: Parameter[];
  pagination?: Pagination;
  send(client: SecurityHubClient, input: Record<string, unknown>, others?: OtherClients): Promise<Output>;
  /**
   * The operation's schema (input checks, `--generate-cli-skeleton`), or a function returning it
   * (loaded on use). Default: Security Hub's `<operation>$` when the SDK has one; `false` for none
   * (our own operations).
   */
  schema?: OperationSchema | false | (() => OperationSchema);
  /** The exit code an output means when the call itself succeeded (e.g. 1 when a waited run FAILED). */
  outcome?(output: Output, input: Record<string, unknown>): Outcome | undefined;
  /** Checks and completes the input at parse time, before anything starts (throws `UsageError`). */
  prepare?(input: Record<string, unknown>): Record<string, unknown>;
  /** A line added to a usage error about this input (e.g. put-events given a raw finding). */
  hint?(input: Record<string, unknown>): string | undefined;
  /** How the output prints by default (the responder views are tables, their columns in order). */
  display?: { output?: OutputFormat; keepOrder?: boolean };
}

/** What an output means for the exit code, with a line for stderr. */
export interface Outcome {
  code: number;
  message?: string;
}

/** Exit code of a command whose call succeeded but whose reported result failed (a waited run FAILED, failed put-events entries). */
export const EXIT_FAILED_RESULT = 1;

/** Fails when a waited execution or remediation ended FAILED (or timed out, or was aborted). */
function waitedRunOutcome(output: Output): Outcome | undefined {
  const status = output.status as string | undefined;
  const remediation = (output.remediation as { status?: string } | undefined)?.status;
  if (status === 'FAILED' || status === 'TIMED_OUT' || status === 'ABORTED' || remediation === 'FAILED') {
    return { code: EXIT_FAILED_RESULT, message: `The run ended ${remediation === 'FAILED' ? 'FAILED' : status}${output.error ? ` (${String(output.error)})` : ''}.` };
  }
  return undefined;
}

/*
 * EventBridge, Step Functions and what uses them are loaded on first use: most commands never need
 * them, and every start of `sechub` would pay for loading them (`require`, not `import`).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const eventBridge = () => require('@aws-sdk/client-eventbridge') as typeof import('@aws-sdk/client-eventbridge');
const complianceEvaluation = () => require('./compliance-evaluation') as typeof import('./compliance-evaluation');
const remediation = () => require('./remediation') as typeof import('./remediation');
/* eslint-enable @typescript-eslint/no-require-imports */

function withoutMetadata(output: object): Output {
  const { $metadata: _metadata, ...rest } = output as Output & { $metadata?: unknown };
  return rest;
}

/** The subcommands, in help order. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: 'batch-import-findings',
    operation: 'BatchImportFindings',
    summary: 'Imports up to 100 ASFF findings.',
    parameters: [{ flag: 'findings', member: 'Findings', kind: 'structure-list', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new BatchImportFindingsCommand(input as never))),
  },
  {
    name: 'get-findings',
    operation: 'GetFindings',
    summary: 'Returns findings matching filters (pages through all results unless told otherwise).',
    parameters: [
      { flag: 'filters', member: 'Filters', kind: 'structure' },
      { flag: 'sort-criteria', member: 'SortCriteria', kind: 'structure-list' },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'Findings' },
    send: async (client, input) => withoutMetadata(await client.send(new GetFindingsCommand(input as never))),
  },
  {
    name: 'batch-update-findings',
    operation: 'BatchUpdateFindings',
    summary: 'Updates the customer-owned fields of up to 100 findings.',
    parameters: [
      { flag: 'finding-identifiers', member: 'FindingIdentifiers', kind: 'structure-list', required: true },
      { flag: 'note', member: 'Note', kind: 'structure' },
      { flag: 'severity', member: 'Severity', kind: 'structure' },
      { flag: 'verification-state', member: 'VerificationState', kind: 'string' },
      { flag: 'confidence', member: 'Confidence', kind: 'integer' },
      { flag: 'criticality', member: 'Criticality', kind: 'integer' },
      { flag: 'types', member: 'Types', kind: 'string-list' },
      { flag: 'user-defined-fields', member: 'UserDefinedFields', kind: 'map' },
      { flag: 'workflow', member: 'Workflow', kind: 'structure' },
      { flag: 'related-findings', member: 'RelatedFindings', kind: 'structure-list' },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new BatchUpdateFindingsCommand(input as never))),
  },
  {
    name: 'get-finding-history',
    operation: 'GetFindingHistory',
    summary: "Returns the history of a finding's changes.",
    parameters: [
      { flag: 'finding-identifier', member: 'FindingIdentifier', kind: 'structure', required: true },
      { flag: 'start-time', member: 'StartTime', kind: 'timestamp' },
      { flag: 'end-time', member: 'EndTime', kind: 'timestamp' },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'Records' },
    send: async (client, input) => withoutMetadata(await client.send(new GetFindingHistoryCommand(input as never))),
  },
  {
    name: 'batch-enable-standards',
    operation: 'BatchEnableStandards',
    summary: 'Enables standards (StandardsArn=…).',
    parameters: [{ flag: 'standards-subscription-requests', member: 'StandardsSubscriptionRequests', kind: 'structure-list', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new BatchEnableStandardsCommand(input as never))),
  },
  {
    name: 'batch-disable-standards',
    operation: 'BatchDisableStandards',
    summary: 'Disables standards by subscription ARN.',
    parameters: [{ flag: 'standards-subscription-arns', member: 'StandardsSubscriptionArns', kind: 'string-list', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new BatchDisableStandardsCommand(input as never))),
  },
  {
    name: 'get-enabled-standards',
    operation: 'GetEnabledStandards',
    summary: 'Lists the enabled standards (subscriptions).',
    parameters: [
      { flag: 'standards-subscription-arns', member: 'StandardsSubscriptionArns', kind: 'string-list' },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'StandardsSubscriptions' },
    send: async (client, input) => withoutMetadata(await client.send(new GetEnabledStandardsCommand(input as never))),
  },
  {
    name: 'describe-standards',
    operation: 'DescribeStandards',
    summary: 'Lists the available standards.',
    parameters: [
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'Standards' },
    send: async (client, input) => withoutMetadata(await client.send(new DescribeStandardsCommand(input as never))),
  },
  {
    name: 'describe-standards-controls',
    operation: 'DescribeStandardsControls',
    summary: 'Lists the controls of an enabled standard, with their status.',
    parameters: [
      { flag: 'standards-subscription-arn', member: 'StandardsSubscriptionArn', kind: 'string', required: true },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'Controls' },
    send: async (client, input) => withoutMetadata(await client.send(new DescribeStandardsControlsCommand(input as never))),
  },
  {
    name: 'update-standards-control',
    operation: 'UpdateStandardsControl',
    summary: 'Enables or disables a control (a reason is required to disable).',
    parameters: [
      { flag: 'standards-control-arn', member: 'StandardsControlArn', kind: 'string', required: true },
      { flag: 'control-status', member: 'ControlStatus', kind: 'string' },
      { flag: 'disabled-reason', member: 'DisabledReason', kind: 'string' },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new UpdateStandardsControlCommand(input as never))),
  },
  {
    name: 'list-security-control-definitions',
    operation: 'ListSecurityControlDefinitions',
    summary: 'Lists the security controls, all or of one standard.',
    parameters: [
      { flag: 'standards-arn', member: 'StandardsArn', kind: 'string' },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'SecurityControlDefinitions' },
    send: async (client, input) => withoutMetadata(await client.send(new ListSecurityControlDefinitionsCommand(input as never))),
  },
  {
    name: 'get-security-control-definition',
    operation: 'GetSecurityControlDefinition',
    summary: "Returns a security control's definition and parameters.",
    parameters: [{ flag: 'security-control-id', member: 'SecurityControlId', kind: 'string', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new GetSecurityControlDefinitionCommand(input as never))),
  },
  {
    name: 'batch-get-security-controls',
    operation: 'BatchGetSecurityControls',
    summary: 'Returns security controls with their status and parameter values.',
    parameters: [{ flag: 'security-control-ids', member: 'SecurityControlIds', kind: 'string-list', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new BatchGetSecurityControlsCommand(input as never))),
  },
  {
    name: 'update-security-control',
    operation: 'UpdateSecurityControl',
    summary: "Sets a control's parameters (ValueType CUSTOM with a Value, or DEFAULT).",
    parameters: [
      { flag: 'security-control-id', member: 'SecurityControlId', kind: 'string', required: true },
      { flag: 'parameters', member: 'Parameters', kind: 'structure', required: true },
      { flag: 'last-update-reason', member: 'LastUpdateReason', kind: 'string' },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new UpdateSecurityControlCommand(input as never))),
  },
  {
    name: 'create-automation-rule',
    operation: 'CreateAutomationRule',
    summary: 'Creates an automation rule (criteria in the finding-filter language, one FINDING_FIELDS_UPDATE action).',
    parameters: [
      { flag: 'rule-name', member: 'RuleName', kind: 'string', required: true },
      { flag: 'description', member: 'Description', kind: 'string', required: true },
      { flag: 'rule-order', member: 'RuleOrder', kind: 'integer', required: true },
      { flag: 'criteria', member: 'Criteria', kind: 'structure', required: true },
      { flag: 'actions', member: 'Actions', kind: 'structure-list', required: true },
      { flag: 'rule-status', member: 'RuleStatus', kind: 'string' },
      { flag: 'is-terminal', member: 'IsTerminal', kind: 'boolean' },
      { flag: 'tags', member: 'Tags', kind: 'map' },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new CreateAutomationRuleCommand(input as never))),
  },
  {
    name: 'batch-get-automation-rules',
    operation: 'BatchGetAutomationRules',
    summary: 'Returns automation rules by ARN.',
    parameters: [{ flag: 'automation-rules-arns', member: 'AutomationRulesArns', kind: 'string-list', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new BatchGetAutomationRulesCommand(input as never))),
  },
  {
    name: 'list-automation-rules',
    operation: 'ListAutomationRules',
    summary: 'Lists the automation rules in the order they apply (rules-as-code show CreatedBy opensecurityhub:rules-as-code).',
    parameters: [
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'AutomationRulesMetadata' },
    send: async (client, input) => withoutMetadata(await client.send(new ListAutomationRulesCommand(input as never))),
  },
  {
    name: 'batch-update-automation-rules',
    operation: 'BatchUpdateAutomationRules',
    summary: 'Changes members of automation rules (RuleArn plus the members to change).',
    parameters: [{ flag: 'update-automation-rules-request-items', member: 'UpdateAutomationRulesRequestItems', kind: 'structure-list', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new BatchUpdateAutomationRulesCommand(input as never))),
  },
  {
    name: 'batch-delete-automation-rules',
    operation: 'BatchDeleteAutomationRules',
    summary: 'Deletes automation rules by ARN.',
    parameters: [{ flag: 'automation-rules-arns', member: 'AutomationRulesArns', kind: 'string-list', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new BatchDeleteAutomationRulesCommand(input as never))),
  },
  {
    // Ours: what a rule (stored, or a CreateAutomationRule request in --rule) would change in the stored findings.
    name: 'dry-run-automation-rule',
    operation: 'DryRunAutomationRule',
    summary: 'Prints, per stored finding a rule would change, the field changes (from, to); writes nothing.',
    parameters: [
      { flag: 'rule-arn', member: 'RuleArn', kind: 'string' },
      { flag: 'rule', member: 'Rule', kind: 'structure', shape: CreateAutomationRuleRequest$ },
    ],
    send: (client, input) => sendOwnOperation(client, '/automationrules/dryrun', input),
  },
  {
    // Ours: re-applies enabled rules (all, or --rule-arns) to the stored findings; history names each rule.
    name: 'apply-automation-rules',
    operation: 'ApplyAutomationRules',
    summary: 'Re-applies enabled automation rules to the stored findings and prints what changed.',
    parameters: [{ flag: 'rule-arns', member: 'RuleArns', kind: 'string-list' }],
    send: (client, input) => sendOwnOperation(client, '/automationrules/apply', input),
  },
  {
    name: 'create-insight',
    operation: 'CreateInsight',
    summary: 'Creates a custom insight (name, finding filters, group-by attribute); prints its ARN.',
    parameters: [
      { flag: 'name', member: 'Name', kind: 'string', required: true },
      { flag: 'filters', member: 'Filters', kind: 'structure', required: true },
      { flag: 'group-by-attribute', member: 'GroupByAttribute', kind: 'string', required: true },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new CreateInsightCommand(input as never))),
  },
  {
    name: 'get-insights',
    operation: 'GetInsights',
    summary: 'Lists the custom insights, or the insights (custom or managed) named by ARN.',
    parameters: [
      { flag: 'insight-arns', member: 'InsightArns', kind: 'string-list' },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'Insights' },
    send: async (client, input) => withoutMetadata(await client.send(new GetInsightsCommand(input as never))),
  },
  {
    name: 'get-insight-results',
    operation: 'GetInsightResults',
    summary: "Counts an insight's findings per group-by value (top 100, most first).",
    parameters: [{ flag: 'insight-arn', member: 'InsightArn', kind: 'string', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new GetInsightResultsCommand(input as never))),
  },
  {
    name: 'update-insight',
    operation: 'UpdateInsight',
    summary: "Changes a custom insight's name, filters or group-by attribute.",
    parameters: [
      { flag: 'insight-arn', member: 'InsightArn', kind: 'string', required: true },
      { flag: 'name', member: 'Name', kind: 'string' },
      { flag: 'filters', member: 'Filters', kind: 'structure' },
      { flag: 'group-by-attribute', member: 'GroupByAttribute', kind: 'string' },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new UpdateInsightCommand(input as never))),
  },
  {
    name: 'delete-insight',
    operation: 'DeleteInsight',
    summary: 'Deletes a custom insight.',
    parameters: [{ flag: 'insight-arn', member: 'InsightArn', kind: 'string', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new DeleteInsightCommand(input as never))),
  },
  {
    // Ours (not in Security Hub's API): current scores, and the snapshots of the last DAYS days.
    name: 'get-security-scores',
    operation: 'GetSecurityScores',
    summary: 'Prints the security scores (summary, per standard, per account and Region, control statuses); --history DAYS adds snapshots; --account-id / --scope-region scope them.',
    parameters: [
      { flag: 'history', member: 'HistoryDays', kind: 'integer' },
      { flag: 'account-id', member: 'AccountId', kind: 'string' },
      { flag: 'scope-region', member: 'Region', kind: 'string' }, // --region is the global client Region
    ],
    send: (client, input) => sendOwnOperation(client, '/compliance/scores', input),
  },
  {
    name: 'create-security-score-snapshot',
    operation: 'CreateSecurityScoreSnapshot',
    summary: 'Stores a score snapshot and prints what changed since the last one.',
    parameters: [],
    send: (client, input) => sendOwnOperation(client, '/compliance/scores/snapshot', input),
  },
  {
    // Ours, on the embedded default only: changes a resource of the simulated member account, whose
    // AWS Config then puts a `Config Configuration Item Change` event on the default bus.
    name: 'simulate-change',
    operation: 'SimulateChange',
    summary: 'Changes a simulated member-account resource (--set path=value…, --unset path…, or --delete); Config\'s change event follows.',
    parameters: [
      { flag: 'resource-type', member: 'ResourceType', kind: 'string', required: true },
      { flag: 'resource-id', member: 'ResourceId', kind: 'string', required: true },
      { flag: 'account-id', member: 'AccountId', kind: 'string' },
      { flag: 'aws-region', member: 'AwsRegion', kind: 'string' },
      { flag: 'set', member: 'Set', kind: 'string-list' },
      { flag: 'unset', member: 'Unset', kind: 'string-list' },
      { flag: 'delete', member: 'Delete', kind: 'boolean' },
    ],
    send: (client, input) => sendOwnOperation(client, '/_sechub/config/simulate-change', input),
  },
  {
    // As `aws events put-events`: the events reach the normalizers through the stack's rules.
    name: 'put-events',
    operation: 'PutEvents',
    summary: 'Puts 1-10 events on an event bus (as `aws events put-events`); --wrap FINDING… wraps GuardDuty/Inspector/Macie findings in their events.',
    parameters: [
      { flag: 'entries', member: 'Entries', kind: 'structure-list' },
      { flag: 'endpoint-id', member: 'EndpointId', kind: 'string' },
      { flag: 'wrap', member: 'Wrap', kind: 'structure-list', local: true },
      { flag: 'event-bus-name', member: 'EventBusName', kind: 'string', local: true },
    ],
    schema: () => eventBridge().PutEvents$ as unknown as OperationSchema,
    // --wrap's findings become entries here, so a value that is not a finding is a usage error before anything starts.
    prepare: (input) => {
      const { Wrap, EventBusName, ...request } = input;
      if ((Wrap === undefined) === (request.Entries === undefined)) throw new UsageError('put-events takes --entries or --wrap (one of them)');
      if (EventBusName !== undefined && Wrap === undefined) throw new UsageError('--event-bus-name goes with --wrap (with --entries, give each entry its EventBusName)');
      return Wrap === undefined ? request : { ...request, Wrap: wrapFindings(Wrap as unknown[], EventBusName as string | undefined) };
    },
    send: async (_client, input, others = NO_OTHER_CLIENTS) => {
      const { Wrap: wrapped, ...request } = input;
      const { PutEventsCommand } = eventBridge();
      if (wrapped === undefined) return withoutMetadata(await others.events().send(new PutEventsCommand(request as never)));
      // Wrapped findings go 10 to a call (PutEvents' limit), answered as one call.
      const entries = wrapped as Array<Record<string, unknown>>;
      const answer = { FailedEntryCount: 0, Entries: [] as unknown[] };
      for (let start = 0; start < entries.length; start += 10) {
        const page = await others.events().send(new PutEventsCommand({ ...request, Entries: entries.slice(start, start + 10) } as never));
        answer.FailedEntryCount += page.FailedEntryCount ?? 0;
        answer.Entries.push(...(page.Entries ?? []));
      }
      return answer;
    },
    outcome: (output, input) => putEventsOutcome(output, input),
    hint: (input) => rawInputHint(input.Entries),
  },
  {
    // Ours: the periodic sweep by hand (the embedded default's state machine, or the deployed one).
    name: 'start-compliance-evaluation',
    operation: 'StartExecution',
    summary: 'Starts the compliance sweep (state machine); --wait prints its result, counts and state transitions.',
    parameters: [
      { flag: 'wait', member: 'Wait', kind: 'boolean' },
      { flag: 'state-machine-arn', member: 'StateMachineArn', kind: 'string' },
    ],
    send: (_client, input, others = NO_OTHER_CLIENTS) =>
      complianceEvaluation().startComplianceEvaluation(stepFunctionsOf(others), { wait: input.Wait === true, stateMachineArn: input.StateMachineArn as string | undefined }),
    outcome: waitedRunOutcome,
  },
  {
    name: 'create-action-target',
    operation: 'CreateActionTarget',
    summary: 'Creates a custom action (Id ≤ 20 letters/digits, Name ≤ 20, Description ≤ 256); prints its ARN.',
    parameters: [
      { flag: 'name', member: 'Name', kind: 'string', required: true },
      { flag: 'description', member: 'Description', kind: 'string', required: true },
      { flag: 'id', member: 'Id', kind: 'string', required: true },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new CreateActionTargetCommand(input as never))),
  },
  {
    name: 'describe-action-targets',
    operation: 'DescribeActionTargets',
    summary: 'Lists the custom actions, all or those named by ARN.',
    parameters: [
      { flag: 'action-target-arns', member: 'ActionTargetArns', kind: 'string-list' },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    pagination: { items: 'ActionTargets' },
    send: async (client, input) => withoutMetadata(await client.send(new DescribeActionTargetsCommand(input as never))),
  },
  {
    name: 'update-action-target',
    operation: 'UpdateActionTarget',
    summary: "Changes a custom action's name or description.",
    parameters: [
      { flag: 'action-target-arn', member: 'ActionTargetArn', kind: 'string', required: true },
      { flag: 'name', member: 'Name', kind: 'string' },
      { flag: 'description', member: 'Description', kind: 'string' },
    ],
    send: async (client, input) => withoutMetadata(await client.send(new UpdateActionTargetCommand(input as never))),
  },
  {
    name: 'delete-action-target',
    operation: 'DeleteActionTarget',
    summary: 'Deletes a custom action.',
    parameters: [{ flag: 'action-target-arn', member: 'ActionTargetArn', kind: 'string', required: true }],
    send: async (client, input) => withoutMetadata(await client.send(new DeleteActionTargetCommand(input as never))),
  },
  {
    // Ours (Security Hub's console does this): one `Security Hub Findings - Custom Action` event on the app's bus.
    name: 'send-findings-to-action-target',
    operation: 'SendFindingsToActionTarget',
    summary: 'Sends up to 20 findings to a custom action: rules on resources [ARN] receive them.',
    parameters: [
      { flag: 'action-target-arn', member: 'ActionTargetArn', kind: 'string', required: true },
      { flag: 'finding-identifiers', member: 'FindingIdentifiers', kind: 'structure-list', required: true },
    ],
    send: (client, input) => sendOwnOperation(client, '/actionTargets/send', input),
  },
  {
    // Ours, on the embedded default: the alerts topic's recent messages (the local stand-in for an
    // e-mail subscription), newest first. Deployed, subscribe to the AlertsTopicArn output instead.
    name: 'list-alerts',
    operation: 'ListAlerts',
    summary: 'Prints the latest alerts the router published to the local alerts topic (newest first; --max-items N, default 20).',
    parameters: [
      { flag: 'max-items', member: 'MaxItems', kind: 'integer' },
      { flag: 'topic-arn', member: 'TopicArn', kind: 'string' },
    ],
    send: (client, input) => sendOwnOperation(client, '/_sechub/alerts', input),
  },
  LIST_DELIVERIES,
  {
    // Ours: starts the finding's playbook (state machine) through Step Functions.
    name: 'remediate',
    operation: 'StartExecution',
    summary: "Remediates a finding with its playbook (--dry-run reports only; --approve pre-approves; --wait prints the outcome, record, transitions, time).",
    parameters: [
      { flag: 'finding-id', member: 'FindingId', kind: 'string', required: true },
      { flag: 'product-arn', member: 'ProductArn', kind: 'string' },
      { flag: 'playbook', member: 'PlaybookId', kind: 'string' },
      { flag: 'dry-run', member: 'DryRun', kind: 'boolean' },
      { flag: 'approve', member: 'Approve', kind: 'boolean' },
      { flag: 'wait', member: 'Wait', kind: 'boolean' },
      { flag: 'state-machine-arn', member: 'StateMachineArn', kind: 'string' },
    ],
    send: (client, input, others = NO_OTHER_CLIENTS) =>
      remediation().startRemediation(client, stepFunctionsOf(others), {
        findingId: input.FindingId as string,
        productArn: input.ProductArn as string | undefined,
        playbookId: input.PlaybookId as string | undefined,
        dryRun: input.DryRun === true,
        approve: input.Approve === true,
        wait: input.Wait === true,
        stateMachineArn: input.StateMachineArn as string | undefined,
      }),
    outcome: waitedRunOutcome,
  },
  {
    name: 'list-remediations',
    operation: 'ListRemediations',
    summary: 'Lists remediation records, newest first (--status AWAITING_APPROVAL…, --finding-identifier Id=…,ProductArn=…).',
    parameters: [
      { flag: 'status', member: 'Status', kind: 'string' },
      { flag: 'finding-identifier', member: 'FindingIdentifier', kind: 'structure', shape: AwsSecurityFindingIdentifier$ },
      { flag: 'max-results', member: 'MaxResults', kind: 'integer' },
      { flag: 'next-token', member: 'NextToken', kind: 'string' },
    ],
    send: (client, input) => sendOwnOperation(client, '/remediations/list', input),
  },
  {
    name: 'get-remediation',
    operation: 'GetRemediation',
    summary: 'Prints one remediation record.',
    parameters: [{ flag: 'remediation-id', member: 'RemediationId', kind: 'string', required: true }],
    send: (client, input) => sendOwnOperation(client, '/remediations/get', input),
  },
  {
    name: 'approve-remediation',
    operation: 'ApproveRemediation',
    summary: 'Approves a remediation waiting for approval; its playbook goes on to act.',
    parameters: [{ flag: 'remediation-id', member: 'RemediationId', kind: 'string', required: true }],
    send: (client, input) => sendOwnOperation(client, '/remediations/approve', input),
  },
  {
    name: 'reject-remediation',
    operation: 'RejectRemediation',
    summary: 'Rejects a remediation waiting for approval (--reason); nothing changes, the finding notes why.',
    parameters: [
      { flag: 'remediation-id', member: 'RemediationId', kind: 'string', required: true },
      { flag: 'reason', member: 'Reason', kind: 'string' },
    ],
    send: (client, input) => sendOwnOperation(client, '/remediations/reject', input),
  },
  {
    name: 'get-remediation-settings',
    operation: 'GetRemediationSettings',
    summary: 'Prints the remediation settings (exclusions, approvals, automatic remediation, rate limit) and their version.',
    parameters: [],
    send: (client, input) => sendOwnOperation(client, '/remediations/settings/get', input),
  },
  {
    name: 'update-remediation-settings',
    operation: 'UpdateRemediationSettings',
    summary: 'Replaces the remediation settings (--settings JSON|file://…; --version N to write only on that version).',
    parameters: [
      { flag: 'settings', member: 'Settings', kind: 'structure', required: true },
      { flag: 'version', member: 'Version', kind: 'integer' },
    ],
    send: (client, input) => sendOwnOperation(client, '/remediations/settings/update', input),
  },
  DEMO_COMMAND,
  REPORT_COMMAND,
  ...VIEWS,
  EXPLAIN_ALERT_COMMAND,
];

/** The subcommand named `name`: an entry of {@link COMMANDS}, else any Security Hub operation of the SDK (`describe-hub`). */
export function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name) ?? sdkCommand(name);
}

/** The operation schema a command's input is checked against, if it has one. */
export function inputSchemaOf(command: CommandSpec): OperationSchema | undefined {
  if (command.schema === false) return undefined;
  if (typeof command.schema === 'function') return command.schema();
  return command.schema ?? operationSchemaOf(securityHubModule as unknown as Record<string, unknown>, command.operation);
}

/** Turns a flag's values into the member's value. */
export function parseParameter(parameter: Parameter, values: string[]): unknown {
  const flag = `--${parameter.flag}`;
  if (parameter.kind === 'structure-list') return parseList(values, flag, 'structure');
  if (parameter.kind === 'string-list') return parseList(values, flag, 'string');
  if (parameter.kind === 'boolean') {
    if (values.length > 0) throw new Error(`${flag} takes no value`);
    return true;
  }
  if (values.length !== 1) throw new Error(`${flag} takes one value`);
  const [text] = values;
  switch (parameter.kind) {
    case 'string':
      return readValue(text);
    case 'integer':
      return parseInteger(text, flag);
    case 'timestamp':
      return parseTimestamp(text, flag);
    case 'structure':
      return parseStructure(text, flag);
    case 'map':
      return parseMap(text, flag);
  }
}
