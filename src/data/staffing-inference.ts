/**
 * Effective staffing per interval inferred from agent activity: a call log records who served
 * which call when, never how many agents were on duty, so staffing has to be estimated. Several
 * estimators, each bounding or approximating it from a different side, are computed side by side;
 * their spread says how far the log pins the staffing down.
 *
 * A service occupies its agent over [serviceStart, serviceStart + serviceTime) (talk only: a log
 * shows no after-call work, so busy time is a lower bound on work time). Per (date, interval) of
 * length L:
 *
 * - `activeAgents` — distinct named agents busy at some moment of the interval (a service
 *   overlapping it). Counts an agent who took one call as a whole agent: an upper-side estimate for
 *   short stays, a lower one for an agent on duty who took no call.
 * - `busyAgents` — busy agent-seconds in the interval ÷ L: the mean number of agents busy, a LOWER
 *   BOUND on the agents on duty. Services without an agent name (the bank's AGENT records with
 *   NO_SERVER) count here: their time is busy time of some agent.
 * - `peakBusy` — the largest number of services in progress at once during the interval (named or
 *   not): a lower bound on the agents on duty at that moment.
 * - `presentAgents` — an agent counts as on duty from `marginSeconds` before the first service of a
 *   session to `marginSeconds` after its last, a session being the agent's services of one date with
 *   gaps (end of one to start of the next) of at most `bridgeGapSeconds` bridged; agents present are
 *   integrated over the interval as fractional agents. At every instant at least as many agents are
 *   present as are busy (unnamed services included): the integrand is max(sessions open, busy).
 *   Defaults G = 15 min (95% of the bank's gaps between an agent's consecutive calls are shorter:
 *   longer ones are breaks) and margin = 2 min.
 *
 * Averages over dates are means of the per-date values over every date of the table (a date
 * without activity counts as 0), with their standard deviation over dates.
 */
import type { CallRecord } from './call-record.js';
import {
  checkIntervalSeconds,
  dayIndexer,
  datesOf,
  daySpread,
  gridOf,
  intervalLabel,
  slotStart,
} from './interval-grid.js';
import type { DaySpread, IntervalGrid, IntervalRange } from './interval-grid.js';

export interface StaffingOptions {
  /** Interval length, seconds. */
  readonly intervalSeconds: number;
  /** Gaps between an agent's services up to this long are bridged (same session); default 900 s. */
  readonly bridgeGapSeconds?: number;
  /** A session covers this long before its first service and after its last; default 120 s. */
  readonly marginSeconds?: number;
  /** The dates of the table (services of other dates are left out); default: the served records' dates. */
  readonly dates?: readonly string[];
  /** The intervals of the table; default: from the first to the last interval with a service. */
  readonly range?: IntervalRange;
  /**
   * Agent → group. When given, every estimator is also computed per group; services without an
   * agent go to the group that served most named calls of their call type; agents not in the map
   * are left out of the groups (not of the totals).
   */
  readonly groupOf?: ReadonlyMap<string, string>;
}

export type StaffingEstimator = 'activeAgents' | 'busyAgents' | 'peakBusy' | 'presentAgents';

export const STAFFING_ESTIMATORS: readonly StaffingEstimator[] = [
  'activeAgents',
  'busyAgents',
  'peakBusy',
  'presentAgents',
];

/** Each estimator's value in one cell (agents, fractional where it is an integral). */
export type StaffingValues = Readonly<Record<StaffingEstimator, number>>;

export interface StaffingDayCell {
  readonly date: string;
  readonly values: StaffingValues;
  /** Busy agent-seconds of services without an agent name ÷ L (included in busyAgents). */
  readonly unnamedBusyAgents: number;
  /** Smallest and largest of the estimators: their spread. */
  readonly min: number;
  readonly max: number;
}

export interface StaffingInterval {
  readonly interval: string;
  readonly start: number;
  readonly end: number;
  /** Each estimator's mean over the dates. */
  readonly mean: StaffingValues;
  /** Each estimator's mean, standard deviation and number of dates. */
  readonly spread: Readonly<Record<StaffingEstimator, DaySpread>>;
  /** Smallest and largest of the estimators' means. */
  readonly min: number;
  readonly max: number;
  readonly perDay: readonly StaffingDayCell[];
}

export interface StaffingSeries {
  readonly intervals: readonly StaffingInterval[];
}

export interface StaffingInference extends StaffingSeries {
  readonly intervalSeconds: number;
  readonly bridgeGapSeconds: number;
  readonly marginSeconds: number;
  readonly dates: readonly string[];
  /** Served records without an agent name (their time is in busyAgents and peakBusy only). */
  readonly unnamedServices: number;
  /** Per group (sorted by name), when `groupOf` was given. */
  readonly byGroup?: Readonly<Record<string, StaffingSeries>>;
}

/** One service: who (null = unnamed) and when, seconds after midnight of its date. */
interface Service {
  readonly agent: string | null;
  readonly start: number;
  readonly end: number;
}

