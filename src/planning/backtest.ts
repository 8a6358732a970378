/**
 * `ccsim backtest`: a scenario against the log it claims to be. The log's KPIs per interval (by
 * ccsim's own definitions, src/data/observed-kpis.ts), the scenario simulated, a prediction band
 * for each observation, and Erlang C and A with the same inputs beside it.
 *
 * Two modes:
 * - average (default): the scenario as written is an average day; the observation is the log's
 *   ratio of sums over its D days, so the band is for the mean of D simulated days: replications
 *   are taken D at a time (each block one pseudo-log of D days, each day with its own day factor,
 *   Poisson arrivals and service), and the band is the block mean ± 1.96 block standard deviations.
 * - per day: each date is replayed with that day's calls offered per interval and class, and its
 *   staffing inferred from agent activity (the scenario's `calibration` block says how); the band
 *   is the 2.5%–97.5% range of single simulated days.
 */
import type { CallRecord } from '../data/call-record.js';
import type { CallClass } from '../data/calibrate/classes.js';
import { offeredCounts, queueStaffing } from '../data/calibrate/day-inputs.js';
import type { Window } from '../data/calibrate/day-inputs.js';
import { erlangBenchmark } from '../data/erlang-benchmark.js';
import type { ErlangBenchmark } from '../data/erlang-benchmark.js';
import { observedKpis } from '../data/observed-kpis.js';
import type { ObservedKpiTable, ObservedTallies } from '../data/observed-kpis.js';
import { intervalLabel } from '../data/interval-grid.js';
import { Field } from '../model/kpis.js';
import { layoutOf } from '../model/engine/replication.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import type { Runner } from '../experiment/replication-runner.js';
import { ReplicationRunner } from '../experiment/replication-runner.js';
import type { BaseScenario, Json } from './scenario-variant.js';
import { compileVariant } from './scenario-variant.js';

export const BACKTEST_KPIS = ['serviceLevel', 'abandonRate', 'asa'] as const;
export type BacktestKpi = (typeof BACKTEST_KPIS)[number];

export interface Band {
  readonly mean: number | null;
  readonly lo: number | null;
  readonly hi: number | null;
}

export interface BacktestInterval {
  readonly interval: string;
  /** Per-day mode: the date replayed. */
  readonly date?: string;
  readonly observed: {
    readonly offered: number;
    readonly serviceLevel: number | null;
    readonly abandonRate: number | null;
    readonly asa: number | null;
  };
  readonly simulated: { readonly offered: Band } & Readonly<Record<BacktestKpi, Band>>;
  readonly erlangA: {
    readonly serviceLevel: number | null;
    readonly abandonRate: number | null;
    readonly asa: number | null;
  };
  readonly erlangC: {
    readonly serviceLevel: number | null;
    readonly asa: number | null;
    readonly stable: boolean;
  };
  /** Agents the Erlang formulas were given. */
  readonly agents: number;
}

export interface ErrorSummary {
  /** Mean absolute error over the intervals where both values exist (service level and abandonment as fractions, ASA in seconds). */
  readonly mae: Readonly<Record<BacktestKpi, number | null>>;
  /** Mean signed error (model − observed). */
  readonly bias: Readonly<Record<BacktestKpi, number | null>>;
}

export interface BacktestResult {
  readonly mode: 'average' | 'perDay';
  readonly dates: readonly string[];
  readonly definitions: Readonly<Record<string, string>>;
  readonly replications: number;
  readonly intervals: readonly BacktestInterval[];
  readonly summary: ErrorSummary & {
    /** Share of (interval, KPI) observations inside their band. */
    readonly coverage: number | null;
    readonly coverageByKpi: Readonly<Record<BacktestKpi, number | null>>;
    /** The intervals counted (observed offered ≥ 1). */
    readonly intervals: number;
    readonly erlangA: ErrorSummary;
    readonly erlangC: ErrorSummary;
  };
  readonly simulatedCalls: number;
}

