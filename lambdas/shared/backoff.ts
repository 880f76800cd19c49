/**
 * Waits a random time that grows with the attempt number (up to 5 ms × attempt): the jitter that
 * spreads out writers retrying a conditional write after losing a race on the same item.
 */
export function conflictBackoff(attempt: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
}
