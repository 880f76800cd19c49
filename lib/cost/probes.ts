/**
 * The cost meter's other probes on the embedded default (invocations and their times come from the
 * embedded default's own counts), each reading what the handlers did in this process: state
 * transitions, the AWS calls the handlers made other than DynamoDB (by the service in their SigV4
 * credential scope, as the edge receives them), events put on the local buses, and the bytes the
 * handlers logged. Plus what the synthesized template says: each function's
 * MemorySize, the table's keys and indexes, and the resources billed by the month.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { summarizeHistory, type SummaryEvent } from '../../bin/cli/compliance-evaluation';
import { LocalStateMachines, type CfnTemplate } from '../local/engine';
import type { IndexShape } from './capacity';
import type { FixedResources } from './pricing';

/** Per function name: invocations and milliseconds spent in them (the embedded default's `counts().invocationTimes`). */
export type InvocationTimes = Record<string, { invocations: number; ms: number }>;

const started: Array<{ machines: LocalStateMachines; arn: string }> = [];
let watching = false;

/**
 * State transitions (what a Standard workflow bills: states entered plus task retries, read from
 * each execution's history) of every execution started from now on and stopped so far (once per process).
 */
export function countStateTransitions(): () => number {
  if (!watching) {
    watching = true;
    const start = LocalStateMachines.prototype.start;
    LocalStateMachines.prototype.start = function started_(this: LocalStateMachines, ...args: Parameters<LocalStateMachines['start']>) {
      const execution = start.apply(this, args);
      if (execution !== undefined) started.push({ machines: this, arn: execution.executionArn });
      return execution;
    };
  }
  const counted = new Map<string, number>();
  return () => {
    for (const { machines, arn } of started) {
      if (counted.has(arn) || machines.describe(arn)?.status === 'RUNNING') continue;
      counted.set(arn, summarizeHistory((machines.history(arn) ?? []) as SummaryEvent[]).stateTransitions);
    }
    return [...counted.values()].reduce((sum, transitions) => sum + transitions, 0);
  };
}

/**
 * AWS calls by service (`sns`, `sqs`, `events`, …) signed with the given access key id, as the
 * embedded default's edge receives them (Node's `http.server.request.start` diagnostics channel of
 * this thread: the handlers run in isolates of their own, whose client-side channels this thread
 * does not see). Calls to services the embedded default does not serve never reach it.
 */
export function countServiceCalls(accessKeyId: string): { counts: () => Record<string, number>; stop: () => void } {
  const counts: Record<string, number> = {};
  const listener = (message: unknown) => {
    const request = (message as { request: IncomingMessage }).request;
    const authorization = String(request.headers.authorization ?? '');
    const scope = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(authorization);
    if (scope === null || scope[1] !== accessKeyId) return;
    counts[scope[2]] = (counts[scope[2]] ?? 0) + 1;
  };
  subscribe('http.server.request.start', listener);
  return { counts: () => ({ ...counts }), stop: () => unsubscribe('http.server.request.start', listener) };
}

/** Counts the entries put on a bus object with a `putEvents({ Entries })` method (wraps that one object's method). */
export function countPutEvents(bus: { putEvents(input: Record<string, unknown>): unknown }): () => number {
  let entries = 0;
  const putEvents = bus.putEvents.bind(bus);
  bus.putEvents = (input: Record<string, unknown>) => {
    entries += Array.isArray(input.Entries) ? input.Entries.length : 0;
    return putEvents(input);
  };
  return () => entries;
}

/** Counts (and swallows) what is written to stdout and stderr until `stop`. */
export function captureLogBytes(): { bytes: () => number; stop: () => void } {
  let bytes = 0;
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write.bind(stream));
  for (const stream of streams) {
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    }) as typeof stream.write;
  }
  return {
    bytes: () => bytes,
    stop: () => {
      for (const [index, stream] of streams.entries()) stream.write = writes[index] as typeof stream.write;
    },
  };
}

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/** Each function's MemorySize (MB) by logical id (Lambda's default, 128, when the template sets none). */
export function memoryOf(template: CfnTemplate): Record<string, number> {
  return Object.fromEntries(
    Object.entries(template.Resources as Resources)
      .filter(([, resource]) => resource.Type === 'AWS::Lambda::Function')
      .map(([logicalId, resource]) => [logicalId, Number(resource.Properties?.MemorySize ?? 128)]),
  );
}

/** The findings table's key attributes and global secondary indexes, as synthesized. */
export function tableShapeOf(template: CfnTemplate): { keys: string[]; indexes: IndexShape[] } {
  const table = Object.values(template.Resources as Resources).find((resource) => resource.Type === 'AWS::DynamoDB::Table');
  if (table === undefined) throw new Error('The stack has no DynamoDB table');
  type KeySchema = Array<{ AttributeName: string }>;
  const properties = table.Properties as {
    KeySchema: KeySchema;
    GlobalSecondaryIndexes?: Array<{ IndexName: string; KeySchema: KeySchema; Projection?: { ProjectionType?: IndexShape['projection']; NonKeyAttributes?: string[] } }>;
  };
  return {
    keys: properties.KeySchema.map((key) => key.AttributeName),
    indexes: (properties.GlobalSecondaryIndexes ?? []).map((index) => ({
      name: index.IndexName,
      keys: index.KeySchema.map((key) => key.AttributeName),
      projection: index.Projection?.ProjectionType ?? 'KEYS_ONLY',
      include: index.Projection?.NonKeyAttributes,
    })),
  };
}

/** The resources billed by the month, counted in the template. */
export function fixedResourcesOf(template: CfnTemplate): FixedResources {
  const resources = Object.values(template.Resources as Resources);
  const ofType = (type: string) => resources.filter((resource) => resource.Type === type);
  const retention = ofType('AWS::Logs::LogGroup')
    .map((group) => Number(group.Properties?.RetentionInDays ?? 0))
    .filter((days) => days > 0);
  return {
    kmsKeys: ofType('AWS::KMS::Key').length,
    alarms: ofType('AWS::CloudWatch::Alarm').length,
    dashboards: ofType('AWS::CloudWatch::Dashboard').length,
    webAcls: ofType('AWS::WAFv2::WebACL').length,
    wafRules: ofType('AWS::WAFv2::WebACL').reduce((sum, acl) => sum + ((acl.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0),
    logRetentionDays: retention.length === 0 ? 30 : Math.max(...retention),
  };
}
