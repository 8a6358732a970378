/**
 * The date, time and duration formats a mapping file may name, parsed by
 * hand (no regular expression or Date object per cell): a month of calls is
 * millions of cells.
 *
 * Every parser returns NaN for text that is not in its format; the caller
 * names the column and says what was expected.
 */

/** Date formats of a date column (or of the date part of a datetime). */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'YYMMDD',
  'YYYYMMDD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/**
 * How a time of day is written:
 * - `clock`: `H:MM:SS`, `HH:MM`, with an optional fraction of a second (`7:02:47.250`); hours past
 *   23 are the next days (`25:10:00`);
 * - `seconds`: seconds after midnight, a number (`25367`, `25367.5`);
 * - `datetime`: a date in the mapping's date format, a space or `T`, then a clock time.
 */
export const TIME_FORMATS = ['clock', 'seconds', 'datetime'] as const;
export type TimeFormat = (typeof TIME_FORMATS)[number];

/** How a duration is written: `seconds` (a number, `166`, `12.5`) or `clock` (`0:02:46`). */
export const DURATION_FORMATS = ['seconds', 'clock'] as const;
export type DurationFormat = (typeof DURATION_FORMATS)[number];

export const SECONDS_PER_DAY = 86400;

/** What each format looks like, for messages. */
export const DATE_EXAMPLES: Readonly<Record<DateFormat, string>> = {
  'YYYY-MM-DD': '1999-02-01',
  YYMMDD: '990201',
  YYYYMMDD: '19990201',
  'DD/MM/YYYY': '01/02/1999',
  'MM/DD/YYYY': '02/01/1999',
  'DD.MM.YYYY': '01.02.1999',
};

/** A calendar day: its days since 1970-01-01, `YYYY-MM-DD` and weekday (0 = Sunday). */
export interface Day {
  readonly dayNumber: number;
  readonly iso: string;
  readonly weekday: number;
}

/** The day of a valid calendar date, or undefined (Feb 30, month 13 …). */
export function dayOf(year: number, month: number, day: number): Day | undefined {
  if (!(month >= 1 && month <= 12 && day >= 1 && year >= 1 && year <= 9999)) return undefined;
  const ms = Date.UTC(year, month - 1, day);
  const date = new Date(ms);
  // Date.UTC maps 0–99 to 1900–1999: set the full year explicitly.
  date.setUTCFullYear(year, month - 1, day);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  const dayNumber = Math.round(date.getTime() / 86_400_000);
  const iso = `${String(year).padStart(4, '0')}-${pad2(month)}-${pad2(day)}`;
  return { dayNumber, iso, weekday: date.getUTCDay() };
}

/** The day `n` days after 1970-01-01. */
export function dayFromNumber(n: number): Day {
  const date = new Date(n * 86_400_000);
  return dayOf(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()) as Day;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Digits of `text` from `from` (length `count`) as a number, or NaN. */
function digits(text: string, from: number, count: number): number {
  let value = 0;
  for (let i = from; i < from + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return NaN;
    value = value * 10 + d;
  }
  return value;
}

/**
 * Two-digit years: 69–99 are 1969–1999, 00–68 are 2000–2068 (the POSIX
 * `strptime` pivot).
 */
function fullYear(yy: number): number {
  return yy >= 69 ? 1900 + yy : 2000 + yy;
}

/** The day a date written in `format` names, or undefined. */
export function parseDate(text: string, format: DateFormat): Day | undefined {
  let y: number;
  let m: number;
  let d: number;
  const at = (i: number, ch: string) => text[i] === ch;
  switch (format) {
    case 'YYYY-MM-DD':
      if (text.length !== 10 || !at(4, '-') || !at(7, '-')) return undefined;
      [y, m, d] = [digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2)];
      break;
    case 'YYMMDD':
      if (text.length !== 6) return undefined;
      [y, m, d] = [fullYear(digits(text, 0, 2)), digits(text, 2, 2), digits(text, 4, 2)];
      break;
    case 'YYYYMMDD':
      if (text.length !== 8) return undefined;
      [y, m, d] = [digits(text, 0, 4), digits(text, 4, 2), digits(text, 6, 2)];
      break;
    case 'DD/MM/YYYY':
    case 'MM/DD/YYYY':
    case 'DD.MM.YYYY': {
      const sep = format[2];
      // One-digit days and months are fine: 1/2/1999.
      const first = text.indexOf(sep);
      const second = text.indexOf(sep, first + 1);
      if (first < 1 || first > 2 || second - first < 2 || second - first > 3 || text.length - second !== 5) {
        return undefined;
      }
      const a = digits(text, 0, first);
      const b = digits(text, first + 1, second - first - 1);
      y = digits(text, second + 1, 4);
      [d, m] = format === 'MM/DD/YYYY' ? [b, a] : [a, b];
      break;
    }
  }
  return Number.isNaN(y + m + d) ? undefined : dayOf(y, m, d);
}

