/**
 * Running a scenario: replications in order, folded into KPI estimates.
 */
import { performance } from 'node:perf_hooks';
import { layoutOf, simulateReplication } from '../model/engine/replication.js';
import type { CompiledScenario } from '../model/scenario/compile.js';
import { Aggregator } from './aggregate.js';
import type { RunResult } from './run-result.js';
import { buildRunResult } from './run-result.js';

export interface SimulateOptions {
  /** Replications to run (default: the scenario's `replications`). */
  readonly replications?: number;
  /** Seed (default: the scenario's `seed`). */
  readonly seed?: number;
  /** Confidence level of the intervals, in (0, 1) (default 0.95). */
  readonly confidenceLevel?: number;
  /** Stops between replications; the promise then rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each replication. */
  readonly onProgress?: (event: ProgressEvent) => void;
}

export interface ProgressEvent {
  readonly replicationsDone: number;
  readonly replicationsTotal: number;
  readonly simulatedCalls: number;
}

/** Runs every replication of `model` and returns the KPI estimates. */
export async function simulate(model: CompiledScenario, options: SimulateOptions = {}): Promise<RunResult> {
  const replications = options.replications ?? model.replications;
  const seed = options.seed ?? model.seed;
  const level = options.confidenceLevel ?? 0.95;
  if (!Number.isInteger(replications) || replications < 1) {
    throw new RangeError(`replications must be a whole number ≥ 1, got ${replications}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  const aggregator = new Aggregator(layoutOf(model));
  const started = performance.now();
  for (let r = 0; r < replications; r++) {
    options.signal?.throwIfAborted();
    aggregator.add(simulateReplication(model, r, seed));
    options.onProgress?.({
      replicationsDone: r + 1,
      replicationsTotal: replications,
      simulatedCalls: aggregator.simulatedCalls,
    });
    // Let timers, signals and I/O run between replications.
    if (r + 1 < replications) await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const wallSeconds = (performance.now() - started) / 1000;
  return buildRunResult(model, aggregator, { seed, confidenceLevel: level, wallSeconds });
}