export interface BacktestOptions {
  readonly perDay?: boolean;
  /** Average mode: blocks of D days (default 40); per-day mode: replications per day (default 100). */
  readonly blocks?: number;
  readonly replicationsPerDay?: number;
  readonly threads?: number | 'auto';
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export const DEFINITIONS = {
  offered:
    'calls that asked for an agent (answered or abandoned in the queue; not IVR hang-ups, not ignored records), in the interval they asked',
  serviceLevel:
    'answered with wait ≤ T ÷ (offered − abandoned with wait ≤ short-abandon threshold), T and the threshold from the scenario',
  abandonRate: 'abandoned ÷ offered',
  asa: 'mean wait of answered calls, seconds',
  aggregate: 'over several days: ratio of sums (not the mean of daily ratios)',
  erlang:
    'Erlang C and A per interval with the observed offered calls and mean handle time of the interval, the agents of the scenario (fractional: a time mix of floor and ceiling) and exponential patience of mean (time waited ÷ abandons) over the whole log',
} as const;

/** Sums of one interval of one replication: what the KPIs are ratios of. */
interface Sums {
  offered: number;
  answered: number;
  within: number;
  slBase: number;
  abandoned: number;
  waitAnswered: number;
}

export async function backtest(
  base: BaseScenario,
  model: CompiledScenario,
  records: readonly CallRecord[],
  options: BacktestOptions = {},
): Promise<BacktestResult> {
  const clock = model.clock;
  const L = clock.intervalLength;
  const dates = [...new Set(records.map((r) => r.date))].sort();
  if (dates.length === 0) throw new RangeError('the log has no call on the days asked for');
  const window: Window = {
    intervalSeconds: L,
    fromSeconds: clock.start,
    toSeconds: clock.start + clock.horizon,
    count: clock.intervalCount,
  };
  const observed = observedKpis(records, {
    intervalSeconds: L,
    thresholdSeconds: model.serviceLevel.threshold,
    shortAbandonSeconds: model.serviceLevel.shortAbandon,
    dates,
    range: { fromSeconds: window.fromSeconds, toSeconds: window.toSeconds },
  });
  const patience = exponentialPatience(records);
  const runner = new ReplicationRunner({ threads: options.threads ?? 1 });
  try {
    return options.perDay === true
      ? await perDay(base, model, records, dates, window, observed, patience, runner, options)
      : await average(base, model, records, dates, window, observed, patience, runner, options);
  } finally {
    await runner.close();
  }
}

async function average(
  base: BaseScenario,
  model: CompiledScenario,
  records: readonly CallRecord[],
  dates: readonly string[],
  window: Window,
  observed: ObservedKpiTable,
  patience: number | null,
  runner: Runner,
  options: BacktestOptions,
): Promise<BacktestResult> {
  const D = dates.length;
  const blocks = options.blocks ?? 40;
  const R = D * blocks;
  const { sums, calls } = await replicate(model, model.seed, R, runner, options, 0, R);
  const agents = erlangAgents(base, model, records, dates, window);
  const intervals = observed.intervals.map((iv, s): BacktestInterval => {
    const blockValues = BACKTEST_KPIS.map(() => [] as number[]);
    const all = emptySums();
    for (let b = 0; b < blocks; b++) {
      const block = emptySums();
      for (let k = b * D; k < (b + 1) * D; k++) addSums(block, sums[k][s]);
      addSums(all, block);
      BACKTEST_KPIS.forEach((kpi, j) => {
        const v = kpiOf(block, kpi);
        if (v !== null) blockValues[j].push(v);
      });
    }
    const band = (j: number, kpi: BacktestKpi): Band => {
      const mean = kpiOf(all, kpi);
      const values = blockValues[j];
      if (mean === null || values.length < 2) return { mean, lo: null, hi: null };
      const m = values.reduce((a, b) => a + b, 0) / values.length;
      const sd = Math.sqrt(values.reduce((a, v) => a + (v - m) ** 2, 0) / (values.length - 1));
      return { mean, lo: clampKpi(kpi, mean - 1.96 * sd), hi: clampKpi(kpi, mean + 1.96 * sd) };
    };
    const offeredPerDay = all.offered / R;
    return row(iv.interval, iv.tallies, D, window.intervalSeconds, agents[s], patience, model, {
      offered: { mean: offeredPerDay * D, lo: null, hi: null },
      serviceLevel: band(0, 'serviceLevel'),
      abandonRate: band(1, 'abandonRate'),
      asa: band(2, 'asa'),
    });
  });
  return result('average', dates, R, intervals, calls);
}

async function perDay(
  base: BaseScenario,
  model: CompiledScenario,
  records: readonly CallRecord[],
  dates: readonly string[],
  window: Window,
  observed: ObservedKpiTable,
  patience: number | null,
  runner: Runner,
  options: BacktestOptions,
): Promise<BacktestResult> {
  const calibration = (base.input as { calibration?: CalibrationBlock }).calibration;
  if (calibration === undefined) {
    throw new RangeError(
      "backtest --per-day needs the scenario's `calibration` block (which log calls each call type stands for, how staffing is inferred): calibrate the scenario with `ccsim calibrate`, or add the block",
    );
  }
  const classes = classesOf(calibration);
  const R = options.replicationsPerDay ?? 100;
  const { counts } = offeredCounts(records, classes, dates, window);
  const staffing =
    calibration.staffing === undefined
      ? null
      : queueStaffing(records, classes, dates, window, staffingRuleOf(calibration.staffing));
  const agentsAll = erlangAgents(base, model, records, dates, window, true);
  const intervals: BacktestInterval[] = [];
  let calls = 0;
  for (let d = 0; d < dates.length; d++) {
    const input = structuredClone(base.input) as Json;
    const types = input.callTypes as Json[];
    classes.forEach((c, i) => {
      const type = types.find((t) => t.name === c.name);
      if (type === undefined) return;
      type.arrivals = { perInterval: Array.from(counts[i][d]) };
    });
    if (staffing !== null && calibration.staffing !== undefined) {
      const group = (input.agentGroups as Json[]).find((g) => g.name === calibration.staffing?.group);
      if (group !== undefined) {
        delete group.agents;
        delete group.shifts;
        group.perInterval = Array.from(staffing.perDay[d], (v) => Math.round(v * 1000) / 1000);
      }
    }
    const variant = compileVariant(base, input, `day ${dates[d]}`);
    const done = await replicate(variant, model.seed, R, runner, options, d * R, dates.length * R);
    calls += done.calls;
    const dayObserved = observed.intervals;
    dayObserved.forEach((iv, s) => {
      const cell = iv.perDay[d];
      const values = BACKTEST_KPIS.map((kpi) =>
        done.sums
          .map((rep) => kpiOf(rep[s], kpi))
          .filter((v): v is number => v !== null)
          .sort((a, b) => a - b),
      );
      const all = emptySums();
      for (const rep of done.sums) addSums(all, rep[s]);
      const band = (j: number, kpi: BacktestKpi): Band => {
        const v = values[j];
        return {
          mean: kpiOf(all, kpi),
          lo: v.length > 0 ? quantile(v, 0.025) : null,
          hi: v.length > 0 ? quantile(v, 0.975) : null,
        };
      };
      intervals.push({
        ...row(
          iv.interval,
          cell.tallies,
          1,
          window.intervalSeconds,
          agentsAll[d]?.[s] ?? 0,
          patience,
          model,
          {
            offered: { mean: all.offered / R, lo: null, hi: null },
            serviceLevel: band(0, 'serviceLevel'),
            abandonRate: band(1, 'abandonRate'),
            asa: band(2, 'asa'),
          },
        ),
        date: dates[d],
      });
    });
  }
  return result('perDay', dates, R, intervals, calls);
}

interface CalibrationBlock {
  readonly classes: readonly { callType: string; log: string; priorities?: number[] }[];
  readonly staffing?: {
    group: string;
    bridgeGap: number | string;
    margin: number | string;
    minusBusyOf?: string[];
  };
}

function classesOf(block: CalibrationBlock): CallClass[] {
  return block.classes.map((c) => ({
    name: c.callType,
    log: c.log,
    priorities: c.priorities ?? null,
    direct: (block.staffing?.minusBusyOf ?? []).includes(c.callType),
  }));
}

function staffingRuleOf(s: NonNullable<CalibrationBlock['staffing']>) {
  return {
    bridgeGapSeconds: secondsOf(s.bridgeGap),
    marginSeconds: secondsOf(s.margin),
    minusBusyOf: s.minusBusyOf ?? [],
  };
}

/** A duration as the validated input holds it (seconds) or as written ("900s", "15m"). */
function secondsOf(v: number | string): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h)$/.exec(v.trim());
  if (m === null) throw new RangeError(`internal: not a duration: ${v}`);
  return Number(m[1]) * (m[2] === 'h' ? 3600 : m[2] === 'm' ? 60 : 1);
}

