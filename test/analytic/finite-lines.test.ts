import { describe, expect, it } from 'vitest';
import { erlangB, erlangC, finiteLines, type FiniteLinesInput } from '../../src/analytic/index.js';
import { allFinite, allNonNegative, expectClose, linesReference } from './reference.js';

const base: FiniteLinesInput = {
  arrivalRatePerHour: 200,
  meanServiceSeconds: 180,
  agents: 12,
  lines: 15,
  thresholdSeconds: 20,
};

describe('finiteLines', () => {
  it('matches the M/M/n/K chain and a tagged-caller computation of the wait', () => {
    const cases: FiniteLinesInput[] = [
      base,
      { arrivalRatePerHour: 400, meanServiceSeconds: 180, agents: 15, lines: 30, thresholdSeconds: 10 },
      { arrivalRatePerHour: 36, meanServiceSeconds: 500, agents: 5, lines: 5, thresholdSeconds: 20 },
      { arrivalRatePerHour: 30, meanServiceSeconds: 60, agents: 1, lines: 4, thresholdSeconds: 0 },
      { arrivalRatePerHour: 900, meanServiceSeconds: 100, agents: 20, lines: 200, thresholdSeconds: 30 },
    ];
    for (const input of cases) {
      const lambda = input.arrivalRatePerHour / 3600;
      const mu = 1 / input.meanServiceSeconds;
      const ref = linesReference(lambda, mu, input.agents, input.lines, input.thresholdSeconds);
      const r = finiteLines(input);
      expectClose(r.blocking, ref.blocking);
      expectClose(r.pWait, ref.pWait);
      expectClose(r.pWaitGivenAccepted, ref.pWait / (1 - ref.blocking));
      expectClose(r.asa, ref.asa);
      expectClose(r.serviceLevel, ref.serviceLevel);
      expectClose(r.serviceLevelOfOffered, ref.serviceLevel * (1 - ref.blocking));
      expectClose(r.meanQueueLength, ref.meanQueueLength);
      expectClose(r.occupancy, ((lambda / mu) * (1 - ref.blocking)) / input.agents);
    }
  });

  it('equals Erlang B when there are as many lines as agents', () => {
    for (const [agents, load] of [
      [1, 0.7],
      [14, 10],
      [50, 65],
      [3000, 2990],
    ] as const) {
      const r = finiteLines({
        arrivalRatePerHour: (load * 3600) / 180,
        meanServiceSeconds: 180,
        agents,
        lines: agents,
        thresholdSeconds: 20,
      });
      expectClose(r.blocking, erlangB(agents, load), 1e-11);
      expect([r.pWait, r.asa, r.meanQueueLength, r.serviceLevel]).toEqual([0, 0, 0, 1]);
    }
  });

  it('tends to Erlang C as the number of lines grows', () => {
    const input = { arrivalRatePerHour: 200, meanServiceSeconds: 180, agents: 14, thresholdSeconds: 20 };
    const c = erlangC(input);
    if (!c.stable) throw new Error('expected a stable queue');
    const r = finiteLines({ ...input, lines: 14 + 2000 });
    expect(r.blocking).toBeLessThan(1e-200);
    expectClose(r.pWait, c.pWait, 1e-12);
    expectClose(r.asa, c.asa, 1e-12);
    expectClose(r.serviceLevel, c.serviceLevel, 1e-12);
    expectClose(r.meanQueueLength, c.meanQueueLength, 1e-12);
  });

  it('stays finite for 5000 agents and for heavy overload', () => {
    const big = finiteLines({
      arrivalRatePerHour: (4950 * 3600) / 180,
      meanServiceSeconds: 180,
      agents: 5000,
      lines: 6000,
      thresholdSeconds: 20,
    });
    const over = finiteLines({
      arrivalRatePerHour: (9000 * 3600) / 180,
      meanServiceSeconds: 180,
      agents: 5000,
      lines: 5500,
      thresholdSeconds: 20,
    });
    for (const r of [big, over]) {
      expect(allFinite(r) && allNonNegative(r)).toBe(true);
      for (const p of [
        r.blocking,
        r.pWait,
        r.pWaitGivenAccepted,
        r.serviceLevel,
        r.serviceLevelOfOffered,
        r.occupancy,
      ]) {
        expect(p).toBeLessThanOrEqual(1);
      }
    }
    // In heavy overload the carried load is about n: blocking ≈ 1 − n/a.
    expect(over.blocking).toBeCloseTo(1 - 5000 / 9000, 2);
    expect(over.occupancy).toBeGreaterThan(0.999);
  });

  it('has no waiting or blocking without traffic', () => {
    const r = finiteLines({ ...base, arrivalRatePerHour: 0 });
    expect([r.blocking, r.pWait, r.asa, r.serviceLevel, r.occupancy]).toEqual([0, 0, 0, 1, 0]);
  });

  it('rejects fewer lines than agents and other invalid inputs', () => {
    expect(() => finiteLines({ ...base, lines: 11 })).toThrow(/lines must be an integer ≥ 12/);
    expect(() => finiteLines({ ...base, lines: 15.5 })).toThrow(RangeError);
    expect(() => finiteLines({ ...base, agents: 0 })).toThrow(RangeError);
    expect(() => finiteLines({ ...base, thresholdSeconds: -1 })).toThrow(RangeError);
  });
});
