/**
 * Responders' own EventBridge rules on the embedded default: PutRule, PutTargets, DeleteRule,
 * RemoveTargets, ListRules, DescribeRule and ListTargetsByRule over rules whose targets are local
 * SQS queues, persisted under the data dir. So `aws events put-rule --endpoint-url …` (or the SDK)
 * subscribes a queue to finding events, as a rule on the deployed bus would. The stack's own rules
 * stay the template's (lib/local/engine/stack-model.ts); these are the users'.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { InvalidEventPatternError, matchesEventPattern, validateEventPattern } from './engine';
import { JsonServiceError, type JsonOperations } from './engine';
import type { EventEnvelope } from './engine';

/** A target of a responder's rule. */
export interface ResponderTarget {
  Id: string;
  Arn: string;
}

/** A responder's rule. */
export interface ResponderRule {
  Name: string;
  EventBusName: string;
  EventPattern: string;
  State: 'ENABLED' | 'DISABLED';
  Description?: string;
  Targets: ResponderTarget[];
}

const RULE_NAME = /^[.\-_A-Za-z0-9]{1,64}$/;
const SQS_ARN = /^arn:aws[\w-]*:sqs:[a-z0-9-]+:\d{12}:([\w-]{1,80})$/;

function validation(message: string): JsonServiceError {
  return new JsonServiceError('ValidationException', message);
}

