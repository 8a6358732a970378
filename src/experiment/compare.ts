/**
 * Comparing scenarios on the same calls: every scenario runs the same
 * replication indices with the same seed, so replication r of each sees the
 * same arrivals, handle times and patience (common random numbers, see
 * model/engine/replication.ts). A KPI's difference is then estimated from
 * paired replications: the noise the scenarios share cancels, and the
 * interval of the difference is much narrower than the two separate
 * intervals put together.
 *
 * The difference of scenario b from the baseline a, per KPI:
 *
 * - `count` and `perReplication` KPIs: dᵣ = KPI_b(r) − KPI_a(r) per
 *   replication, mean with a Student-t interval (replications where either
 *   value is undefined, e.g. a wait percentile with no call answered, are
 *   left out of the pairs);
 * - `ratio` KPIs: the same ratio-of-sums estimator as a run (R̂ = Σx/Σy), so
 *   that the difference is exactly value − baseline, with a paired
 *   delta-method interval: D̂ = R̂_b − R̂_a ± t_{n−1}·s/√n, s² the sample
 *   variance of zᵣ = (x_b,r − R̂_b·y_b,r)/ȳ_b − (x_a,r − R̂_a·y_a,r)/ȳ_a.
 *
 * A difference is significant when its interval excludes 0; the p-value is
 * the two-sided paired t-test's.
 */
import { performance } from 'node:perf_hooks';
import { tCritical } from '../kernel/confidence.js';
import { studentTCdf } from '../kernel/numerics/special-functions.js';
import { layoutOf } from '../model/engine/replication.js';
import type { ReplicationSummary } from '../model/engine/replication.js';
import type { KpiDefinition, Unit } from '../model/kpis.js';
import { FIELD_COUNT, KPI_BY_NAME } from '../model/kpis.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import type { KpiEstimates } from './aggregate.js';
import { Aggregator } from './aggregate.js';
import type { Estimate } from './estimate.js';
import type { Runner } from './replication-runner.js';
import { ReplicationRunner } from './replication-runner.js';
import type { RunResult } from './run-result.js';
import { buildRunResult } from './run-result.js';
import type { ProgressEvent } from './simulate.js';

/** The KPIs compared, in display order (those a view does not define are skipped). */
export const COMPARED_KPIS: readonly string[] = [
  'offered',
  'answered',
  'serviceLevel',
  'asa',
  'waitP90',
  'abandonRate',
  'blocked',
  'occupancy',
  'agents',
  'cost',
];

export interface CompareOptions {
  /** Replications of every scenario (default: the first scenario's `replications`). */
  readonly replications?: number;
  /** Seed of every scenario (default: the first scenario's `seed`). */
  readonly seed?: number;
  /** Confidence level of the intervals, in (0, 1) (default 0.95). */
  readonly confidenceLevel?: number;
  /** Worker threads, or 'auto' (see ReplicationRunner). Default 1. Results do not depend on it. */
  readonly threads?: number | 'auto';
  /** Stops between replications; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each replication of each scenario, with totals over all scenarios. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** A runner to use, left open; otherwise a ReplicationRunner is made and closed. */
  readonly runner?: Runner;
}

export interface ComparedScenario {
  /** The scenario's `name`. */
  readonly name: string;
  /** Unique among the compared scenarios: the name, with the file (or a number) added when names repeat. */
  readonly label: string;
  readonly file: string;
  readonly hash: string;
  readonly result: RunResult;
}

export interface KpiDifference {
  /** Label of the scenario compared with the baseline (the first scenario). */
  readonly scenario: string;
  /** The call type, or null for all calls. */
  readonly callType: string | null;
  readonly kpi: string;
  readonly label: string;
  readonly unit: Unit;
  /** The baseline's estimate (as in its result). */
  readonly baseline: Estimate;
  /** The scenario's estimate (as in its result). */
  readonly value: Estimate;
  /** value − baseline, with the paired interval; null mean where either is undefined. */
  readonly difference: Estimate;
  /** difference ÷ |baseline|, or null when the baseline is 0 or undefined. */
  readonly relative: number | null;
  /** The interval of the difference excludes 0. */
  readonly significant: boolean;
  /** Two-sided paired t-test; null with fewer than two pairs. */
  readonly pValue: number | null;
  /** Replications paired (those where both values are defined). */
  readonly pairs: number;
}

