/**
 * Errors the Security Hub–compatible API returns, named and coded as Security Hub names them.
 * The API layer maps each to its HTTP status and the `x-amzn-errortype` header; everything else
 * becomes `InternalException` (500).
 */
export abstract class SecurityHubError extends Error {
  /** Security Hub's exception name, sent as `x-amzn-errortype` and `__type`. */
  abstract readonly type: string;
  /** HTTP status Security Hub uses for this exception. */
  abstract readonly status: number;
  /** Short error code carried in the body's `Code` member. */
  abstract readonly code: string;
}

/** The request is malformed: a missing or invalid member. The message names the field path. */
export class InvalidInputError extends SecurityHubError {
  readonly type = 'InvalidInputException';
  readonly status = 400;
  readonly code = 'InvalidInputException';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}

/** A documented limit is exceeded (batch size, filter count, rule count…). */
export class LimitExceededError extends SecurityHubError {
  readonly type = 'LimitExceededException';
  readonly status = 429;
  readonly code = 'LimitExceededException';
  constructor(message: string) {
    super(message);
    this.name = 'LimitExceededError';
  }
}

/** The named resource does not exist. */
export class ResourceNotFoundError extends SecurityHubError {
  readonly type = 'ResourceNotFoundException';
  readonly status = 404;
  readonly code = 'ResourceNotFoundException';
  constructor(message: string) {
    super(message);
    this.name = 'ResourceNotFoundError';
  }
}

/** The caller is not allowed to do this (e.g. import for another account's product). */
export class InvalidAccessError extends SecurityHubError {
  readonly type = 'InvalidAccessException';
  readonly status = 401;
  readonly code = 'InvalidAccessException';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidAccessError';
  }
}

/** A resource with this identifier already exists. */
export class ResourceConflictError extends SecurityHubError {
  readonly type = 'ResourceConflictException';
  readonly status = 409;
  readonly code = 'ResourceConflictException';
  constructor(message: string) {
    super(message);
    this.name = 'ResourceConflictError';
  }
}
