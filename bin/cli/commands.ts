/**
 * The `sechub` subcommands, in help order: Security Hub operations of the SDK ({@link sdkOperation}:
 * flags, checks and the call come from the SDK; the entry adds a summary and paging) and our own
 * commands ({@link defineCommand} / {@link ownOperation}). Adding a subcommand is one entry. Any
 * Security Hub operation not listed here still works ({@link findCommand}).
 */
import type { SFNClient } from '@aws-sdk/client-sfn';
import { defineCommand, flag, sdkOperation, withoutMetadata, type CommandSpec, type OtherClients, type Outcome, type Output, type Parameter } from './command-spec';
import { DEMO_COMMAND } from './demo';
import { EXPLAIN_ALERT_COMMAND } from './explain-alert';
import { LIST_DELIVERIES } from './integrations';
import { ownOperation } from './own-operations';
import { REPORT_COMMAND } from './report';
import { securityHub, type OperationSchema } from './sdk';
import { sdkCommand } from './sdk-commands';
import { securityHubSchema } from './command-spec';
import { VIEWS } from './views';
import { putEventsOutcome, rawInputHint, wrapFindings } from './wrap';
import { UsageError, parseInteger, parseList, parseMap, parseStructure, parseTimestamp, readValue } from './values';

export * from './command-spec';

/** Defined (`true`) by the bundle's build (`bin/build.mjs`); undeclared under tsx and Jest. */
declare const SECHUB_BUNDLED: boolean | undefined;

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

const NO_OTHER_CLIENTS: OtherClients = {
  events: () => Promise.reject(new Error('No EventBridge client configured')),
};

function stepFunctionsOf(others: OtherClients): Promise<SFNClient> {
  if (others.stepFunctions === undefined) throw new Error('No Step Functions client configured');
  return others.stepFunctions();
}

/*
 * EventBridge, Step Functions and what uses them are loaded on first use: most commands never need
 * them. In the bundle `import()` initializes them on first use (EventBridge is required from node_modules); under tsx and Jest `require`.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
type EventBridgeModule = typeof import('@aws-sdk/client-eventbridge');
let eventBridgeModule: EventBridgeModule | undefined;
const eventBridge = async (): Promise<EventBridgeModule> =>
  (eventBridgeModule ??= typeof SECHUB_BUNDLED === 'undefined' ? (require('@aws-sdk/client-eventbridge') as EventBridgeModule) : await import('@aws-sdk/client-eventbridge'));
const complianceEvaluation = async () =>
  typeof SECHUB_BUNDLED === 'undefined' ? (require('./compliance-evaluation') as typeof import('./compliance-evaluation')) : import('./compliance-evaluation');
const remediation = async () => (typeof SECHUB_BUNDLED === 'undefined' ? (require('./remediation') as typeof import('./remediation')) : import('./remediation'));
/* eslint-enable @typescript-eslint/no-require-imports */

/** EventBridge's PutEvents schema, once `preload` (or, under tsx and Jest, this read) loaded the module. */
function putEventsSchema(): OperationSchema {
  if (eventBridgeModule === undefined && typeof SECHUB_BUNDLED === 'undefined') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    eventBridgeModule = require('@aws-sdk/client-eventbridge') as EventBridgeModule;
  }
  if (eventBridgeModule === undefined) throw new Error('internal error: put-events input is checked before preload() loaded EventBridge');
  return eventBridgeModule.PutEvents$ as unknown as OperationSchema;
}

