import fc from 'fast-check';
import { isAsffTimestamp, parseAsffTimestamp, timestampMillis, toSortableTimestamp } from '../../../lambdas/asff/timestamps';

describe('isAsffTimestamp', () => {
  it.each([
    '2019-01-31T23:00:00Z',
    '2019-01-31T23:00:00.123456789Z',
    '2024-01-04T15:25:10+17:59',
    '2024-01-04T15:25:10-1759',
    '2024-01-04T15:25:10.123456789+17:59',
    '2024-01-04T15:25:10+18:00',
    '2024-01-04T15:25:10-18:00',
    '2024-01-04T15:25:10+05',
    '2024-01-04T15:25:10.5-00:00',
    '2024-02-29T00:00:00Z',
    '2000-02-29T12:00:00Z',
    '2016-12-31T23:59:60Z',
    '0000-01-01T00:00:00Z',
    '0001-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999999999Z',
  ])('accepts %s', (s) => {
    // Act
    const result = isAsffTimestamp(s);

    // Assess
    expect(result).toBe(true);
  });

  it.each([
    ['a date alone', '2019-01-31'],
    ['no seconds', '2019-01-31T23:00Z'],
    ['no zone', '2019-01-31T23:00:00'],
    ['a space for T', '2019-01-31 23:00:00Z'],
    ['lower-case t and z', '2019-01-31t23:00:00z'],
    ['ten fractional digits', '2019-01-31T23:00:00.1234567890Z'],
    ['an empty fraction', '2019-01-31T23:00:00.Z'],
    ['month 13', '2019-13-01T00:00:00Z'],
    ['day 0', '2019-01-00T00:00:00Z'],
    ['29 February of a common year', '2023-02-29T00:00:00Z'],
    ['29 February 1900', '1900-02-29T00:00:00Z'],
    ['31 April', '2024-04-31T00:00:00Z'],
    ['hour 24', '2019-01-31T24:00:00Z'],
    ['minute 60', '2019-01-31T23:60:00Z'],
    ['second 60 outside 23:59', '2019-01-31T12:00:60Z'],
    ['an offset past 18:00', '2024-01-04T15:25:10+18:01'],
    ['offset minutes 60', '2024-01-04T15:25:10+05:60'],
    ['a one-digit offset hour', '2024-01-04T15:25:10+5:00'],
    ['a UTC instant before year 0000', '0000-01-01T00:30:00+01:00'],
    ['a UTC instant after year 9999', '9999-12-31T23:00:00-02:00'],
    ['an empty string', ''],
  ])('rejects %s (%s)', (_name, s) => {
    // Act
    const result = isAsffTimestamp(s);

    // Assess
    expect(result).toBe(false);
  });
});

