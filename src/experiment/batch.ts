/**
 * A batch of replications, as a worker thread runs it (worker.ts): compile
 * the scenario (once per worker and scenario) and run the replications. Inputs and outputs are plain
 * data (a summary's records are a few tens of kilobytes: copying them
 * costs microseconds against the milliseconds a replication takes).
 */
import { simulateReplication } from '../model/engine/replication.js';
import type { ReplicationSummary } from '../model/engine/replication.js';
import { simulateTracedReplication } from '../model/call-trace.js';
import type { CompiledScenario, LoadedScenario, ScenarioProblem } from '../model/scenario/index.js';
import { compileScenario, ScenarioError } from '../model/scenario/index.js';

export interface BatchTask {
  readonly loaded: LoadedScenario;
  readonly seed: number;
  readonly replications: readonly number[];
  /** Return each replication's call-by-call trace with its summary. */
  readonly trace?: boolean;
}

/**
 * The scenario last compiled and its key: a worker runs batch after batch
 * of one scenario (or of one sweep point), so compiling once per scenario
 * is enough. Grid points of a sweep differ in their scenario, not only
 * their source text: the key holds both.
 */
class LastCompiled {
  private key: string | undefined;
  private model: CompiledScenario | undefined;

  modelFor(loaded: LoadedScenario): CompiledScenario {
    const key = `${loaded.hash}/${JSON.stringify(loaded.scenario)}`;
    if (this.model === undefined || this.key !== key) {
      this.model = compileScenario(loaded);
      this.key = key;
    }
    return this.model;
  }
}

/**
 * A scenario problem found while running (calls present at once beyond the
 * limit, a zero-time cycle): returned as data, because an error crossing a
 * thread loses its class and its problems, and the caller must still report
 * it as bad input (exit 2), whatever the number of threads.
 */
export interface BatchProblems {
  readonly scenarioProblems: readonly ScenarioProblem[];
}

export type BatchResult = ReplicationSummary[] | BatchProblems;

/** A batch runner with its own compile cache: each worker thread's entry (worker.ts) owns one, for the thread's life. */
export function batchRunner(): (task: BatchTask) => BatchResult {
  const compiled = new LastCompiled();
  return (task) => {
    try {
      const model = compiled.modelFor(task.loaded);
      const simulateOne = task.trace === true ? simulateTracedReplication : simulateReplication;
      return task.replications.map((r) => simulateOne(model, r, task.seed));
    } catch (error) {
      if (error instanceof ScenarioError) return { scenarioProblems: error.problems };
      throw error;
    }
  };
}

/** The summaries of a batch, or the scenario problems it met thrown again as a ScenarioError. */
export function summariesOf(result: BatchResult): ReplicationSummary[] {
  if (Array.isArray(result)) return result;
  throw new ScenarioError(result.scenarioProblems);
}
