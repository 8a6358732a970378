import { describe, expect, it } from 'vitest';

import { erlangA, erlangC } from '../../src/analytic/index.js';
import {
  benchmarkObserved,
  erlangBenchmark,
  exponentialPatienceOf,
  impliedAgents,
} from '../../src/data/erlang-benchmark.js';
import { observedKpis } from '../../src/data/observed-kpis.js';
import { at, call } from './call.js';
import type { ErlangBenchmarkInput } from '../../src/data/erlang-benchmark.js';

/** 100 calls in an hour of 180 s: a load of 5 erlangs. */
const base: ErlangBenchmarkInput = {
  offered: 100,
  intervalSeconds: 3600,
  meanHandleSeconds: 180,
  agents: 7,
  meanPatienceSeconds: 120,
  thresholdSeconds: 20,
};

const analyticC = (agents: number) => {
  const r = erlangC({ arrivalRatePerHour: 100, meanServiceSeconds: 180, agents, thresholdSeconds: 20 });
  if (!r.stable) throw new Error('expected a stable Erlang C');
  return r;
};
const analyticA = (agents: number) =>
  erlangA({
    arrivalRatePerHour: 100,
    meanServiceSeconds: 180,
    agents,
    thresholdSeconds: 20,
    meanPatienceSeconds: 120,
  });

