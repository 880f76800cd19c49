/**
 * Step Functions' check of an AWS SDK integration call (`arn:aws:states:::aws-sdk:<service>:<action>`)
 * against the AWS SDK v3 client's own input shape: every member the Parameters name must be one of
 * the shape's (in Step Functions' spelling, see {@link stepFunctionsMemberName}) and every required
 * member present, at every depth. Used by the embedded default before any SDK task reaches the
 * simulated member account, and by the static test over statemachines/. Not for Lambda code.
 *
 * Step Functions refuses a task whose Parameters do not fit with `States.Runtime`, cause
 * `… The Parameters '<json>' could not be used to start the Task: [The field "Filters" is not
 * supported by Step Functions]`; `States.Runtime` is neither retried nor caught (not even by
 * `States.ALL`): the execution fails. {@link SdkParametersError} is that error.
 */
import { lookupOperation } from './clients';
import { checkTemplate, checkValue, describeProblem, type SchemaRef, type SdkParameterProblem } from './schema';

export { clientPackageOf, lookupOperation, type OperationLookup } from './clients';
export { checkTemplate, checkValue, describeProblem, stepFunctionsMemberName, unknownPathStep, type SdkParameterProblem } from './schema';

/** The outcome of validating one call or template. */
export type SdkValidation = { validated: true; packageName: string; problems: SdkParameterProblem[]; unknownOperation?: string } | { validated: false; reason: string };

function validate(service: string, action: string, check: (operation: { input: SchemaRef; output: SchemaRef }) => SdkParameterProblem[]): SdkValidation {
  const lookup = lookupOperation(service, action);
  if (lookup.found) return { validated: true, packageName: lookup.packageName, problems: check(lookup) };
  if (lookup.validated) return { validated: true, packageName: lookup.packageName, problems: [], unknownOperation: lookup.reason };
  return { validated: false, reason: lookup.reason };
}

/** A call's resolved Parameters (run time) against `<service>:<action>`'s input shape. */
export function validateSdkParameters(service: string, action: string, parameters: unknown): SdkValidation {
  return validate(service, action, ({ input }) => checkValue(input, parameters ?? {}));
}

/**
 * An answer (what the simulated account returns) against `<service>:<action>`'s output shape in
 * Step Functions' spelling: members the output lacks only (an emulation slip, e.g. `SSEAlgorithm`
 * where Step Functions answers `SseAlgorithm`).
 */
export function validateSdkOutput(service: string, action: string, output: unknown): SdkValidation {
  return validate(service, action, (operation) => checkValue(operation.output, output ?? {}, '', false));
}

/** A Task's Parameters template as written in ASL (`<Member>.$` keys count as `<Member>`). */
export function validateSdkTemplate(service: string, action: string, template: unknown): SdkValidation {
  return validate(service, action, ({ input }) => checkTemplate(input, template));
}

/**
 * `States.Runtime` for Parameters an SDK integration cannot take. aws-local-stepfunctions reads
 * `isRetryable` / `isCatchable` off a task's error: both false, as for Step Functions' own
 * `States.Runtime`, so neither `Retry` nor `Catch` (`States.ALL` included) sees it.
 */
export class SdkParametersError extends Error {
  readonly isRetryable = false;
  readonly isCatchable = false;

  /** `stateName`: the Task whose call this is (absent for a call made outside a state machine). */
  constructor(
    readonly parameters: unknown,
    readonly problems: readonly SdkParameterProblem[],
    readonly stateName?: string,
  ) {
    const where = stateName === undefined ? '' : `An error occurred while executing the state '${stateName}'. `;
    super(`${where}The Parameters '${JSON.stringify(parameters ?? {})}' could not be used to start the Task: [${problems.map(describeProblem).join(', ')}]`);
    this.name = 'States.Runtime';
  }
}

/**
 * Throws {@link SdkParametersError} when a call's Parameters do not fit its operation's input
 * shape. Calls of services without an installed client, and of actions the client lacks (Step
 * Functions refuses those when the state machine is created; here the account answers
 * `UnsupportedOperation`), pass.
 */
export function assertSdkParameters(call: { service: string; action: string; parameters: unknown }, stateName?: string): void {
  const result = validateSdkParameters(call.service, call.action, call.parameters);
  if (result.validated && result.problems.length > 0) throw new SdkParametersError(call.parameters ?? {}, result.problems, stateName);
}
