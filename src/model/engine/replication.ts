/**
 * One replication as the layers above see it: a pure function of (compiled
 * scenario, seed, replication index) returning plain data. The engine
 * (call-center-run.ts and the roles it owns) reports to a RunListener; the
 * KPI recorder is that listener, and its tallies are folded into summary
 * records outside the engine (summary-fold.ts). The README's "How the
 * simulation works" states the rules for users; ARCHITECTURE.md shows where
 * each lives.
 */
import type { CompiledScenario } from '../scenario/compile.js';
import { SummaryLayout } from '../summary-layout.js';
import { summarize } from '../summary-fold.js';
import { CallCenterRun } from './call-center-run.js';
import { Recorder, tierViewsOf } from './recorder.js';
import type { RunListener } from './run-listener.js';
import { BothListeners } from './run-listener.js';

export { EVENT_PRIORITY } from './event-order.js';

/** A replication's call-by-call rows (see call-trace.ts): `csv` holds `rows` lines, each ending with LF. */
export interface ReplicationTrace {
  readonly rows: number;
  readonly csv: string;
}

/** Everything a replication returns: plain data, safe to pass between threads. */
export interface ReplicationSummary {
  readonly replication: number;
  /** Records of every view (see SummaryLayout), FIELD_COUNT numbers each. */
  readonly records: Float64Array;
  /** Calls created (attempts), warm-up and drain included. */
  readonly simulatedCalls: number;
  /** Events fired. */
  readonly events: number;
  /** The call-by-call trace, when one was asked for (see call-trace.ts). */
  readonly trace?: ReplicationTrace;
}

export function layoutOf(model: CompiledScenario): SummaryLayout {
  return new SummaryLayout(
    model.clock.intervalCount,
    {
      callType: model.callTypes.length,
      tier: tierViewsOf(model).reduce((n, t) => (t >= 0 ? n + 1 : n), 0),
      agentGroup: model.agentGroups.length,
      entryPoint: model.entryPoints.length,
      site: model.sites.length,
    },
    model.phases.length,
  );
}

/**
 * Runs replication `replication` of `model` with seed `seed` (default: the
 * scenario's); `observer`, when given, hears everything the KPI recorder
 * hears, after it (it changes nothing in the simulation).
 */
export function simulateReplication(
  model: CompiledScenario,
  replication: number,
  seed: number = model.seed,
  observer: RunListener | null = null,
): ReplicationSummary {
  const recorder = new Recorder(model);
  const run = new CallCenterRun(
    model,
    seed,
    replication,
    observer === null ? recorder : new BothListeners(recorder, observer),
  );
  run.run();
  return {
    replication,
    records: summarize(model, recorder.tallies(), layoutOf(model)),
    simulatedCalls: run.simulatedCalls,
    events: run.sim.eventsFired,
  };
}