/**
 * Agents for the Erlang formulas, per interval (average mode) or per day and interval: with a
 * calibration block, the agents present (the queue's staffing plus those busy with classes served
 * apart, since Erlang serves every call from one pool); otherwise the scenario's agents on duty.
 */
function erlangAgents(
  base: BaseScenario,
  model: CompiledScenario,
  records: readonly CallRecord[],
  dates: readonly string[],
  window: Window,
): number[];
function erlangAgents(
  base: BaseScenario,
  model: CompiledScenario,
  records: readonly CallRecord[],
  dates: readonly string[],
  window: Window,
  perDay: true,
): number[][];
function erlangAgents(
  base: BaseScenario,
  model: CompiledScenario,
  records: readonly CallRecord[],
  dates: readonly string[],
  window: Window,
  perDay?: true,
): number[] | number[][] {
  const calibration = (base.input as { calibration?: CalibrationBlock }).calibration;
  if (calibration?.staffing !== undefined) {
    const s = queueStaffing(
      records,
      classesOf(calibration),
      dates,
      window,
      staffingRuleOf(calibration.staffing),
    );
    if (perDay === true) return s.present.map((row) => Array.from(row));
    return Array.from(
      { length: window.count },
      (_, k) => s.present.reduce((t, row) => t + row[k], 0) / dates.length,
    );
  }
  const perInterval = Array.from({ length: window.count }, (_, k) => scheduledAgents(model, k));
  return perDay === true ? dates.map(() => perInterval) : perInterval;
}

