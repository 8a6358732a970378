/**
 * Building blocks of the scenario schema: durations and clock times parsed
 * to seconds, names, probabilities, counts, each with a plain message.
 */
import { z } from 'zod';
import { MAX_DURATION_SECONDS } from '../limits.js';
import { parseClockTime, parseDurationString } from '../units.js';

const DURATION_EXPECTED = 'a duration: seconds as a number, or a string like "30s", "4m", "1.5h"';

/** A duration ≥ 0 (or > 0 when `positive`) and at most 100 years, in seconds after parsing. */
export function duration(options: { positive?: boolean } = {}) {
  const bound = options.positive ? 'a positive' : 'a non-negative';
  return z.unknown().transform((value, ctx): number => {
    let seconds: number | undefined;
    if (typeof value === 'number' && Number.isFinite(value)) seconds = value;
    else if (typeof value === 'string') {
      const negative = value.trim().startsWith('-');
      const magnitude = parseDurationString(negative ? value.trim().slice(1) : value);
      seconds = magnitude === undefined ? undefined : negative ? -magnitude : magnitude;
    }
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: `expected ${DURATION_EXPECTED}, got ${describeValue(value)}` });
      return z.NEVER;
    }
    if (seconds < 0 || (options.positive && seconds === 0)) {
      ctx.addIssue({ code: 'custom', message: `expected ${bound} duration, got ${describeValue(value)}` });
      return z.NEVER;
    }
    if (seconds > MAX_DURATION_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a duration of at most 100 years (${MAX_DURATION_SECONDS} s), got ${describeValue(value)}`,
      });
      return z.NEVER;
    }
    return seconds;
  });
}

/** A clock time `"HH:MM"`, in seconds since midnight after parsing. */
export function clockTime() {
  return z.unknown().transform((value, ctx): number => {
    const seconds = typeof value === 'string' ? parseClockTime(value) : undefined;
    if (seconds === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `expected a clock time "HH:MM" (hours past 24 are later days), got ${describeValue(value)}`,
      });
      return z.NEVER;
    }
    return seconds;
  });
}

/** A number in [min, max] (limits.ts holds the bounds). */
export function numberBetween(what: string, min: number, max: number) {
  return z
    .number({ error: `expected ${what} (a number from ${min} to ${max})` })
    .min(min, { error: `expected ${what} ≥ ${min}` })
    .max(max, { error: `expected ${what} ≤ ${max}` });
}

export const name = z.string({ error: 'expected a name (text)' }).regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, {
  error: 'expected a name of letters, digits, spaces, "-", "_" or "." (starting with a letter or digit)',
});

export const probability = z
  .number({ error: 'expected a probability between 0 and 1' })
  .min(0, { error: 'expected a probability ≥ 0' })
  .max(1, { error: 'expected a probability ≤ 1' });

/** A whole number ≥ `min` (and ≤ `max` when given; always below 2^53, where whole numbers stay exact). */
export function wholeNumber(what: string, min = 0, max?: number) {
  const whole = z
    .number({ error: `expected ${what} (a whole number ≥ ${min})` })
    .min(min, { error: `expected ${what} ≥ ${min}` });
  const bounded =
    max === undefined ? whole : whole.max(max, { error: `expected ${what} ≤ ${max.toLocaleString('en')}` });
  // Past 2^53 whole numbers are no longer exact (2^53 + 1 reads as 2^53).
  return bounded.int({
    error: (issue) =>
      Number.isInteger(issue.input)
        ? `expected ${what} below 2^53 (9,007,199,254,740,992)`
        : `expected a whole number of ${what}`,
  });
}

/** A number ≥ 0 (and ≤ `max` when given). */
export function nonNegative(what: string, max?: number) {
  const number = z
    .number({ error: `expected ${what} (a number ≥ 0)` })
    .min(0, { error: `expected ${what} ≥ 0` });
  return max === undefined
    ? number
    : number.max(max, { error: `expected ${what} ≤ ${max.toLocaleString('en')}` });
}

/** Short description of a value for messages: `-3`, `"expo"`, `a list`, `nothing`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}
