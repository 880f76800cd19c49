import { InvalidScheduleExpressionError, parseSchedule } from '../../../lib/local/engine';
import { extractSchedules, LocalScheduler, type LocalSchedule } from '../../../lib/local/engine';
import { UnsupportedTemplateError } from '../../../lib/local/engine';

const at = (iso: string) => new Date(iso);

describe('schedule expressions', () => {
  it('rate: the period after the given time', () => {
    expect(parseSchedule('rate(15 minutes)').next(at('2026-11-27T10:00:30Z')).toISOString()).toBe('2026-11-27T10:15:30.000Z');
    expect(parseSchedule('rate(1 day)').next(at('2026-11-27T10:00:00Z')).toISOString()).toBe('2026-11-28T10:00:00.000Z');
  });

  it('cron: the next matching minute in UTC, strictly after the given time', () => {
    const daily = parseSchedule('cron(0 3 * * ? *)');
    expect(daily.next(at('2026-11-27T02:59:59Z')).toISOString()).toBe('2026-11-27T03:00:00.000Z');
    expect(daily.next(at('2026-11-27T03:00:00Z')).toISOString()).toBe('2026-11-28T03:00:00.000Z');
    expect(parseSchedule('cron(*/20 8-9 ? * MON-FRI *)').next(at('2026-11-28T12:00:00Z')).toISOString()).toBe('2026-11-30T08:00:00.000Z'); // Saturday → Monday
    expect(parseSchedule('cron(30 12 1 JAN,JUL ? *)').next(at('2026-11-27T00:00:00Z')).toISOString()).toBe('2027-01-01T12:30:00.000Z');
  });

  it('refuses what it cannot read, saying why', () => {
    expect(() => parseSchedule('every hour')).toThrow(InvalidScheduleExpressionError);
    expect(() => parseSchedule('cron(0 3 * * ?)')).toThrow(/6 fields/);
    expect(() => parseSchedule('cron(0 3 L * ? *)')).toThrow(/not supported locally/);
    expect(() => parseSchedule('cron(61 3 * * ? *)')).toThrow(/not in 0–59/);
  });
});

describe('schedule rules of the template', () => {
  const template = {
    Resources: {
      Snapshot: { Type: 'AWS::Lambda::Function', Properties: {} },
      Sweep: { Type: 'AWS::StepFunctions::StateMachine', Properties: {} },
      Routing: { Type: 'AWS::Events::Rule', Properties: { EventPattern: { source: ['x'] }, Targets: [] } },
      Every15: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(15 minutes)', Targets: [{ Id: 'T', Arn: { 'Fn::GetAtt': ['Snapshot', 'Arn'] } }] } },
      Daily: {
        Type: 'AWS::Events::Rule',
        Properties: { ScheduleExpression: 'cron(0 3 * * ? *)', State: 'DISABLED', Targets: [{ Id: 'T', Arn: { Ref: 'Sweep' }, Input: '{"a":1}' }] },
      },
    },
  };

  it('are the rules with a ScheduleExpression, targets resolved to functions and state machines', () => {
    expect(extractSchedules(template)).toEqual([
      { logicalId: 'Every15', expression: 'rate(15 minutes)', enabled: true, targets: [{ kind: 'function', logicalId: 'Snapshot' }] },
      { logicalId: 'Daily', expression: 'cron(0 3 * * ? *)', enabled: false, targets: [{ kind: 'stateMachine', logicalId: 'Sweep', input: '{"a":1}' }] },
    ]);
  });

  it('refuse a target that cannot run locally', () => {
    const bad = {
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic' },
        Rule: { Type: 'AWS::Events::Rule', Properties: { ScheduleExpression: 'rate(1 hour)', Targets: [{ Id: 'T', Arn: { Ref: 'Topic' } }] } },
      },
    };
    expect(() => extractSchedules(bad)).toThrow(UnsupportedTemplateError);
  });
});

describe('LocalScheduler', () => {
  const schedule: LocalSchedule = {
    logicalId: 'Every15',
    expression: 'rate(15 minutes)',
    enabled: true,
    targets: [
      { kind: 'function', logicalId: 'Snapshot' },
      { kind: 'stateMachine', logicalId: 'Sweep', input: '{}' },
    ],
  };

  it('fires a function with a Scheduled Event and starts a state machine with its input', async () => {
    const invoked: Array<[string, Record<string, unknown>]> = [];
    const started: Array<[string, string]> = [];
    const scheduler = new LocalScheduler(
      [schedule],
      { invokeFunction: async (id, event) => invoked.push([id, event as Record<string, unknown>]), startStateMachine: (id, input) => started.push([id, input]) },
      { account: '000000000000', region: 'us-east-1', stackName: 'OpenSecurityHub' },
      () => at('2026-11-27T10:00:00.123Z'),
    );
    await scheduler.fire(schedule);
    expect(invoked).toEqual([
      [
        'Snapshot',
        expect.objectContaining({
          'detail-type': 'Scheduled Event',
          source: 'aws.events',
          time: '2026-11-27T10:00:00Z',
          resources: ['arn:aws:events:us-east-1:000000000000:rule/OpenSecurityHub-Every15'],
          detail: {},
        }),
      ],
    ]);
    expect(started).toEqual([['Sweep', '{}']]);
  });

  it('logs a failing target and still runs the others', async () => {
    const log: string[] = [];
    const started: string[] = [];
    const scheduler = new LocalScheduler(
      [schedule],
      {
        invokeFunction: async () => {
          throw new Error('boom');
        },
        startStateMachine: (id) => started.push(id),
        log: (message) => log.push(message),
      },
      { account: '000000000000', region: 'us-east-1', stackName: 'OpenSecurityHub' },
    );
    await scheduler.fire(schedule);
    expect(log).toEqual(['Schedule Every15 → Snapshot failed: boom']);
    expect(started).toEqual(['Sweep']);
  });

  it('arms enabled schedules with timers that do not hold the process, and disarms them on stop', () => {
    jest.useFakeTimers({ now: at('2026-11-27T10:00:00Z') });
    try {
      const invoked: string[] = [];
      const scheduler = new LocalScheduler(
        [schedule, { ...schedule, logicalId: 'Off', enabled: false }],
        { invokeFunction: async (id) => invoked.push(id), startStateMachine: () => undefined },
        { account: '000000000000', region: 'us-east-1', stackName: 'OpenSecurityHub' },
      );
      scheduler.start();
      expect(jest.getTimerCount()).toBe(1);
      jest.advanceTimersByTime(15 * 60_000);
      expect(invoked).toEqual(['Snapshot']);
      scheduler.stop();
      expect(jest.getTimerCount()).toBe(0);
    } finally {
      jest.useRealTimers();
    }
  });
});
