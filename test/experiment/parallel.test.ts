/**
 * Replications on worker threads: the same results as in one thread, in
 * replication order; sequential precision stops at the first replication
 * count that meets the target, whatever the threads.
 */
import { describe, expect, it } from 'vitest';
import { parsePrecision } from '../../src/experiment/precision.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { simulate } from '../../src/experiment/simulate.js';
import { loadModel } from '../../src/model/scenario/index.js';

const strip = (r: RunResult) =>
  JSON.stringify({ ...r, performance: { ...r.performance, wallSeconds: 0, callsPerSecond: 0 } });

describe('parallel replications', () => {
  it('gives byte-identical results with 1, 2 and 3 threads', async () => {
    const model = loadModel('scenarios/retail-bank.yaml');
    const one = strip(await simulate(model, { replications: 7, threads: 1 }));
    expect(strip(await simulate(model, { replications: 7, threads: 2 }))).toBe(one);
    expect(strip(await simulate(model, { replications: 7, threads: 3 }))).toBe(one);
  });

  it('reports progress in replication order', async () => {
    const done: number[] = [];
    await simulate(loadModel('scenarios/default.yaml'), {
      replications: 6,
      threads: 2,
      onProgress: (e) => done.push(e.replicationsDone),
    });
    expect(done).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('stops when the signal is aborted', async () => {
    const controller = new AbortController();
    const run = simulate(loadModel('scenarios/default.yaml'), {
      replications: 50,
      threads: 1,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.replicationsDone === 3) controller.abort(new Error('stopped by the user'));
      },
    });
    await expect(run).rejects.toThrow('stopped by the user');
  });
});

describe('sequential precision', () => {
  it('adds replications until the half-width meets the target, and no more', async () => {
    const model = loadModel('scenarios/inbound-sales.yaml');
    const target = parsePrecision('serviceLevel=0.012');
    const result = await simulate(model, {
      replications: 5,
      precision: [target],
      maxReplications: 200,
      threads: 1,
    });
    const sl = result.total.serviceLevel;
    const n = result.replications;
    expect(n).toBeGreaterThan(5);
    expect(n).toBeLessThan(200);
    expect((sl.hi! - sl.lo!) / 2).toBeLessThanOrEqual(0.012);
    // One replication fewer did not meet it (CIs are clipped to [0, 1] only far from here).
    const before = (await simulate(model, { replications: n - 1, threads: 1 })).total.serviceLevel;
    expect((before.hi! - before.lo!) / 2).toBeGreaterThan(0.012);
    // The same stopping point with two threads.
    const parallel = await simulate(model, {
      replications: 5,
      precision: [target],
      maxReplications: 200,
      threads: 2,
    });
    expect(parallel.replications).toBe(n);
    expect(strip(parallel)).toBe(strip(result));
  });

  it('stops at the maximum when the target cannot be met', async () => {
    const result = await simulate(loadModel('scenarios/inbound-sales.yaml'), {
      replications: 2,
      precision: [parsePrecision('asa=0.01%')],
      maxReplications: 4,
      threads: 1,
    });
    expect(result.replications).toBe(4);
  });

  it('parses absolute and relative targets and rejects unknown KPIs', () => {
    expect(parsePrecision('serviceLevel=0.01')).toEqual({
      kpi: 'serviceLevel',
      halfWidth: 0.01,
      relative: false,
    });
    expect(parsePrecision('asa=5%')).toEqual({ kpi: 'asa', halfWidth: 0.05, relative: true });
    expect(() => parsePrecision('servicelevel=0.01')).toThrow(/unknown KPI "servicelevel"/);
    expect(() => parsePrecision('asa')).toThrow(/expected <kpi>=<half-width>/);
  });
});
