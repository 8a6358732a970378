/**
 * The KPIs a call log shows, per (date, interval), per interval over the dates, and per call type,
 * with ccsim's OWN definitions (src/model/kpis.ts, quoted in the README's "KPI definitions"), so that
 * an observed value and a simulated one mean the same thing:
 *
 * - `offered` — kpis.ts: "calls offered to a call type: arrived directly, or passed on by the IVR;
 *   counted in the interval of arrival at the center". In a log: the calls that wanted an agent,
 *   `served` + `abandoned` (isOffered), counted in the interval of their `queueEntry` (the time the
 *   call asked for an agent, after the IVR). A scenario calibrated from a log has direct calls
 *   arriving at that time, so the two intervals are the same one. `blocked` calls are not offered in a
 *   log (CallRecord's contract) and ccsim's "− blocked" terms below are 0.
 * - `answered` — "calls answered by an agent (by the interval of arrival)".
 * - `abandoned` — "calls that hung up while waiting, short abandons included".
 * - `shortAbandoned` — "abandoned calls whose wait was ≤ the short-abandon threshold" S.
 * - `answeredWithinThreshold` — answered calls with wait ≤ T (the recorder's `wait <= threshold`).
 * - `serviceLevel` — "answered with wait ≤ T ÷ (offered − blocked − abandoned with wait ≤
 *   shortAbandon)". S defaults to 0, ccsim's own default (`serviceLevel.shortAbandon: 0`): only
 *   abandons after a wait of exactly 0 leave the denominator, which in a log of queue abandons is
 *   none, i.e. no exclusion unless one is asked for.
 * - `serviceLevelOfAnswered` — "answered with wait ≤ T ÷ answered".
 * - `answerRate` — "answered ÷ (offered − blocked)".
 * - `abandonRate` — "abandoned ÷ (offered − blocked)".
 * - `asa` — "average speed of answer: mean wait of answered calls".
 * - `meanWait` — "mean wait of all calls that were answered or abandoned".
 * - `pWait` — "calls that found no idle agent ÷ (offered − blocked)": in a log, offered calls with
 *   wait > 0.
 * - `aht` — "mean service time of answered calls" (talk time: a log has no after-call work).
 *
 * Aggregates (an interval over the dates, a whole day, a call type) are computed from the summed
 * tallies: every ratio is a RATIO OF SUMS (Σ numerator ÷ Σ denominator), as kpis.ts estimates a ratio
 * KPI over replications — never a mean of daily ratios. The mean and standard deviation over days
 * (`spread`) are of the daily values and are there to measure day-to-day variation; for a ratio their
 * mean is a mean of ratios over the days the ratio is defined (its `days`), counts include the zero
 * days. Ratios are null where their denominator is 0.
 */
import { isOffered } from './call-record.js';
import type { CallRecord } from './call-record.js';
import {
  checkIntervalSeconds,
  dayIndexer,
  datesOf,
  daySpread,
  gridOf,
  intervalLabel,
  slotOf,
  slotStart,
} from './interval-grid.js';
import type { DaySpread, IntervalGrid, IntervalRange } from './interval-grid.js';

export interface ObservedKpiOptions {
  /** Interval length, seconds (900, 1800, 3600 …). */
  readonly intervalSeconds: number;
  /** Service-level threshold T, seconds; default 20. */
  readonly thresholdSeconds?: number;
  /** Short-abandon threshold S, seconds; default 0 (ccsim's default: no exclusion in a log). */
  readonly shortAbandonSeconds?: number;
  /** The dates of the table (a day without calls counts as zeros); default: the records' dates. */
  readonly dates?: readonly string[];
  /** The intervals of the table; default: from the first to the last interval with an offered call. */
  readonly range?: IntervalRange;
  /** Also compute the table per call type (same dates and intervals). */
  readonly byCallType?: boolean;
}

/** Raw sums of one cell, the same tallies as kpis.ts's `Field`s. */
export interface ObservedTallies {
  readonly offered: number;
  readonly answered: number;
  readonly answeredWithinThreshold: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  /** Offered calls that waited (wait > 0). */
  readonly queued: number;
  /** Sum of waits of answered calls, seconds. */
  readonly waitAnswered: number;
  /** Sum of waits of abandoned calls, seconds. */
  readonly waitAbandoned: number;
  /** Sum of service times of answered calls, seconds. */
  readonly talkTime: number;
}

/** KPIs of a cell, named as in kpis.ts; ratios null where undefined (no calls in the denominator). */
export interface ObservedKpis {
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly shortAbandoned: number;
  readonly answeredWithinThreshold: number;
  readonly serviceLevel: number | null;
  readonly serviceLevelOfAnswered: number | null;
  readonly answerRate: number | null;
  readonly abandonRate: number | null;
  readonly asa: number | null;
  readonly meanWait: number | null;
  readonly pWait: number | null;
  readonly aht: number | null;
}

