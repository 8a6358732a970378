/**
 * Replications on other machines: batches of consecutive replications are
 * enqueued as BullMQ jobs in Redis, `ccsim worker` processes anywhere run
 * them, and the summaries come back here to be handed on strictly in
 * replication order, like ReplicationRunner's. The results are therefore
 * the same as a local run's, and the results database stays in this
 * process (one writer).
 *
 * - A job's id is the batch's identity (scenario, seed, replications): a
 *   batch enqueued again finds its job (waiting, running, or finished and
 *   not yet collected) instead of adding another.
 * - A worker that dies holding a job loses its lock; another worker's
 *   stalled-job check puts the job back in the queue and it runs again,
 *   with the same result (a replication depends only on scenario, seed and
 *   index).
 * - Completion arrives as a queue event; a periodic check of the jobs still
 *   awaited covers events missed (a trimmed event stream, a reconnection)
 *   and jobs that disappeared (enqueued again).
 * - A collected job is removed from Redis; jobs no longer wanted (a
 *   precision target met, an interruption) are removed when waiting, or as
 *   soon as they finish when running.
 */
import type { Queue, QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import type { ReplicationSummary } from '../model/engine/replication.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import type { BatchJobData, BatchJobResult } from './queue.js';
import {
  BATCH_JOB,
  DEFAULT_QUEUE,
  PROTOCOL,
  batchJobId,
  connectRedis,
  decodeSummary,
  redactedUrl,
  scenarioKey,
} from './queue.js';
import { runInOrder } from './ordered-window.js';
import type { Runner } from './replication-runner.js';
import { loadedOf } from './replication-runner.js';

export interface DistributedRunnerOptions {
  /** redis://[user:password@]host[:port][/db] (or rediss://). */
  readonly redis: string;
  /** Queue name (default `ccsim`); workers must listen on the same. */
  readonly queue?: string;
  /** Replications per job (default: an eighth of a run's, between 1 and 16). */
  readonly batchSize?: number;
  /** Jobs enqueued ahead of the one awaited (default 32): bounds the work wasted when a run stops early. */
  readonly window?: number;
  /** Tries of a job that throws on a worker (default 2). A worker's death is not a failed try. */
  readonly attempts?: number;
  /** How often jobs still awaited are checked in Redis, in ms (default 1000). */
  readonly pollMs?: number;
  /** How long to wait for Redis to answer at first, in ms (default 5000). */
  readonly connectTimeoutMs?: number;
  /** Connection problems (Redis restarting …), retried meanwhile. */
  readonly onError?: (error: Error) => void;
}

/** A job failed on a worker after its tries, or came back unusable. */
export class DistributedJobError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DistributedJobError';
  }
}

/** Events at most kept in the queue's event stream: completed events carry results (~50 kB per replication). */
const EVENTS_KEPT = 200;
/** Finished jobs left uncollected (their runner gone) are removed after an hour, or beyond 200. */
const KEEP_COMPLETED = { age: 3600, count: 200 };
const KEEP_FAILED = { age: 24 * 3600 };

interface Waiter {
  readonly id: string;
  readonly data: BatchJobData;
  readonly promise: Promise<ReplicationSummary[]>;
  readonly resolve: (summaries: ReplicationSummary[]) => void;
  readonly reject: (error: Error) => void;
  /** Collected, failed or given up. */
  settled: boolean;
  /** Known to be in Redis (not being enqueued). */
  enqueued: boolean;
}

export function defaultBatchSize(count: number): number {
  return Math.max(1, Math.min(16, Math.ceil(count / 8)));
}

export class DistributedRunner implements Runner {
  private readonly waiters = new Map<string, Waiter>();
  /** Jobs given up while running: removed when they finish. */
  private readonly abandoned = new Set<string>();
  private readonly keys = new WeakMap<CompiledScenario, string>();
  private readonly chores = new Set<Promise<unknown>>();
  private readonly poller: NodeJS.Timeout;
  private polling = false;
  private closing = false;
  private closed: Promise<void> | undefined;

  private constructor(
    private readonly options: DistributedRunnerOptions,
    private readonly connection: Redis,
    private readonly queue: Queue,
    private readonly events: QueueEvents,
  ) {
    events.on('completed', ({ jobId, returnvalue }) => this.completed(jobId, returnvalue as unknown));
    events.on('failed', ({ jobId, failedReason }) => this.failed(jobId, failedReason));
    const onError = options.onError ?? (() => undefined);
    events.on('error', onError);
    queue.on('error', onError);
    this.poller = setInterval(() => this.chore(this.poll()), options.pollMs ?? 1000);
    this.poller.unref();
  }

