import { JsonServiceError } from '../../../lib/local/engine';
import { busNameOf, checkEntry, entrySize, formatEventTime, toEnvelope, validatePutEventsRequest } from '../../../lib/local/engine';

const entry = { Source: 'com.example', DetailType: 'Findings Import', Detail: '{"a":1}' };

describe('PutEvents validation', () => {
  it.each([
    [{}, "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null"],
    [{ Entries: [] }, "1 validation error detected: Value '[]' at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1"],
  ])('rejects the request %j as a ValidationException', (input, message) => {
    expect(() => validatePutEventsRequest(input)).toThrow(new JsonServiceError('ValidationException', message));
  });

  it('rejects more than 10 entries', () => {
    expect(() => validatePutEventsRequest({ Entries: Array(11).fill(entry) })).toThrow(/Member must have length less than or equal to 10/);
  });

  it('rejects a request whose entries total more than 256 KB, counted as EventBridge documents', () => {
    const big = { ...entry, Detail: JSON.stringify({ pad: 'x'.repeat(256 * 1024) }) };
    expect(() => validatePutEventsRequest({ Entries: [big] })).toThrow('Total size of the entries in the request is over the limit.');
    expect(entrySize({ Time: 1, Source: 'ab', DetailType: 'é', Detail: '{}', Resources: ['r'] })).toBe(14 + 2 + 2 + 2 + 1);
  });

  it('rejects an event bus name of the wrong form, naming the member', () => {
    expect(() => validatePutEventsRequest({ Entries: [entry, { ...entry, EventBusName: 'bad bus' }] })).toThrow(/at 'entries.2.member.eventBusName'/);
  });

  it.each([
    [{ DetailType: 'x', Detail: '{}' }, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    [{ Source: 'x', Detail: '{}' }, 'InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
    [{ Source: 'x', DetailType: 'y' }, 'InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'],
    [{ Source: 'x', DetailType: 'y', Detail: '{oops' }, 'MalformedDetail', 'Detail is malformed.'],
    [{ Source: 'x', DetailType: 'y', Detail: '[1]' }, 'MalformedDetail', 'Detail is malformed.'],
  ])('answers the entry %j with %s', (input, ErrorCode, ErrorMessage) => {
    expect(checkEntry(input)).toEqual({ ok: false, ErrorCode, ErrorMessage });
  });

  it('resolves bus names and ARNs of this account and Region', () => {
    expect(busNameOf({}, '000000000000', 'us-east-1')).toBe('default');
    expect(busNameOf({ EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/ingest' }, '000000000000', 'us-east-1')).toBe('ingest');
    expect(busNameOf({ EventBusName: 'arn:aws:events:eu-west-1:000000000000:event-bus/ingest' }, '000000000000', 'us-east-1')).toMatch(/^arn:/);
  });
});

describe('the event envelope', () => {
  it('is built as EventBridge builds it', () => {
    const now = new Date('2026-03-04T05:06:07.890Z');

    const event = toEnvelope({ ...entry, Resources: ['arn:r'] }, { a: 1 }, { id: 'id-1', account: '000000000000', region: 'us-east-1', now });

    expect(Object.keys(event)).toEqual(['version', 'id', 'detail-type', 'source', 'account', 'time', 'region', 'resources', 'detail']);
    expect(event).toEqual({
      version: '0',
      id: 'id-1',
      'detail-type': 'Findings Import',
      source: 'com.example',
      account: '000000000000',
      time: '2026-03-04T05:06:07Z',
      region: 'us-east-1',
      resources: ['arn:r'],
      detail: { a: 1 },
    });
  });

  it('takes the entry time the SDK sends as epoch seconds', () => {
    const event = toEnvelope({ ...entry, Time: 1_700_000_000 }, {}, { id: 'i', account: 'a', region: 'r', now: new Date() });
    expect(event.time).toBe(formatEventTime(new Date(1_700_000_000_000)));
  });
});
