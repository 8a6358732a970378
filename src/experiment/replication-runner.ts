/**
 * Runs replications, in process or on a pool of worker threads, and hands
 * their summaries back strictly in replication order, whatever order they
 * finish in. That order is what makes results independent of the number of
 * threads.
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Piscina } from 'piscina';
import { simulateReplication } from '../model/engine/replication.js';
import { simulateTracedReplication } from '../model/call-trace.js';
import type { ReplicationSummary } from '../model/engine/replication.js';
import type { CompiledScenario, LoadedScenario } from '../model/scenario/index.js';
import type { BatchResult, BatchTask } from './batch.js';
import { summariesOf } from './batch.js';
import { runInOrder } from './ordered-window.js';
import { workerExecArgv } from './tsx-loader.js';

export interface RunnerOptions {
  /**
   * Worker threads; 1 runs in this thread. 'auto' (the default) runs the
   * first replication here, and moves the rest to one thread per core only
   * when they would take long enough to repay starting the workers.
   */
  readonly threads?: number | 'auto';
}

/** Below this estimated remaining time, starting worker threads costs more than it saves. */
const AUTO_PARALLEL_SECONDS = 1.5;

/** The plain-data scenario a worker can compile again. */
export function loadedOf(model: CompiledScenario): LoadedScenario {
  return {
    scenario: model.scenario,
    file: model.source.file,
    text: model.source.text,
    hash: model.source.hash,
  };
}

export function defaultThreads(): number {
  return availableParallelism();
}

/** Replications per task: small enough to balance the load, large enough to amortise messaging. */
function batchSize(count: number, threads: number): number {
  return Math.max(1, Math.min(16, Math.ceil(count / (threads * 4))));
}

/** What a run asks of the replications beyond their summaries. */
export interface RunRequest {
  /**
   * Each summary with its call-by-call trace. A runner that cannot bring
   * traces back (DistributedRunner) ignores it: simulate() then simulates
   * the replication again here for its trace.
   */
  readonly trace?: boolean;
}

/**
 * What simulate() and sweep() need from whatever runs replications: in this
 * process, on worker threads (ReplicationRunner) or on other machines
 * (DistributedRunner).
 */
export interface Runner {
  /**
   * Runs `replications` (indices, increasing) of `model` and calls `accept`
   * with each summary in index order. `accept` returns false to stop early
   * (sequential precision): replications already started are discarded.
   * When `signal` aborts, rejects with its reason.
   */
  run(
    model: CompiledScenario,
    seed: number,
    replications: readonly number[],
    accept: (summary: ReplicationSummary) => boolean,
    signal?: AbortSignal,
    request?: RunRequest,
  ): Promise<void>;
  /** Releases threads and connections; the runner is not used again. */
  close(): Promise<void>;
}

/** Runs replications in this thread or on a pool of worker threads (see {@link Runner}). */
export class ReplicationRunner implements Runner {
  private pool: Piscina | undefined;
  private readonly auto: boolean;
  readonly threads: number;

  constructor(options: RunnerOptions = {}) {
    const requested = options.threads ?? 'auto';
    this.auto = requested === 'auto';
    const threads = requested === 'auto' ? defaultThreads() : requested;
    if (!Number.isInteger(threads) || threads < 1)
      throw new RangeError(`threads must be a whole number ≥ 1, got ${threads}`);
    this.threads = threads;
  }

  async run(
    model: CompiledScenario,
    seed: number,
    replications: readonly number[],
    accept: (summary: ReplicationSummary) => boolean,
    signal?: AbortSignal,
    request: RunRequest = {},
  ): Promise<void> {
    const trace = request.trace === true;
    const simulateOne = trace ? simulateTracedReplication : simulateReplication;
    let rest = replications;
    if (this.auto && this.threads > 1 && replications.length > 2) {
      // Run two replications here and time the second (the first pays for the JIT's
      // warm-up) to decide whether workers are worth starting for the rest.
      if (!accept(simulateOne(model, replications[0], seed))) return;
      const started = performance.now();
      if (!accept(simulateOne(model, replications[1], seed))) return;
      const seconds = (performance.now() - started) / 1000;
      rest = replications.slice(2);
      if (seconds * rest.length < AUTO_PARALLEL_SECONDS) {
        return this.runHere(simulateOne, model, seed, rest, accept, signal);
      }
    }
    if (this.threads === 1) return this.runHere(simulateOne, model, seed, rest, accept, signal);
    return this.runOnPool(model, seed, rest, accept, signal, trace);
  }

  private async runHere(
    simulateOne: typeof simulateReplication,
    model: CompiledScenario,
    seed: number,
    replications: readonly number[],
    accept: (summary: ReplicationSummary) => boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    for (const r of replications) {
      signal?.throwIfAborted();
      if (!accept(simulateOne(model, r, seed))) return;
      // Let timers, signals and I/O run between replications.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  private async runOnPool(
    model: CompiledScenario,
    seed: number,
    replications: readonly number[],
    accept: (summary: ReplicationSummary) => boolean,
    signal: AbortSignal | undefined,
    trace: boolean,
  ): Promise<void> {
    const pool = await this.poolFor();
    const loaded = loadedOf(model);
    // A traced replication brings its rows back: one per task keeps few of them in memory at once.
    const size = trace ? 1 : batchSize(replications.length, this.threads);
    const batches: number[][] = [];
    for (let i = 0; i < replications.length; i += size) batches.push(replications.slice(i, i + size));
    // On abort the awaited batch is abandoned and close() ends the workers; a batch no
    // longer wanted (stopped early) finishes quietly, its results unused.
    await runInOrder<ReplicationSummary>({
      batches: batches.length,
      window: this.threads * 2,
      start: async (b) => {
        const task: BatchTask = { loaded, seed, replications: batches[b], trace };
        return summariesOf((await pool.run(task)) as BatchResult);
      },
      accept,
      signal,
    });
  }

  private async poolFor(): Promise<Piscina> {
    // Loaded here, not at start-up: a run on this thread never pays for piscina.
    const { Piscina } = await import('piscina');
    if (this.pool === undefined) {
      // From source (tsx, vitest) the worker is TypeScript and needs tsx's loader; built, it is plain JS.
      const fromSource = import.meta.url.endsWith('.ts');
      const filename = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href;
      this.pool = new Piscina({
        filename,
        minThreads: this.threads,
        maxThreads: this.threads,
        execArgv: workerExecArgv(fromSource),
      });
    }
    return this.pool;
  }

  async close(): Promise<void> {
    await this.pool?.destroy();
    this.pool = undefined;
  }
}
