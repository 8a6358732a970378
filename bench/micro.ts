/**
 * Micro benchmarks of the kernel's hot pieces: the event list, the random
 * streams and the distribution samplers. Prints a table; asserts nothing.
 *
 *   npm run bench:micro
 */
import { Bench } from 'tinybench';
import { erlang, exponential, gamma, lognormal, weibull, empirical } from '../src/kernel/distributions.js';
import { createStream } from '../src/kernel/random.js';
import { Simulator } from '../src/kernel/simulator.js';

const OPS = 1000;
const bench = new Bench({ time: 500, warmupTime: 100 });

// Event list at a steady size of 1000 pending events: each fired event schedules one more.
{
  const sim = new Simulator();
  const stream = createStream(1, 0, 'bench/events');
  const kind = sim.defineEvent('tick', 0, () => {
    sim.schedule(kind, sim.now - 100 * Math.log(stream.uniform()));
  });
  for (let i = 0; i < 1000; i++) sim.schedule(kind, -100 * Math.log(stream.uniform()));
  bench.add(`event list: ${OPS} fire+schedule at 1000 pending`, () => {
    sim.run({ until: sim.now + (OPS * 100) / 1000 });
  });
}

const u = createStream(1, 0, 'bench/uniform').uniform;
bench.add(`random stream: ${OPS} uniforms (xor4096)`, () => {
  let s = 0;
  for (let i = 0; i < OPS; i++) s += u();
  return s;
});

const samplers = [
  exponential(240),
  lognormal(300, 0.8),
  gamma(240, 1.2),
  erlang(240, 3),
  weibull(120, 0.8),
  empirical([
    [10, 0.1],
    [60, 0.5],
    [300, 0.9],
    [900, 1],
  ]),
];
for (const d of samplers) {
  bench.add(`sample: ${OPS} × ${d.describe()}`, () => {
    let s = 0;
    for (let i = 0; i < OPS; i++) s += d.sample(u);
    return s;
  });
}

await bench.run();
console.table(bench.table());