/** Agents on duty over measured interval k, all groups (time-averaged over the interval). */
function scheduledAgents(model: CompiledScenario, k: number): number {
  const { measureStart, intervalLength } = model.clock;
  const from = measureStart + k * intervalLength;
  const to = from + intervalLength;
  let total = 0;
  for (const g of model.agentGroups) {
    const { times, counts } = g.schedule;
    for (let i = 0; i < times.length; i++) {
      const a = Math.max(from, times[i]);
      const b = Math.min(to, i + 1 < times.length ? times[i + 1] : Infinity);
      if (b > a) total += (counts[i] * (b - a)) / intervalLength;
    }
  }
  return total;
}

/** Exponential patience of the whole log: time waited by every offered call ÷ abandons. */
function exponentialPatience(records: readonly CallRecord[]): number | null {
  let waited = 0;
  let abandons = 0;
  for (const r of records) {
    if (r.outcome !== 'served' && r.outcome !== 'abandoned') continue;
    waited += r.wait;
    if (r.outcome === 'abandoned') abandons++;
  }
  return abandons > 0 ? waited / abandons : null;
}

function row(
  interval: string,
  tallies: ObservedTallies,
  days: number,
  intervalSeconds: number,
  agents: number,
  patience: number | null,
  model: CompiledScenario,
  simulated: BacktestInterval['simulated'],
): BacktestInterval {
  const offered = tallies.offered;
  const slBase = offered - tallies.shortAbandoned;
  const erlang: ErlangBenchmark = erlangBenchmark({
    offered: offered / days,
    intervalSeconds,
    meanHandleSeconds: tallies.answered > 0 ? tallies.talkTime / tallies.answered : null,
    agents,
    meanPatienceSeconds: patience,
    thresholdSeconds: model.serviceLevel.threshold,
  });
  return {
    interval,
    observed: {
      offered: offered / days,
      serviceLevel: slBase > 0 ? tallies.answeredWithinThreshold / slBase : null,
      abandonRate: offered > 0 ? tallies.abandoned / offered : null,
      asa: tallies.answered > 0 ? tallies.waitAnswered / tallies.answered : null,
    },
    simulated,
    erlangA: {
      serviceLevel: erlang.erlangA.serviceLevel,
      abandonRate: erlang.erlangA.abandonRate,
      asa: erlang.erlangA.asa,
    },
    erlangC: {
      serviceLevel: erlang.erlangC.serviceLevel,
      asa: erlang.erlangC.asa,
      stable: erlang.erlangC.stable,
    },
    agents: Math.round(agents * 1000) / 1000,
  };
}

