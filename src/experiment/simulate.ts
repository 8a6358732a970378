/**
 * Running a scenario: replications (in parallel when asked), folded in
 * replication order into KPI estimates, until the requested number or the
 * requested precision.
 */
import { performance } from 'node:perf_hooks';
import { layoutOf } from '../model/engine/replication.js';
import type { ReplicationSummary, ReplicationTrace } from '../model/engine/replication.js';
import { simulateTracedReplication } from '../model/call-trace.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import { Aggregator } from './aggregate.js';
import type { PrecisionTarget } from './precision.js';
import { meets } from './precision.js';
import type { Runner } from './replication-runner.js';
import { ReplicationRunner } from './replication-runner.js';
import type { ResultsStore } from './results-store.js';
import type { PrecisionOutcome, RunResult } from './run-result.js';
import { buildRunResult } from './run-result.js';

export interface SimulateOptions {
  /** Replications to run; with `precision`, the fewest (default: the scenario's `replications`). */
  readonly replications?: number;
  /** Seed (default: the scenario's `seed`). */
  readonly seed?: number;
  /** Confidence level of the intervals, in (0, 1) (default 0.95). */
  readonly confidenceLevel?: number;
  /** Worker threads, or 'auto' (see ReplicationRunner). Default 1. Results do not depend on it. */
  readonly threads?: number | 'auto';
  /** Add replications until every target is met (sequential precision). */
  readonly precision?: readonly PrecisionTarget[];
  /** With `precision`: the most replications to run (default 1000). */
  readonly maxReplications?: number;
  /** Stops between replications; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each replication is folded in. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /**
   * A runner to use (and reuse across calls: its thread pool, its Redis
   * connections), left open; otherwise a ReplicationRunner is made and closed.
   */
  readonly runner?: Runner;
  /**
   * Keep every replication in a results database as grid point `point`;
   * replications already there are folded in, not run again (resume).
   */
  readonly store?: { readonly store: ResultsStore; readonly point: number };
  /**
   * Called with each replication's call-by-call trace, in replication order,
   * as it is folded in. Replications reused from the results database, or
   * run by a runner that brings no traces back (other machines), are
   * simulated again here for their trace: it depends only on the scenario,
   * the seed and the replication index, so it is the trace they had.
   */
  readonly onTrace?: (replication: number, trace: ReplicationTrace) => void;
}

export interface ProgressEvent {
  readonly replicationsDone: number;
  /** The planned number (with precision: the maximum). */
  readonly replicationsTotal: number;
  readonly simulatedCalls: number;
}

/** Runs replications of `model` and returns the KPI estimates. */
export async function simulate(model: CompiledScenario, options: SimulateOptions = {}): Promise<RunResult> {
  const minimum = options.replications ?? model.replications;
  const seed = options.seed ?? model.seed;
  const level = options.confidenceLevel ?? 0.95;
  const targets = options.precision ?? [];
  const maximum = targets.length > 0 ? (options.maxReplications ?? 1000) : minimum;
  if (!Number.isInteger(minimum) || minimum < 1) {
    throw new RangeError(`replications must be a whole number ≥ 1, got ${minimum}`);
  }
  if (!Number.isInteger(maximum) || maximum < minimum) {
    throw new RangeError(
      `the most replications (${maximum}) must be a whole number ≥ the fewest (${minimum})`,
    );
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);

  const aggregator = new Aggregator(layoutOf(model));
  const total = aggregator.layout.offset(-1, { kind: 'all', index: 0 });
  const judged = () =>
    targets.map((t) => {
      const estimate = aggregator.estimatesAt(total, level)[t.kpi];
      const achieved = aggregator.halfWidthAt(total, t.kpi, level);
      return { ...t, achieved, met: meets(t, estimate?.mean ?? null, achieved) };
    });
  const precise = () => judged().every((t) => t.met);
  const wantMore = () => aggregator.replications < minimum || (targets.length > 0 && !precise());
  const onTrace = options.onTrace;
  const accept = (summary: ReplicationSummary) => {
    if (onTrace !== undefined) {
      const trace = summary.trace ?? simulateTracedReplication(model, summary.replication, seed).trace;
      if (trace === undefined) throw new Error('internal: a traced replication without its trace');
      onTrace(summary.replication, trace);
    }
    aggregator.add(summary);
    options.onProgress?.({
      replicationsDone: aggregator.replications,
      replicationsTotal: maximum,
      simulatedCalls: aggregator.simulatedCalls,
    });
    return wantMore();
  };
  const started = performance.now();
  // Resume: replications already stored are folded in first, in order, exactly as they were.
  const stored = options.store;
  if (stored !== undefined) {
    for (const summary of await stored.store.finished(stored.point)) {
      if (aggregator.replications >= maximum || !wantMore()) break;
      accept(summary);
    }
  }
  const reusedReplications = aggregator.replications;
  const reusedCalls = aggregator.simulatedCalls;
  const reusedEvents = aggregator.events;
  const runner = options.runner ?? new ReplicationRunner({ threads: options.threads ?? 1 });
  try {
    const first = aggregator.replications;
    if (first < maximum && wantMore()) {
      await runner.run(
        model,
        seed,
        Array.from({ length: maximum - first }, (_, k) => first + k),
        ({ trace, ...summary }) => {
          // The trace goes to onTrace, not into the database's buffer of replications to write.
          stored?.store.add(stored.point, summary);
          return accept({ ...summary, trace });
        },
        options.signal,
        { trace: onTrace !== undefined },
      );
    }
  } finally {
    try {
      await stored?.store.commit();
    } finally {
      if (options.runner === undefined) await runner.close();
    }
  }
  const work = {
    simulatedCalls: aggregator.simulatedCalls - reusedCalls,
    events: aggregator.events - reusedEvents,
    wallSeconds: (performance.now() - started) / 1000,
    reusedReplications,
  };
  const outcome: PrecisionOutcome | undefined =
    targets.length === 0
      ? undefined
      : {
          reached: precise(),
          maxReplications: maximum,
          targets: judged().map(({ kpi, halfWidth, relative, achieved, met }) => ({
            kpi,
            halfWidth,
            relative,
            achieved,
            met,
          })),
        };
  return buildRunResult(model, aggregator, { seed, confidenceLevel: level, work, precision: outcome });
}
