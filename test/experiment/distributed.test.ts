/**
 * Distributed workers: a real redis-server on a free loopback port, two
 * `ccsim worker` processes, and sweeps enqueued through Redis that give
 * byte-identical results to a local run, also when a worker is killed
 * holding a job (the job runs again on the other worker).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DistributedRunner } from '../../src/experiment/distributed-runner.js';
import { DistributedWorker } from '../../src/experiment/distributed-worker.js';
import { parsePrecision } from '../../src/experiment/precision.js';
import {
  batchJobId,
  connectRedis,
  decodeSummary,
  encodeSummary,
  RedisUnavailableError,
} from '../../src/experiment/queue.js';
import { queryResults } from '../../src/experiment/results-query.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { simulate } from '../../src/experiment/simulate.js';
import type { SweepParameter } from '../../src/experiment/sweep.js';
import { sweep } from '../../src/experiment/sweep.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { cli } from '../support/cli.js';

/** Small: a replication takes a few milliseconds. */
const SMALL = `name: distributed small
seed: 5
replications: 4
warmup: 10m
horizon: 2h
interval: 30m
callTypes:
  - name: sales
    arrivals: { ratePerHour: 300 }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 120s }
agentGroups:
  - { name: team, agents: 22, skills: [sales] }
`;

/** Larger: a batch of a few replications takes a good part of a second, long enough to kill a worker in it. */
const LARGE = SMALL.replace('ratePerHour: 300', 'ratePerHour: 6000')
  .replace('agents: 22', 'agents: 410')
  .replace('horizon: 2h', 'horizon: 4h');

/** Performance figures (wall time, calls per second) are the only fields allowed to differ. */
const strip = (value: unknown) =>
  JSON.stringify(value, (key, v: unknown) => (key === 'wallSeconds' || key === 'callsPerSecond' ? 0 : v));

const tempDir = () => mkdtempSync(join(tmpdir(), 'ccsim-distributed-'));

function scenarioFile(text: string): string {
  const file = join(tempDir(), 'center.yaml');
  writeFileSync(file, text);
  return file;
}

/** Every replication of a results database, records as a hash: equal databases hold the same numbers. */
async function replicationsOf(database: string): Promise<unknown[]> {
  const { rows } = await queryResults(
    database,
    'SELECT point, replication, simulated_calls, events, md5(hex(records)) AS records FROM replications ORDER BY point, replication',
  );
  return rows;
}

describe('job payloads', () => {
  it('carries every double exactly, NaN, -0 and subnormals included', () => {
    const records = new Float64Array([0.1, -0, Number.NaN, 5e-324, 1.7976931348623157e308, -1 / 3, 42]);
    const back = decodeSummary(encodeSummary({ replication: 3, simulatedCalls: 10, events: 20, records }));
    expect(back.replication).toBe(3);
    expect(back.simulatedCalls).toBe(10);
    expect(back.events).toBe(20);
    expect(new Uint8Array(back.records.buffer)).toEqual(new Uint8Array(records.buffer));
  });

  it('names a batch by scenario, seed and replications, in a form BullMQ accepts', () => {
    const id = batchJobId('ab12', 7, [8, 9, 10]);
    expect(id).toMatch(/-ab12-s7-r8-10$/);
    expect(id).not.toContain(':');
    expect(batchJobId('ab12', 7, [8, 9, 10])).toBe(id);
    expect(batchJobId('ab12', 8, [8, 9, 10])).not.toBe(id);
  });

  it('says clearly when Redis does not answer', async () => {
    const port = await freePort();
    await expect(connectRedis(`redis://127.0.0.1:${port}`, 2000)).rejects.toThrow(RedisUnavailableError);
    await expect(connectRedis(`redis://127.0.0.1:${port}`, 2000)).rejects.toThrow(/cannot reach Redis at/);
    await expect(connectRedis('http://127.0.0.1:1')).rejects.toThrow(/expected a redis:\/\//);
  });
});

const HAS_REDIS = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).status === 0;
/** Skipped only when asked (counted as skipped); without redis-server these tests fail, saying why. */
const SKIP_REDIS = process.env.CCSIM_SKIP_REDIS === '1';

