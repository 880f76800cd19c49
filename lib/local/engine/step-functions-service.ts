/**
 * Step Functions behind the edge (AWS JSON 1.0, `X-Amz-Target: AWSStepFunctions.<Operation>`):
 * StartExecution, DescribeExecution, GetExecutionHistory and ListStateMachines over the local state
 * machines, and SendTaskSuccess / SendTaskFailure / SendTaskHeartbeat for their callback tasks
 * (`.waitForTaskToken`), so `@aws-sdk/client-sfn` and `aws stepfunctions … --endpoint-url` work
 * against them.
 */
import type { EdgeService } from './edge';
import { JsonServiceError, serveJson } from './json-protocol';
import type { LocalExecution, LocalStateMachines } from './state-machines';
import { TaskTokenError } from './state-machine-tasks';

/** The X-Amz-Target prefix of Step Functions. */
export const STEP_FUNCTIONS_TARGET_PREFIX = 'AWSStepFunctions';

/** Timestamps on the wire: epoch seconds. */
const seconds = (date: Date | undefined) => (date === undefined ? undefined : date.getTime() / 1000);

function requiredString(input: Record<string, unknown>, member: string): string {
  const value = input[member];
  if (typeof value !== 'string' || value === '')
    throw new JsonServiceError('ValidationException', `1 validation error detected: Value null at '${member}' failed to satisfy constraint: Member must not be null`);
  return value;
}

function described(execution: LocalExecution): Record<string, unknown> {
  return { ...execution, startDate: seconds(execution.startDate), stopDate: seconds(execution.stopDate) };
}

const NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** Runs a token answer; a refused token is Step Functions' own error (TaskDoesNotExist, TaskTimedOut, InvalidToken, InvalidOutput). */
function answerToken(answer: () => void): Record<string, never> {
  try {
    answer();
  } catch (error) {
    if (error instanceof TaskTokenError) throw new JsonServiceError(error.code, error.message);
    throw error;
  }
  return {};
}

/** An optional string member of at most `max` characters (SendTaskFailure's error and cause). */
function optionalString(input: Record<string, unknown>, member: string, max: number): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value.length > max)
    throw new JsonServiceError(
      'ValidationException',
      `1 validation error detected: Value at '${member}' failed to satisfy constraint: Member must be a string of at most ${max} characters`,
    );
  return value;
}

/** The local state machines behind the edge. */
export function stepFunctionsService(machines: LocalStateMachines): EdgeService {
  const execution = (input: Record<string, unknown>) => {
    const executionArn = requiredString(input, 'executionArn');
    const found = machines.describe(executionArn);
    if (found === undefined) throw new JsonServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return found;
  };
  return {
    name: 'stepfunctions',
    matches: (request) => request.target?.startsWith(`${STEP_FUNCTIONS_TARGET_PREFIX}.`) ?? false,
    handle: (request) =>
      serveJson(
        '1.0',
        STEP_FUNCTIONS_TARGET_PREFIX,
        {
          ListStateMachines: async () => ({
            stateMachines: machines.list().map((spec) => ({ stateMachineArn: spec.arn, name: spec.name, type: 'STANDARD', creationDate: 0 })),
          }),
          StartExecution: async (input) => {
            const stateMachineArn = requiredString(input, 'stateMachineArn');
            const name = input.name === undefined ? undefined : String(input.name);
            if (name !== undefined && !NAME.test(name)) throw new JsonServiceError('InvalidName', `Invalid Name: '${name}'`);
            const text = input.input === undefined ? '{}' : String(input.input);
            try {
              JSON.parse(text);
            } catch {
              throw new JsonServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: the input is not JSON');
            }
            const started = machines.start(stateMachineArn, text, name);
            if (started === undefined) throw new JsonServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${stateMachineArn}'`);
            return { executionArn: started.executionArn, startDate: seconds(started.startDate) };
          },
          DescribeExecution: async (input) => described(execution(input)),
          SendTaskSuccess: async (input) => {
            const token = requiredString(input, 'taskToken');
            const output = requiredString(input, 'output');
            return answerToken(() => machines.tokens.succeed(token, output));
          },
          SendTaskFailure: async (input) => {
            const token = requiredString(input, 'taskToken');
            const error = optionalString(input, 'error', 256);
            const cause = optionalString(input, 'cause', 32768);
            return answerToken(() => machines.tokens.fail(token, error, cause));
          },
          SendTaskHeartbeat: async (input) => {
            const token = requiredString(input, 'taskToken');
            return answerToken(() => machines.tokens.heartbeat(token));
          },
          GetExecutionHistory: async (input) => {
            const events = [...machines.history(execution(input).executionArn)!];
            if (input.reverseOrder === true) events.reverse();
            const start = Number(input.nextToken ?? 0);
            const size = typeof input.maxResults === 'number' && input.maxResults > 0 ? Math.min(input.maxResults, 1000) : 100;
            const page = events.slice(start, start + size).map((event) => ({ ...event, timestamp: seconds(event.timestamp) }));
            return { events: page, ...(start + size < events.length && { nextToken: String(start + size) }) };
          },
        },
        request,
      ),
  };
}
