/** The cdk tier's global setup: synthesizes the whole stack once (or finds it cached) before the suites start. */
import { wholeStack } from './whole-stack';

export default function globalSetup(): void {
  wholeStack();
}
