/**
 * Offered calls counted per (date, interval, call type): the table that `forecast` fits and
 * `calibrate` averages.
 *
 * Conventions (the README's "Forecasting arrivals" says the same):
 * - a call counts when it was **offered** (served or abandoned in the queue: it wanted an agent),
 *   in the interval holding its `queueEntry` (the moment it asked for an agent), on its own
 *   `date` (the day it arrived). A call that arrived before midnight and reached the queue after
 *   it stays on its arrival date, in an interval past 24:00 (`24:00`, as scenario CSV files write
 *   the next day's hours); a call that arrived after midnight is on the new date, at `00:00`;
 * - the dates are every calendar date from the first record's date (or the filter's `from`) to the
 *   last record's (or the filter's `to`) whose weekday the filter keeps. A date of that range without
 *   a single offered call is kept, with zero counts, and listed in `emptyDates`: a closed day (a
 *   Saturday the center does not open) is information, not a gap. Weekdays the filter excludes are
 *   not dates at all;
 * - the interval grid runs from the first to the last interval holding a call on any date, so
 *   every date shares it; `window` names them.
 */
import type { CallRecord } from './call-record.js';
import { isOffered } from './call-record.js';

/** The interval lengths a planner uses. */
export const INTERVAL_SECONDS = [900, 1800, 3600] as const;
export type IntervalSeconds = (typeof INTERVAL_SECONDS)[number];

/** Which dates count (structurally the same as the log readers' DayFilter). */
export interface DateSelection {
  /** Weekdays kept, 0 = Sunday … 6 = Saturday; all when absent. */
  readonly weekdays?: ReadonlySet<number>;
  /** First date kept, `YYYY-MM-DD`, inclusive. */
  readonly from?: string;
  /** Last date kept, `YYYY-MM-DD`, inclusive. */
  readonly to?: string;
}

export interface IntervalCounts {
  readonly intervalSeconds: IntervalSeconds;
  /** The dates, sorted, `YYYY-MM-DD`. */
  readonly dates: readonly string[];
  /** Each date's weekday, 0 = Sunday … 6 = Saturday. */
  readonly weekdays: readonly number[];
  /** Dates of the range without an offered call (kept, with zero counts). */
  readonly emptyDates: readonly string[];
  /** Call types, by decreasing number of offered calls (ties by name). */
  readonly callTypes: readonly string[];
  /** The grid's first interval, as an index of the day (start = index × intervalSeconds); 0 when there are no calls. */
  readonly firstInterval: number;
  /** Number of intervals of the grid (0 when there are no calls). */
  readonly intervalCount: number;
  /** Offered calls, `[date][interval][callType]` flattened: use `countAt`. */
  readonly counts: Uint32Array;
}

/** Counts the offered calls of `records` per date, interval and call type. */
export function countOfferedCalls(
  records: readonly CallRecord[],
  intervalSeconds: IntervalSeconds,
  selection: DateSelection = {},
): IntervalCounts {
  const entries: CountEntry[] = [];
  for (const r of records)
    if (isOffered(r) && r.queueEntry !== null)
      entries.push({ date: r.date, time: r.queueEntry, callType: r.callType, calls: 1 });
  return countEntries(entries, intervalSeconds, selection);
}

/** One row of an interval report, as far as counting needs it (src/data/interval-report.ts's IntervalRow). */
export interface OfferedInterval {
  readonly date: string;
  /** Seconds after midnight of `date` the interval starts. */
  readonly start: number;
  /** Its length, seconds. */
  readonly length: number;
  readonly callType: string;
  /** Calls offered to the queue (rounded to whole calls). */
  readonly offered: number;
}

/**
 * The same table from an interval report's offered calls: its intervals are added up into
 * `intervalSeconds`, which must be a whole multiple of theirs (a RangeError says so otherwise).
 */
export function countOfferedIntervals(
  rows: readonly OfferedInterval[],
  intervalSeconds: IntervalSeconds,
  selection: DateSelection = {},
): IntervalCounts {
  const longer = rows.find((r) => intervalSeconds % r.length !== 0 || r.start % r.length !== 0);
  if (longer !== undefined) {
    throw new RangeError(
      `the report's intervals are ${longer.length / 60} minutes long (from ${clockLabel(longer.start)}): ` +
        `${intervalSeconds / 60}-minute intervals cannot be made of them; choose a whole multiple`,
    );
  }
  return countEntries(
    rows.map((r) => ({ date: r.date, time: r.start, callType: r.callType, calls: Math.round(r.offered) })),
    intervalSeconds,
    selection,
  );
}

/** Calls at a time of a date: one record, or an interval report's row. */
interface CountEntry {
  readonly date: string;
  readonly time: number;
  readonly callType: string;
  readonly calls: number;
}