/** Per slot sums of one date. */
interface DayAccumulator {
  readonly busyArea: Float64Array;
  readonly unnamedArea: Float64Array;
  readonly presentArea: Float64Array;
  readonly peak: Float64Array;
  readonly active: Set<string>[];
}

function sessionsOf(services: readonly Service[], gap: number, margin: number): [number, number][] {
  const sorted = [...services].sort((a, b) => a.start - b.start);
  const sessions: [number, number][] = [];
  let from = NaN;
  let to = NaN;
  for (const s of sorted) {
    if (Number.isNaN(from)) {
      from = s.start;
      to = s.end;
    } else if (s.start - to <= Math.max(gap, 2 * margin)) {
      // (gaps within two margins are bridged too: the margins would overlap)
      to = Math.max(to, s.end);
    } else {
      sessions.push([from - margin, to + margin]);
      from = s.start;
      to = s.end;
    }
  }
  if (!Number.isNaN(from)) sessions.push([from - margin, to + margin]);
  return sessions;
}

/** The grid's slots [lo, hi) that [t0, t1) may overlap. */
function slotSpan(grid: IntervalGrid, t0: number, t1: number): [number, number] {
  const L = grid.intervalSeconds;
  return [Math.max(Math.floor(t0 / L) - grid.first, 0), Math.min(Math.ceil(t1 / L) - grid.first, grid.count)];
}

/** Seconds of [t0, t1) within the grid's `slot`. */
function overlapOf(grid: IntervalGrid, slot: number, t0: number, t1: number): number {
  const start = (grid.first + slot) * grid.intervalSeconds;
  return Math.min(t1, start + grid.intervalSeconds) - Math.max(t0, start);
}

/** Adds weight × overlap of [t0, t1) with each slot to `area` (and raises `peak` to weight). */
function addSegment(
  grid: IntervalGrid,
  t0: number,
  t1: number,
  weight: number,
  area: Float64Array,
  peak?: Float64Array,
): void {
  const [lo, hi] = slotSpan(grid, t0, t1);
  for (let slot = lo; slot < hi; slot++) {
    const overlap = overlapOf(grid, slot, t0, t1);
    if (overlap <= 0) continue;
    area[slot] += weight * overlap;
    if (peak !== undefined && weight > peak[slot]) peak[slot] = weight;
  }
}

/** Sorted ascending (a typed array sorts numerically without a comparator: fast). */
const sorted = (values: readonly number[]): Float64Array => Float64Array.from(values).sort();

function accumulateDay(
  services: readonly Service[],
  grid: IntervalGrid,
  gap: number,
  margin: number,
): DayAccumulator {
  const n = grid.count;
  const acc: DayAccumulator = {
    busyArea: new Float64Array(n),
    unnamedArea: new Float64Array(n),
    presentArea: new Float64Array(n),
    peak: new Float64Array(n),
    active: Array.from({ length: n }, () => new Set<string>()),
  };
  const busyStarts: number[] = [];
  const busyEnds: number[] = [];
  const byAgent = new Map<string, Service[]>();
  for (const s of services) {
    busyStarts.push(s.start);
    busyEnds.push(s.end);
    if (s.agent === null) {
      addSegment(grid, s.start, s.end, 1, acc.unnamedArea);
      continue;
    }
    const [lo, hi] = slotSpan(grid, s.start, s.end);
    for (let slot = lo; slot < hi; slot++) {
      if (overlapOf(grid, slot, s.start, s.end) > 0) acc.active[slot].add(s.agent);
    }
    const list = byAgent.get(s.agent);
    if (list === undefined) byAgent.set(s.agent, [s]);
    else list.push(s);
  }
  const openStarts: number[] = [];
  const openEnds: number[] = [];
  for (const list of byAgent.values()) {
    for (const [from, to] of sessionsOf(list, gap, margin)) {
      openStarts.push(from);
      openEnds.push(to);
    }
  }
  // Sweep the two step functions (services busy, sessions open) over their merged change times;
  // each stretch of positive length between changes adds to the areas of the slots it overlaps.
  const up = sorted(busyStarts);
  const down = sorted(busyEnds);
  const opens = sorted(openStarts);
  const closes = sorted(openEnds);
  let [i, j, k, l] = [0, 0, 0, 0];
  let busy = 0;
  let open = 0;
  const next = () =>
    Math.min(
      i < up.length ? up[i] : Infinity,
      j < down.length ? down[j] : Infinity,
      k < opens.length ? opens[k] : Infinity,
      l < closes.length ? closes[l] : Infinity,
    );
  let t = next();
  while (t < Infinity) {
    for (; i < up.length && up[i] === t; i++) busy++;
    for (; j < down.length && down[j] === t; j++) busy--;
    for (; k < opens.length && opens[k] === t; k++) open++;
    for (; l < closes.length && closes[l] === t; l++) open--;
    const t1 = next();
    if (t1 < Infinity) {
      if (busy > 0) addSegment(grid, t, t1, busy, acc.busyArea, acc.peak);
      const present = Math.max(open, busy);
      if (present > 0) addSegment(grid, t, t1, present, acc.presentArea);
    }
    t = t1;
  }
  return acc;
}

