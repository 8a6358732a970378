/**
 * Units of scenario files: durations and clock times, converted to seconds.
 *
 * Durations: a number (seconds) or a string of one or more number+unit parts,
 * units `ms`, `s`, `m`, `h`, `d`: `"30s"`, `"4m"`, `"1.5h"`, `"1h30m"`.
 * Clock times: `"HH:MM"` or `"HH:MM:SS"`; hours past 24 are later days (`"30:00"` is 06:00 the next day).
 */

const UNIT_SECONDS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 };
const DURATION_PART = /(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m|h|d)/g;
export const DURATION_WHOLE = /^\s*(?:(?:\d+(?:\.\d+)?|\.\d+)\s*(?:ms|s|m|h|d)\s*)+$/;
export const CLOCK = /^(\d{1,3}):(\d{2})(?::(\d{2}))?$/;

/** Seconds in a duration string, or undefined if it is not one. */
export function parseDurationString(text: string): number | undefined {
  if (!DURATION_WHOLE.test(text)) return undefined;
  let seconds = 0;
  for (const match of text.matchAll(DURATION_PART)) {
    seconds += Number(match[1]) * UNIT_SECONDS[match[2]];
  }
  return seconds;
}

/** Seconds since midnight of a clock time string, or undefined if it is not one. */
export function parseClockTime(text: string): number | undefined {
  const match = CLOCK.exec(text.trim());
  if (match === null) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  const seconds = match[3] === undefined ? 0 : Number(match[3]);
  if (minutes > 59 || seconds > 59) return undefined;
  const total = hours * 3600 + minutes * 60 + seconds;
  return hours <= 999 ? total : undefined;
}

/** `"08:30"` (or `"08:30:15"` when seconds are not whole minutes) from seconds since midnight. */
export function formatClockTime(secondsSinceMidnight: number): string {
  const total = Math.round(secondsSinceMidnight);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const hhmm = `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
  return seconds === 0 ? hhmm : `${hhmm}:${String(seconds).padStart(2, '0')}`;
}

/** A short human form of a duration in seconds: `"30s"`, `"4m"`, `"1h30m"`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const parts: string[] = [];
  let rest = seconds;
  for (const [unit, size] of [
    ['h', 3600],
    ['m', 60],
  ] as const) {
    const whole = Math.floor(rest / size);
    if (whole > 0) {
      parts.push(`${whole}${unit}`);
      rest -= whole * size;
    }
  }
  if (rest > 1e-9) parts.push(`${Number(rest.toFixed(3))}s`);
  return parts.join('');
}