export type ObservedKpiName = keyof ObservedKpis;

export const OBSERVED_KPI_NAMES: readonly ObservedKpiName[] = [
  'offered',
  'answered',
  'abandoned',
  'shortAbandoned',
  'answeredWithinThreshold',
  'serviceLevel',
  'serviceLevelOfAnswered',
  'answerRate',
  'abandonRate',
  'asa',
  'meanWait',
  'pWait',
  'aht',
];

/** One date's cell. */
export interface ObservedDayCell {
  readonly date: string;
  readonly tallies: ObservedTallies;
  readonly kpis: ObservedKpis;
}

/** Tallies and KPIs over the dates (ratio of sums), each day's, and the day-to-day spread. */
export interface ObservedAggregate {
  readonly tallies: ObservedTallies;
  readonly kpis: ObservedKpis;
  /** One cell per date of the table, in date order (zeros on a day without calls). */
  readonly perDay: readonly ObservedDayCell[];
  /** Per KPI: mean and standard deviation of the daily values, and the days with a value. */
  readonly spread: Readonly<Record<ObservedKpiName, DaySpread>>;
}

export interface ObservedInterval extends ObservedAggregate {
  /** Clock label of the interval's start: "08:00" ("24:00" and later past midnight). */
  readonly interval: string;
  /** Start and end, seconds after midnight. */
  readonly start: number;
  readonly end: number;
}

/** The table of one set of calls (all, or one call type). */
export interface ObservedSeries {
  readonly intervals: readonly ObservedInterval[];
  /** The whole day (all intervals of the table). */
  readonly total: ObservedAggregate;
  /** Offered calls whose queue entry falls outside the table's intervals (only with a `range`). */
  readonly outsideRange: number;
}

export interface ObservedKpiTable extends ObservedSeries {
  readonly intervalSeconds: number;
  readonly thresholdSeconds: number;
  readonly shortAbandonSeconds: number;
  readonly dates: readonly string[];
  /** Per call type (sorted by name) when asked for; the same dates and intervals. */
  readonly byCallType?: Readonly<Record<string, ObservedSeries>>;
}

const ZERO: ObservedTallies = {
  offered: 0,
  answered: 0,
  answeredWithinThreshold: 0,
  abandoned: 0,
  shortAbandoned: 0,
  queued: 0,
  waitAnswered: 0,
  waitAbandoned: 0,
  talkTime: 0,
};

type MutableTallies = { -readonly [K in keyof ObservedTallies]: number };

