/**
 * Whole-run throughput: simulated calls per second on one thread, and peak
 * memory, for M/M/50+M at 45 erlangs. Prints figures; asserts nothing.
 *
 *   npm run bench:throughput              # 10^6 calls, then 10^7 to show flat memory
 *   npm run bench:throughput -- 3000000   # a chosen number of calls
 */
import { performance } from 'node:perf_hooks';
import { simulateReplication } from '../src/model/engine/replication.js';
import { mm50 } from './workloads.js';

function measure(calls: number): void {
  const model = mm50(calls);
  simulateReplication(mm50(50_000), 0); // warm the JIT
  const rssBefore = process.memoryUsage().rss;
  const started = performance.now();
  const summary = simulateReplication(model, 0);
  const seconds = (performance.now() - started) / 1000;
  const rssAfter = process.memoryUsage().rss;
  const rate = summary.simulatedCalls / seconds;
  console.log(
    `M/M/50+M, 45 erlangs: ${summary.simulatedCalls.toLocaleString('en')} calls, ${summary.events.toLocaleString('en')} events in ${seconds.toFixed(2)} s ` +
      `→ ${Math.round(rate).toLocaleString('en')} calls/s, ${Math.round(summary.events / seconds).toLocaleString('en')} events/s; ` +
      `RSS ${(rssBefore / 2 ** 20).toFixed(0)} → ${(rssAfter / 2 ** 20).toFixed(0)} MiB`,
  );
}

const requested = Number(process.argv[2]);
if (Number.isFinite(requested) && requested > 0) {
  measure(requested);
} else {
  measure(1_000_000);
  measure(10_000_000);
}