export interface CompareResult {
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  /** The baseline first. */
  readonly scenarios: readonly ComparedScenario[];
  /** Per scenario after the baseline: all calls, then each call type both define, KPIs in COMPARED_KPIS order. */
  readonly differences: readonly KpiDifference[];
}

/** Whole-horizon records of one scenario, per replication: all calls, then each call type. */
interface Kept {
  readonly callTypes: readonly string[];
  /** [replication][view] → FIELD_COUNT numbers (view 0: all calls; view 1 + i: call type i). */
  readonly records: Float64Array[][];
}

/** Runs every scenario on the same replications and seed, and compares each with the first. */
export async function compare(
  models: readonly CompiledScenario[],
  options: CompareOptions = {},
): Promise<CompareResult> {
  if (models.length < 2) {
    throw new RangeError(
      `compare needs at least two scenarios (a baseline and another), got ${models.length}`,
    );
  }
  const replications = options.replications ?? models[0].replications;
  const seed = options.seed ?? models[0].seed;
  const level = options.confidenceLevel ?? 0.95;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications must be a whole number ≥ 1, got ${replications}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);

  const indices = Array.from({ length: replications }, (_, r) => r);
  const total = replications * models.length;
  let done = 0;
  let calls = 0;
  const runner = options.runner ?? new ReplicationRunner({ threads: options.threads ?? 1 });
  const results: RunResult[] = [];
  const kept: Kept[] = [];
  try {
    for (const model of models) {
      const aggregator = new Aggregator(layoutOf(model));
      const views = [
        aggregator.layout.offset(-1, { kind: 'all', index: 0 }),
        ...model.callTypes.map((_, index) => aggregator.layout.offset(-1, { kind: 'callType', index })),
      ];
      const records: Float64Array[][] = [];
      const accept = (summary: ReplicationSummary) => {
        aggregator.add(summary);
        records.push(views.map((at) => summary.records.slice(at, at + FIELD_COUNT)));
        done++;
        calls += summary.simulatedCalls;
        options.onProgress?.({ replicationsDone: done, replicationsTotal: total, simulatedCalls: calls });
        return true;
      };
      const started = performance.now();
      await runner.run(model, seed, indices, accept, options.signal);
      const wallSeconds = (performance.now() - started) / 1000;
      const work = {
        simulatedCalls: aggregator.simulatedCalls,
        events: aggregator.events,
        wallSeconds,
        reusedReplications: 0,
      };
      results.push(buildRunResult(model, aggregator, { seed, confidenceLevel: level, work }));
      kept.push({ callTypes: model.callTypes.map((c) => c.name), records });
    }
  } finally {
    if (options.runner === undefined) await runner.close();
  }

  const labels = labelsOf(models);
  const scenarios = models.map((model, i) => ({
    name: model.name,
    label: labels[i],
    file: model.source.file,
    hash: model.source.hash,
    result: results[i],
  }));
  const differences: KpiDifference[] = [];
  const base = kept[0];
  for (let s = 1; s < models.length; s++) {
    const other = kept[s];
    const pairs: Array<{ callType: string | null; a: number; b: number }> = [{ callType: null, a: 0, b: 0 }];
    base.callTypes.forEach((name, i) => {
      const j = other.callTypes.indexOf(name);
      if (j >= 0) pairs.push({ callType: name, a: 1 + i, b: 1 + j });
    });
    for (const view of pairs) {
      const baseEstimates = view.callType === null ? results[0].total : results[0].byCallType[view.callType];
      const otherEstimates = view.callType === null ? results[s].total : results[s].byCallType[view.callType];
      for (const name of COMPARED_KPIS) {
        const kpi = KPI_BY_NAME.get(name);
        if (kpi === undefined) continue;
        const baseline = baseEstimates[name];
        const value = otherEstimates[name];
        if (baseline === undefined || value === undefined) continue;
        const a = base.records.map((r) => r[view.a]);
        const b = other.records.map((r) => r[view.b]);
        differences.push(
          differenceOf(kpi, { scenario: labels[s], callType: view.callType, baseline, value }, a, b, level),
        );
      }
    }
  }
  return { seed, replications, confidenceLevel: level, scenarios, differences };
}

