/**
 * Distributed replications through Redis: the cost of a job, by batch size,
 * and a whole sweep end to end on two workers, against the same sweep in
 * this process. Starts its own redis-server (Debian package) on a free
 * loopback port and two `ccsim worker` processes (one thread each). Prints
 * figures; asserts nothing.
 *
 *   npx tsx bench/distributed.ts                  # 100 points × 20 replications of inbound-sales.yaml
 *   npx tsx bench/distributed.ts 20 10            # 20 points × 10 replications
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DistributedRunner } from '../src/experiment/distributed-runner.js';
import { connectRedis } from '../src/experiment/queue.js';
import type { Runner } from '../src/experiment/replication-runner.js';
import { ReplicationRunner } from '../src/experiment/replication-runner.js';
import { simulate } from '../src/experiment/simulate.js';
import { sweep } from '../src/experiment/sweep.js';
import { modelFromText } from '../src/model/scenario/index.js';

const POINTS = Number(process.argv[2] ?? 100);
const REPS = Number(process.argv[3] ?? 20);
const WORKERS = 2;

/** A replication of almost nothing (~40 calls): what remains is the cost of a job. */
const TINY = `name: tiny
seed: 1
horizon: 20m
interval: 10m
callTypes:
  - name: sales
    arrivals: { ratePerHour: 120 }
    handleTime: { dist: exponential, mean: 60s }
agentGroups:
  - { name: team, agents: 4, skills: [sales] }
`;

const children: ChildProcess[] = [];
const stopAll = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
};
process.on('exit', stopAll);

async function main(): Promise<void> {
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  children.push(
    spawn(
      'redis-server',
      ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      {
        stdio: 'ignore',
      },
    ),
  );
  await until(async () => {
    const c = await connectRedis(url, 500).catch(() => undefined);
    c?.disconnect();
    return c !== undefined;
  });
  const ready = Array.from({ length: WORKERS }, () => startWorker(url));
  await Promise.all(ready);
  console.log(`redis-server on ${url}, ${WORKERS} workers (1 thread each); node ${process.version}\n`);

  // 1. The cost of a job: tiny replications, so the time is messaging (enqueue, lock, result, event, removal).
  const tiny = modelFromText(TINY, 'tiny.yaml');
  const count = 480;
  await timeRun(new ReplicationRunner({ threads: 1 }), tiny, 40); // warm up
  const here = await timeRun(new ReplicationRunner({ threads: 1 }), tiny, count);
  console.log(
    `per-job cost (${count} replications of ~${Math.round(here.calls / count)} calls, ${(
      (here.seconds / count) *
      1000
    ).toFixed(2)} ms each in process):`,
  );
  for (const batchSize of [1, 4, 16]) {
    const runner = await DistributedRunner.connect({ redis: url, batchSize });
    await timeRun(runner, tiny, 120, false); // warm up both ends
    const { seconds } = await timeRun(runner, tiny, count);
    const jobs = Math.ceil(count / batchSize);
    console.log(
      `  batches of ${String(batchSize).padStart(2)}: ${jobs} jobs in ${seconds.toFixed(2)} s → ${(
        (seconds / jobs) *
        1000
      ).toFixed(
        2,
      )} ms wall per job (${((seconds / jobs) * WORKERS * 1000).toFixed(2)} ms per job per worker), ${(
        (seconds / count) *
        1000
      ).toFixed(2)} ms per replication`,
    );
  }

  // 2. A sweep end to end, results database included, as `ccsim sweep` runs it.
  const file = 'scenarios/inbound-sales.yaml';
  const parameters = [
    { path: 'agentGroups.team.agents', values: Array.from({ length: POINTS }, (_, k) => 41 + k) },
  ];
  console.log(`\nsweep of ${file}: ${POINTS} points (agents 41..${40 + POINTS}) × ${REPS} replications`);
  const runs: Array<[string, () => Promise<Runner | undefined>, number | 'auto']> = [
    ['in process, 1 thread', async () => undefined, 1],
    [`in process, ${WORKERS} threads`, async () => undefined, WORKERS],
    [`through Redis, ${WORKERS} workers`, () => DistributedRunner.connect({ redis: url }), 1],
  ];
  for (const [label, makeRunner, threads] of runs) {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-bench-'));
    const runner = await makeRunner();
    const started = performance.now();
    await sweep(file, parameters, {
      replications: REPS,
      threads,
      runner,
      database: join(dir, 'results.duckdb'),
    });
    const seconds = (performance.now() - started) / 1000;
    await runner?.close();
    rmSync(dir, { recursive: true, force: true });
    console.log(
      `  ${label.padEnd(24)} ${seconds.toFixed(2)} s wall (${((seconds / (POINTS * REPS)) * 1000).toFixed(2)} ms per replication)`,
    );
  }
}

/** Runs `count` replications of `model` on `runner` (closing it unless `close` is false). */
async function timeRun(
  runner: Runner,
  model: ReturnType<typeof modelFromText>,
  count: number,
  close = true,
): Promise<{ seconds: number; calls: number }> {
  const started = performance.now();
  const result = await simulate(model, { replications: count, runner });
  const seconds = (performance.now() - started) / 1000;
  if (close) await runner.close();
  return { seconds, calls: result.performance.simulatedCalls };
}

/** A `ccsim worker` from source; resolves once it takes jobs. */
function startWorker(url: string): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'worker', '--redis', url], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (text: string) => {
      output += text;
      if (output.includes('taking jobs')) resolve();
    });
    child.once('exit', (code) =>
      reject(new Error(`a worker exited (${code}) before taking jobs: ${output}`)),
    );
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

async function until(condition: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not so within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

try {
  await main();
} finally {
  stopAll();
}
