/**
 * Amazon States Language building blocks of the playbook generator: the few ASL shapes the
 * playbooks use, as types, and the pieces every playbook repeats (retry blocks, the catch-all to
 * Record Failure, an AWS SDK integration task acting with the member account's role).
 * Key order in every builder is the order the generated files show.
 */

/** A JSON value as ASL holds it. */
export type Json = string | number | boolean | null | Json[] | JsonObject;
/** A JSON object; a member `undefined` is left out of the file (as `JSON.stringify` does), which lets array literals of differently shaped rules type-check. */
export interface JsonObject {
  [key: string]: Json | undefined;
}

/** One ASL state (Task, Choice, Pass, Map, Fail …): an object whose `Type` names its kind. */
export type AslState = { Type: string } & JsonObject;

/** States by name, in the order they appear in the file. */
export type AslStates = Record<string, AslState>;

/** A Choice rule without its `Next` (a condition), e.g. `{ Variable: '$.before.enabled', BooleanEquals: true }`. */
export type ChoiceCondition = JsonObject;

/** The side of a read: the state before Act (`$.before`) or the read-back after it (`$.after`). */
export type ReadSide = 'before' | 'after';

/** Where Record Failure is: every error of a Read, Act or Verify state ends there. */
export const RECORD_FAILURE = 'Record Failure';

/** The retry every playbook uses, for the given errors: 2 s doubling, 6 attempts, at most 60 s, full jitter. */
export function retry(errors: readonly string[]): Json[] {
  return [
    {
      ErrorEquals: [...errors],
      IntervalSeconds: 2,
      MaxAttempts: 6,
      BackoffRate: 2,
      MaxDelaySeconds: 60,
      JitterStrategy: 'FULL',
    },
  ];
}

/** Transient errors of invoking a Lambda function (the shared Check, Approval and Record functions). */
export const LAMBDA_TRANSIENT_ERRORS = ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException'] as const;

/**
 * Throttling errors of each service a playbook calls, as Step Functions names them in an AWS SDK
 * integration (`<Service>.<ErrorCode>`; both spellings where the service's code and its SDK
 * exception differ). A playbook calling a new service adds it here.
 */
export const THROTTLING_ERRORS = {
  s3: ['S3.SlowDownException', 'S3.SlowDown', 'S3.ThrottlingException'],
  ec2: ['Ec2.RequestLimitExceededException', 'Ec2.RequestLimitExceeded', 'Ec2.ThrottlingException'],
  iam: ['Iam.ThrottlingException', 'Iam.Throttling'],
  rds: ['Rds.ThrottlingException', 'Rds.Throttling'],
  cloudtrail: ['CloudTrail.ThrottlingException'],
} as const satisfies Record<string, readonly string[]>;

/** A service a playbook may call (a key of {@link THROTTLING_ERRORS}). */
export type PlaybookService = keyof typeof THROTTLING_ERRORS;

/** A catch of the given errors into `resultPath`, going to `next`. */
export function catchErrors(errors: readonly string[], resultPath: string, next: string): Json {
  return { ErrorEquals: [...errors], ResultPath: resultPath, Next: next };
}

/** The catch-all every Read, Act and Verify state ends with: the error into `$.error`, then Record Failure. */
export const CATCH_ALL_TO_FAILURE: Json = catchErrors(['States.ALL'], '$.error', RECORD_FAILURE);

/** An AWS SDK integration task of a playbook: `arn:aws:states:::aws-sdk:<service>:<action>`. */
export interface SdkTaskOptions {
  /** Service and action, e.g. `s3:getBucketEncryption` (the action as the SDK's command, first letter lower case). */
  call: `${PlaybookService}:${string}`;
  comment?: string;
  /** The call's input (Step Functions' member spelling: the API's, with `.$` for paths). */
  parameters: JsonObject;
  resultSelector?: JsonObject;
  /** Where the result goes; `null` discards it. */
  resultPath: string | null;
  /** Catches tried before the catch-all (e.g. "no configuration yet" going on to Dry Run?). */
  catches?: Json[];
  /** Inside a Map's item processor: no catch (the Map catches) and `End: true` instead of `next`. */
  inMap?: boolean;
  /** The next state (not with `inMap`). */
  next?: string;
}

/**
 * An AWS SDK integration task acting with the member account's remediation role that Check derived
 * (`$.check.target.roleArn`, never a value from the finding), retried on the service's throttling
 * and (outside a Map) caught into Record Failure.
 */
export function sdkTask(options: SdkTaskOptions): AslState {
  const service = options.call.split(':')[0] as PlaybookService;
  const errors: readonly string[] | undefined = THROTTLING_ERRORS[service];
  if (!errors) throw new Error(`sdkTask ${options.call}: no throttling errors for service "${service}" (add it to THROTTLING_ERRORS)`);
  if (options.inMap === (options.next !== undefined)) throw new Error(`sdkTask ${options.call}: give either next or inMap`);
  const state: AslState = { Type: 'Task' };
  if (options.comment !== undefined) state.Comment = options.comment;
  state.Resource = `arn:aws:states:::aws-sdk:${options.call}`;
  state.Credentials = { 'RoleArn.$': '$.check.target.roleArn' };
  state.Parameters = options.parameters;
  if (options.resultSelector) state.ResultSelector = options.resultSelector;
  state.ResultPath = options.resultPath;
  state.Retry = retry(errors);
  if (options.inMap) {
    state.End = true;
  } else {
    state.Catch = [...(options.catches ?? []), CATCH_ALL_TO_FAILURE];
    state.Next = options.next!;
  }
  return state;
}

/** A Choice state with one rule (`condition` → `next`) and a default. */
export function choice(condition: ChoiceCondition, next: string, otherwise: string): AslState {
  return { Type: 'Choice', Choices: [{ ...condition, Next: next }], Default: otherwise };
}

/** A `States.Format` intrinsic of `template` with JSONPath arguments, e.g. `format('bucket {}', TARGET.resourceId)`. */
export function format(template: string, ...paths: string[]): string {
  if (template.includes("'")) throw new Error(`format: the template may not contain a quote: ${template}`);
  const holes = template.split('{}').length - 1;
  if (holes !== paths.length) throw new Error(`format: ${holes} placeholders but ${paths.length} arguments in "${template}"`);
  return `States.Format(${[`'${template}'`, ...paths].join(', ')})`;
}

/** JSONPaths of what Check validated (`$.check.target`, lambdas/remediation/contract.ts RemediationTarget). */
export const TARGET = {
  accountId: '$.check.target.accountId',
  region: '$.check.target.region',
  partition: '$.check.target.partition',
  resourceId: '$.check.target.resourceId',
  roleArn: '$.check.target.roleArn',
  /** A playbook-specific parameter Check extracted (`target.parameters.<name>`). */
  parameter: (name: string) => `$.check.target.parameters.${name}`,
} as const;
