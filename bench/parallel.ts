/**
 * Parallel efficiency: replications per second with N worker threads ÷
 * (N × with 1 thread), on M/M/50+M at 45 erlangs (about 675 calls per
 * replication-hour). Prints figures; asserts nothing. The machine must be
 * quiet for a fair figure (2 cores here).
 *
 *   npx tsx bench/parallel.ts [replications] [calls per replication]
 */
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { ReplicationRunner } from '../src/experiment/replication-runner.js';
import { mm50 } from './workloads.js';

const replications = Number(process.argv[2] ?? 40);
const calls = Number(process.argv[3] ?? 200_000);
const model = mm50(calls);

async function rate(threads: number): Promise<number> {
  const runner = new ReplicationRunner({ threads });
  // Warm up: start the workers and their JIT before timing.
  await runner.run(
    model,
    1,
    Array.from({ length: threads }, (_, r) => 10_000 + r),
    () => true,
  );
  const started = performance.now();
  await runner.run(
    model,
    1,
    Array.from({ length: replications }, (_, r) => r),
    () => true,
  );
  const seconds = (performance.now() - started) / 1000;
  await runner.close();
  return replications / seconds;
}

const one = await rate(1);
console.log(`1 thread: ${one.toFixed(2)} replications/s (${calls.toLocaleString('en')} calls each)`);
for (let threads = 2; threads <= availableParallelism(); threads *= 2) {
  const n = await rate(threads);
  console.log(
    `${threads} threads: ${n.toFixed(2)} replications/s; efficiency ${(n / (threads * one)).toFixed(3)}`,
  );
}
