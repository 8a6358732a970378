/**
 * A worker thread's job: compile the scenario (once per worker and
 * scenario) and run a batch of replications. Inputs and outputs are plain
 * data (a summary's records are a few tens of kilobytes: copying them
 * costs microseconds against the milliseconds a replication takes).
 */
import { simulateReplication } from '../model/engine/replication.js';
import type { ReplicationSummary } from '../model/engine/replication.js';
import type { CompiledScenario, LoadedScenario } from '../model/scenario/index.js';
import { compileScenario } from '../model/scenario/index.js';

export interface BatchTask {
  readonly loaded: LoadedScenario;
  readonly seed: number;
  readonly replications: readonly number[];
}

let cachedHash: string | undefined;
let cachedModel: CompiledScenario | undefined;

function modelFor(loaded: LoadedScenario): CompiledScenario {
  // Grid points of a sweep differ in their scenario, not only their source text: key on both.
  const key = `${loaded.hash}/${JSON.stringify(loaded.scenario)}`;
  if (cachedModel === undefined || cachedHash !== key) {
    cachedModel = compileScenario(loaded);
    cachedHash = key;
  }
  return cachedModel;
}

export default function runBatch(task: BatchTask): ReplicationSummary[] {
  const model = modelFor(task.loaded);
  return task.replications.map((r) => simulateReplication(model, r, task.seed));
}