function notFound(name: string, bus: string): JsonServiceError {
  return new JsonServiceError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`);
}

function text(input: Record<string, unknown>, member: string): string | undefined {
  const value = input[member];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new JsonServiceError('SerializationException', `${member} must be a string`);
  return value;
}

/** The bus a request names (`default` when absent; the name part of an ARN). */
function busOf(input: Record<string, unknown>): string {
  const bus = text(input, 'EventBusName') ?? 'default';
  return bus.startsWith('arn:') ? bus.slice(bus.indexOf('event-bus/') + 'event-bus/'.length) : bus;
}

/** The responders' rules, optionally persisted to `file`. */
export class ResponderRules {
  private rules: ResponderRule[] = [];
  private readonly patterns = new Map<string, object>();
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string | undefined,
    private readonly location: { account: string; region: string },
  ) {}

  /** Opens the rules saved in `file` (none when it does not exist yet). */
  static async open(options: { file?: string; account: string; region: string }): Promise<ResponderRules> {
    const rules = new ResponderRules(options.file, options);
    if (options.file !== undefined) {
      try {
        rules.rules = JSON.parse(await readFile(options.file, 'utf8')) as ResponderRule[];
      } catch {
        rules.rules = [];
      }
    }
    return rules;
  }

  private arn(rule: Pick<ResponderRule, 'Name' | 'EventBusName'>): string {
    const path = rule.EventBusName === 'default' ? rule.Name : `${rule.EventBusName}/${rule.Name}`;
    return `arn:aws:events:${this.location.region}:${this.location.account}:rule/${path}`;
  }

  private find(input: Record<string, unknown>, member = 'Name'): ResponderRule {
    const name = text(input, member) ?? '';
    const bus = busOf(input);
    const rule = this.rules.find((candidate) => candidate.Name === name && candidate.EventBusName === bus);
    if (rule === undefined) throw notFound(name, bus);
    return rule;
  }

  /** A rule's parsed pattern, one object per pattern text (the matcher caches compiled patterns per object). */
  private patternOf(rule: ResponderRule): object {
    let pattern = this.patterns.get(rule.EventPattern);
    if (pattern === undefined) {
      pattern = JSON.parse(rule.EventPattern) as object;
      this.patterns.set(rule.EventPattern, pattern);
    }
    return pattern;
  }

  /** The names of the queues the enabled rules on `bus` that match `event` deliver to, in rule order. */
  queuesFor(bus: string, event: EventEnvelope): Array<{ rule: string; queue: string }> {
    return this.rules
      .filter((rule) => rule.State === 'ENABLED' && rule.EventBusName === bus && matchesEventPattern(this.patternOf(rule), event))
      .flatMap((rule) => rule.Targets.map((target) => ({ rule: this.arn(rule), queue: SQS_ARN.exec(target.Arn)![1] })));
  }

  /** The EventBridge operations over these rules (for the edge's events service). */
  operations(busExists: (bus: string) => boolean): JsonOperations {
    return {
      PutRule: async (input) => {
        const name = text(input, 'Name');
        if (name === undefined || !RULE_NAME.test(name))
          throw validation(
            `1 validation error detected: Value '${name ?? 'null'}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+`,
          );
        const bus = busOf(input);
        if (!busExists(bus)) throw new JsonServiceError('ResourceNotFoundException', `Event bus ${bus} does not exist.`);
        const pattern = text(input, 'EventPattern');
        if (pattern === undefined) throw validation('Parameter(s) EventPattern must be specified (the embedded default runs no schedules for responders).');
        try {
          validateEventPattern(JSON.parse(pattern));
        } catch (error) {
          const reason = error instanceof InvalidEventPatternError ? error.message : 'not JSON';
          throw new JsonServiceError('InvalidEventPatternException', `Event pattern is not valid. Reason: ${reason}`);
        }
        const state = (text(input, 'State') ?? 'ENABLED') as ResponderRule['State'];
        if (state !== 'ENABLED' && state !== 'DISABLED') throw validation(`State must be ENABLED or DISABLED, got ${state}`);
        const existing = this.rules.find((rule) => rule.Name === name && rule.EventBusName === bus);
        const rule: ResponderRule = {
          Name: name,
          EventBusName: bus,
          EventPattern: pattern,
          State: state,
          Description: text(input, 'Description'),
          Targets: existing?.Targets ?? [],
        };
        this.rules = [...this.rules.filter((candidate) => candidate !== existing), rule];
        await this.persist();
        return { RuleArn: this.arn(rule) };
      },
      PutTargets: async (input) => {
        const rule = this.find(input, 'Rule');
        const targets = Array.isArray(input.Targets) ? (input.Targets as Array<Record<string, unknown>>) : [];
        if (targets.length < 1 || targets.length > 10) throw validation('Targets must hold 1 to 10 targets.');
        const failed: Array<{ TargetId: string; ErrorCode: string; ErrorMessage: string }> = [];
        let next = rule.Targets;
        for (const target of targets) {
          const id = String(target.Id ?? '');
          const arn = String(target.Arn ?? '');
          if (!SQS_ARN.test(arn)) {
            failed.push({
              TargetId: id,
              ErrorCode: 'ValidationException',
              ErrorMessage: `The embedded default delivers rule targets to its SQS queues only (arn:aws:sqs:<region>:<account>:<queue>), got ${arn}`,
            });
            continue;
          }
          next = [...next.filter((existing) => existing.Id !== id), { Id: id, Arn: arn }];
        }
        if (next.length > 5) throw new JsonServiceError('LimitExceededException', 'The requested resource exceeds the maximum number allowed (5 targets per rule).');
        rule.Targets = next;
        await this.persist();
        return { FailedEntryCount: failed.length, FailedEntries: failed };
      },
      RemoveTargets: async (input) => {
        const rule = this.find(input, 'Rule');
        const ids = new Set(Array.isArray(input.Ids) ? (input.Ids as string[]) : []);
        rule.Targets = rule.Targets.filter((target) => !ids.has(target.Id));
        await this.persist();
        return { FailedEntryCount: 0, FailedEntries: [] };
      },
      DeleteRule: async (input) => {
        const name = text(input, 'Name') ?? '';
        const rule = this.rules.find((candidate) => candidate.Name === name && candidate.EventBusName === busOf(input));
        if (rule === undefined) return {}; // EventBridge answers a missing rule with success
        if (rule.Targets.length > 0) throw validation("Rule can't be deleted since it has targets.");
        this.rules = this.rules.filter((candidate) => candidate !== rule);
        await this.persist();
        return {};
      },
      DescribeRule: async (input) => {
        const rule = this.find(input);
        return { Name: rule.Name, Arn: this.arn(rule), EventPattern: rule.EventPattern, State: rule.State, Description: rule.Description, EventBusName: rule.EventBusName };
      },
      ListRules: async (input) => {
        const prefix = text(input, 'NamePrefix') ?? '';
        const bus = busOf(input);
        const rules = this.rules.filter((rule) => rule.EventBusName === bus && rule.Name.startsWith(prefix));
        return {
          Rules: rules.map((rule) => ({
            Name: rule.Name,
            Arn: this.arn(rule),
            EventPattern: rule.EventPattern,
            State: rule.State,
            Description: rule.Description,
            EventBusName: rule.EventBusName,
          })),
        };
      },
      ListTargetsByRule: async (input) => ({ Targets: this.find(input, 'Rule').Targets }),
    };
  }

  private persist(): Promise<void> {
    const file = this.file;
    if (file === undefined) return Promise.resolve();
    const snapshot = JSON.stringify(this.rules, null, 2);
    this.writing = this.writing.then(async () => {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(`${file}.tmp`, snapshot);
      await rename(`${file}.tmp`, file);
    });
    return this.writing;
  }
}
