import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import type { Context } from 'aws-lambda';
import { createPublishHandler, type FindingStreamEvent } from '../../../lambdas/functions/publish-finding-events/handler';
import { batchesOf, publishFindingEvents, type PublishDeps } from '../../../lambdas/events/publish';
import type { EventEntry, FindingStreamRecord } from '../../../lambdas/events/finding-event';
import type { ChangeRecord } from '../../../lambdas/store/history';
import { FINDING_SK } from '../../../lambdas/store';
import { aFinding } from '../../support/findings';

process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';

const created = (version = 1): ChangeRecord => ({
  version,
  time: '2026-11-27T10:00:00.000Z',
  created: true,
  source: { Type: 'BATCH_IMPORT_FINDINGS', Identity: 'me' },
  updates: [],
});

function recordOf(index: number, change = created(), size = 0): FindingStreamRecord {
  const finding = aFinding({ Id: `finding-${index}`, ...(size > 0 && { Description: 'd'.repeat(size) }) });
  return {
    eventID: `event-${index}`,
    eventName: 'INSERT',
    dynamodb: {
      Keys: { pk: { S: `F#${index}` }, sk: { S: FINDING_SK } },
      NewImage: { pk: { S: `F#${index}` }, sk: { S: FINDING_SK }, doc: { S: JSON.stringify(finding) }, change: { S: JSON.stringify(change) } },
      SequenceNumber: String(1000 + index),
    },
  };
}

const ok = (entries: EventEntry[]) => ({ FailedEntryCount: 0, Entries: entries.map((_, index) => ({ EventId: `id-${index}` })) });

function deps(putEvents: PublishDeps['putEvents']): PublishDeps & { pauses: number[] } {
  const pauses: number[] = [];
  return { eventBusName: 'bus', putEvents, pause: async (attempt) => void pauses.push(attempt), pauses };
}

describe('publishing stream records as finding events', () => {
  it('puts 25 events in batches of 10, 10 and 5, in stream order', async () => {
    const calls: string[][] = [];
    const records = Array.from({ length: 25 }, (_, index) => recordOf(index));

    const report = await publishFindingEvents(
      records,
      deps(async (entries) => {
        calls.push(entries.map((entry) => JSON.parse(entry.Detail).findings[0].Id));
        return ok(entries);
      }),
    );

    expect(calls.map((call) => call.length)).toEqual([10, 10, 5]);
    expect(calls.flat()).toEqual(records.map((_, index) => `finding-${index}`));
    expect(report).toMatchObject({ records: 25, published: 25, skipped: 0, batchItemFailures: [] });
  });

  it('starts a new PutEvents call before a batch would exceed 256 KB', () => {
    const items = [0, 1, 2].map((index) => ({ entry: { Source: 's', DetailType: 'd', Resources: [], Detail: 'x'.repeat(100 * 1024) } as unknown as EventEntry, index }));

    expect(batchesOf(items).map((batch) => batch.map((item) => item.index))).toEqual([[0, 1], [2]]);
  });

  it('retries only the entries PutEvents rejected, and succeeds when they go through', async () => {
    const attempts: number[] = [];
    const publisher = deps(async (entries) => {
      attempts.push(entries.length);
      if (attempts.length === 1) return { FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException', ErrorMessage: 'slow down' }, { EventId: 'c' }] };
      return ok(entries);
    });

    const report = await publishFindingEvents([recordOf(1), recordOf(2), recordOf(3)], publisher);

    expect(attempts).toEqual([3, 1]);
    expect(publisher.pauses).toEqual([1]);
    expect(report).toMatchObject({ published: 3, batchItemFailures: [] });
  });

  it('reports the lowest record that still fails after its retries, and puts no later wave of calls', async () => {
    const records = Array.from({ length: 45 }, (_, index) => recordOf(index));
    const put: string[] = [];

    const report = await publishFindingEvents(
      records,
      deps(async (entries) => {
        const ids = entries.map((entry) => JSON.parse(entry.Detail).findings[0].Id as string);
        put.push(...ids);
        return { FailedEntryCount: ids.length - 1, Entries: ids.map((id) => (id === 'finding-0' ? { EventId: 'first' } : { ErrorCode: 'InternalFailure', ErrorMessage: 'boom' })) };
      }),
    );

    // Five calls of ≤ 10: the first wave (four calls, three attempts each) fails, the fifth is never made.
    expect(put.filter((id) => id === 'finding-39')).toHaveLength(3);
    expect(put.some((id) => Number(id.split('-')[1]) >= 40)).toBe(false);
    expect(report.batchItemFailures).toEqual([{ itemIdentifier: '1001' }]);
    expect(report.failure).toBe('InternalFailure: boom');
    expect(report.published).toBe(1);
  });

  it('reports an unreadable record and puts the events of the records before it', async () => {
    const broken = recordOf(2);
    delete broken.dynamodb!.NewImage!.doc;
    const put: string[] = [];

    const report = await publishFindingEvents(
      [recordOf(1), broken, recordOf(3)],
      deps(async (entries) => {
        put.push(...entries.map((entry) => JSON.parse(entry.Detail).findings[0].Id));
        return ok(entries);
      }),
    );

    expect(put).toEqual(['finding-1']);
    expect(report.batchItemFailures).toEqual([{ itemIdentifier: '1002' }]);
    expect(report.failure).toMatch(/NewImage\.doc/);
  });

  it('skips writes that changed nothing', async () => {
    const unchanged: ChangeRecord = { ...created(2), created: false };

    const report = await publishFindingEvents(
      [recordOf(1, unchanged)],
      deps(async () => {
        throw new Error('must not be called');
      }),
    );

    expect(report).toMatchObject({ published: 0, skipped: 1, batchItemFailures: [] });
  });
});

describe('the publisher handler', () => {
  const eventBridge = mockClient(EventBridgeClient);
  afterEach(() => eventBridge.reset());

  const context = { awsRequestId: 'r', functionName: 'publish' } as Context;
  const handler = createPublishHandler(() => {
    const client = new EventBridgeClient({ region: 'us-east-1' });
    return { eventBusName: 'app-bus', putEvents: (Entries) => client.send(new PutEventsCommand({ Entries })), pause: async () => undefined };
  });

  it('puts the events on the bus and answers an empty partial-batch response', async () => {
    eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ok(input.Entries as EventEntry[]));

    const response = await handler({ Records: [recordOf(1), recordOf(2)] } satisfies FindingStreamEvent, context);

    expect(response).toEqual({ batchItemFailures: [] });
    const [call] = eventBridge.commandCalls(PutEventsCommand);
    expect(call.args[0].input.Entries?.map((entry) => [entry.EventBusName, entry.DetailType])).toEqual([
      ['app-bus', 'Security Hub Findings - Imported'],
      ['app-bus', 'Security Hub Findings - Imported'],
    ]);
  });

  it('answers the failed record in batchItemFailures when PutEvents keeps failing', async () => {
    eventBridge.on(PutEventsCommand).rejects(new Error('network down'));

    const response = await handler({ Records: [recordOf(7)] }, context);

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: '1007' }] });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(3);
  });
});
