/**
 * EventBridge schedule expressions — `rate(…)` and `cron(…)` — and the next time each fires.
 * Pure. The cron dialect is EventBridge's six fields (minutes hours day-of-month month day-of-week
 * year) in UTC, with `*`, `?`, lists, ranges and `/` steps; day-of-week 1–7 is SUN–SAT (names too).
 * `L`, `W` and `#` are refused with a clear error rather than misread.
 */

/** An expression this module cannot read. */
export class InvalidScheduleExpressionError extends Error {
  constructor(expression: string, why: string) {
    super(`Schedule expression ${JSON.stringify(expression)}: ${why}`);
    this.name = 'InvalidScheduleExpressionError';
  }
}

const RATE_UNITS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MONTH_NAMES = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** A parsed schedule: when it next fires strictly after `after`. */
export interface Schedule {
  next(after: Date): Date;
}

/** Parses `rate(5 minutes)` or `cron(0 3 * * ? *)`. */
export function parseSchedule(expression: string): Schedule {
  const rate = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (rate) {
    const every = Number(rate[1]) * RATE_UNITS[rate[2].replace(/s$/, '')];
    if (every <= 0) throw new InvalidScheduleExpressionError(expression, 'the rate must be positive');
    // EventBridge counts a rate from when the rule is created; locally, from the start.
    return { next: (after) => new Date(after.getTime() + every) };
  }
  const cron = /^cron\((.+)\)$/.exec(expression);
  if (!cron) throw new InvalidScheduleExpressionError(expression, 'expected rate(…) or cron(…)');
  const fields = cron[1].trim().split(/\s+/);
  if (fields.length !== 6) throw new InvalidScheduleExpressionError(expression, 'cron needs 6 fields');
  const [minutes, hours, days, months, weekdays, years] = [
    field(fields[0], 0, 59, [], expression),
    field(fields[1], 0, 23, [], expression),
    field(fields[2], 1, 31, [], expression),
    field(fields[3], 1, 12, MONTH_NAMES, expression),
    field(fields[4], 1, 7, DAY_NAMES, expression),
    field(fields[5], 1970, 2199, [], expression),
  ];
  return {
    next(after) {
      const at = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
      // At most ~5 years of minutes; a schedule that never fires in that span is refused.
      for (let step = 0; step < 5 * 366 * 24 * 60; step++) {
        if (
          years(at.getUTCFullYear()) &&
          months(at.getUTCMonth() + 1) &&
          days(at.getUTCDate()) &&
          weekdays(at.getUTCDay() + 1) &&
          hours(at.getUTCHours()) &&
          minutes(at.getUTCMinutes())
        ) {
          return at;
        }
        at.setTime(at.getTime() + 60_000);
      }
      throw new InvalidScheduleExpressionError(expression, 'never fires');
    },
  };
}

function field(text: string, min: number, max: number, names: readonly string[], expression: string): (value: number) => boolean {
  if (text === '*' || text === '?') return () => true;
  if (text.includes('#') || text.split(/[,/-]/).some((token) => /^(L|LW|\d+[LW])$/i.test(token)))
    throw new InvalidScheduleExpressionError(expression, `${text}: L, W and # are not supported locally`);
  const allowed = new Set<number>();
  const value = (token: string): number => {
    const named = names.indexOf(token.toUpperCase());
    const number = named >= 0 ? named + min : Number(token);
    if (!Number.isInteger(number) || number < min || number > max) {
      throw new InvalidScheduleExpressionError(expression, `${token}: not in ${min}–${max}`);
    }
    return number;
  };
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new InvalidScheduleExpressionError(expression, `${part}: bad step`);
    const [from, to] = range === '*' ? [min, max] : range.includes('-') ? range.split('-').map(value) : [value(range), stepText === undefined ? value(range) : max];
    for (let current = from; current <= to; current += step) allowed.add(current);
  }
  return (candidate) => allowed.has(candidate);
}
