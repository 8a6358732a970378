/**
 * Per-replication records for statistical tests that need more than the
 * means and intervals of a RunResult: a ratio of two tallies with its own
 * delta-method interval, per-interval counts across replications for
 * dispersion tests, exact comparisons of tallies between two runs.
 *
 * Replications are run with `simulateReplication` directly (the same pure
 * function `simulate` folds), so each record is exactly what the
 * aggregator would see; the intervals are kernel/confidence.ts's, which
 * the aggregator's estimators use too (test/experiment/estimate.test.ts).
 */
import { expect } from 'vitest';
import type { Interval } from '../../src/kernel/confidence.js';
import { meanInterval, ratioInterval } from '../../src/kernel/confidence.js';
import { layoutOf, simulateReplication } from '../../src/model/engine/replication.js';
import { KPI_BY_NAME } from '../../src/model/kpis.js';
import type { CompiledScenario } from '../../src/model/scenario/index.js';
import type { SummaryLayout, ViewRef } from '../../src/model/summary-layout.js';

export const ALL: ViewRef = { kind: 'all', index: 0 };

/** The view of a call type, agent group or entry point, by name. */
export function viewOf(
  model: CompiledScenario,
  kind: 'callType' | 'agentGroup' | 'entryPoint',
  name: string,
): ViewRef {
  const list =
    kind === 'callType' ? model.callTypes : kind === 'agentGroup' ? model.agentGroups : model.entryPoints;
  const index = list.findIndex((x) => x.name === name);
  if (index < 0) throw new Error(`no ${kind} named ${name}`);
  return { kind, index };
}

/** The summaries of replications 0 … count − 1 of `model` with `seed`. */
export class Replications {
  readonly layout: SummaryLayout;
  readonly summaries: readonly Float64Array[];

  constructor(
    readonly model: CompiledScenario,
    count: number,
    seed: number = model.seed,
  ) {
    this.layout = layoutOf(model);
    const summaries: Float64Array[] = [];
    for (let r = 0; r < count; r++) summaries.push(simulateReplication(model, r, seed).records);
    this.summaries = summaries;
  }

  get count(): number {
    return this.summaries.length;
  }

  /** One tally per replication; `interval` −1 (default) is the whole horizon. */
  values(field: number, view: ViewRef = ALL, interval = -1): number[] {
    return this.summaries.map((s) => this.layout.record(s, interval, view)[field]);
  }

  /** A function of a record, per replication. */
  map(f: (record: Float64Array) => number, view: ViewRef = ALL, interval = -1): number[] {
    return this.summaries.map((s) => f(this.layout.record(s, interval, view)));
  }

  /** Σ numerator ÷ Σ denominator over replications, with its delta-method interval. */
  ratio(
    numerator: (record: Float64Array) => number,
    denominator: (record: Float64Array) => number,
    level: number,
    view: ViewRef = ALL,
    interval = -1,
  ): Interval {
    return ratioInterval(this.map(numerator, view, interval), this.map(denominator, view, interval), level);
  }

  /**
   * A KPI of src/model/kpis.ts estimated as `simulate` would (ratio of sums
   * for ratio KPIs, mean for counts), at `level`.
   */
  kpi(name: string, level: number, view: ViewRef = ALL, interval = -1): Interval {
    const definition = KPI_BY_NAME.get(name);
    if (definition === undefined) throw new Error(`no KPI named ${name}`);
    return definition.estimator === 'ratio'
      ? this.ratio(definition.numerator, definition.denominator, level, view, interval)
      : this.mean(definition.value, level, view, interval);
  }

  /** Mean over replications with its Student-t interval. */
  mean(f: (record: Float64Array) => number, level: number, view: ViewRef = ALL, interval = -1): Interval {
    return meanInterval(this.map(f, view, interval), level);
  }
}

/** Fails unless `exact` lies inside the interval; the message names both. */
export function expectInside(exact: number, interval: Interval, label: string): void {
  const { lo, hi, mean } = interval;
  if (lo === null || hi === null) throw new Error(`${label}: no interval (${JSON.stringify(interval)})`);
  const message = `${label}: exact ${exact} outside [${lo}, ${hi}] (estimate ${mean})`;
  expect(exact, message).toBeGreaterThanOrEqual(lo);
  expect(exact, message).toBeLessThanOrEqual(hi);
}

/** Sample mean and (n − 1) variance. */
export function meanAndVariance(values: readonly number[]): { mean: number; variance: number } {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, x) => a + (x - mean) ** 2, 0) / (n - 1);
  return { mean, variance };
}