  /** Connects to Redis (a RedisUnavailableError when it does not answer). */
  static async connect(options: DistributedRunnerOptions): Promise<DistributedRunner> {
    for (const [name, value, min] of [
      ['batchSize', options.batchSize, 1],
      ['window', options.window, 1],
      ['attempts', options.attempts, 1],
      ['pollMs', options.pollMs, 1],
    ] as const) {
      if (value !== undefined && !(Number.isInteger(value) && value >= min))
        throw new RangeError(`${name} must be a whole number ≥ ${min}, got ${value}`);
    }
    const connection = await connectRedis(options.redis, options.connectTimeoutMs, options.onError);
    const name = options.queue ?? DEFAULT_QUEUE;
    // Loaded here, not at start-up: only runs given --redis pay for BullMQ.
    const { Queue, QueueEvents } = await import('bullmq');
    const queue = new Queue<BatchJobData, BatchJobResult>(name, {
      connection,
      streams: { events: { maxLen: EVENTS_KEPT } },
      defaultJobOptions: {
        attempts: options.attempts ?? 2,
        backoff: { type: 'fixed', delay: 1000 },
        removeOnComplete: KEEP_COMPLETED,
        removeOnFail: KEEP_FAILED,
      },
    });
    try {
      await queue.waitUntilReady();
      // Listen from the stream's current end: no event of ours can come before it.
      const last = await connection.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1);
      const events = new QueueEvents(name, {
        connection, // duplicated by BullMQ: reading events blocks its connection
        lastEventId: last.length > 0 ? last[0][0] : '0-0',
        blockingTimeout: 5000,
      });
      await events.waitUntilReady();
      return new DistributedRunner(options, connection, queue, events);
    } catch (error) {
      await queue.close().catch(() => undefined);
      connection.disconnect();
      throw error;
    }
  }

  /** Where the jobs go, for messages. */
  get target(): string {
    return `${redactedUrl(this.options.redis)} (queue ${this.queue.name})`;
  }

  /** Jobs in the queue now, of any run: waiting, running, or finished and not collected. */
  async jobsInQueue(): Promise<number> {
    const counts = await this.queue.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed');
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  /** Workers connected to the queue now (processes, not threads). */
  async workers(): Promise<number> {
    return this.queue.getWorkersCount();
  }

  async run(
    model: CompiledScenario,
    seed: number,
    replications: readonly number[],
    accept: (summary: ReplicationSummary) => boolean,
    signal?: AbortSignal,
  ): Promise<void> {
    if (this.closed !== undefined) throw new Error('the distributed runner is closed');
    signal?.throwIfAborted();
    const loaded = loadedOf(model);
    let key = this.keys.get(model);
    if (key === undefined) this.keys.set(model, (key = scenarioKey(loaded)));
    const size = this.options.batchSize ?? defaultBatchSize(replications.length);
    const window = this.options.window ?? 32;
    const batches: number[][] = [];
    for (let i = 0; i < replications.length; i += size) batches.push(replications.slice(i, i + size));
    const waiters: Waiter[] = [];
    // Stopped early, interrupted or failed: the jobs still out are not wanted.
    await runInOrder<ReplicationSummary>({
      batches: batches.length,
      window,
      start: (b) => {
        const data: BatchJobData = { protocol: PROTOCOL, loaded, seed, replications: batches[b] };
        waiters[b] = this.submit(batchJobId(key, seed, batches[b]), data);
        return waiters[b].promise;
      },
      accept,
      signal,
      abandon: (b) => this.abandon(waiters[b]),
    });
  }

  /** Registers a waiter for the job `id`, then enqueues the job (unless it is already there). */
  private submit(id: string, data: BatchJobData): Waiter {
    let resolve!: (summaries: ReplicationSummary[]) => void;
    let reject!: (error: Error) => void;
    const promise = new Promise<ReplicationSummary[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Rejections are seen when the batch's turn comes; until then they must not count as unhandled.
    promise.catch(() => undefined);
    const waiter: Waiter = { id, data, promise, resolve, reject, settled: false, enqueued: false };
    this.waiters.get(id)?.reject(new Error(`internal: batch ${id} awaited twice`));
    this.waiters.set(id, waiter);
    this.abandoned.delete(id);
    this.chore(this.enqueue(waiter));
    return waiter;
  }

  private async enqueue(waiter: Waiter): Promise<void> {
    try {
      const state = await this.queue.getJobState(waiter.id);
      if (state === 'completed') {
        // Finished for an earlier run and not collected: use it.
        const job = await this.queue.getJob(waiter.id);
        if (job?.returnvalue != null) {
          this.settle(waiter, job.returnvalue);
          return;
        }
      } else if (state === 'failed') {
        // Failed for an earlier run: try again.
        const job = await this.queue.getJob(waiter.id);
        if (job !== undefined) {
          await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
          waiter.enqueued = true;
          return;
        }
      } else if (state !== 'unknown') {
        waiter.enqueued = true; // waiting or running already
        return;
      }
      if (waiter.settled) return;
      await this.queue.add(BATCH_JOB, waiter.data, { jobId: waiter.id });
      waiter.enqueued = true;
    } catch (error) {
      this.fail(waiter, `cannot enqueue it: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private completed(id: string, value: unknown): void {
    const waiter = this.waiters.get(id);
    if (waiter !== undefined) this.settle(waiter, value);
    else if (this.abandoned.delete(id)) this.discard(id);
  }

  private failed(id: string, reason: string): void {
    const waiter = this.waiters.get(id);
    if (waiter !== undefined) this.fail(waiter, reason);
    else if (this.abandoned.delete(id)) this.discard(id);
  }

  /** Hands a finished job's summaries to its waiter, and removes the job from Redis. */
  private settle(waiter: Waiter, value: unknown): void {
    if (waiter.settled) return;
    const result = value as BatchJobResult | null;
    const wanted = waiter.data.replications;
    const summaries = Array.isArray(result?.summaries) ? result.summaries : [];
    if (summaries.length !== wanted.length || summaries.some((s, k) => s.replication !== wanted[k])) {
      this.fail(waiter, 'the worker returned other replications than those asked for');
      return;
    }
    let decoded: ReplicationSummary[];
    try {
      decoded = summaries.map(decodeSummary);
    } catch (error) {
      this.fail(waiter, error instanceof Error ? error.message : String(error));
      return;
    }
    waiter.settled = true;
    this.waiters.delete(waiter.id);
    this.discard(waiter.id);
    waiter.resolve(decoded);
  }

  private fail(waiter: Waiter, reason: string): void {
    if (waiter.settled) return;
    waiter.settled = true;
    this.waiters.delete(waiter.id);
    const { replications, loaded } = waiter.data;
    const which =
      replications.length === 1
        ? `replication ${replications[0]}`
        : `replications ${replications[0]}–${replications[replications.length - 1]}`;
    waiter.reject(new DistributedJobError(`${which} of "${loaded.scenario.name}" failed: ${reason}`));
  }

  /** Gives up a job: removed now when still waiting, else when it finishes. */
  private abandon(waiter: Waiter): void {
    if (waiter.settled) return;
    waiter.settled = true;
    this.waiters.delete(waiter.id);
    this.abandoned.add(waiter.id);
    this.chore(
      this.queue.remove(waiter.id).then((removed) => {
        if (removed === 1) this.abandoned.delete(waiter.id);
      }),
    );
  }

  private discard(id: string): void {
    this.chore(this.queue.remove(id));
  }

  /** The safety net: asks Redis about every job still awaited. */
  private async poll(): Promise<void> {
    if (this.polling || this.closing) return;
    this.polling = true;
    try {
      for (const waiter of [...this.waiters.values()]) {
        if (waiter.settled || !waiter.enqueued) continue;
        const state = await this.queue.getJobState(waiter.id);
        if (state === 'completed' || state === 'failed') {
          const job = await this.queue.getJob(waiter.id);
          if (job === undefined) continue; // removed meanwhile: seen as unknown next time
          if (state === 'completed') this.settle(waiter, job.returnvalue);
          else this.fail(waiter, job.failedReason);
        } else if (state === 'unknown' && !waiter.settled) {
          // Gone (removed by another runner that collected it, or Redis lost it): enqueue it again.
          waiter.enqueued = false;
          this.chore(this.enqueue(waiter));
        }
      }
    } finally {
      this.polling = false;
    }
  }

  /** Background work whose errors (Redis going away) must not escape. */
  private chore(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => {
      if (!this.closing) this.options.onError?.(error instanceof Error ? error : new Error(String(error)));
    });
    this.chores.add(tracked);
    void tracked.finally(() => this.chores.delete(tracked));
  }

  /** Gives up the jobs still awaited and disconnects (within seconds, even when Redis is away). */
  close(): Promise<void> {
    return (this.closed ??= this.shutdown());
  }

  private async shutdown(): Promise<void> {
    clearInterval(this.poller);
    for (const waiter of [...this.waiters.values()]) this.abandon(waiter);
    await within(Promise.allSettled([...this.chores]), 2000);
    this.closing = true;
    await within(this.events.close(), 2000);
    await within(this.queue.close(), 2000);
    await within(this.connection.quit(), 2000);
    this.connection.disconnect();
  }
}

/** Waits for `promise` (its failure ignored) at most `ms`. */
async function within(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    promise.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
}
