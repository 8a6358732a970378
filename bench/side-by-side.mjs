/**
 * Engine throughput of two built checkouts side by side, in one process:
 * their simulateReplication alternate round by round, and each round counts
 * simulated calls per CPU-second of this process (user + system), which
 * other work on a shared machine disturbs far less than wall time. Prints
 * the medians and the median of the per-round ratios B/A. Asserts nothing.
 *
 *   node bench/side-by-side.mjs <checkout A> <checkout B> [scenario] [rounds] [replications per round]
 *   e.g. (a worktree of the commit before, built with `npx tsc -p tsconfig.build.json`):
 *   node bench/side-by-side.mjs ../before . scenarios/retail-bank.yaml 16 4
 *
 * A scenario path relative to the checkouts is loaded from each; an absolute one from itself.
 * Run it twice with A and B swapped: the order biases the ratio by a few per cent.
 */
import { isAbsolute, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [dirA, dirB, file = 'scenarios/retail-bank.yaml'] = process.argv.slice(2);
const rounds = Number(process.argv[5] ?? 12);
const reps = Number(process.argv[6] ?? 4);
if (dirA === undefined || dirB === undefined) {
  console.error(
    'usage: node bench/side-by-side.mjs <checkout A> <checkout B> [scenario] [rounds] [replications per round]',
  );
  process.exit(2);
}

async function side(dir) {
  const root = resolve(dir);
  const load = (path) => import(pathToFileURL(resolve(root, path)).href);
  const { simulateReplication } = await load('dist/model/engine/replication.js');
  const { loadModel } = await load('dist/model/scenario/index.js');
  const model = loadModel(isAbsolute(file) ? file : resolve(root, file));
  for (let r = 0; r < 5; r++) simulateReplication(model, 1000 + r); // warm the JIT
  return () => {
    const started = process.cpuUsage();
    let calls = 0;
    for (let r = 0; r < reps; r++) calls += simulateReplication(model, r).simulatedCalls;
    const used = process.cpuUsage(started);
    return calls / ((used.user + used.system) / 1e6);
  };
}

const a = await side(dirA);
const b = await side(dirB);
const ra = [];
const rb = [];
for (let k = 0; k < rounds; k++) {
  if (k % 2 === 1) {
    rb.push(b());
    ra.push(a());
  } else {
    ra.push(a());
    rb.push(b());
  }
}
const median = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
const fmt = (n) => Math.round(n).toLocaleString('en');
const ratios = ra.map((x, i) => rb[i] / x);
console.log(
  `${file}: A ${fmt(median(ra))} calls per CPU-second (median), B ${fmt(median(rb))}; ` +
    `B/A per round: median ${median(ratios).toFixed(3)}, from ${Math.min(...ratios).toFixed(2)} to ${Math.max(...ratios).toFixed(2)}`,
);
