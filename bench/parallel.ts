/**
 * Parallel efficiency: replications per second with N worker threads ÷
 * (N × with 1 thread), on M/M/50+M at 45 erlangs (about 675 calls per
 * replication-hour). Prints figures; asserts nothing. The machine must be
 * quiet for a fair figure (2 cores here).
 *
 *   npm run bench:parallel -- [replications] [calls per replication]
 *
 * It times the built runner (dist/, `npm run build`), as the CLI and the
 * library run it: worker threads that load the TypeScript source through
 * tsx's loader were measured about 20% slower than the built code, which
 * says nothing about the engine. `--source` times the source instead.
 */
import { performance } from 'node:perf_hooks';
import { availableParallelism } from 'node:os';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReplicationRunner as Runner } from '../src/experiment/replication-runner.js';
import { mm50 } from './workloads.js';

const fromSource = process.argv.includes('--source');
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const builtRunner = new URL('../dist/experiment/replication-runner.js', import.meta.url);
if (!fromSource && !existsSync(fileURLToPath(builtRunner))) {
  console.error('bench/parallel.ts: dist/ is missing: run `npm run build` first (or pass --source)');
  process.exit(2);
}
const { ReplicationRunner } = (await import(
  fromSource ? '../src/experiment/replication-runner.js' : builtRunner.href
)) as { ReplicationRunner: typeof Runner };

const replications = Number(args[0] ?? 40);
const calls = Number(args[1] ?? 200_000);
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
console.log(`code: ${fromSource ? 'source through tsx' : 'built (dist/)'}`);
console.log(`1 thread: ${one.toFixed(2)} replications/s (${calls.toLocaleString('en')} calls each)`);
for (let threads = 2; threads <= availableParallelism(); threads *= 2) {
  const n = await rate(threads);
  console.log(
    `${threads} threads: ${n.toFixed(2)} replications/s; efficiency ${(n / (threads * one)).toFixed(3)}`,
  );
}
