// Placeholder: the EventBridge content-filtering matcher is being written.
/** True when the event matches the EventBridge event pattern. */
export function matchesEventPattern(_pattern: unknown, _event: unknown): boolean {
  throw new Error('not implemented yet');
}