function seriesOf(
  services: readonly (Service & { readonly date: string })[],
  grid: IntervalGrid,
  dates: readonly string[],
  gap: number,
  margin: number,
): StaffingSeries {
  const dayOf = dayIndexer(dates);
  const byDay: Service[][] = dates.map(() => []);
  for (const s of services) {
    const day = dayOf(s.date);
    if (day >= 0) byDay[day].push(s);
  }
  const L = grid.intervalSeconds;
  const days = byDay.map((list) => accumulateDay(list, grid, gap, margin));
  const intervals = Array.from({ length: grid.count }, (_, slot): StaffingInterval => {
    const perDay = days.map((acc, d): StaffingDayCell => {
      const values: StaffingValues = {
        activeAgents: acc.active[slot].size,
        busyAgents: acc.busyArea[slot] / L,
        peakBusy: acc.peak[slot],
        presentAgents: acc.presentArea[slot] / L,
      };
      const all = STAFFING_ESTIMATORS.map((e) => values[e]);
      return {
        date: dates[d],
        values,
        unnamedBusyAgents: acc.unnamedArea[slot] / L,
        min: Math.min(...all),
        max: Math.max(...all),
      };
    });
    const spread = {} as Record<StaffingEstimator, DaySpread>;
    const mean = {} as Record<StaffingEstimator, number>;
    for (const e of STAFFING_ESTIMATORS) {
      spread[e] = daySpread(perDay.map((c) => c.values[e]));
      mean[e] = spread[e].mean ?? 0;
    }
    const means = STAFFING_ESTIMATORS.map((e) => mean[e]);
    const start = slotStart(grid, slot);
    return {
      interval: intervalLabel(start),
      start,
      end: start + L,
      mean,
      spread,
      min: Math.min(...means),
      max: Math.max(...means),
      perDay,
    };
  });
  return { intervals };
}

/** The group serving most named calls of each call type (for services without an agent). */
function groupOfCallType(
  served: readonly CallRecord[],
  groupOf: ReadonlyMap<string, string>,
): Map<string, string> {
  const counts = new Map<string, Map<string, number>>();
  for (const r of served) {
    const group = r.agent === null ? undefined : groupOf.get(r.agent);
    if (group === undefined) continue;
    const byGroup = counts.get(r.callType) ?? new Map<string, number>();
    byGroup.set(group, (byGroup.get(group) ?? 0) + 1);
    counts.set(r.callType, byGroup);
  }
  const best = new Map<string, string>();
  for (const [type, byGroup] of counts) {
    // Most calls; ties to the first name, so the result does not depend on record order.
    const [group] = [...byGroup].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    best.set(type, group);
  }
  return best;
}

/** The earliest start and the latest instant in service (an end is excluded: [start, end)). */
function serviceBounds(services: readonly Service[]): number[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of services) {
    lo = Math.min(lo, s.start);
    hi = Math.max(hi, s.end > s.start ? s.end - 1e-6 : s.start);
  }
  return lo === Infinity ? [] : [lo, hi];
}

/** Staffing per (date, interval) and per interval over the dates, by each estimator. */
export function inferStaffing(records: readonly CallRecord[], options: StaffingOptions): StaffingInference {
  const intervalSeconds = checkIntervalSeconds('inferStaffing', options.intervalSeconds);
  const gap = options.bridgeGapSeconds ?? 900;
  const margin = options.marginSeconds ?? 120;
  if (!(gap >= 0) || !(margin >= 0)) {
    throw new RangeError('inferStaffing: bridgeGapSeconds and marginSeconds must be ≥ 0');
  }
  const served = records.filter((r) => r.outcome === 'served' && r.serviceStart !== null);
  const services = served.map((r) => {
    const start = r.serviceStart ?? 0;
    return { date: r.date, agent: r.agent, start, end: start + r.serviceTime, callType: r.callType };
  });
  const dates = datesOf(served, options.dates);
  const grid = gridOf(intervalSeconds, serviceBounds(services), options.range);
  const all = seriesOf(services, grid, dates, gap, margin);
  let byGroup: Record<string, StaffingSeries> | undefined;
  if (options.groupOf !== undefined) {
    const groupOf = options.groupOf;
    const typeGroup = groupOfCallType(served, groupOf);
    const groupOfService = (s: (typeof services)[number]) =>
      s.agent === null ? typeGroup.get(s.callType) : groupOf.get(s.agent);
    const groups = [...new Set(groupOf.values())].sort();
    byGroup = {};
    for (const g of groups) {
      const mine = services.filter((s) => groupOfService(s) === g);
      byGroup[g] = seriesOf(mine, grid, dates, gap, margin);
    }
  }
  return {
    intervalSeconds,
    bridgeGapSeconds: gap,
    marginSeconds: margin,
    dates,
    unnamedServices: served.filter((r) => r.agent === null).length,
    ...all,
    ...(byGroup === undefined ? {} : { byGroup }),
  };
}
