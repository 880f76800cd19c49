/**
 * An event a normalizer cannot map to ASFF: a missing or malformed field, or an unknown finding
 * type. Permanent (retrying will not help): the event goes to the dead-letter queue with this
 * message, which names the field path.
 */
export class UnmappableEventError extends Error {
  constructor(
    readonly reason: string,
    readonly path?: string,
  ) {
    super(path ? `${path}: ${reason}` : reason);
    this.name = 'UnmappableEventError';
  }
}
