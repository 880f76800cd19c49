/**
 * The engine's Lambda runner: each function in isolates of its own (worker_threads), with its own
 * environment read lazily, a Lambda context, and the template's timeout enforced as Lambda does —
 * failed with `Sandbox.Timedout`, retried per EventInvokeConfig, then sent to the on-failure
 * destination by the bus's delivery.
 */
import { LocalEventBus, LocalFunctions, LocalQueues, PROJECT_ROOT, type LocalFunction, type StackModel } from '../../../lib/local/engine';

const fn = (logicalId: string, entry: string, environment: Record<string, string>, timeoutSeconds = 10, onFailureQueue?: string): LocalFunction => ({
  logicalId,
  name: `T-${logicalId}`,
  entry,
  environment,
  timeoutSeconds,
  asyncInvoke: { maximumRetryAttempts: 1, maximumEventAgeSeconds: 60, ...(onFailureQueue !== undefined && { onFailureQueue }) },
});

describe('functions in isolates of their own', () => {
  const functions = new LocalFunctions(
    {
      Hello: fn('Hello', 'test/fixtures/engine/env-reader.ts', { GREETING: 'hello' }),
      Bonjour: fn('Bonjour', 'test/fixtures/engine/env-reader.ts', { GREETING: 'bonjour' }),
      Idle: fn('Idle', 'test/fixtures/engine/env-reader.ts', { GREETING: 'never invoked' }),
    },
    PROJECT_ROOT,
    { environment: () => ({ FINDINGS_TABLE: 'local-table' }), invocationsPerIsolate: 2, maxIsolates: 4 },
  );
  afterAll(() => functions.stop());

  it('gives each function its own environment, read lazily, while this process keeps its own', async () => {
    const before = { ...process.env };

    // Concurrent, from the same handler file: each isolate has its own module and process.env.
    const [hello, bonjour] = await Promise.all([functions.invoke('Hello', { wait: 50 }), functions.invoke('Bonjour', { wait: 10 })]);

    expect(hello).toEqual({ greeting: 'hello', functionName: 'T-Hello', table: 'local-table' });
    expect(bonjour).toEqual({ greeting: 'bonjour', functionName: 'T-Bonjour', table: 'local-table' });
    expect(process.env).toEqual(before);
    expect(process.env.GREETING).toBeUndefined();
  });

  it('starts isolates lazily, keeps them warm, and starts another only when the warm ones are full', async () => {
    await functions.invoke('Hello', {});
    expect(functions.isolates()).toEqual({ 'T-Hello': 1, 'T-Bonjour': 1 }); // none for Idle, never invoked

    // Two at once fit in one isolate (invocationsPerIsolate: 2)…
    await Promise.all([functions.invoke('Hello', { wait: 100 }), functions.invoke('Hello', { wait: 100 })]);
    expect(functions.isolates()['T-Hello']).toBe(1);
    // …a third at once starts a second.
    await Promise.all([1, 2, 3].map(() => functions.invoke('Hello', { wait: 100 })));
    expect(functions.isolates()['T-Hello']).toBe(2);
    expect(functions.invocations()).toMatchObject({ 'T-Hello': 7, 'T-Bonjour': 1 });
  });

  it('fails an invocation of a handler that cannot load with Lambda’s Runtime.ImportModuleError', async () => {
    const failing = new LocalFunctions({ Missing: fn('Missing', 'test/fixtures/engine/no-such-handler.ts', {}) }, PROJECT_ROOT);
    const error = (await failing.invoke('Missing', {}).catch((caught: unknown) => caught)) as NodeJS.ErrnoException;
    expect(error).toMatchObject({ name: 'Runtime.ImportModuleError', code: 'MODULE_NOT_FOUND', message: expect.stringContaining('no-such-handler.ts') });
    await failing.stop();
  });
});

