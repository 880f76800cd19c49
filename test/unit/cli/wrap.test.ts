import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCommandLine } from '../../../bin/cli/args';
import { putEventsOutcome, rawInputHint, wrapFindings } from '../../../bin/cli/wrap';
import { UsageError } from '../../../bin/cli/values';
import { checkEntry, toEnvelope, type PutEventsRequestEntry } from '../../../lib/local/engine';
import { normalizerFor } from '../../../bin/cli/normalize';
import type { SourceEvent } from '../../../lambdas/normalize/types';

const FIXTURES = join(__dirname, '../../fixtures/events');
const event = (path: string) => JSON.parse(readFileSync(join(FIXTURES, path), 'utf8')) as SourceEvent & Record<string, unknown> & { detail: Record<string, unknown> };

/** What EventBridge makes of an entry: the event a rule target receives. */
function delivered(entry: Record<string, unknown>) {
  const check = checkEntry(entry as PutEventsRequestEntry);
  if (!check.ok) throw new Error(`${check.ErrorCode}: ${check.ErrorMessage}`);
  return toEnvelope(entry as PutEventsRequestEntry, check.detail, { id: 'e-1', account: '111122223333', region: 'us-east-1', now: new Date() });
}

describe('put-events --wrap', () => {
  it.each([
    ['guardduty/ec2-ssh-brute-force.json', 'guardduty', 'aws.guardduty'],
    ['inspector/package-ec2.json', 'inspector', 'aws.inspector2'],
    ['macie/sensitive-data-multiple.json', 'macie', 'aws.macie'],
  ])('wraps the raw finding of %s into the entry its service puts; the %s normalizer maps what EventBridge delivers', (path, normalizer, source) => {
    const original = event(path);
    const [entry] = wrapFindings([original.detail]);
    expect(entry).toMatchObject({ Source: source, DetailType: original['detail-type'] });
    const envelope = delivered(entry);
    expect(envelope.detail).toEqual(original.detail);
    expect(normalizerFor(envelope)?.id).toBe(normalizer);
    const [finding] = normalizerFor(envelope)!.normalize(envelope);
    expect(finding).toEqual(normalizerFor(original)!.normalize(original)[0]);
  });

  it('takes a service’s export ({"Findings": [...]}) and events as a rule receives them', () => {
    const guardDuty = event('guardduty/ec2-port-probe.json');
    const entries = wrapFindings([{ Findings: [guardDuty.detail, event('guardduty/s3-bucket.json').detail] }, event('macie/sensitive-data-multiple.json')]);
    expect(entries.map((entry) => entry.Source)).toEqual(['aws.guardduty', 'aws.guardduty', 'aws.macie']);
    expect(delivered(entries[2]).detail).toEqual(event('macie/sensitive-data-multiple.json').detail);
    expect(wrapFindings([guardDuty.detail], 'ingestion')[0].EventBusName).toBe('ingestion');
  });

  it('refuses what is neither a known finding nor an event, naming it', () => {
    expect(() => wrapFindings([{ hello: 'world' }])).toThrow(UsageError);
    expect(() => wrapFindings([{ hello: 'world' }])).toThrow(/--wrap: value 0 is neither a GuardDuty, Inspector, Macie finding nor an EventBridge event/);
  });

  it('wraps at parse time (file:// or JSON): a value that is no finding, or --entries with --wrap, is a usage error before anything starts', () => {
    const line = parseCommandLine(['put-events', '--wrap', `file://${join(FIXTURES, 'guardduty/rds-login.json')}`]);
    expect(line.input).toEqual({
      Wrap: [expect.objectContaining({ Source: 'aws.guardduty', DetailType: 'GuardDuty Finding', Detail: JSON.stringify(event('guardduty/rds-login.json').detail) })],
    });
    expect(() => parseCommandLine(['put-events', '--wrap', '{"hello":"world"}'])).toThrow(/--wrap: value 0 is neither/);
    expect(() => parseCommandLine(['put-events', '--wrap', '{}', '--entries', 'Source=a,DetailType=b,Detail={}'])).toThrow(/put-events takes --entries or --wrap \(one of them\)/);
    expect(() => parseCommandLine(['put-events'])).toThrow(/put-events takes --entries or --wrap/);
  });
});

describe('put-events given raw findings', () => {
  it('refuses a raw finding as entries (unknown keys, exit 252) with a hint to --wrap', () => {
    const path = join(FIXTURES, 'guardduty/rds-login.json');
    const raw = JSON.stringify(event('guardduty/rds-login.json').detail);
    expect(() => parseCommandLine(['put-events', '--entries', raw])).toThrow(
      /^--entries: unknown key '\w+' at Entries\[0\]\.\w+;.*\nHint: the entries look like a raw GuardDuty finding.*--wrap/s,
    );
    expect(() => parseCommandLine(['put-events', '--entries', `file://${path}`])).toThrow(/Hint: the entries look like an EventBridge event as a rule receives it/);
    expect(rawInputHint([{ Source: 's', DetailType: 'd', Detail: '{}' }])).toBeUndefined();
  });

  it('fails (exit 1) when entries failed, listing why', () => {
    const outcome = putEventsOutcome(
      { FailedEntryCount: 1, Entries: [{ EventId: '1' }, { ErrorCode: 'InvalidArgument', ErrorMessage: 'Parameter Detail is not valid.' }] },
      {
        Entries: [
          { Source: 'a', DetailType: 'b', Detail: '{}' },
          { Source: 'a', DetailType: 'b' },
        ],
      },
    );
    expect(outcome).toEqual({ code: 1, message: '1 of 2 entries failed:\n  Entries[1]: InvalidArgument: Parameter Detail is not valid.' });
    expect(putEventsOutcome({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] }, {})).toBeUndefined();
  });
});