function countEntries(
  all: readonly CountEntry[],
  intervalSeconds: IntervalSeconds,
  selection: DateSelection,
): IntervalCounts {
  const kept = all.filter((e) => keeps(selection, e.date));
  // Rows without calls (an interval report's zeros) count for the date range, not for the grid.
  const dates = dateRange(kept, selection);
  const busy = kept.filter((e) => e.calls > 0);
  const dateIndex = new Map(dates.map((d, i) => [d, i]));
  const volume = new Map<string, number>();
  let first = Infinity;
  let last = -Infinity;
  for (const entry of busy) {
    volume.set(entry.callType, (volume.get(entry.callType) ?? 0) + entry.calls);
    const interval = Math.floor(entry.time / intervalSeconds);
    if (interval < first) first = interval;
    if (interval > last) last = interval;
  }
  const callTypes = [...volume.keys()].sort(
    (a, b) => (volume.get(b) ?? 0) - (volume.get(a) ?? 0) || cmp(a, b),
  );
  const typeIndex = new Map(callTypes.map((t, i) => [t, i]));
  const firstInterval = busy.length === 0 ? 0 : first;
  const intervalCount = busy.length === 0 ? 0 : last - first + 1;
  const counts = new Uint32Array(dates.length * intervalCount * callTypes.length);
  const perDate = new Float64Array(dates.length);
  for (const entry of busy) {
    const d = dateIndex.get(entry.date) ?? 0;
    const i = Math.floor(entry.time / intervalSeconds) - firstInterval;
    counts[(d * intervalCount + i) * callTypes.length + (typeIndex.get(entry.callType) ?? 0)] += entry.calls;
    perDate[d] += entry.calls;
  }
  return {
    intervalSeconds,
    dates,
    weekdays: dates.map(weekdayOf),
    emptyDates: dates.filter((_, d) => perDate[d] === 0),
    callTypes,
    firstInterval,
    intervalCount,
    counts,
  };
}

/** Offered calls on date `d`, interval `i` (of the grid) and call type `t` (indices). */
export function countAt(counts: IntervalCounts, d: number, i: number, t: number): number {
  return counts.counts[(d * counts.intervalCount + i) * counts.callTypes.length + t];
}

/** Offered calls of all call types on date `d`, interval `i`. */
export function intervalTotal(counts: IntervalCounts, d: number, i: number): number {
  let sum = 0;
  for (let t = 0; t < counts.callTypes.length; t++) sum += countAt(counts, d, i, t);
  return sum;
}

/** Offered calls of date `d`, all intervals and call types. */
export function dateTotal(counts: IntervalCounts, d: number): number {
  let sum = 0;
  const size = counts.intervalCount * counts.callTypes.length;
  for (let k = d * size; k < (d + 1) * size; k++) sum += counts.counts[k];
  return sum;
}

/** The clock label of grid interval `i` ("08:00"; "24:30" past midnight). */
export function intervalLabel(counts: IntervalCounts, i: number): string {
  return clockLabel((counts.firstInterval + i) * counts.intervalSeconds);
}

/** Seconds after midnight as `HH:MM` (hours past 24 kept: `25:00`). */
export function clockLabel(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The first and last grid intervals (indices) with an offered call on any date, or null without
 * calls. Sensitive to a stray call (a call at 06:59 opens the window at 06:00): see `busyWindow`.
 */
export function callWindow(counts: IntervalCounts): { first: number; last: number } | null {
  return counts.intervalCount === 0 ? null : { first: 0, last: counts.intervalCount - 1 };
}

/**
 * The first and last of `totals` (calls per interval, any scale) that reach `fraction` of the
 * busiest one, or null when all are zero: opening hours, not moved by a few stray calls.
 */
export function busyWindow(
  totals: readonly number[],
  fraction = 0.05,
): { first: number; last: number } | null {
  const peak = Math.max(0, ...totals);
  if (peak === 0) return null;
  const busy = totals.map((v, i) => (v >= fraction * peak ? i : -1)).filter((i) => i >= 0);
  return { first: busy[0], last: busy[busy.length - 1] };
}

/** The weekday (0 = Sunday) of a `YYYY-MM-DD` date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** `date` moved by `days` calendar days. */
export function addDays(date: string, days: number): string {
  const t = new Date(`${date}T00:00:00Z`).getTime() + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

function keeps(selection: DateSelection, date: string): boolean {
  if (selection.from !== undefined && date < selection.from) return false;
  if (selection.to !== undefined && date > selection.to) return false;
  return selection.weekdays === undefined || selection.weekdays.has(weekdayOf(date));
}

/** Every date from the first to the last (the selection's bounds when given) that the selection keeps. */
function dateRange(records: readonly { readonly date: string }[], selection: DateSelection): string[] {
  let first = selection.from;
  let last = selection.to;
  if (first === undefined || last === undefined) {
    let min: string | undefined;
    let max: string | undefined;
    for (const r of records) {
      if (min === undefined || r.date < min) min = r.date;
      if (max === undefined || r.date > max) max = r.date;
    }
    first ??= min;
    last ??= max;
  }
  const dates: string[] = [];
  if (first === undefined || last === undefined) return dates;
  for (let date = first; date <= last; date = addDays(date, 1)) if (keeps(selection, date)) dates.push(date);
  return dates;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