describe('a function that exceeds its template timeout', () => {
  let functions: LocalFunctions | undefined;
  afterAll(() => functions?.stop());

  it('fails as Lambda does, ends its isolate, and goes to the on-failure destination after its retries', async () => {
    const model: StackModel = {
      stackName: 'T',
      buses: [],
      rules: [
        {
          logicalId: 'Rule',
          name: 'slow-rule',
          bus: 'default',
          eventPattern: { source: ['test.slow'] },
          enabled: true,
          targets: [{ id: 'Slow', function: 'Slow', retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeSeconds: 60 }, deadLetterQueue: 'RuleDlq' }],
        },
      ],
      queues: {
        OnFailure: { logicalId: 'OnFailure', name: 'slow-on-failure', retentionSeconds: 60, visibilityTimeoutSeconds: 30 },
        RuleDlq: { logicalId: 'RuleDlq', name: 'slow-rule-dlq', retentionSeconds: 60, visibilityTimeoutSeconds: 30 },
      },
      streamTables: [],
      eventSourceMappings: [],
      functions: { Slow: fn('Slow', 'test/fixtures/engine/slow.ts', {}, 1, 'OnFailure') },
    };
    const queues = await LocalQueues.open(Object.values(model.queues));
    functions = new LocalFunctions(model.functions, PROJECT_ROOT);
    const bus = new LocalEventBus({ model, functions, queues, account: '000000000000', region: 'us-east-1', backoffMs: 1 });

    const direct = (await functions.invoke('Slow', { ms: 1500 }).catch((caught: unknown) => caught)) as Error;
    expect(direct).toMatchObject({ name: 'Sandbox.Timedout', message: expect.stringMatching(/^RequestId: [\w-]+ Error: Task timed out after 1\.00 seconds$/) });
    expect(functions.isolates()).toEqual({ 'T-Slow': 0 }); // recycled
    // A fresh isolate (its module state starts over), with the template's timeout counting down.
    const fresh = (await functions.invoke('Slow', { ms: 0 })) as { invocations: number; remainingMs: number };
    expect(fresh.invocations).toBe(1);
    expect(fresh.remainingMs).toBeGreaterThan(500);
    expect(fresh.remainingMs).toBeLessThanOrEqual(1000);

    // A timeout retires its isolate; an invocation in flight beside it still finishes, then the isolate ends.
    const first = functions.invoke('Slow', { ms: 3000 }); // times out at 1 s
    await new Promise((resolve) => setTimeout(resolve, 700));
    const [timedOut, beside] = await Promise.allSettled([first, functions.invoke('Slow', { ms: 500 })]); // in flight from 0.7 s to 1.2 s
    expect(timedOut).toMatchObject({ status: 'rejected', reason: { name: 'Sandbox.Timedout' } });
    expect(beside).toMatchObject({ status: 'fulfilled', value: { invocations: 3 } });
    expect(functions.isolates()).toEqual({ 'T-Slow': 0 });

    const { Entries } = bus.putEvents({ Entries: [{ Source: 'test.slow', DetailType: 'Slow', Detail: JSON.stringify({ ms: 1500 }) }] });
    await bus.idle();

    expect(await queues.receive('slow-rule-dlq', 10)).toEqual([]); // handed over to Lambda: not EventBridge's failure
    const [dead] = await queues.receive('slow-on-failure', 10);
    const record = JSON.parse(dead.body) as {
      requestContext: { condition: string; approximateInvokeCount: number; functionArn: string };
      requestPayload: { id: string };
      responsePayload: { errorType: string; errorMessage: string };
    };
    expect(record.requestContext).toEqual(
      expect.objectContaining({ condition: 'RetriesExhausted', approximateInvokeCount: 2, functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:T-Slow:$LATEST' }),
    );
    expect(record.requestPayload.id).toBe(Entries[0].EventId);
    expect(record.responsePayload).toEqual({ errorType: 'Sandbox.Timedout', errorMessage: expect.stringContaining('Task timed out after 1.00 seconds'), trace: expect.any(Array) });
  });
});
