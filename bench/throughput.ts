/**
 * Whole-run throughput on one thread: simulated calls per second, and peak
 * memory. Prints figures; asserts nothing.
 *
 *   npm run bench:throughput              # M/M/50+M at 10^6 and 10^7 calls, then retail-bank.yaml
 *   npm run bench:throughput -- 3000000   # M/M/50+M only, a chosen number of calls
 *   npm run bench:throughput -- whole [scenario.yaml] [replications]   # a whole run, cold (default retail-bank, 60)
 */
import { performance } from 'node:perf_hooks';
import { simulateReplication } from '../src/model/engine/replication.js';
import { loadModel } from '../src/model/scenario/index.js';
import { simulate } from '../src/experiment/simulate.js';
import { mm50 } from './workloads.js';

const fmt = (n: number) => Math.round(n).toLocaleString('en');

/** One long replication of M/M/50+M at 45 erlangs. */
function measureMm50(calls: number): void {
  const model = mm50(calls);
  simulateReplication(mm50(50_000), 0); // warm the JIT
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const summary = simulateReplication(model, 0);
  const seconds = (performance.now() - started) / 1000;
  const rssAfter = process.memoryUsage().rss;
  console.log(
    `M/M/50+M, 45 erlangs: ${fmt(summary.simulatedCalls)} calls, ${fmt(summary.events)} events in ${seconds.toFixed(2)} s ` +
      `→ ${fmt(summary.simulatedCalls / seconds)} calls/s, ${fmt(summary.events / seconds)} events/s; ` +
      `RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB`,
  );
}

/** Replications of a bundled scenario, one after another, until about `calls` calls. */
function measureScenario(file: string, calls: number): void {
  const model = loadModel(file);
  for (let r = 0; r < 3; r++) simulateReplication(model, 1000 + r); // warm the JIT
  let simulated = 0;
  let events = 0;
  let replications = 0;
  const started = performance.now();
  while (simulated < calls) {
    const summary = simulateReplication(model, replications++);
    simulated += summary.simulatedCalls;
    events += summary.events;
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${file}: ${replications} replications, ${fmt(simulated)} calls, ${fmt(events)} events in ${seconds.toFixed(2)} s ` +
      `→ ${fmt(simulated / seconds)} calls/s`,
  );
}

/**
 * A whole run as `ccsim run <file> --reps N --threads 1` makes it (replications, folding into
 * estimates, confidence intervals), in a fresh process's cold JIT: what a user sees as
 * `performance.callsPerSecond`.
 */
async function measureWholeRun(file: string, replications: number): Promise<void> {
  const result = await simulate(loadModel(file), { replications, threads: 1 });
  const { simulatedCalls, wallSeconds, callsPerSecond } = result.performance;
  console.log(
    `${file}, whole run of ${replications} replications: ${fmt(simulatedCalls)} calls in ${wallSeconds.toFixed(2)} s ` +
      `→ ${fmt(callsPerSecond)} calls/s`,
  );
}

const requested = Number(process.argv[2]);
if (process.argv[2] === 'whole') {
  await measureWholeRun(process.argv[3] ?? 'scenarios/retail-bank.yaml', Number(process.argv[4] ?? 60));
} else if (Number.isFinite(requested) && requested > 0) {
  measureMm50(requested);
} else {
  measureMm50(1_000_000);
  measureMm50(10_000_000);
  measureScenario('scenarios/retail-bank.yaml', 1_000_000);
}