function ratio(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

/** The KPIs of a set of tallies, by kpis.ts's formulas (blocked = 0 in a log). */
export function kpisOf(t: ObservedTallies): ObservedKpis {
  return {
    offered: t.offered,
    answered: t.answered,
    abandoned: t.abandoned,
    shortAbandoned: t.shortAbandoned,
    answeredWithinThreshold: t.answeredWithinThreshold,
    serviceLevel: ratio(t.answeredWithinThreshold, t.offered - t.shortAbandoned),
    serviceLevelOfAnswered: ratio(t.answeredWithinThreshold, t.answered),
    answerRate: ratio(t.answered, t.offered),
    abandonRate: ratio(t.abandoned, t.offered),
    asa: ratio(t.waitAnswered, t.answered),
    meanWait: ratio(t.waitAnswered + t.waitAbandoned, t.answered + t.abandoned),
    pWait: ratio(t.queued, t.offered),
    aht: ratio(t.talkTime, t.answered),
  };
}

/** Element-wise sum of tallies. */
export function sumTallies(parts: readonly ObservedTallies[]): ObservedTallies {
  const sum: MutableTallies = { ...ZERO };
  for (const p of parts) {
    sum.offered += p.offered;
    sum.answered += p.answered;
    sum.answeredWithinThreshold += p.answeredWithinThreshold;
    sum.abandoned += p.abandoned;
    sum.shortAbandoned += p.shortAbandoned;
    sum.queued += p.queued;
    sum.waitAnswered += p.waitAnswered;
    sum.waitAbandoned += p.waitAbandoned;
    sum.talkTime += p.talkTime;
  }
  return sum;
}

/** Positions of the tallies in a cell of the accumulation array (as the recorder's `Field`s). */
const OFFERED = 0;
const ANSWERED = 1;
const WITHIN = 2;
const ABANDONED = 3;
const SHORT = 4;
const QUEUED = 5;
const WAIT_ANSWERED = 6;
const WAIT_ABANDONED = 7;
const TALK = 8;
const TALLY_COUNT = 9;

function addCall(
  cells: Float64Array,
  at: number,
  call: CallRecord,
  thresholdSeconds: number,
  shortAbandonSeconds: number,
): void {
  cells[at + OFFERED]++;
  if (call.wait > 0) cells[at + QUEUED]++;
  if (call.outcome === 'served') {
    cells[at + ANSWERED]++;
    cells[at + WAIT_ANSWERED] += call.wait;
    cells[at + TALK] += call.serviceTime;
    if (call.wait <= thresholdSeconds) cells[at + WITHIN]++;
  } else {
    cells[at + ABANDONED]++;
    cells[at + WAIT_ABANDONED] += call.wait;
    if (call.wait <= shortAbandonSeconds) cells[at + SHORT]++;
  }
}

function talliesAt(cells: Float64Array, at: number): ObservedTallies {
  return {
    offered: cells[at + OFFERED],
    answered: cells[at + ANSWERED],
    answeredWithinThreshold: cells[at + WITHIN],
    abandoned: cells[at + ABANDONED],
    shortAbandoned: cells[at + SHORT],
    queued: cells[at + QUEUED],
    waitAnswered: cells[at + WAIT_ANSWERED],
    waitAbandoned: cells[at + WAIT_ABANDONED],
    talkTime: cells[at + TALK],
  };
}

function aggregate(dates: readonly string[], cells: readonly ObservedTallies[]): ObservedAggregate {
  const tallies = sumTallies(cells);
  const perDay = cells.map((t, d) => ({ date: dates[d], tallies: t, kpis: kpisOf(t) }));
  const spread = {} as Record<ObservedKpiName, DaySpread>;
  for (const name of OBSERVED_KPI_NAMES) spread[name] = daySpread(perDay.map((c) => c.kpis[name]));
  return { tallies, kpis: kpisOf(tallies), perDay, spread };
}

/** When the call asked for an agent (queueEntry; arrival if a log left it out). */
function entryOf(call: CallRecord): number {
  return call.queueEntry ?? call.arrival;
}

function seriesOf(
  calls: readonly CallRecord[],
  grid: IntervalGrid,
  dates: readonly string[],
  thresholdSeconds: number,
  shortAbandonSeconds: number,
): ObservedSeries {
  const dayOf = dayIndexer(dates);
  const days = dates.length;
  // The tallies of (slot, day) at (slot · days + day) · TALLY_COUNT.
  const cells = new Float64Array(grid.count * days * TALLY_COUNT);
  let outsideRange = 0;
  for (const call of calls) {
    const day = dayOf(call.date);
    const slot = slotOf(grid, entryOf(call));
    if (day < 0 || slot < 0) {
      outsideRange++;
      continue;
    }
    addCall(cells, (slot * days + day) * TALLY_COUNT, call, thresholdSeconds, shortAbandonSeconds);
  }
  const bySlot = Array.from({ length: grid.count }, (_, slot) =>
    dates.map((_d, day) => talliesAt(cells, (slot * days + day) * TALLY_COUNT)),
  );
  const intervals = bySlot.map((byDay, slot): ObservedInterval => {
    const start = slotStart(grid, slot);
    return {
      interval: intervalLabel(start),
      start,
      end: start + grid.intervalSeconds,
      ...aggregate(dates, byDay),
    };
  });
  const dayTotals = dates.map((_, d) => sumTallies(bySlot.map((byDay) => byDay[d])));
  return { intervals, total: aggregate(dates, dayTotals), outsideRange };
}

/**
 * The observed KPI table of a log's calls (already filtered to the days wanted). Records that are
 * not offered (`ivr`, `blocked`, `ignored`) are left out; calls of a date not in `options.dates` are
 * counted in `outsideRange`.
 */
export function observedKpis(records: readonly CallRecord[], options: ObservedKpiOptions): ObservedKpiTable {
  const intervalSeconds = checkIntervalSeconds('observedKpis', options.intervalSeconds);
  const thresholdSeconds = options.thresholdSeconds ?? 20;
  const shortAbandonSeconds = options.shortAbandonSeconds ?? 0;
  if (!(thresholdSeconds >= 0) || !(shortAbandonSeconds >= 0)) {
    throw new RangeError('observedKpis: thresholdSeconds and shortAbandonSeconds must be ≥ 0');
  }
  const offered = records.filter(isOffered);
  const dates = datesOf(offered, options.dates);
  const grid = gridOf(intervalSeconds, offered.map(entryOf), options.range);
  const all = seriesOf(offered, grid, dates, thresholdSeconds, shortAbandonSeconds);

  let byCallType: Record<string, ObservedSeries> | undefined;
  if (options.byCallType === true) {
    const groups = new Map<string, CallRecord[]>();
    for (const call of offered) {
      const list = groups.get(call.callType);
      if (list === undefined) groups.set(call.callType, [call]);
      else list.push(call);
    }
    byCallType = {};
    for (const type of [...groups.keys()].sort()) {
      byCallType[type] = seriesOf(groups.get(type) ?? [], grid, dates, thresholdSeconds, shortAbandonSeconds);
    }
  }
  return {
    intervalSeconds,
    thresholdSeconds,
    shortAbandonSeconds,
    dates,
    ...all,
    ...(byCallType === undefined ? {} : { byCallType }),
  };
}
