import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonServiceError } from '../../../lib/local/engine';
import type { EventEnvelope } from '../../../lib/local/engine';
import { LocalQueues } from '../../../lib/local/engine';
import { ResponderRules } from '../../../lib/local/responder-rules';

const location = { account: '000000000000', region: 'us-east-1' };
const BUS = 'app-bus';

const event = (detailType: string, resources: string[] = []): EventEnvelope => ({
  version: '0',
  id: 'e1',
  'detail-type': detailType,
  source: 'open-security-hub',
  account: location.account,
  time: '2026-11-27T10:00:00Z',
  region: location.region,
  resources,
  detail: {},
});

describe('responders’ own rules on the embedded default', () => {
  const busExists = (name: string) => name === BUS || name === 'default';

  async function withRule(file?: string) {
    const rules = await ResponderRules.open({ file, ...location });
    const ops = rules.operations(busExists);
    await ops.PutRule({ Name: 'imported', EventBusName: BUS, EventPattern: JSON.stringify({ 'detail-type': ['Security Hub Findings - Imported'] }) }, undefined as never);
    await ops.PutTargets({ Rule: 'imported', EventBusName: BUS, Targets: [{ Id: 'q', Arn: `arn:aws:sqs:us-east-1:${location.account}:responder` }] }, undefined as never);
    return { rules, ops };
  }

  it('routes a matching event on the rule’s bus to its queue, and nothing else', async () => {
    const { rules } = await withRule();

    expect(rules.queuesFor(BUS, event('Security Hub Findings - Imported'))).toEqual([
      { rule: `arn:aws:events:us-east-1:${location.account}:rule/${BUS}/imported`, queue: 'responder' },
    ]);
    expect(rules.queuesFor(BUS, event('Security Hub Findings - Custom Action'))).toEqual([]);
    expect(rules.queuesFor('default', event('Security Hub Findings - Imported'))).toEqual([]);
  });

  it('keeps rules and their targets in the data dir across a restart', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rules-')), 'events', 'rules.json');
    await withRule(file);

    const reopened = await ResponderRules.open({ file, ...location });

    expect(reopened.queuesFor(BUS, event('Security Hub Findings - Imported')).map((target) => target.queue)).toEqual(['responder']);
  });

  it('refuses an invalid pattern, a bus that does not exist, and a target that is not a local queue', async () => {
    const { ops } = await withRule();

    await expect(ops.PutRule({ Name: 'bad', EventBusName: BUS, EventPattern: '{"source":"not-an-array"}' }, undefined as never)).rejects.toMatchObject({
      type: 'InvalidEventPatternException',
    });
    await expect(ops.PutRule({ Name: 'r', EventBusName: 'nope', EventPattern: '{}' }, undefined as never)).rejects.toMatchObject({ type: 'ResourceNotFoundException' });
    const answer = await ops.PutTargets(
      { Rule: 'imported', EventBusName: BUS, Targets: [{ Id: 'l', Arn: 'arn:aws:lambda:us-east-1:000000000000:function:f' }] },
      undefined as never,
    );
    expect(answer).toMatchObject({ FailedEntryCount: 1, FailedEntries: [{ TargetId: 'l', ErrorCode: 'ValidationException' }] });
  });

  it('answers ResourceNotFoundException for targets of a rule that does not exist', async () => {
    const { ops } = await withRule();

    await expect(ops.PutTargets({ Rule: 'missing', EventBusName: BUS, Targets: [{ Id: 'q', Arn: 'arn:aws:sqs:us-east-1:000000000000:q' }] }, undefined as never)).rejects.toEqual(
      new JsonServiceError('ResourceNotFoundException', `Rule missing does not exist on EventBus ${BUS}.`),
    );
  });
});

describe('queues created with CreateQueue', () => {
  it('are kept across a restart with their messages, beside the stack’s queues', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'queues-')), 'queues.json');
    const stackQueue = { name: 'dlq', retentionSeconds: 60, visibilityTimeoutSeconds: 30 };
    const queues = await LocalQueues.open([stackQueue], { file });
    await queues.create({ name: 'responder', retentionSeconds: 345_600, visibilityTimeoutSeconds: 30 });
    await queues.send('responder', 'hello');

    const reopened = await LocalQueues.open([stackQueue], { file });

    expect(reopened.names()).toEqual(['dlq', 'responder']);
    expect((await reopened.receive('responder', 10)).map((message) => message.body)).toEqual(['hello']);
  });
});
