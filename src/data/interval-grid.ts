/**
 * The clock grid the observed side of a log is cut into: intervals of a fixed length, labelled by
 * the clock time they start at ("08:00"), the same labels as a scenario's intervals.
 *
 * Times are seconds after midnight of the call's date (CallRecord), so a call that crosses
 * midnight falls in an interval labelled "24:00" or later ON ITS ARRIVAL DATE, as ccsim's trace
 * writes "25:10:00" for a horizon that passes midnight: every call stays on the day it arrived and
 * a day's totals are the totals of its records. The bank's day ends at 24:00, so these intervals
 * hold the few calls that arrived just before midnight and asked for an agent after it.
 */
import { Tally } from '../kernel/statistics.js';
import { formatClockTime } from '../model/scenario/units.js';

/** Which intervals to report: `[fromSeconds, toSeconds)` after midnight, whole intervals. */
export interface IntervalRange {
  /** Clock time of the first interval's start, seconds after midnight; a multiple of the interval length. */
  readonly fromSeconds: number;
  /** Clock time the last interval ends, seconds after midnight (may exceed 86,400). */
  readonly toSeconds: number;
}

export interface IntervalGrid {
  /** Interval length, seconds. */
  readonly intervalSeconds: number;
  /** Index of the first interval (its start is first × intervalSeconds). */
  readonly first: number;
  /** Number of intervals. */
  readonly count: number;
}

/** The interval length in seconds, checked: a positive whole number of seconds that divides a day. */
export function checkIntervalSeconds(where: string, intervalSeconds: number): number {
  if (!Number.isInteger(intervalSeconds) || intervalSeconds <= 0 || 86400 % intervalSeconds !== 0) {
    throw new RangeError(
      `${where}: intervalSeconds must be a whole number of seconds dividing a day (900, 1800, 3600 …), got ${String(intervalSeconds)}`,
    );
  }
  return intervalSeconds;
}

/**
 * The grid covering `range` when given (rounded out to whole intervals), else every interval from
 * the earliest to the latest of `times` (contiguous: empty intervals in between are kept, so that
 * zeros are explicit). An empty grid when there are no times and no range.
 */
export function gridOf(
  intervalSeconds: number,
  times: Iterable<number>,
  range?: IntervalRange,
): IntervalGrid {
  if (range !== undefined) {
    const first = Math.floor(range.fromSeconds / intervalSeconds);
    const end = Math.ceil(range.toSeconds / intervalSeconds);
    return { intervalSeconds, first, count: Math.max(0, end - first) };
  }
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of times) {
    const i = Math.floor(t / intervalSeconds);
    if (i < lo) lo = i;
    if (i > hi) hi = i;
  }
  if (lo === Infinity) return { intervalSeconds, first: 0, count: 0 };
  return { intervalSeconds, first: lo, count: hi - lo + 1 };
}

/** Position of time `t` in the grid, or −1 when it falls outside. */
export function slotOf(grid: IntervalGrid, t: number): number {
  const slot = Math.floor(t / grid.intervalSeconds) - grid.first;
  return slot >= 0 && slot < grid.count ? slot : -1;
}

/** Start of the grid's `slot`-th interval, seconds after midnight. */
export function slotStart(grid: IntervalGrid, slot: number): number {
  return (grid.first + slot) * grid.intervalSeconds;
}

/** The clock label of an interval starting `start` seconds after midnight: "08:00", "24:00", "08:15". */
export function intervalLabel(start: number): string {
  return formatClockTime(start);
}

/** Mean and standard deviation over days of one KPI, and the number of days it was defined on. */
export interface DaySpread {
  /** Mean of the daily values; null when no day has a value. */
  readonly mean: number | null;
  /** Sample standard deviation (divisor days − 1) of the daily values; null below two days. */
  readonly sd: number | null;
  /** Days with a value. */
  readonly days: number;
}

/** Spread of daily values; null values (a ratio undefined that day) are left out. */
export function daySpread(values: readonly (number | null)[]): DaySpread {
  const tally = new Tally();
  for (const v of values) if (v !== null) tally.add(v);
  return {
    mean: tally.count > 0 ? tally.mean : null,
    sd: tally.count > 1 ? tally.stdDev : null,
    days: tally.count,
  };
}

/**
 * A lookup of a date's position in `dates` (−1 when absent). A log comes in date order, so the last
 * answer is kept: most lookups are one string comparison instead of a hash.
 */
export function dayIndexer(dates: readonly string[]): (date: string) => number {
  const index = new Map(dates.map((d, i) => [d, i]));
  let lastDate: string | undefined;
  let lastDay = -1;
  return (date) => {
    if (date !== lastDate) {
      lastDate = date;
      lastDay = index.get(date) ?? -1;
    }
    return lastDay;
  };
}

/** The dates to report: the ones given, else the distinct dates of the records, sorted. */
export function datesOf(records: Iterable<{ readonly date: string }>, dates?: readonly string[]): string[] {
  if (dates !== undefined) return [...dates];
  const seen = new Set<string>();
  let last: string | undefined;
  for (const r of records) {
    if (r.date === last) continue; // a log in date order: skip the hash
    last = r.date;
    seen.add(r.date);
  }
  return [...seen].sort();
}
