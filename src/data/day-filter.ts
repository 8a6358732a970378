/**
 * Which days of a log to use: days of the week and a date range.
 *
 * Days of the week (`--days`), case-insensitive: names `sun mon tue wed thu
 * fri sat` (or in full, `sunday` …), ranges `sun-thu` (wrapping round the
 * week: `fri-sun` is Friday, Saturday and Sunday), and lists of either
 * separated by commas: `mon,wed,fri`, `sun-tue,thu`; `all` is every day.
 * There is no `weekdays` or `weekend`: working weeks differ (the bank's is
 * Sunday to Thursday), so name the days.
 *
 * Dates (`--from`, `--to`): `YYYY-MM-DD`, both inclusive.
 */
import { parseDate } from './time-formats.js';

export interface DayFilter {
  /** Days of the week kept (0 = Sunday … 6 = Saturday); all when absent. */
  readonly weekdays?: ReadonlySet<number>;
  /** First date kept, `YYYY-MM-DD`, inclusive. */
  readonly from?: string;
  /** Last date kept, `YYYY-MM-DD`, inclusive. */
  readonly to?: string;
}

/** A day filter that cannot be read; its message says what was expected. */
export class DayFilterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DayFilterError';
  }
}

const DAY_NAMES = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const EXPECTED_DAYS =
  'expected days of the week such as sun-thu, mon,wed,fri, fri-sun or all (sun mon tue wed thu fri sat)';

function weekdayOf(word: string, whole: string): number {
  const w = word.trim().toLowerCase();
  const index = DAY_NAMES.findIndex((name) => w.length >= 3 && name.startsWith(w));
  if (index < 0) throw new DayFilterError(`${EXPECTED_DAYS}, got "${whole}" ("${word.trim()}" is not a day)`);
  return index;
}

/** The days of the week a `--days` value names (see the grammar above). */
export function parseDays(text: string): ReadonlySet<number> {
  const days = new Set<number>();
  const trimmed = text.trim();
  if (trimmed === '') throw new DayFilterError(`${EXPECTED_DAYS}, got an empty value`);
  if (trimmed.toLowerCase() === 'all') return new Set([0, 1, 2, 3, 4, 5, 6]);
  for (const part of trimmed.split(',')) {
    const ends = part.split('-');
    if (ends.length > 2 || part.trim() === '') throw new DayFilterError(`${EXPECTED_DAYS}, got "${text}"`);
    const first = weekdayOf(ends[0], text);
    const last = ends.length === 2 ? weekdayOf(ends[1], text) : first;
    for (let d = first; ; d = (d + 1) % 7) {
      days.add(d);
      if (d === last) break;
    }
  }
  return days;
}

/** A `YYYY-MM-DD` date option, checked. */
export function parseDateOption(flag: string, text: string): string {
  const day = parseDate(text.trim(), 'YYYY-MM-DD');
  if (day === undefined) throw new DayFilterError(`--${flag}: expected a date YYYY-MM-DD, got "${text}"`);
  return day.iso;
}

/** A filter from the command line's values (each optional), checked. */
export function dayFilter(options: { days?: string; from?: string; to?: string }): DayFilter {
  const from = options.from === undefined ? undefined : parseDateOption('from', options.from);
  const to = options.to === undefined ? undefined : parseDateOption('to', options.to);
  if (from !== undefined && to !== undefined && from > to) {
    throw new DayFilterError(`--from ${from} is after --to ${to}: expected from ≤ to`);
  }
  let weekdays: ReadonlySet<number> | undefined;
  if (options.days !== undefined) {
    try {
      weekdays = parseDays(options.days);
    } catch (error) {
      if (error instanceof DayFilterError) throw new DayFilterError(`--days: ${error.message}`);
      throw error;
    }
  }
  return {
    ...(weekdays === undefined ? {} : { weekdays }),
    ...(from === undefined ? {} : { from }),
    ...(to === undefined ? {} : { to }),
  };
}

/** Whether a day (`YYYY-MM-DD`, weekday 0–6) passes the filter. */
export function keepsDay(filter: DayFilter, date: string, weekday: number): boolean {
  if (filter.weekdays !== undefined && !filter.weekdays.has(weekday)) return false;
  if (filter.from !== undefined && date < filter.from) return false;
  if (filter.to !== undefined && date > filter.to) return false;
  return true;
}

/** The filter in words, for messages: `Sunday to Thursday, 1999-02-01 to 1999-02-07`. */
export function describeFilter(filter: DayFilter): string {
  const parts: string[] = [];
  if (filter.weekdays !== undefined) {
    parts.push(
      [...filter.weekdays]
        .sort((a, b) => a - b)
        .map((d) => DAY_NAMES[d].slice(0, 3))
        .join(','),
    );
  }
  if (filter.from !== undefined || filter.to !== undefined) {
    parts.push(`${filter.from ?? 'the start'} to ${filter.to ?? 'the end'}`);
  }
  return parts.length === 0 ? 'every day' : parts.join(', ');
}