describe('erlangBenchmark', () => {
  it('gives src/analytic values exactly at whole agents', () => {
    for (const agents of [6, 7, 9]) {
      const r = erlangBenchmark({ ...base, agents });
      const c = analyticC(agents);
      const a = analyticA(agents);
      expect(r.load).toBe(5);
      expect(r.erlangC).toEqual({
        stable: true,
        serviceLevel: c.serviceLevel,
        asa: c.asa,
        pWait: c.pWait,
        abandonRate: 0,
      });
      expect(r.erlangA).toEqual({
        serviceLevel: a.serviceLevel,
        abandonRate: a.pAbandon,
        asa: a.asa,
        meanWait: a.meanWait,
        pWait: a.pWait,
      });
    }
  });

  it('reads the calls of a shorter interval as a rate per hour', () => {
    const half = erlangBenchmark({ ...base, offered: 50, intervalSeconds: 1800 });
    expect(half.erlangA).toEqual(erlangBenchmark(base).erlangA);
  });

  it('mixes floor and ceiling for fractional agents: fractions linearly, ASA as a ratio of sums', () => {
    const r = erlangBenchmark({ ...base, agents: 6.25 });
    const [c6, c7, a6, a7] = [analyticC(6), analyticC(7), analyticA(6), analyticA(7)];
    expect(r.erlangC.serviceLevel).toBeCloseTo(0.75 * c6.serviceLevel + 0.25 * c7.serviceLevel, 14);
    expect(r.erlangC.asa).toBeCloseTo(0.75 * c6.asa + 0.25 * c7.asa, 12);
    expect(r.erlangA.serviceLevel).toBeCloseTo(0.75 * a6.serviceLevel + 0.25 * a7.serviceLevel, 14);
    expect(r.erlangA.abandonRate).toBeCloseTo(0.75 * a6.pAbandon + 0.25 * a7.pAbandon, 14);
    const answered6 = 1 - a6.pAbandon;
    const answered7 = 1 - a7.pAbandon;
    expect(r.erlangA.asa).toBeCloseTo(
      (0.75 * answered6 * a6.asa + 0.25 * answered7 * a7.asa) / (0.75 * answered6 + 0.25 * answered7),
      12,
    );
    // Between the two whole staffings.
    expect(r.erlangA.serviceLevel).toBeGreaterThan(a6.serviceLevel);
    expect(r.erlangA.serviceLevel).toBeLessThan(a7.serviceLevel);
  });

  it('reports an overloaded Erlang C as service level 0 without ASA, Erlang A as finite', () => {
    const r = erlangBenchmark({ ...base, agents: 5 });
    expect(r.erlangC).toEqual({ stable: false, serviceLevel: 0, asa: null, pWait: 1, abandonRate: 0 });
    expect(r.erlangA.abandonRate).toBe(analyticA(5).pAbandon);
    const between = erlangBenchmark({ ...base, agents: 5.5 });
    expect(between.erlangC.stable).toBe(false);
    expect(between.erlangC.serviceLevel).toBeCloseTo(0.5 * analyticC(6).serviceLevel, 14);
    expect(between.erlangC.asa).toBeNull();
  });

  it('answers nobody with zero agents: every caller abandons in Erlang A', () => {
    const r = erlangBenchmark({ ...base, agents: 0 });
    expect(r.erlangC).toMatchObject({ stable: false, serviceLevel: 0, asa: null });
    expect(r.erlangA).toEqual({ serviceLevel: 0, abandonRate: 1, asa: null, meanWait: 120, pWait: 1 });
    // Half an agent: half the time nobody, half the time one agent, whose answered calls make the ASA.
    const half = erlangBenchmark({ ...base, agents: 0.5 });
    const a1 = analyticA(1);
    expect(half.erlangA.abandonRate).toBeCloseTo(0.5 + 0.5 * a1.pAbandon, 14);
    expect(half.erlangA.asa).toBeCloseTo(a1.asa, 12);
  });

  it('falls back to Erlang C without observed abandonment, and to nulls without calls', () => {
    const patient = erlangBenchmark({ ...base, meanPatienceSeconds: null });
    expect(patient.erlangA).toMatchObject({
      serviceLevel: patient.erlangC.serviceLevel,
      asa: patient.erlangC.asa,
      abandonRate: 0,
    });
    const empty = erlangBenchmark({ ...base, offered: 0 });
    expect(empty.load).toBeNull();
    expect(empty.erlangA.serviceLevel).toBeNull();
    expect(empty.erlangC.asa).toBeNull();
    expect(erlangBenchmark({ ...base, meanHandleSeconds: null }).erlangA.asa).toBeNull();
  });

  it('rejects negative agents and a non-positive patience', () => {
    expect(() => erlangBenchmark({ ...base, agents: -1 })).toThrow(/agents/);
    expect(() => erlangBenchmark({ ...base, meanPatienceSeconds: 0 })).toThrow(/meanPatienceSeconds/);
  });

  it('recovers the agents behind an Erlang A value (the implied staffing)', () => {
    const { agents: _, ...inputs } = base;
    for (const agents of [4.5, 6.3, 9]) {
      const a = erlangBenchmark({ ...base, agents }).erlangA;
      for (const kpi of ['serviceLevel', 'abandonRate', 'asa'] as const) {
        const value = a[kpi];
        if (value === null) throw new Error('expected a value');
        expect(impliedAgents(inputs, { kpi, value })).toBeCloseTo(agents, 6);
      }
    }
    expect(impliedAgents(inputs, { kpi: 'abandonRate', value: 0 })).toBeNull(); // no staffing reaches 0
    expect(impliedAgents(inputs, { kpi: 'serviceLevel', value: 0 })).toBe(0);
    expect(impliedAgents({ ...inputs, offered: 0 }, { kpi: 'asa', value: 10 })).toBeNull();
  });

  it('takes an observed interval’s calls per day, handle time and exponential patience', () => {
    // Two days: 3 answered (waits 10, 20, 0; 100 s talk each) and 1 abandoned after 30 s.
    const records = [
      call(at('08:00'), { wait: 10 }),
      call(at('08:10'), { wait: 20 }),
      call(at('08:20'), { date: '1999-02-02', wait: 0 }),
      call(at('08:30'), { date: '1999-02-02', outcome: 'abandoned', wait: 30 }),
    ];
    const tallies = observedKpis(records, { intervalSeconds: 3600 }).intervals[0].tallies;
    expect(exponentialPatienceOf(tallies)).toBe(60); // (10 + 20 + 0 + 30) s waited ÷ 1 abandon
    const r = benchmarkObserved(tallies, { days: 2, intervalSeconds: 3600, agents: 2, thresholdSeconds: 20 });
    expect(r).toEqual(
      erlangBenchmark({
        offered: 2,
        intervalSeconds: 3600,
        meanHandleSeconds: 100,
        agents: 2,
        meanPatienceSeconds: 60,
        thresholdSeconds: 20,
      }),
    );
    expect(exponentialPatienceOf({ ...tallies, abandoned: 0 })).toBeNull();
  });
});
