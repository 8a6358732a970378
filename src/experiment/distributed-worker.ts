/**
 * The other end of DistributedRunner: a BullMQ worker that takes batches of
 * replications from the queue and runs each on a worker thread (the same
 * batch task as the local thread pool, which compiles a scenario once per
 * thread). This thread only talks to Redis, so the job locks are renewed on
 * time however long a replication takes; a process that dies loses its
 * locks, and its jobs run again elsewhere.
 */
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { Job, Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Piscina } from 'piscina';
import type { BatchJobData, BatchJobResult } from './queue.js';
import { DEFAULT_QUEUE, PROTOCOL, connectRedis, encodeSummary, redactedUrl } from './queue.js';
import type { BatchResult, BatchTask } from './batch.js';
import { formatProblem } from '../model/scenario/index.js';
import { workerExecArgv } from './tsx-loader.js';

export interface DistributedWorkerOptions {
  /** redis://[user:password@]host[:port][/db] (or rediss://). */
  readonly redis: string;
  /** Queue name (default `ccsim`). */
  readonly queue?: string;
  /** Jobs run at once, each on its own thread (default 1). */
  readonly concurrency?: number;
  /** How long a job's lock lasts without renewal, in ms (default 30 000): a dead worker's job waits this long. */
  readonly lockDuration?: number;
  /** How often this worker looks for jobs whose worker died, in ms (default 30 000). */
  readonly stalledInterval?: number;
  /** Times a job may lose its worker before it is failed (default 3). */
  readonly maxStalledCount?: number;
  /** How long to wait for Redis to answer at first, in ms (default 5000). */
  readonly connectTimeoutMs?: number;
  /** Each job started, completed or failed. */
  readonly onJob?: (event: WorkerJobEvent) => void;
  /** Connection problems (Redis restarting …), retried meanwhile. */
  readonly onError?: (error: Error) => void;
}

export interface WorkerJobEvent {
  readonly kind: 'started' | 'completed' | 'failed';
  readonly id: string;
  readonly scenario: string;
  readonly replications: readonly number[];
  /** Wall seconds (completed). */
  readonly seconds?: number;
  /** Why (failed). */
  readonly reason?: string;
}

export interface WorkerStats {
  jobs: number;
  replications: number;
  failed: number;
}

export class DistributedWorker {
  readonly stats: WorkerStats = { jobs: 0, replications: 0, failed: 0 };
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly options: DistributedWorkerOptions,
    private readonly connection: Redis,
    private readonly worker: Worker<BatchJobData, BatchJobResult>,
    private readonly pool: Piscina,
    readonly concurrency: number,
  ) {}

  /** Connects to Redis (a RedisUnavailableError when it does not answer) and starts taking jobs. */
  static async start(options: DistributedWorkerOptions): Promise<DistributedWorker> {
    const concurrency = options.concurrency ?? 1;
    for (const [name, value, min] of [
      ['concurrency', concurrency, 1],
      ['lockDuration', options.lockDuration, 1],
      ['stalledInterval', options.stalledInterval, 1],
      ['maxStalledCount', options.maxStalledCount, 0],
    ] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= min))
        throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
    }
    const onError = options.onError ?? (() => undefined);
    const connection = await connectRedis(options.redis, options.connectTimeoutMs, onError);
    // Loaded here, not at start-up: only `ccsim worker` pays for BullMQ.
    const { Worker } = await import('bullmq');
    const pool = await batchPool(concurrency);
    const self: { worker?: DistributedWorker } = {};
    const worker = new Worker<BatchJobData, BatchJobResult>(
      options.queue ?? DEFAULT_QUEUE,
      (job) => (self.worker as DistributedWorker).process(job),
      {
        connection,
        concurrency,
        lockDuration: options.lockDuration ?? 30_000,
        stalledInterval: options.stalledInterval ?? 30_000,
        maxStalledCount: options.maxStalledCount ?? 3,
        autorun: false,
      },
    );
    worker.on('error', onError);
    self.worker = new DistributedWorker(options, connection, worker, pool, concurrency);
    worker.on('failed', (job, error) => {
      if (job === undefined) return;
      self.worker!.stats.failed++;
      options.onJob?.({ ...describe(job), kind: 'failed', reason: error.message });
    });
    void worker.run().catch(onError);
    await worker.waitUntilReady();
    return self.worker;
  }

  /** Where the jobs come from, for messages. */
  get source(): string {
    return `${redactedUrl(this.options.redis)} (queue ${this.worker.name})`;
  }

  private async process(job: Job<BatchJobData, BatchJobResult>): Promise<BatchJobResult> {
    const data = job.data;
    if (data.protocol !== PROTOCOL) {
      // Another ccsim version might give other numbers: never mix them into one experiment.
      const { UnrecoverableError } = await import('bullmq');
      throw new UnrecoverableError(
        `the job was enqueued by ccsim protocol ${data.protocol}, this worker speaks ${PROTOCOL}: run the same ccsim version everywhere`,
      );
    }
    this.options.onJob?.({ ...describe(job), kind: 'started' });
    const started = performance.now();
    const task: BatchTask = { loaded: data.loaded, seed: data.seed, replications: data.replications };
    const result = (await this.pool.run(task)) as BatchResult;
    if (!Array.isArray(result)) {
      // A scenario problem met while running fails the same way on every try: do not retry it.
      const { UnrecoverableError } = await import('bullmq');
      throw new UnrecoverableError(result.scenarioProblems.map(formatProblem).join('; '));
    }
    const summaries = result;
    const seconds = (performance.now() - started) / 1000;
    this.stats.jobs++;
    this.stats.replications += summaries.length;
    this.options.onJob?.({ ...describe(job), kind: 'completed', seconds });
    return { summaries: summaries.map(encodeSummary), worker: `${hostname()}:${process.pid}`, seconds };
  }

  /**
   * Stops taking jobs. Gracefully (the default) it first finishes the jobs in
   * hand; with `force` it drops them, and they run again elsewhere once their
   * locks expire. (A graceful close already under way cannot be forced: end
   * the process instead.)
   */
  close(force = false): Promise<void> {
    this.closing ??= (async () => {
      await this.worker.close(force);
      // Forced, the dropped jobs must not be reported as failed: cut Redis off before their threads.
      if (force) this.connection.disconnect();
      await this.pool.destroy();
      if (!force) await this.connection.quit().catch(() => this.connection.disconnect());
    })();
    return this.closing;
  }
}

function describe(job: Job<BatchJobData, BatchJobResult>) {
  return {
    id: job.id ?? '?',
    scenario: job.data.loaded?.scenario?.name ?? '?',
    replications: job.data.replications ?? [],
  };
}

/** The thread pool that runs batches (see worker.ts); TypeScript threads need tsx's loader. */
async function batchPool(threads: number): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  const fromSource = import.meta.url.endsWith('.ts');
  return new Piscina({
    filename: new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
    execArgv: workerExecArgv(fromSource),
  });
}
