/**
 * Errors the Security Hub–compatible API returns, named and coded as Security Hub names them.
 * The API layer maps each to its HTTP status and the `x-amzn-errortype` header; everything else
 * becomes `InternalException` (500).
 */
export class SecurityHubError extends Error {
  /**
   * @param type Security Hub's exception name, sent as `x-amzn-errortype` and the body's `Code`.
   * @param status HTTP status Security Hub uses for this exception.
   */
  constructor(
    message: string,
    readonly type: string,
    readonly status: number,
  ) {
    super(message);
    this.name = new.target.name;
  }

  /** Short error code carried in the body's `Code` member (Security Hub sends the exception name). */
  get code(): string {
    return this.type;
  }
}

/** The request is malformed: a missing or invalid member. The message names the field path. */
export class InvalidInputError extends SecurityHubError {
  constructor(message: string) {
    super(message, 'InvalidInputException', 400);
  }
}

/** A documented limit is exceeded (batch size, filter count, rule count…). */
export class LimitExceededError extends SecurityHubError {
  constructor(message: string) {
    super(message, 'LimitExceededException', 429);
  }
}

/** The named resource does not exist. */
export class ResourceNotFoundError extends SecurityHubError {
  constructor(message: string) {
    super(message, 'ResourceNotFoundException', 404);
  }
}

/** The caller is not allowed to do this (e.g. import for another account's product). */
export class InvalidAccessError extends SecurityHubError {
  constructor(message: string) {
    super(message, 'InvalidAccessException', 401);
  }
}

/** A resource with this identifier already exists. */
export class ResourceConflictError extends SecurityHubError {
  constructor(message: string) {
    super(message, 'ResourceConflictException', 409);
  }
}

/** The caller's account may not call this operation or act on this resource (e.g. a member account managing members). */
export class AccessDeniedError extends SecurityHubError {
  constructor(message: string) {
    super(message, 'AccessDeniedException', 403);
  }
}
