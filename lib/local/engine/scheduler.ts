/**
 * The stack's schedule rules on the embedded default: each `AWS::Events::Rule` with a
 * `ScheduleExpression` fires its targets — a function of the stack (with EventBridge's
 * `Scheduled Event`) or a state machine of the stack (with the target's `Input`) — at the times
 * EventBridge would, for as long as the embedded default runs. A missed run (the machine slept)
 * fires once, not once per missed period.
 */
import { randomUUID } from 'node:crypto';
import { parseSchedule, type Schedule } from './schedule-expressions';
import { UnsupportedTemplateError, type CfnTemplate, type LocalNames } from './stack-model';

/** What a schedule rule starts. */
export type ScheduleTarget = { kind: 'function'; logicalId: string } | { kind: 'stateMachine'; logicalId: string; input: string };

/** A schedule rule of the stack. */
export interface LocalSchedule {
  logicalId: string;
  expression: string;
  enabled: boolean;
  targets: ScheduleTarget[];
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

function referenced(value: unknown): string | undefined {
  const reference = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] } | undefined;
  return reference?.Ref ?? reference?.['Fn::GetAtt']?.[0];
}

/** The schedule rules of a template, with targets resolved to the stack's functions and state machines. */
export function extractSchedules(template: CfnTemplate): LocalSchedule[] {
  const resources = (template.Resources ?? {}) as Resources;
  const schedules: LocalSchedule[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    const properties = resource.Properties ?? {};
    if (resource.Type !== 'AWS::Events::Rule' || typeof properties.ScheduleExpression !== 'string') continue;
    const targets = ((properties.Targets ?? []) as Array<Record<string, unknown>>).map((target, index): ScheduleTarget => {
      const id = referenced(target.Arn);
      const type = id === undefined ? undefined : resources[id]?.Type;
      if (type === 'AWS::Lambda::Function') return { kind: 'function', logicalId: id! };
      if (type === 'AWS::StepFunctions::StateMachine') return { kind: 'stateMachine', logicalId: id!, input: String(target.Input ?? '{}') };
      throw new UnsupportedTemplateError(`${logicalId}.Properties.Targets[${index}].Arn: only functions and state machines of the stack run on a schedule locally`);
    });
    parseSchedule(properties.ScheduleExpression); // refuse what cannot run, at start
    schedules.push({ logicalId, expression: properties.ScheduleExpression, enabled: (properties.State ?? 'ENABLED') === 'ENABLED', targets });
  }
  return schedules;
}

/** How the scheduler reaches the targets. */
export interface SchedulerTargets {
  invokeFunction(logicalId: string, event: unknown): Promise<unknown>;
  startStateMachine(logicalId: string, input: string): void;
  log?(message: string): void;
}

/** Runs schedules until stopped. Timers are unref'd: they never keep the process alive. */
export class LocalScheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;

  constructor(
    private readonly schedules: readonly LocalSchedule[],
    private readonly targets: SchedulerTargets,
    private readonly names: Pick<LocalNames, 'account' | 'region' | 'stackName'>,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Arms every enabled schedule. */
  start(): void {
    for (const schedule of this.schedules.filter((candidate) => candidate.enabled)) this.arm(schedule, parseSchedule(schedule.expression));
  }

  /** Fires one schedule's targets now (what a timer does; also for tests and `sechub`). */
  async fire(schedule: LocalSchedule): Promise<void> {
    const time = this.now()
      .toISOString()
      .replace(/\.\d{3}Z$/, 'Z');
    const ruleArn = `arn:aws:events:${this.names.region}:${this.names.account}:rule/${this.names.stackName}-${schedule.logicalId}`;
    for (const target of schedule.targets) {
      try {
        if (target.kind === 'stateMachine') {
          this.targets.startStateMachine(target.logicalId, target.input);
        } else {
          const event = {
            version: '0',
            id: randomUUID(),
            'detail-type': 'Scheduled Event',
            source: 'aws.events',
            account: this.names.account,
            time,
            region: this.names.region,
            resources: [ruleArn],
            detail: {},
          };
          await this.targets.invokeFunction(target.logicalId, event);
        }
      } catch (error) {
        this.targets.log?.(`Schedule ${schedule.logicalId} → ${target.logicalId} failed: ${(error as Error).message}`);
      }
    }
  }

  /** Disarms every timer. */
  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private arm(schedule: LocalSchedule, parsed: Schedule): void {
    if (this.stopped) return;
    const now = this.now();
    const delay = Math.max(0, parsed.next(now).getTime() - now.getTime());
    // setTimeout holds at most ~24.8 days; a later run re-arms on the way.
    const timer = setTimeout(
      () => {
        this.timers.delete(timer);
        if (delay > 2 ** 31 - 1) return this.arm(schedule, parsed);
        void this.fire(schedule).finally(() => this.arm(schedule, parsed));
      },
      Math.min(delay, 2 ** 31 - 1),
    );
    timer.unref();
    this.timers.add(timer);
  }
}
