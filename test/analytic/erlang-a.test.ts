import { describe, expect, it } from 'vitest';
import { erlangA, erlangC, type ErlangAInput } from '../../src/analytic/index.js';
import {
  allFinite,
  allNonNegative,
  expectClose,
  queueReference,
  stationaryByElimination,
} from './reference.js';

const base: ErlangAInput = {
  arrivalRatePerHour: 200,
  meanServiceSeconds: 180,
  agents: 12,
  thresholdSeconds: 20,
  meanPatienceSeconds: 120,
};

function perHour(load: number, aht: number): number {
  return (load * 3600) / aht;
}

describe('erlangA', () => {
  // [input, callers waiting kept in the truncated reference chain]
  const cases: [string, ErlangAInput, number][] = [
    ['a typical queue', base, 150],
    [
      'overload (a = 20 on 15 agents)',
      { ...base, arrivalRatePerHour: 400, agents: 15, thresholdSeconds: 10, meanPatienceSeconds: 60 },
      120,
    ],
    [
      'one agent',
      { ...base, arrivalRatePerHour: 10, agents: 1, thresholdSeconds: 30, meanPatienceSeconds: 300 },
      80,
    ],
    [
      '30 agents with patient callers',
      { ...base, arrivalRatePerHour: perHour(28, 180), agents: 30, meanPatienceSeconds: 600 },
      300,
    ],
    ['a threshold of zero', { ...base, thresholdSeconds: 0 }, 150],
    // Overload where the answered-within-T share is taken from upper incomplete gammas:
    [
      'a threshold short of the typical wait',
      {
        arrivalRatePerHour: 360,
        meanServiceSeconds: 100,
        agents: 5,
        thresholdSeconds: 20,
        meanPatienceSeconds: 200,
      },
      150,
    ],
    [
      'the same with a long threshold',
      {
        arrivalRatePerHour: 360,
        meanServiceSeconds: 100,
        agents: 5,
        thresholdSeconds: 200,
        meanPatienceSeconds: 200,
      },
      150,
    ],
    // The queue's modal length is 80 (> 64), summed from the Poisson kernel:
    [
      'a long modal queue',
      {
        arrivalRatePerHour: 360,
        meanServiceSeconds: 100,
        agents: 2,
        thresholdSeconds: 20,
        meanPatienceSeconds: 1000,
      },
      260,
    ],
    [
      'a long modal queue and T = 500 s',
      {
        arrivalRatePerHour: 360,
        meanServiceSeconds: 100,
        agents: 2,
        thresholdSeconds: 500,
        meanPatienceSeconds: 1000,
      },
      260,
    ],
    [
      'a long modal queue and T = 2000 s',
      {
        arrivalRatePerHour: 360,
        meanServiceSeconds: 100,
        agents: 2,
        thresholdSeconds: 2000,
        meanPatienceSeconds: 1000,
      },
      260,
    ],
  ];

  for (const [name, input, maxAhead] of cases) {
    it(`matches the M/M/n+M chain and a tagged-caller computation for ${name}`, () => {
      const lambda = input.arrivalRatePerHour / 3600;
      const mu = 1 / input.meanServiceSeconds;
      const theta = 1 / input.meanPatienceSeconds;
      const ref = queueReference(lambda, mu, input.agents, theta, input.thresholdSeconds, maxAhead);
      expect(ref.topMass).toBeLessThan(1e-17);
      // The reference chain solved a second way agrees (to elimination's ~1e-15 absolute).
      const check = queueReference(lambda, mu, input.agents, theta, 0, maxAhead, stationaryByElimination);
      expectClose(check.pWait, ref.pWait, 0, 1e-13);
      const r = erlangA(input);
      // Detailed balance and uniformisation keep relative accuracy, so tiny
      // service levels (deep overload) are compared relatively too.
      const tiny = 1e-300;
      expectClose(r.pWait, ref.pWait, 1e-9, tiny);
      expectClose(r.pAbandon, ref.pAbandon, 1e-9, tiny);
      expectClose(r.pAbandonGivenWait, ref.pAbandon / ref.pWait, 1e-9, tiny);
      expectClose(r.asa, ref.asa, 1e-9, tiny);
      expectClose(r.meanWait, ref.meanWait, 1e-9, tiny);
      expectClose(r.serviceLevel, ref.serviceLevel, 1e-9, tiny);
      expectClose(r.serviceLevelOfAnswered, ref.serviceLevel / (1 - ref.pAbandon), 1e-9, tiny);
      expectClose(r.meanQueueLength, ref.meanQueueLength, 1e-9, tiny);
      expectClose(r.occupancy, ((lambda / mu) * (1 - ref.pAbandon)) / input.agents, 1e-9, tiny);
    });
  }

  it('approaches Erlang C as patience becomes very long', () => {
    for (const agents of [11, 14, 30]) {
      const input = { arrivalRatePerHour: 200, meanServiceSeconds: 180, agents, thresholdSeconds: 20 };
      const c = erlangC(input);
      if (!c.stable) throw new Error('expected a stable queue');
      for (const [patience, tolerance] of [
        [1e9, 1e-5],
        [1e13, 1e-9],
      ] as const) {
        const a = erlangA({ ...input, meanPatienceSeconds: patience });
        expectClose(a.pWait, c.pWait, tolerance);
        expectClose(a.asa, c.asa, tolerance);
        expectClose(a.meanWait, c.asa, tolerance);
        expectClose(a.serviceLevel, c.serviceLevel, tolerance);
        expectClose(a.meanQueueLength, c.meanQueueLength, tolerance);
        expect(a.pAbandon).toBeLessThan(tolerance);
      }
    }
  });

  it('satisfies the Mandelbaum–Zeltyn identities E[W] = P(Ab)/θ and P(Ab | W > 0) = 1/(ρA) + 1 − 1/ρ', () => {
    const r = erlangA(base);
    expectClose(r.meanWait, r.pAbandon * base.meanPatienceSeconds, 1e-13);
    // A = A(nμ/θ, λ/θ) recovered from P(W > 0) = A·B / (1 + (A − 1)·B), B = Erlang B (M&Z 2004, §4.4).
    const lambda = base.arrivalRatePerHour / 3600;
    const rho = (lambda * base.meanServiceSeconds) / base.agents;
    let b = 1;
    for (let k = 1; k <= base.agents; k++) b = (rho * base.agents * b) / (k + rho * base.agents * b);
    const bigA = (r.pWait * (1 - b)) / (b * (1 - r.pWait));
    expectClose(r.pAbandonGivenWait, 1 / (rho * bigA) + 1 - 1 / rho, 1e-10);
  });

  it('stays stable and sane when the load is 1.5 times the agents', () => {
    const r = erlangA({
      arrivalRatePerHour: perHour(7500, 180),
      meanServiceSeconds: 180,
      agents: 5000,
      thresholdSeconds: 20,
      meanPatienceSeconds: 120,
    });
    expect(allFinite(r) && allNonNegative(r)).toBe(true);
    // Efficiency-driven regime, fluid approximation: the excess load abandons,
    // 1 − n/a = 1/3, and the virtual wait w solves λ·e^{−θw} = nμ, so
    // w = ln(a/n)/θ = 48.7 s and almost nobody is answered within 20 s.
    expect(r.pAbandon).toBeCloseTo(1 / 3, 3);
    expect(r.pWait).toBeCloseTo(1, 6);
    expect(r.asa).toBeCloseTo(120 * Math.log(1.5), 0);
    expect(r.serviceLevel).toBeLessThan(1e-20);
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0);
    expect(r.occupancy).toBeLessThanOrEqual(1);
  });

  it('gives finite results in [0, 1] for 5000 agents and extreme patience', () => {
    const inputs: ErlangAInput[] = [
      {
        arrivalRatePerHour: perHour(4950, 180),
        meanServiceSeconds: 180,
        agents: 5000,
        thresholdSeconds: 20,
        meanPatienceSeconds: 120,
      },
      {
        arrivalRatePerHour: perHour(4950, 180),
        meanServiceSeconds: 180,
        agents: 5000,
        thresholdSeconds: 20,
        meanPatienceSeconds: 1e9,
      },
      {
        arrivalRatePerHour: perHour(7500, 180),
        meanServiceSeconds: 180,
        agents: 5000,
        thresholdSeconds: 20,
        meanPatienceSeconds: 1e5,
      },
      {
        arrivalRatePerHour: perHour(50, 180),
        meanServiceSeconds: 180,
        agents: 5000,
        thresholdSeconds: 20,
        meanPatienceSeconds: 0.01,
      },
      {
        arrivalRatePerHour: perHour(20000, 180),
        meanServiceSeconds: 180,
        agents: 10,
        thresholdSeconds: 20,
        meanPatienceSeconds: 1,
      },
    ];
    for (const input of inputs) {
      const r = erlangA(input);
      expect(allFinite(r) && allNonNegative(r)).toBe(true);
      for (const p of [
        r.pWait,
        r.pAbandon,
        r.pAbandonGivenWait,
        r.serviceLevel,
        r.serviceLevelOfAnswered,
        r.occupancy,
      ]) {
        expect(p).toBeLessThanOrEqual(1);
      }
      expect(r.serviceLevel).toBeLessThanOrEqual(1 - r.pAbandon + 1e-15);
    }
  });

  it('has no waiting without traffic, and a lone waiting caller abandons with probability θ/(nμ + θ)', () => {
    const r = erlangA({ ...base, arrivalRatePerHour: 0 });
    expect([r.pWait, r.pAbandon, r.asa, r.meanWait, r.serviceLevel, r.occupancy]).toEqual([0, 0, 0, 0, 1, 0]);
    const theta = 1 / base.meanPatienceSeconds;
    expectClose(r.pAbandonGivenWait, theta / (base.agents / base.meanServiceSeconds + theta), 1e-14);
  });

  it('rejects a non-positive or infinite patience and other invalid inputs', () => {
    expect(() => erlangA({ ...base, meanPatienceSeconds: 0 })).toThrow(/meanPatienceSeconds/);
    expect(() => erlangA({ ...base, meanPatienceSeconds: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => erlangA({ ...base, agents: 3.5 })).toThrow(/agents/);
    expect(() => erlangA({ ...base, arrivalRatePerHour: Number.NaN })).toThrow(RangeError);
  });
});