describe.skipIf(SKIP_REDIS)(
  'distributed workers (need redis-server on PATH: Debian package redis-server, which npm test installs when it can)',
  () => {
    let redis: ChildProcessWithoutNullStreams | undefined;
    let url = '';
    const workers: Worker[] = [];

    // Should this process die before afterAll, take the children along.
    const killAll = () => [redis, ...workers.map((w) => w.process)].forEach((c) => c?.kill('SIGKILL'));

    beforeAll(async () => {
      if (!HAS_REDIS) {
        throw new Error(
          'redis-server not found on PATH: the distributed runner is tested against a real Redis. ' +
            'Install it with `apt-get install redis-server`; CCSIM_SKIP_REDIS=1 skips these tests.',
        );
      }
      process.once('exit', killAll);
      const port = await freePort();
      url = `redis://127.0.0.1:${port}`;
      redis = spawn('redis-server', [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
      ]);
      await until(async () => {
        const c = await connectRedis(url, 500).catch(() => undefined);
        c?.disconnect();
        return c !== undefined;
      }, 10_000);
      // Short locks so that a killed worker's job runs again within seconds.
      workers.push(startWorker(url, 'a'), startWorker(url, 'b'));
      await Promise.all(workers.map((w) => w.waitFor(/taking jobs/, 20_000)));
    });

    afterAll(async () => {
      await Promise.all(workers.map((w) => w.stop()));
      redis?.kill('SIGTERM');
      if (redis !== undefined && redis.exitCode === null) await exited(redis, 5000);
      process.off('exit', killAll);
    });

    it('runs a sweep on two workers with byte-identical results and database to a local run', async () => {
      const file = scenarioFile(SMALL);
      const local = tempDir();
      const remote = tempDir();
      const args = ['sweep', file, '--set', 'agentGroups.team.agents=21..23', '--reps', '6', '--json', '-q'];
      const here = await cli(...args, '--threads', '1', '--out', local);
      expect(here.code).toBe(0);
      const there = await cli(...args, '--redis', url, '--out', remote);
      expect(there.stderr).toMatch(
        /^Report: .*index\.html \(\d+ charts in charts\/; sweep\.json, sweep\.csv, results\.duckdb\)\n$/,
      );
      expect(there.code).toBe(0);
      expect(there.stdout).toBe(here.stdout);
      expect(await replicationsOf(join(remote, 'results.duckdb'))).toEqual(
        await replicationsOf(join(local, 'results.duckdb')),
      );
      // Both workers took part.
      for (const w of workers) expect(w.output).toMatch(/^completed /m);
    });

    it('resumes from the database: replications kept are not enqueued again', async () => {
      const file = scenarioFile(SMALL);
      const parameters: SweepParameter[] = [{ path: 'agentGroups.team.agents', values: [20, 24] }];
      const database = join(tempDir(), 'results.duckdb');
      await sweep(file, parameters, { replications: 3, threads: 1, database });
      const runner = await DistributedRunner.connect({ redis: url, batchSize: 2 });
      const sent: number[] = [];
      const counting = {
        run: (...a: Parameters<DistributedRunner['run']>) => {
          sent.push(...a[2]);
          return runner.run(...a);
        },
        close: () => runner.close(),
      };
      try {
        const resumed = await sweep(file, parameters, { replications: 6, runner: counting, database });
        expect(sent).toEqual([3, 4, 5, 3, 4, 5]);
        const fresh = await sweep(file, parameters, { replications: 6, threads: 1 });
        expect(strip(resumed)).toBe(strip(fresh));
      } finally {
        await runner.close();
      }
    });

    it('stops at the same replication as a local run under a precision target, leaving no job queued', async () => {
      const model = modelFromText(SMALL, 'small.yaml');
      const options = {
        replications: 3,
        precision: [parsePrecision('serviceLevel=0.02')],
        maxReplications: 80,
      };
      const runner = await DistributedRunner.connect({ redis: url, batchSize: 2, window: 4 });
      let there: RunResult;
      try {
        there = await simulate(model, { ...options, runner });
        await until(async () => (await runner.jobsInQueue()) === 0, 10_000);
      } finally {
        await runner.close();
      }
      const here = await simulate(model, { ...options, threads: 1 });
      expect(here.replications).toBeLessThan(80);
      expect(strip(there)).toBe(strip(here));
    });

    it('runs a batch enqueued twice (same job id) once, for both runs', async () => {
      const model = modelFromText(SMALL, 'small.yaml');
      // A queue of its own, with no worker until both runs have enqueued.
      const queue = 'dedupe';
      const [one, two] = await Promise.all([
        DistributedRunner.connect({ redis: url, queue, batchSize: 2 }),
        DistributedRunner.connect({ redis: url, queue, batchSize: 2 }),
      ]);
      let worker: DistributedWorker | undefined;
      try {
        const runs = [one, two].map((runner) => simulate(model, { replications: 6, runner }));
        await until(async () => (await one.jobsInQueue()) === 3, 10_000);
        worker = await DistributedWorker.start({ redis: url, queue });
        const [a, b] = await Promise.all(runs);
        expect(worker.stats).toEqual({ jobs: 3, replications: 6, failed: 0 });
        expect(strip(a)).toBe(strip(b));
        expect(strip(a)).toBe(strip(await simulate(model, { replications: 6, threads: 1 })));
      } finally {
        await worker?.close();
        await Promise.all([one.close(), two.close()]);
      }
    });

    it('runs a killed worker’s job again on the other worker, with the same results', async () => {
      const file = scenarioFile(LARGE);
      const parameters: SweepParameter[] = [{ path: 'agentGroups.team.agents', values: [400, 420] }];
      const [a, b] = workers;
      const runner = await DistributedRunner.connect({ redis: url, batchSize: 3 });
      try {
        const running = sweep(file, parameters, { replications: 6, runner });
        // Kill worker a as soon as it starts a job: the job is in its hands, unfinished.
        const started = await a.waitFor(/^started (\S+):/m, 20_000, a.output.length);
        const killed = started[1];
        a.process.kill('SIGKILL');
        const result = await running;
        expect(a.output).not.toContain(`completed ${killed}:`);
        expect(b.output).toContain(`started ${killed}:`);
        expect(b.output).toContain(`completed ${killed}:`);
        const local = await sweep(file, parameters, { replications: 6, threads: 1 });
        expect(strip(result)).toBe(strip(local));
      } finally {
        await runner.close();
      }
    });
  },
);