describe('toSortableTimestamp', () => {
  it.each([
    ['2019-01-31T23:00:00Z', '2019-01-31T23:00:00.000Z'],
    ['2019-01-31T23:00:00.5Z', '2019-01-31T23:00:00.500Z'],
    ['2019-01-31T23:00:00.123456789Z', '2019-01-31T23:00:00.123Z'],
    ['2019-01-31T23:00:00.999999999Z', '2019-01-31T23:00:00.999Z'],
    ['2024-01-04T15:25:10.123456789+17:59', '2024-01-03T21:26:10.123Z'],
    ['2024-01-04T15:25:10-1759', '2024-01-05T09:24:10.000Z'],
    ['2024-01-04T15:25:10+05', '2024-01-04T10:25:10.000Z'],
    ['2024-12-31T23:30:00-01:00', '2025-01-01T00:30:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['0099-06-01T00:00:00Z', '0099-06-01T00:00:00.000Z'],
    ['2016-12-31T23:59:60.5Z', '2016-12-31T23:59:59.999Z'],
  ])('normalizes %s to %s', (input, expected) => {
    // Act
    const result = toSortableTimestamp(input);

    // Assess
    expect(result).toBe(expected);
  });

  it('refuses a string that is not an ASFF timestamp', () => {
    // Act
    const act = () => toSortableTimestamp('yesterday');

    // Assess
    expect(act).toThrow(RangeError);
  });
});

describe('timestampMillis', () => {
  it('agrees with Date.parse on a timestamp both understand', () => {
    // Act
    const result = timestampMillis('2024-01-04T15:25:10.123+05:30');

    // Assess
    expect(result).toBe(Date.parse('2024-01-04T15:25:10.123+05:30'));
  });

  it('truncates digits beyond milliseconds', () => {
    // Act
    const result = timestampMillis('1970-01-01T00:00:00.0019Z');

    // Assess
    expect(result).toBe(1);
  });

  it('refuses a string that is not an ASFF timestamp', () => {
    // Act
    const act = () => timestampMillis('2024-01-04');

    // Assess
    expect(act).toThrow(RangeError);
    expect(parseAsffTimestamp('2024-01-04')).toBeUndefined();
  });
});

/** An ASFF timestamp rendering of a known instant, in any documented offset and precision. */
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const EIGHTEEN_HOURS = 18 * 3_600_000; // keeps the local rendering inside years 0001–9999 whatever the offset
const FIRST_MS = -62_135_596_800_000; // 0001-01-01T00:00:00.000Z
const LAST_MS = 253_402_300_799_999; // 9999-12-31T23:59:59.999Z
const timestampArb = fc
  .record({
    utcMs: fc.integer({ min: FIRST_MS + EIGHTEEN_HOURS, max: LAST_MS - EIGHTEEN_HOURS }),
    offsetMinutes: fc.integer({ min: -18 * 60, max: 18 * 60 }),
    digits: fc.integer({ min: 0, max: 9 }),
    extraDigits: fc.stringMatching(/^\d{6}$/),
    style: fc.constantFrom('Z', 'colon', 'compact', 'hours'),
  })
  .map(({ utcMs, offsetMinutes, digits, extraDigits, style }) => {
    const offset = style === 'Z' ? 0 : style === 'hours' ? Math.trunc(offsetMinutes / 60) * 60 : offsetMinutes;
    // Fewer than 3 fractional digits cannot carry the whole millisecond: drop it from the instant.
    const precision = 10 ** Math.max(0, 3 - digits);
    const instant = utcMs - (((utcMs % precision) + precision) % precision);
    const local = new Date(instant + offset * 60_000);
    const fraction = (pad(local.getUTCMilliseconds(), 3) + extraDigits).slice(0, digits);
    const abs = Math.abs(offset);
    const sign = offset < 0 ? '-' : '+';
    const zone =
      style === 'Z'
        ? 'Z'
        : style === 'colon'
          ? `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`
          : style === 'compact'
            ? `${sign}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`
            : `${sign}${pad(abs / 60, 2)}`;
    const text =
      `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1, 2)}-${pad(local.getUTCDate(), 2)}` +
      `T${pad(local.getUTCHours(), 2)}:${pad(local.getUTCMinutes(), 2)}:${pad(local.getUTCSeconds(), 2)}` +
      `${digits > 0 ? `.${fraction}` : ''}${zone}`;
    return { text, date: new Date(instant) };
  });

describe('toSortableTimestamp ordering', () => {
  it('accepts every rendering of an instant and maps it back to that instant', () => {
    fc.assert(
      fc.property(timestampArb, ({ text, date }) => {
        expect(isAsffTimestamp(text)).toBe(true);
        expect(timestampMillis(text)).toBe(date.getTime());
        expect(toSortableTimestamp(text)).toBe(date.toISOString());
      }),
      { numRuns: 500 },
    );
  });

  it('orders normalized strings exactly as their instants', () => {
    const compare = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
    fc.assert(
      fc.property(timestampArb, timestampArb, (a, b) => {
        expect(compare(toSortableTimestamp(a.text), toSortableTimestamp(b.text))).toBe(compare(a.date.getTime(), b.date.getTime()));
      }),
      { numRuns: 1000 },
    );
  });

  it('always produces the fixed-width UTC form', () => {
    fc.assert(
      fc.property(timestampArb, ({ text }) => {
        expect(toSortableTimestamp(text)).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      }),
    );
  });
});