/** The subcommands, in help order. */
export const COMMANDS: readonly CommandSpec[] = [
  sdkOperation('BatchImportFindings', { summary: 'Imports up to 100 ASFF findings.' }),
  sdkOperation('GetFindings', { summary: 'Returns findings matching filters (pages through all results unless told otherwise).', pagination: 'Findings' }),
  sdkOperation('BatchUpdateFindings', { summary: 'Updates the customer-owned fields of up to 100 findings.' }),
  sdkOperation('GetFindingHistory', { summary: "Returns the history of a finding's changes.", pagination: 'Records' }),
  sdkOperation('BatchEnableStandards', { summary: 'Enables standards (StandardsArn=…).' }),
  sdkOperation('BatchDisableStandards', { summary: 'Disables standards by subscription ARN.' }),
  sdkOperation('GetEnabledStandards', { summary: 'Lists the enabled standards (subscriptions).', pagination: 'StandardsSubscriptions' }),
  sdkOperation('DescribeStandards', { summary: 'Lists the available standards.', pagination: 'Standards' }),
  sdkOperation('DescribeStandardsControls', { summary: 'Lists the controls of an enabled standard, with their status.', pagination: 'Controls' }),
  sdkOperation('UpdateStandardsControl', { summary: 'Enables or disables a control (a reason is required to disable).' }),
  sdkOperation('ListSecurityControlDefinitions', { summary: 'Lists the security controls, all or of one standard.', pagination: 'SecurityControlDefinitions' }),
  sdkOperation('GetSecurityControlDefinition', { summary: "Returns a security control's definition and parameters." }),
  sdkOperation('BatchGetSecurityControls', { summary: 'Returns security controls with their status and parameter values.' }),
  sdkOperation('UpdateSecurityControl', { summary: "Sets a control's parameters (ValueType CUSTOM with a Value, or DEFAULT)." }),
  sdkOperation('CreateAutomationRule', { summary: 'Creates an automation rule (criteria in the finding-filter language, one FINDING_FIELDS_UPDATE action).' }),
  sdkOperation('BatchGetAutomationRules', { summary: 'Returns automation rules by ARN.' }),
  sdkOperation('ListAutomationRules', {
    summary: 'Lists the automation rules in the order they apply (rules-as-code show CreatedBy opensecurityhub:rules-as-code).',
    pagination: 'AutomationRulesMetadata',
  }),
  sdkOperation('BatchUpdateAutomationRules', { summary: 'Changes members of automation rules (RuleArn plus the members to change).' }),
  sdkOperation('BatchDeleteAutomationRules', { summary: 'Deletes automation rules by ARN.' }),
  // Ours: what a rule (stored, or a CreateAutomationRule request in --rule) would change in the stored findings.
  ownOperation('/automationrules/dryrun', {
    name: 'dry-run-automation-rule',
    operation: 'DryRunAutomationRule',
    summary: 'Prints, per stored finding a rule would change, the field changes (from, to); writes nothing.',
    parameters: [flag('rule-arn', 'string'), flag('rule', 'structure', { shape: () => securityHub().CreateAutomationRuleRequest$ })],
  }),
  // Ours: re-applies enabled rules (all, or --rule-arns) to the stored findings; history names each rule.
  ownOperation('/automationrules/apply', {
    name: 'apply-automation-rules',
    operation: 'ApplyAutomationRules',
    summary: 'Re-applies enabled automation rules to the stored findings and prints what changed.',
    parameters: [flag('rule-arns', 'string-list')],
  }),
  sdkOperation('CreateInsight', { summary: 'Creates a custom insight (name, finding filters, group-by attribute); prints its ARN.' }),
  sdkOperation('GetInsights', { summary: 'Lists the custom insights, or the insights (custom or managed) named by ARN.', pagination: 'Insights' }),
  sdkOperation('GetInsightResults', { summary: "Counts an insight's findings per group-by value (top 100, most first)." }),
  sdkOperation('UpdateInsight', { summary: "Changes a custom insight's name, filters or group-by attribute." }),
  sdkOperation('DeleteInsight', { summary: 'Deletes a custom insight.' }),
  // Ours (not in Security Hub's API): current scores, and the snapshots of the last DAYS days.
  ownOperation('/compliance/scores', {
    name: 'get-security-scores',
    operation: 'GetSecurityScores',
    summary:
      'Prints the security scores (summary, per standard, per account and Region, control statuses); --history DAYS adds snapshots; --account-id / --scope-region scope them.',
    parameters: [
      flag('history', 'integer', { member: 'HistoryDays' }),
      flag('account-id', 'string'),
      flag('scope-region', 'string', { member: 'Region' }), // --region is the global client Region
    ],
  }),
  ownOperation('/compliance/scores/snapshot', {
    name: 'create-security-score-snapshot',
    operation: 'CreateSecurityScoreSnapshot',
    summary: 'Stores a score snapshot and prints what changed since the last one.',
    parameters: [],
  }),
  // Ours, on the embedded default only: changes a resource of the simulated member account, whose
  // AWS Config then puts a `Config Configuration Item Change` event on the default bus.
  ownOperation('/_sechub/config/simulate-change', {
    name: 'simulate-change',
    operation: 'SimulateChange',
    summary: "Changes a simulated member-account resource (--set path=value…, --unset path…, or --delete); Config's change event follows.",
    parameters: [
      flag('resource-type', 'string', { required: true }),
      flag('resource-id', 'string', { required: true }),
      flag('account-id', 'string'),
      flag('aws-region', 'string'),
      flag('set', 'string-list'),
      flag('unset', 'string-list'),
      flag('delete', 'boolean'),
    ],
  }),
  // As `aws events put-events`: the events reach the normalizers through the stack's rules.
  defineCommand({
    name: 'put-events',
    operation: 'PutEvents',
    summary: 'Puts 1-10 events on an event bus (as `aws events put-events`); --wrap FINDING… wraps GuardDuty/Inspector/Macie findings in their events.',
    parameters: [
      flag('entries', 'structure-list'),
      flag('endpoint-id', 'string'),
      flag('wrap', 'structure-list', { local: true }),
      flag('event-bus-name', 'string', { local: true }),
    ],
    // Its input is checked against EventBridge's PutEvents (loaded before the command line is parsed).
    preload: async () => {
      await eventBridge();
    },
    schema: putEventsSchema,
    // --wrap's findings become entries here, so a value that is not a finding is a usage error before anything starts.
    prepare: (input) => {
      const { Wrap, EventBusName, ...request } = input;
      if ((Wrap === undefined) === (request.Entries === undefined)) throw new UsageError('put-events takes --entries or --wrap (one of them)');
      if (EventBusName !== undefined && Wrap === undefined) throw new UsageError('--event-bus-name goes with --wrap (with --entries, give each entry its EventBusName)');
      return Wrap === undefined ? request : { ...request, Wrap: wrapFindings(Wrap as unknown[], EventBusName as string | undefined) };
    },
    send: async (_client, input, others = NO_OTHER_CLIENTS) => {
      const { Wrap: wrapped, ...request } = input;
      const { PutEventsCommand } = await eventBridge();
      const events = await others.events();
      if (wrapped === undefined) return withoutMetadata(await events.send(new PutEventsCommand(request as never)));
      // Wrapped findings go 10 to a call (PutEvents' limit), answered as one call.
      const entries = wrapped as Array<Record<string, unknown>>;
      const answer = { FailedEntryCount: 0, Entries: [] as unknown[] };
      for (let start = 0; start < entries.length; start += 10) {
        const page = await events.send(new PutEventsCommand({ ...request, Entries: entries.slice(start, start + 10) } as never));
        answer.FailedEntryCount += page.FailedEntryCount ?? 0;
        answer.Entries.push(...(page.Entries ?? []));
      }
      return answer;
    },
    outcome: (output, input) => putEventsOutcome(output, input),
    hint: (input) => rawInputHint(input.Entries),
  }),
  // Ours: the periodic sweep by hand (the embedded default's state machine, or the deployed one).
  defineCommand({
    name: 'start-compliance-evaluation',
    operation: 'StartExecution',
    summary: 'Starts the compliance sweep (state machine); --wait prints its result, counts and state transitions.',
    parameters: [flag('wait', 'boolean'), flag('state-machine-arn', 'string')],
    send: async (_client, input, others = NO_OTHER_CLIENTS) =>
      (await complianceEvaluation()).startComplianceEvaluation(await stepFunctionsOf(others), {
        wait: input.Wait === true,
        stateMachineArn: input.StateMachineArn as string | undefined,
      }),
    outcome: waitedRunOutcome,
  }),
  sdkOperation('CreateActionTarget', { summary: 'Creates a custom action (Id ≤ 20 letters/digits, Name ≤ 20, Description ≤ 256); prints its ARN.' }),
  sdkOperation('DescribeActionTargets', { summary: 'Lists the custom actions, all or those named by ARN.', pagination: 'ActionTargets' }),
  sdkOperation('UpdateActionTarget', { summary: "Changes a custom action's name or description." }),
  sdkOperation('DeleteActionTarget', { summary: 'Deletes a custom action.' }),
  // Ours (Security Hub's console does this): one `Security Hub Findings - Custom Action` event on the app's bus.
  ownOperation('/actionTargets/send', {
    name: 'send-findings-to-action-target',
    operation: 'SendFindingsToActionTarget',
    summary: 'Sends up to 20 findings to a custom action: rules on resources [ARN] receive them.',
    parameters: [flag('action-target-arn', 'string', { required: true }), flag('finding-identifiers', 'structure-list', { required: true })],
  }),
  // Ours, on the embedded default: the alerts topic's recent messages (the local stand-in for an
  // e-mail subscription), newest first. Deployed, subscribe to the AlertsTopicArn output instead.
  ownOperation('/_sechub/alerts', {
    name: 'list-alerts',
    operation: 'ListAlerts',
    summary: 'Prints the latest alerts the router published to the local alerts topic (newest first; --max-items N, default 20).',
    parameters: [flag('max-items', 'integer'), flag('topic-arn', 'string')],
  }),
  LIST_DELIVERIES,
  // Ours: starts the finding's playbook (state machine) through Step Functions.
  defineCommand({
    name: 'remediate',
    operation: 'StartExecution',
    summary: 'Remediates a finding with its playbook (--dry-run reports only; --approve pre-approves; --wait prints the outcome, record, transitions, time).',
    parameters: [
      flag('finding-id', 'string', { required: true }),
      flag('product-arn', 'string'),
      flag('playbook', 'string', { member: 'PlaybookId' }),
      flag('dry-run', 'boolean'),
      flag('approve', 'boolean'),
      flag('wait', 'boolean'),
      flag('state-machine-arn', 'string'),
    ],
    send: async (client, input, others = NO_OTHER_CLIENTS) =>
      (await remediation()).startRemediation(client, await stepFunctionsOf(others), {
        findingId: input.FindingId as string,
        productArn: input.ProductArn as string | undefined,
        playbookId: input.PlaybookId as string | undefined,
        dryRun: input.DryRun === true,
        approve: input.Approve === true,
        wait: input.Wait === true,
        stateMachineArn: input.StateMachineArn as string | undefined,
        ...(others.stepFunctionsIn !== undefined && { clientIn: others.stepFunctionsIn }),
      }),
    outcome: waitedRunOutcome,
  }),
  ownOperation('/remediations/list', {
    name: 'list-remediations',
    operation: 'ListRemediations',
    summary: 'Lists remediation records, newest first (--status AWAITING_APPROVAL…, --finding-identifier Id=…,ProductArn=…).',
    parameters: [
      flag('status', 'string'),
      flag('finding-identifier', 'structure', { shape: () => securityHub().AwsSecurityFindingIdentifier$ }),
      flag('max-results', 'integer'),
      flag('next-token', 'string'),
    ],
  }),
  ownOperation('/remediations/get', {
    name: 'get-remediation',
    operation: 'GetRemediation',
    summary: 'Prints one remediation record.',
    parameters: [flag('remediation-id', 'string', { required: true })],
  }),
  ownOperation('/remediations/approve', {
    name: 'approve-remediation',
    operation: 'ApproveRemediation',
    summary: 'Approves a remediation waiting for approval; its playbook goes on to act.',
    parameters: [flag('remediation-id', 'string', { required: true })],
  }),
  ownOperation('/remediations/reject', {
    name: 'reject-remediation',
    operation: 'RejectRemediation',
    summary: 'Rejects a remediation waiting for approval (--reason); nothing changes, the finding notes why.',
    parameters: [flag('remediation-id', 'string', { required: true }), flag('reason', 'string')],
  }),
  ownOperation('/remediations/settings/get', {
    name: 'get-remediation-settings',
    operation: 'GetRemediationSettings',
    summary: 'Prints the remediation settings (exclusions, approvals, automatic remediation, rate limit) and their version.',
    parameters: [],
  }),
  ownOperation('/remediations/settings/update', {
    name: 'update-remediation-settings',
    operation: 'UpdateRemediationSettings',
    summary: 'Replaces the remediation settings (--settings JSON|file://…; --version N to write only on that version).',
    parameters: [flag('settings', 'structure', { required: true }), flag('version', 'integer')],
  }),
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
  return command.schema ?? securityHubSchema(command.operation);
}

/** Turns a flag's values into the member's value. */
export function parseParameter(parameter: Parameter, values: string[]): unknown {
  const flagName = `--${parameter.flag}`;
  if (parameter.kind === 'structure-list') return parseList(values, flagName, 'structure');
  if (parameter.kind === 'string-list') return parseList(values, flagName, 'string');
  if (parameter.kind === 'boolean') {
    if (values.length > 0) throw new Error(`${flagName} takes no value`);
    return true;
  }
  if (values.length !== 1) throw new Error(`${flagName} takes one value`);
  const [text] = values;
  switch (parameter.kind) {
    case 'string':
      return readValue(text);
    case 'integer':
      return parseInteger(text, flagName);
    case 'timestamp':
      return parseTimestamp(text, flagName);
    case 'structure':
      return parseStructure(text, flagName);
    case 'map':
      return parseMap(text, flagName);
  }
}