/**
 * Seconds after midnight of a clock time `H:MM`, `H:MM:SS` or `H:MM:SS.fff`
 * (hours 0–999), or NaN.
 */
export function parseClock(text: string): number {
  const first = text.indexOf(':');
  if (first < 1 || first > 3) return NaN;
  const hours = digits(text, 0, first);
  const minutes = digits(text, first + 1, 2);
  if (!(minutes <= 59)) return NaN;
  const rest = first + 3;
  if (text.length === rest) return hours * 3600 + minutes * 60;
  if (text[rest] !== ':') return NaN;
  const seconds = digits(text, rest + 1, 2);
  if (!(seconds <= 59)) return NaN;
  const whole = hours * 3600 + minutes * 60 + seconds;
  const end = rest + 3;
  if (text.length === end) return whole;
  if (text[end] !== '.' && text[end] !== ',') return NaN;
  const fraction = digits(text, end + 1, text.length - end - 1);
  if (text.length - end - 1 < 1 || Number.isNaN(fraction)) return NaN;
  return whole + fraction / 10 ** (text.length - end - 1);
}

/**
 * A plain decimal number (`166`, `-57`, `12.5`, and `12,5` with
 * `decimalComma`), or NaN; no exponents, hex or blanks.
 */
export function parseDecimal(text: string, decimalComma = false): number {
  const n = text.length;
  let i = text.charCodeAt(0) === 45 ? 1 : 0;
  if (i >= n) return NaN;
  let seenDigit = false;
  let seenPoint = false;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) seenDigit = true;
    else if ((c === 46 || (c === 44 && decimalComma)) && !seenPoint) seenPoint = true;
    else return NaN;
  }
  if (!seenDigit) return NaN;
  return Number(decimalComma ? text.replace(',', '.') : text);
}

/** A time of day written as a date and a clock time: its day and seconds after that day's midnight. */
export function parseDatetime(
  text: string,
  dateFormat: DateFormat,
): { day: Day; seconds: number } | undefined {
  let split = text.indexOf('T');
  if (split < 0) split = text.indexOf(' ');
  if (split < 0) return undefined;
  const day = parseDate(text.slice(0, split), dateFormat);
  const seconds = parseClock(text.slice(split + 1).trim());
  return day === undefined || Number.isNaN(seconds) ? undefined : { day, seconds };
}

/** A duration in seconds in `format`, or NaN (negative durations are read: logs have them). */
export function parseDuration(text: string, format: DurationFormat, decimalComma = false): number {
  if (format === 'seconds') return parseDecimal(text, decimalComma);
  if (text.charCodeAt(0) === 45) return -parseClock(text.slice(1));
  return parseClock(text);
}

/** What a time, date or duration in a format looks like, for messages. */
export function describeTimeFormat(format: TimeFormat, dateFormat: DateFormat): string {
  switch (format) {
    case 'clock':
      return 'a clock time such as 7:02:47 or 07:02 (H:MM:SS)';
    case 'seconds':
      return 'seconds after midnight, a number such as 25367';
    case 'datetime':
      return `a date and time such as ${DATE_EXAMPLES[dateFormat]} 07:02:47`;
  }
}

export function describeDurationFormat(format: DurationFormat): string {
  return format === 'seconds' ? 'a number of seconds such as 166' : 'a duration such as 0:02:46 (H:MM:SS)';
}

export function describeDateFormat(format: DateFormat): string {
  return `a date ${format} such as ${DATE_EXAMPLES[format]}`;
}
