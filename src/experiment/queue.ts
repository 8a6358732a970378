/**
 * What the distributed runner and its workers agree on: the BullMQ queue,
 * a job's data (a batch of consecutive replications of one scenario) and
 * result (their summaries), job ids, and the Redis connection.
 *
 * A job is plain JSON. The scenario travels as the validated plain data a
 * worker compiles again (`loadedOf`), so a worker needs no files. Records
 * travel as base64 of their little-endian IEEE-754 bytes: every double
 * arrives exactly as it left, whatever the machine.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { endianness } from 'node:os';
import type { Redis } from 'ioredis';
import type { ReplicationSummary } from '../model/engine/replication.js';
import type { LoadedScenario } from '../model/scenario/index.js';

/** The queue's name unless told otherwise (several experiments may share it: job ids keep them apart). */
export const DEFAULT_QUEUE = 'ccsim';

/** BullMQ job name of a batch of replications. */
export const BATCH_JOB = 'replications';

const PACKAGE_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Jobs are run only by a worker of the same protocol: the job format and the
 * ccsim version (whose engine must give the same numbers as the main process's).
 */
export const PROTOCOL = `1/${PACKAGE_VERSION}`;

export interface BatchJobData {
  readonly protocol: string;
  readonly loaded: LoadedScenario;
  readonly seed: number;
  /** Consecutive replication indices. */
  readonly replications: readonly number[];
}

export interface EncodedSummary {
  readonly replication: number;
  readonly simulatedCalls: number;
  readonly events: number;
  /** Base64 of the records' little-endian bytes. */
  readonly records: string;
}

export interface BatchJobResult {
  readonly summaries: readonly EncodedSummary[];
  /** Who ran it (host:pid), for the record. */
  readonly worker: string;
  /** Wall seconds the batch took on the worker. */
  readonly seconds: number;
}

/**
 * What identifies a scenario for jobs: the source text's hash (which covers
 * a sweep point's overrides) and the validated scenario itself (which covers
 * files it read, such as CSV forecasts).
 */
export function scenarioKey(loaded: LoadedScenario): string {
  return createHash('sha256')
    .update(loaded.hash)
    .update('\u0000')
    .update(JSON.stringify(loaded.scenario))
    .digest('hex');
}

/**
 * A batch's job id: the same batch of the same experiment always gets the
 * same id, so that enqueueing it again finds the job already there.
 * (BullMQ refuses ids with `:` and ids that are integers.)
 */
export function batchJobId(key: string, seed: number, replications: readonly number[]): string {
  const first = replications[0];
  const last = replications[replications.length - 1];
  return `ccsim-${PROTOCOL.replace('/', '-')}-${key}-s${seed}-r${first}-${last}`;
}

const LITTLE_ENDIAN = endianness() === 'LE';

export function encodeSummary(summary: ReplicationSummary): EncodedSummary {
  const { records } = summary;
  let bytes: Buffer;
  if (LITTLE_ENDIAN) {
    bytes = Buffer.from(records.buffer, records.byteOffset, records.byteLength);
  } else {
    bytes = Buffer.alloc(records.byteLength);
    for (let i = 0; i < records.length; i++) bytes.writeDoubleLE(records[i], i * 8);
  }
  return {
    replication: summary.replication,
    simulatedCalls: summary.simulatedCalls,
    events: summary.events,
    records: bytes.toString('base64'),
  };
}

export function decodeSummary(encoded: EncodedSummary): ReplicationSummary {
  const bytes = Buffer.from(encoded.records, 'base64');
  if (bytes.byteLength % 8 !== 0) throw new Error('a replication summary arrived damaged');
  const records = new Float64Array(bytes.byteLength / 8);
  if (LITTLE_ENDIAN) new Uint8Array(records.buffer).set(bytes);
  else for (let i = 0; i < records.length; i++) records[i] = bytes.readDoubleLE(i * 8);
  return {
    replication: encoded.replication,
    simulatedCalls: encoded.simulatedCalls,
    events: encoded.events,
    records,
  };
}

/** Redis cannot be reached, or the URL is not a Redis URL. */
export class RedisUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUnavailableError';
  }
}

/** Checks `url` (redis://[user:password@]host[:port][/db] or rediss://…) and returns it. */
export function redisUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`--redis: expected a URL such as redis://host:6379, got "${url}"`);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RangeError(`--redis: expected a redis:// or rediss:// URL, got "${url}"`);
  }
  return url;
}

/** The URL without its password, for messages. */
export function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

/**
 * A connection to `url` for BullMQ (`maxRetriesPerRequest: null`: commands
 * wait through reconnections), once Redis has answered a PING within
 * `timeoutMs`; otherwise a RedisUnavailableError.
 */
export async function connectRedis(
  url: string,
  timeoutMs = 5000,
  onError: (error: Error) => void = () => undefined,
): Promise<Redis> {
  redisUrl(url);
  // Loaded here, not at start-up: only commands given --redis pay for ioredis.
  const { Redis } = await import('ioredis');
  // The probe gives up at once; the connection that follows reconnects for ever.
  const probe = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  let cause: Error | undefined; // the socket's error says more than "Connection is closed"
  probe.on('error', (error: Error) => (cause ??= error));
  let timer: NodeJS.Timeout | undefined;
  const answer = probe.connect().then(() => probe.ping());
  answer.catch(() => undefined); // when the timeout wins, its failure comes later and is moot
  try {
    await Promise.race([
      answer,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
  } catch (error) {
    const reason = cause ?? error;
    throw new RedisUnavailableError(
      `cannot reach Redis at ${redactedUrl(url)}: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
  } finally {
    clearTimeout(timer);
    probe.disconnect();
  }
  const connection = new Redis(url, { maxRetriesPerRequest: null });
  // Errors (a lost connection) are retried: commands wait for Redis to come back.
  connection.on('error', onError);
  return connection;
}
