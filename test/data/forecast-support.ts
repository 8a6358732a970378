/** CallRecords built for the forecast tests: offered calls at chosen times. */
import type { CallOutcome, CallRecord } from '../../src/data/call-record.js';
import { weekdayOf } from '../../src/data/interval-counts.js';

export function offeredCall(
  date: string,
  queueEntry: number,
  callType = 'A',
  outcome: CallOutcome = 'served',
): CallRecord {
  const asked = outcome === 'served' || outcome === 'abandoned';
  return {
    line: 2,
    date,
    weekday: weekdayOf(date),
    callType,
    priority: 0,
    arrival: queueEntry - 5,
    queueEntry: asked ? queueEntry : null,
    wait: 0,
    outcome,
    serviceStart: outcome === 'served' ? queueEntry : null,
    serviceTime: outcome === 'served' ? 60 : 0,
    agent: null,
    customer: null,
  };
}

/** A small deterministic generator (mulberry32) for simulated logs. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A Poisson variate of mean `mean` (inversion; fine for the means of these tests). */
export function poisson(random: () => number, mean: number): number {
  if (mean > 60) {
    // Normal approximation of a large mean, rounded: enough for interval counts of tests.
    const u = Math.max(random(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  let k = 0;
  let p = Math.exp(-mean);
  let cdf = p;
  const u = random();
  while (u > cdf && k < 1000) {
    k++;
    p *= mean / k;
    cdf += p;
  }
  return k;
}

/** A gamma variate of mean 1 and coefficient of variation cv (Marsaglia–Tsang; shape ≥ 1 here). */
export function gammaFactor(random: () => number, cv: number): number {
  if (cv === 0) return 1;
  const shape = 1 / (cv * cv);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const u1 = Math.max(random(), 1e-12);
    const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * random());
    const v = (1 + c * z) ** 3;
    if (v <= 0) continue;
    if (Math.log(Math.max(random(), 1e-12)) < 0.5 * z * z + d - d * v + d * Math.log(v))
      return (d * v) / shape;
  }
}
