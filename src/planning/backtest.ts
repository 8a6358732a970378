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
import { benchmarkObserved } from '../data/erlang-benchmark.js';
import { kpisOf, observedKpis } from '../data/observed-kpis.js';
import type { ObservedKpiTable, ObservedTallies } from '../data/observed-kpis.js';
import { Field } from '../model/kpis.js';
import { layoutOf } from '../model/engine/replication.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import type { Runner } from '../experiment/replication-runner.js';
import { ReplicationRunner } from '../experiment/replication-runner.js';
import type { BaseScenario, Json } from './scenario-variant.js';
import type {
  BacktestInterval,
  BacktestKpi,
  BacktestResult,
  Band,
  ErrorSummary,
} from '../results/backtest.js';
import { BACKTEST_KPIS, DEFINITIONS } from '../results/backtest.js';
import { compileVariant } from './scenario-variant.js';

export interface BacktestOptions {
  readonly perDay?: boolean;
  /** Average mode: blocks of D days (default 40); per-day mode: replications per day (default 100). */
  readonly blocks?: number;
  readonly replicationsPerDay?: number;
  readonly threads?: number | 'auto';
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

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
  const agents = erlangAgentsPerDay(inferredStaffing(base, records, dates, window), model, dates, window);
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
    const meanAgents = agents.reduce((t, day) => t + day[s], 0) / agents.length;
    return row(iv.interval, iv.tallies, D, window.intervalSeconds, meanAgents, patience, model, {
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
  const calibration = base.loaded.scenario.calibration;
  if (calibration === undefined) {
    throw new RangeError(
      "backtest --per-day needs the scenario's `calibration` block (which log calls each call type stands for, how staffing is inferred): calibrate the scenario with `ccsim calibrate`, or add the block",
    );
  }
  const classes = classesOf(calibration);
  const R = options.replicationsPerDay ?? 100;
  const { counts } = offeredCounts(records, classes, dates, window);
  const staffing = inferredStaffing(base, records, dates, window);
  const agentsAll = erlangAgentsPerDay(staffing, model, dates, window);
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
        ...row(iv.interval, cell.tallies, 1, window.intervalSeconds, agentsAll[d][s], patience, model, {
          offered: { mean: all.offered / R, lo: null, hi: null },
          serviceLevel: band(0, 'serviceLevel'),
          abandonRate: band(1, 'abandonRate'),
          asa: band(2, 'asa'),
        }),
        date: dates[d],
      });
    });
  }
  return result('perDay', dates, R, intervals, calls);
}

type CalibrationBlock = NonNullable<BaseScenario['loaded']['scenario']['calibration']>;

function classesOf(block: CalibrationBlock): CallClass[] {
  return block.classes.map((c) => ({
    name: c.callType,
    log: c.log,
    priorities: c.priorities ?? null,
    direct: (block.staffing?.minusBusyOf ?? []).includes(c.callType),
  }));
}

/**
 * Staffing per date and interval inferred from the log as the scenario's calibration block says
 * (null without one), computed once for the replayed days and the Erlang formulas alike.
 */
function inferredStaffing(
  base: BaseScenario,
  records: readonly CallRecord[],
  dates: readonly string[],
  window: Window,
): ReturnType<typeof queueStaffing> | null {
  const calibration = base.loaded.scenario.calibration;
  if (calibration?.staffing === undefined) return null;
  const { bridgeGap, margin, minusBusyOf } = calibration.staffing;
  return queueStaffing(records, classesOf(calibration), dates, window, {
    bridgeGapSeconds: bridgeGap,
    marginSeconds: margin,
    minusBusyOf,
  });
}

/**
 * Agents for the Erlang formulas per date and interval: with inferred staffing, the agents present
 * (the queue's staffing plus those busy with classes served apart, since Erlang serves every call
 * from one pool); otherwise the scenario's agents on duty, the same every day.
 */
function erlangAgentsPerDay(
  staffing: ReturnType<typeof queueStaffing> | null,
  model: CompiledScenario,
  dates: readonly string[],
  window: Window,
): number[][] {
  if (staffing !== null) return staffing.present.map((row) => Array.from(row));
  const perInterval = Array.from({ length: window.count }, (_, k) => scheduledAgents(model, k));
  return dates.map(() => perInterval);
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
  const erlang = benchmarkObserved(tallies, {
    days,
    intervalSeconds,
    agents,
    meanPatienceSeconds: patience,
    thresholdSeconds: model.serviceLevel.threshold,
  });
  const kpis = kpisOf(tallies);
  return {
    interval,
    observed: {
      offered: tallies.offered / days,
      serviceLevel: kpis.serviceLevel,
      abandonRate: kpis.abandonRate,
      asa: kpis.asa,
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
