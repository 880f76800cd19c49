/**
 * A pattern EventBridge would refuse (`InvalidEventPatternException` from PutRule or
 * TestEventPattern). `path` locates the offending member, e.g. `detail.state[0].numeric`.
 */
export class InvalidEventPatternError extends Error {
  /** EventBridge's exception name, for callers that answer with AWS-shaped errors. */
  readonly type = 'InvalidEventPatternException';

  /**
   * @param reason Why the pattern is rejected.
   * @param path Where in the pattern; empty for the root.
   */
  constructor(
    readonly reason: string,
    readonly path: string,
  ) {
    super(`Event pattern is not valid. Reason: ${reason}${path ? ` at ${path}` : ''}`);
    this.name = new.target.name;
  }
}