interface Worker {
  readonly process: ChildProcessWithoutNullStreams;
  output: string;
  /** The first match of `pattern` in the output from `from` on, waiting at most `ms`. */
  waitFor(pattern: RegExp, ms: number, from?: number): Promise<RegExpMatchArray>;
  stop(): Promise<void>;
}

/** `ccsim worker` from source (a stale dist/ is never used). */
function startWorker(url: string, name: string): Worker {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/cli/main.ts',
      'worker',
      '--redis',
      url,
      '--verbose',
      '--lock-duration',
      '1500',
      '--stalled-interval',
      '500',
    ],
    { cwd: process.cwd(), env: { ...process.env, FORCE_COLOR: '0' } },
  );
  const worker: Worker = {
    process: child,
    output: '',
    waitFor: (pattern, ms, from = 0) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const match = worker.output.slice(from).match(pattern);
          if (match === null) return false;
          clearTimeout(timer);
          child.stdout.off('data', check);
          resolve(match);
          return true;
        };
        const timer = setTimeout(() => {
          child.stdout.off('data', check);
          reject(new Error(`worker ${name}: no ${pattern} within ${ms} ms; output:\n${worker.output}`));
        }, ms);
        if (!check()) child.stdout.on('data', check);
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      if (!(await exited(child, 10_000))) child.kill('SIGKILL');
    },
  };
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (text: string) => (worker.output += text));
  child.stderr.on('data', (text: string) => (worker.output += text));
  return worker;
}

function exited(child: ChildProcessWithoutNullStreams, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve(true);
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

async function until(condition: () => Promise<boolean>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