async function replicate(
  model: CompiledScenario,
  seed: number,
  R: number,
  runner: Runner,
  options: BacktestOptions,
  doneBefore: number,
  total: number,
): Promise<{ sums: Sums[][]; calls: number }> {
  const layout = layoutOf(model);
  const I = model.clock.intervalCount;
  const sums: Sums[][] = [];
  let calls = 0;
  await runner.run(
    model,
    seed,
    Array.from({ length: R }, (_, k) => k),
    (summary) => {
      const r = summary.records;
      const perInterval: Sums[] = [];
      for (let i = 0; i < I; i++) {
        const o = layout.offset(i, { kind: 'all', index: 0 });
        perInterval.push({
          offered: r[o + Field.offered],
          answered: r[o + Field.answered],
          within: r[o + Field.answeredWithinThreshold],
          slBase: r[o + Field.offered] - r[o + Field.blocked] - r[o + Field.shortAbandoned],
          abandoned: r[o + Field.abandoned],
          waitAnswered: r[o + Field.waitAnswered],
        });
      }
      sums.push(perInterval);
      calls += summary.simulatedCalls;
      options.onProgress?.(doneBefore + sums.length, total);
      return true;
    },
    options.signal,
  );
  return { sums, calls };
}

function emptySums(): Sums {
  return { offered: 0, answered: 0, within: 0, slBase: 0, abandoned: 0, waitAnswered: 0 };
}

function addSums(to: Sums, s: Sums): void {
  to.offered += s.offered;
  to.answered += s.answered;
  to.within += s.within;
  to.slBase += s.slBase;
  to.abandoned += s.abandoned;
  to.waitAnswered += s.waitAnswered;
}

function kpiOf(s: Sums, kpi: BacktestKpi): number | null {
  switch (kpi) {
    case 'serviceLevel':
      return s.slBase > 0 ? s.within / s.slBase : null;
    case 'abandonRate':
      return s.offered > 0 ? s.abandoned / s.offered : null;
    case 'asa':
      return s.answered > 0 ? s.waitAnswered / s.answered : null;
  }
}

function clampKpi(kpi: BacktestKpi, v: number): number {
  return kpi === 'asa' ? Math.max(0, v) : Math.min(1, Math.max(0, v));
}

function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function errors(
  intervals: readonly BacktestInterval[],
  model: (iv: BacktestInterval, kpi: BacktestKpi) => number | null,
): ErrorSummary {
  const mae = {} as Record<BacktestKpi, number | null>;
  const bias = {} as Record<BacktestKpi, number | null>;
  for (const kpi of BACKTEST_KPIS) {
    let abs = 0;
    let signed = 0;
    let n = 0;
    for (const iv of intervals) {
      const o = iv.observed[kpi];
      const m = model(iv, kpi);
      if (o === null || m === null || iv.observed.offered <= 0) continue;
      abs += Math.abs(m - o);
      signed += m - o;
      n++;
    }
    mae[kpi] = n > 0 ? abs / n : null;
    bias[kpi] = n > 0 ? signed / n : null;
  }
  return { mae, bias };
}

function result(
  mode: BacktestResult['mode'],
  dates: readonly string[],
  replications: number,
  intervals: BacktestInterval[],
  simulatedCalls: number,
): BacktestResult {
  const coverageByKpi = {} as Record<BacktestKpi, number | null>;
  let inside = 0;
  let judged = 0;
  for (const kpi of BACKTEST_KPIS) {
    let k = 0;
    let n = 0;
    for (const iv of intervals) {
      const o = iv.observed[kpi];
      const b = iv.simulated[kpi];
      if (o === null || b.lo === null || b.hi === null || iv.observed.offered <= 0) continue;
      n++;
      if (o >= b.lo - 1e-12 && o <= b.hi + 1e-12) k++;
    }
    coverageByKpi[kpi] = n > 0 ? k / n : null;
    inside += k;
    judged += n;
  }
  return {
    mode,
    dates,
    definitions: DEFINITIONS,
    replications,
    intervals,
    summary: {
      ...errors(intervals, (iv, kpi) => iv.simulated[kpi].mean),
      coverage: judged > 0 ? inside / judged : null,
      coverageByKpi,
      intervals: intervals.filter((iv) => iv.observed.offered > 0).length,
      erlangA: errors(intervals, (iv, kpi) => iv.erlangA[kpi]),
      erlangC: errors(intervals, (iv, kpi) => (kpi === 'abandonRate' ? 0 : iv.erlangC[kpi])),
    },
    simulatedCalls,
  };
}

export { intervalLabel };
