import { describe, expect, it } from 'vitest';
import { erlangC, erlangCWaitQuantile, type ErlangCInput } from '../../src/analytic/index.js';
import {
  allFinite,
  allNonNegative,
  expectClose,
  queueReference,
  stationaryByElimination,
} from './reference.js';

const example: ErlangCInput = {
  arrivalRatePerHour: 200,
  meanServiceSeconds: 180,
  agents: 14,
  thresholdSeconds: 20,
};

function stable(input: ErlangCInput) {
  const r = erlangC(input);
  if (!r.stable) throw new Error('expected a stable queue');
  return r;
}

describe('erlangC', () => {
  it('matches the M/M/n chain and a tagged-caller computation of the wait', () => {
    const cases: [ErlangCInput, number][] = [
      [{ arrivalRatePerHour: 200, meanServiceSeconds: 180, agents: 12, thresholdSeconds: 20 }, 200],
      [{ arrivalRatePerHour: 400, meanServiceSeconds: 180, agents: 25, thresholdSeconds: 15 }, 200],
      [{ arrivalRatePerHour: 32.4, meanServiceSeconds: 100, agents: 1, thresholdSeconds: 60 }, 420],
      [{ arrivalRatePerHour: 3, meanServiceSeconds: 600, agents: 3, thresholdSeconds: 0 }, 60],
    ];
    for (const [input, maxAhead] of cases) {
      const lambda = input.arrivalRatePerHour / 3600;
      const mu = 1 / input.meanServiceSeconds;
      const ref = queueReference(
        lambda,
        mu,
        input.agents,
        0,
        input.thresholdSeconds,
        maxAhead,
        stationaryByElimination,
      );
      expect(ref.topMass).toBeLessThan(1e-16);
      const r = stable(input);
      expectClose(r.pWait, ref.pWait);
      expectClose(r.asa, ref.meanWait);
      expectClose(r.serviceLevel, ref.serviceLevel);
      expectClose(r.meanQueueLength, ref.meanQueueLength);
      expectClose(r.occupancy, lambda / mu / input.agents, 1e-15);
      expectClose(r.asaOfDelayed, r.asa / r.pWait, 1e-12);
    }
  });

  it('staffs the Call Centre Helper worked example with 14 agents', () => {
    // Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked
    // Example": 100 calls per 30 min, AHT 180 s, 80% answered in 20 s, so
    // A = 10 erlangs, and the article searches up from N = A + 1 to 14 raw
    // agents (before shrinkage). The boundary is what matters: 13 agents
    // miss 80/20, 14 meet it.
    const at = (agents: number) => stable({ ...example, agents });
    expect(at(13).serviceLevel).toBeLessThan(0.8);
    expect(at(14).serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('reports ASA, queue length and quantiles consistent with Little’s law', () => {
    const r = stable(example);
    const lambda = example.arrivalRatePerHour / 3600;
    expectClose(r.meanQueueLength, lambda * r.asa, 1e-12);
    expectClose(r.asaOfDelayed, example.meanServiceSeconds / (14 - 10), 1e-12);
    // P(W > q) = 1 − p at the quantile q.
    for (const p of [0.9, 0.95, 0.99]) {
      const q = erlangCWaitQuantile(example, p);
      expectClose(r.pWait * Math.exp(-q / r.asaOfDelayed), 1 - p, 1e-12);
    }
    expect(erlangCWaitQuantile(example, 0.5)).toBe(0); // 82.6% never wait
    expect(erlangCWaitQuantile(example, 1 - r.pWait)).toBe(0);
  });

  it('returns stable: false and only finite fields when load ≥ agents', () => {
    for (const agents of [10, 9, 1]) {
      const r = erlangC({ ...example, agents });
      expect(r).toEqual({
        stable: false,
        load: 10,
        agents,
        reason: 'load >= agents: the queue grows without bound',
        occupancy: 1,
      });
      expect(allFinite(r)).toBe(true);
    }
    expect(erlangCWaitQuantile({ ...example, agents: 10 }, 0.5)).toBe(Number.POSITIVE_INFINITY);
  });

  it('gives finite sane results for 5000 agents at load 4950', () => {
    const r = stable({
      arrivalRatePerHour: (4950 * 3600) / 180,
      meanServiceSeconds: 180,
      agents: 5000,
      thresholdSeconds: 20,
    });
    expect(allFinite(r) && allNonNegative(r)).toBe(true);
    expect(r.pWait).toBeGreaterThan(0.3);
    expect(r.pWait).toBeLessThan(0.4);
    expect(r.serviceLevel).toBeGreaterThan(0.99);
    expect(r.serviceLevel).toBeLessThanOrEqual(1);
    expect(r.occupancy).toBeCloseTo(0.99, 12);
  });

  it('is exact for one agent, where C = ρ (M/M/1)', () => {
    const r = stable({ arrivalRatePerHour: 18, meanServiceSeconds: 120, agents: 1, thresholdSeconds: 30 });
    expectClose(r.pWait, 0.6, 1e-14);
    expectClose(r.asa, (0.6 * 120) / 0.4, 1e-13);
    expectClose(r.serviceLevel, 1 - 0.6 * Math.exp((-0.4 * 30) / 120), 1e-14);
  });

  it('has no waiting without traffic', () => {
    const r = stable({ ...example, arrivalRatePerHour: 0 });
    expect([r.pWait, r.asa, r.meanQueueLength, r.occupancy, r.serviceLevel]).toEqual([0, 0, 0, 0, 1]);
  });

  it('rejects invalid inputs with a RangeError naming the field', () => {
    expect(() => erlangC({ ...example, agents: 2.5 })).toThrow(/agents must be an integer ≥ 1/);
    expect(() => erlangC({ ...example, agents: 0 })).toThrow(RangeError);
    expect(() => erlangC({ ...example, arrivalRatePerHour: -1 })).toThrow(/arrivalRatePerHour/);
    expect(() => erlangC({ ...example, meanServiceSeconds: 0 })).toThrow(/meanServiceSeconds/);
    expect(() => erlangC({ ...example, arrivalRatePerHour: 1e308, meanServiceSeconds: 1e10 })).toThrow(
      /overflows/,
    );
    expect(() => erlangC({ ...example, thresholdSeconds: Number.NaN })).toThrow(/thresholdSeconds.*NaN/);
    expect(() => erlangCWaitQuantile(example, 1)).toThrow(RangeError);
    expect(() => erlangCWaitQuantile(example, 0)).toThrow(RangeError);
  });
});
