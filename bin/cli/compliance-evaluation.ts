/**
 * `sechub start-compliance-evaluation [--wait]`: starts the compliance-evaluation state machine
 * (the embedded default's, or the deployed one through Step Functions) and, with `--wait`, prints
 * the execution's result with the sweep's counts, read from its history as Step Functions keeps it.
 */
import { DescribeExecutionCommand, GetExecutionHistoryCommand, ListStateMachinesCommand, StartExecutionCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { ServiceError } from './values';

/** How the state machine is found among the account's: its name contains the construct's id. */
export const COMPLIANCE_EVALUATION_NAME = /ComplianceEvaluation/;

/** A history event, as far as the summary reads it (the SDK's `HistoryEvent`, or the local one). */
export type SummaryEvent = {
  type?: string;
  id?: number;
  previousEventId?: number;
  lambdaFunctionScheduledEventDetails?: { resource?: string };
  lambdaFunctionSucceededEventDetails?: { output?: string };
};

/** What one Lambda function did in an execution: calls, and the sums of its outputs' numbers. */
export interface FunctionTotals {
  invocations: number;
  failures: number;
  totals: Record<string, number>;
}

/** An execution's cost driver and its tasks' results. */
export interface ExecutionSummary {
  /** States entered, plus task retries (what a Standard workflow bills). */
  stateTransitions: number;
  /** By function name (the last part of the task's resource ARN). */
  functions: Record<string, FunctionTotals>;
}

/** Every event of an execution's history, all pages. */
export async function executionHistory(client: SFNClient, executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new GetExecutionHistoryCommand({ executionArn, nextToken, maxResults: 1000 }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** Sums an execution's history (Step Functions' `GetExecutionHistory` events, in order). */
export function summarizeHistory(events: readonly SummaryEvent[]): ExecutionSummary {
  const byId = new Map(events.map((event) => [event.id, event]));
  const functionOf = (event: SummaryEvent): string => {
    // Succeeded/Failed → Started → Scheduled, which names the resource.
    let current: SummaryEvent | undefined = event;
    for (let hops = 0; current && hops < 3; hops++) {
      const resource = current.lambdaFunctionScheduledEventDetails?.resource;
      if (resource !== undefined) return resource.split(':').pop() ?? resource;
      current = current.previousEventId === undefined ? undefined : byId.get(current.previousEventId);
    }
    return 'unknown';
  };
  const functions: Record<string, FunctionTotals> = {};
  const totalsOf = (name: string) => (functions[name] ??= { invocations: 0, failures: 0, totals: {} });
  let entered = 0;
  let tasksEntered = 0;
  let scheduled = 0;
  for (const event of events) {
    const type = event.type ?? '';
    if (type.endsWith('StateEntered')) entered++;
    if (type === 'TaskStateEntered') tasksEntered++;
    if (type === 'LambdaFunctionScheduled') {
      scheduled++;
      totalsOf(functionOf(event)).invocations++;
    }
    if (type === 'LambdaFunctionFailed' || type === 'LambdaFunctionTimedOut') totalsOf(functionOf(event)).failures++;
    if (type === 'LambdaFunctionSucceeded') {
      const output = JSON.parse(event.lambdaFunctionSucceededEventDetails?.output ?? 'null') as unknown;
      if (output === null || typeof output !== 'object') continue;
      const { totals } = totalsOf(functionOf(event));
      for (const [key, value] of Object.entries(output)) if (typeof value === 'number') totals[key] = (totals[key] ?? 0) + value;
    }
  }
  return { stateTransitions: entered + Math.max(0, scheduled - tasksEntered), functions };
}

/** The sweep's counts, from the summary (functions recognised by the names the stack gives them). */
export function sweepCounts(summary: ExecutionSummary) {
  const find = (pattern: RegExp) => Object.entries(summary.functions).find(([name]) => pattern.test(name))?.[1].totals ?? {};
  const listed = find(/SweepList/);
  const evaluated = find(/SweepEvaluateBatch/);
  const archived = find(/SweepArchiveStale/);
  const resources = listed.count ?? 0;
  return {
    resourcesListed: resources,
    resourcesEvaluated: evaluated.items ?? 0,
    resourcesMissing: evaluated.missing ?? 0,
    controlFindingsEvaluated: evaluated.evaluated ?? 0,
    findingsWritten: evaluated.written ?? 0,
    findingsUnchanged: evaluated.unchanged ?? 0,
    evaluationErrors: evaluated.errorCount ?? 0,
    findingsArchived: archived.written ?? 0,
    staleFindings: archived.stale ?? 0,
    stateTransitions: summary.stateTransitions,
    stateTransitionsPerResource: resources === 0 ? null : Math.round((summary.stateTransitions / resources) * 1000) / 1000,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Options of {@link startComplianceEvaluation}. */
export interface StartOptions {
  stateMachineArn?: string;
  wait?: boolean;
  /** Between DescribeExecution polls. Default 1000 ms. */
  pollMs?: number;
}

/** Starts a sweep; with `wait`, polls until it stops and adds its counts. */
export async function startComplianceEvaluation(client: SFNClient, options: StartOptions): Promise<Record<string, unknown>> {
  let stateMachineArn = options.stateMachineArn;
  if (stateMachineArn === undefined) {
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListStateMachinesCommand({ nextToken }));
      stateMachineArn = page.stateMachines?.find((machine) => COMPLIANCE_EVALUATION_NAME.test(machine.name ?? ''))?.stateMachineArn;
      nextToken = page.nextToken;
    } while (stateMachineArn === undefined && nextToken);
    if (stateMachineArn === undefined) throw new ServiceError('ResourceNotFoundException', 'No compliance-evaluation state machine found (pass --state-machine-arn)');
  }
  const { executionArn, startDate } = await client.send(new StartExecutionCommand({ stateMachineArn, input: '{}' }));
  if (!options.wait) return { executionArn, startDate };
  for (;;) {
    const execution = await client.send(new DescribeExecutionCommand({ executionArn }));
    if (execution.status !== 'RUNNING' && execution.status !== 'PENDING_REDRIVE') {
      const events = await executionHistory(client, executionArn!);
      const { $metadata: _metadata, input: _input, output, ...described } = execution;
      return { ...described, ...(output !== undefined && { output: JSON.parse(output) as unknown }), sweep: sweepCounts(summarizeHistory(events)) };
    }
    await sleep(options.pollMs ?? 1000);
  }
}