/** Unique labels: the name; with the file name when names repeat; with a number when that repeats too. */
function labelsOf(models: readonly CompiledScenario[]): string[] {
  const count = (items: readonly string[], item: string) => items.filter((x) => x === item).length;
  const names = models.map((m) => m.name);
  const withFile = models.map((m) => `${m.name} (${m.source.file.split(/[\\/]/).pop() ?? ''})`);
  return models.map((m, i) => {
    if (count(names, m.name) === 1) return m.name;
    if (count(withFile, withFile[i]) === 1) return withFile[i];
    return `${m.name} #${i + 1}`;
  });
}

interface Paired {
  readonly mean: number | null;
  /** Standard error of the mean difference; null with fewer than two pairs. */
  readonly standardError: number | null;
  readonly pairs: number;
}

function differenceOf(
  kpi: KpiDefinition,
  head: { scenario: string; callType: string | null; baseline: Estimate; value: Estimate },
  a: readonly Float64Array[],
  b: readonly Float64Array[],
  level: number,
): KpiDifference {
  const paired = kpi.estimator === 'ratio' ? pairedRatio(kpi, a, b) : pairedMean(kpi.value, a, b);
  const { mean, standardError: se, pairs } = paired;
  let difference: Estimate = { mean, lo: null, hi: null };
  let pValue: number | null = null;
  if (mean !== null && se !== null) {
    const df = pairs - 1;
    const halfWidth = tCritical(level, df) * se;
    difference = { mean, lo: mean - halfWidth, hi: mean + halfWidth };
    pValue = se > 0 ? 2 * (1 - studentTCdf(Math.abs(mean) / se, df)) : mean === 0 ? 1 : 0;
  }
  const significant =
    difference.lo !== null && difference.hi !== null && (difference.lo > 0 || difference.hi < 0);
  const baseMean = head.baseline.mean;
  return {
    scenario: head.scenario,
    callType: head.callType,
    kpi: kpi.name,
    label: kpi.label,
    unit: kpi.unit,
    baseline: head.baseline,
    value: head.value,
    difference,
    relative: mean !== null && baseMean !== null && baseMean !== 0 ? mean / Math.abs(baseMean) : null,
    significant,
    pValue,
    pairs,
  };
}

/** Mean of dᵣ = value_b(r) − value_a(r) over replications where both are defined. */
function pairedMean(
  value: (r: Float64Array) => number,
  a: readonly Float64Array[],
  b: readonly Float64Array[],
): Paired {
  const d: number[] = [];
  for (let r = 0; r < a.length; r++) {
    const x = value(b[r]) - value(a[r]);
    if (!Number.isNaN(x)) d.push(x);
  }
  const n = d.length;
  if (n === 0) return { mean: null, standardError: null, pairs: 0 };
  const mean = d.reduce((s, x) => s + x, 0) / n;
  if (n < 2) return { mean, standardError: null, pairs: n };
  const squares = d.reduce((s, x) => s + (x - mean) ** 2, 0);
  return { mean, standardError: Math.sqrt(squares / (n - 1) / n), pairs: n };
}

/** R̂_b − R̂_a (ratios of sums) with the paired delta-method standard error. */
function pairedRatio(
  kpi: Extract<KpiDefinition, { estimator: 'ratio' }>,
  a: readonly Float64Array[],
  b: readonly Float64Array[],
): Paired {
  const n = a.length;
  const ratio = (records: readonly Float64Array[]) => {
    let x = 0;
    let y = 0;
    for (const r of records) {
      x += kpi.numerator(r);
      y += kpi.denominator(r);
    }
    return y === 0 ? null : { ratio: x / y, meanY: y / n };
  };
  const ra = ratio(a);
  const rb = ratio(b);
  if (ra === null || rb === null) return { mean: null, standardError: null, pairs: n };
  const mean = rb.ratio - ra.ratio;
  if (n < 2) return { mean, standardError: null, pairs: n };
  let squares = 0;
  for (let r = 0; r < n; r++) {
    const zb = (kpi.numerator(b[r]) - rb.ratio * kpi.denominator(b[r])) / rb.meanY;
    const za = (kpi.numerator(a[r]) - ra.ratio * kpi.denominator(a[r])) / ra.meanY;
    squares += (zb - za) ** 2;
  }
  return { mean, standardError: Math.sqrt(squares / (n - 1) / n), pairs: n };
}

/** The estimates of a scenario's view in a comparison: all calls (null) or a call type. */
export function estimatesOf(scenario: ComparedScenario, callType: string | null): KpiEstimates | undefined {
  return callType === null ? scenario.result.total : scenario.result.byCallType[callType];
}
