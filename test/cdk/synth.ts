import { App, Stack } from 'aws-cdk-lib';

/**
 * An App for CDK unit tests. Bundling is skipped (the context key the CLI sets for `--exclusively`):
 * these tests assert the template, not the handlers' code, and stay fast and independent of it.
 */
export function testApp(context: Record<string, unknown> = {}): App {
  return new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
}

/** A bare stack in a {@link testApp}, to mount one construct in. */
export function testStack(): Stack {
  return new Stack(testApp(), 'Test');
}
