import { describe, expect, it } from 'vitest';
import {
  erlangA,
  erlangC,
  staffErlangA,
  staffErlangC,
  type ErlangStaffingResult,
  type StaffErlangAInput,
  type StaffErlangCInput,
} from '../../src/analytic/index.js';

function agentsOf<R>(r: ErlangStaffingResult<R>): { agents: number; achieved: R } {
  if (!r.feasible) throw new Error(`expected a feasible staffing, got: ${r.reason}`);
  return r;
}

function meetsC(input: StaffErlangCInput, agents: number): boolean {
  const r = erlangC({ ...input, agents });
  return (
    r.stable &&
    r.serviceLevel >= input.targetServiceLevel &&
    (input.maxAsaSeconds === undefined || r.asa <= input.maxAsaSeconds) &&
    (input.maxOccupancy === undefined || r.occupancy <= input.maxOccupancy)
  );
}

function meetsA(input: StaffErlangAInput, agents: number): boolean {
  const r = erlangA({ ...input, agents });
  return (
    r.serviceLevel >= input.targetServiceLevel &&
    (input.maxAsaSeconds === undefined || r.asa <= input.maxAsaSeconds) &&
    (input.maxAbandonRate === undefined || r.pAbandon <= input.maxAbandonRate) &&
    (input.maxOccupancy === undefined || r.occupancy <= input.maxOccupancy)
  );
}

const callCentreHelper: StaffErlangCInput = {
  arrivalRatePerHour: 200,
  meanServiceSeconds: 180,
  thresholdSeconds: 20,
  targetServiceLevel: 0.8,
};

describe('staffErlangC', () => {
  it('finds 14 agents for the Call Centre Helper 80/20 example', () => {
    // 100 calls per 30 min, AHT 180 s, 80% in 20 s (see erlang-c.test.ts).
    const r = agentsOf(staffErlangC(callCentreHelper));
    expect(r.agents).toBe(14);
    expect(r.achieved).toEqual(erlangC({ ...callCentreHelper, agents: 14 }));
  });

  it('returns the fewest agents meeting every target: n meets them, n − 1 does not', () => {
    const cases: StaffErlangCInput[] = [
      callCentreHelper,
      { ...callCentreHelper, targetServiceLevel: 0.95, thresholdSeconds: 10 },
      { ...callCentreHelper, maxAsaSeconds: 2 },
      { ...callCentreHelper, targetServiceLevel: 0, maxOccupancy: 0.6 },
      { arrivalRatePerHour: 3, meanServiceSeconds: 900, thresholdSeconds: 60, targetServiceLevel: 0.9 },
      {
        arrivalRatePerHour: 12_000,
        meanServiceSeconds: 240,
        thresholdSeconds: 30,
        targetServiceLevel: 0.9,
        maxAsaSeconds: 5,
        maxOccupancy: 0.95,
      },
    ];
    for (const input of cases) {
      const { agents } = agentsOf(staffErlangC(input));
      expect(meetsC(input, agents)).toBe(true);
      expect(meetsC(input, agents - 1)).toBe(false);
    }
  });

  it('lets each optional target bind on its own', () => {
    // Occupancy 10/n ≤ 0.6 needs n ≥ 16.67, more than the 80/20 target's 14.
    expect(agentsOf(staffErlangC({ ...callCentreHelper, maxOccupancy: 0.6 })).agents).toBe(17);
    const asaBound = agentsOf(staffErlangC({ ...callCentreHelper, maxAsaSeconds: 1 }));
    expect(asaBound.agents).toBeGreaterThan(14);
    expect(asaBound.achieved.asa).toBeLessThanOrEqual(1);
  });

  it('staffs 5000-agent loads with a stable, sane answer', () => {
    const input = {
      arrivalRatePerHour: (5000 * 3600) / 180,
      meanServiceSeconds: 180,
      thresholdSeconds: 20,
      targetServiceLevel: 0.8,
    };
    const { agents, achieved } = agentsOf(staffErlangC(input));
    expect(agents).toBeGreaterThan(5000);
    expect(agents).toBeLessThan(5100);
    expect(achieved.serviceLevel).toBeGreaterThanOrEqual(0.8);
    expect(meetsC(input, agents - 1)).toBe(false);
  });

  it('staffs one agent when no calls arrive', () => {
    expect(
      agentsOf(staffErlangC({ ...callCentreHelper, arrivalRatePerHour: 0, targetServiceLevel: 1 })).agents,
    ).toBe(1);
  });

  it('reports targets no staffing can meet instead of searching forever', () => {
    expect(staffErlangC({ ...callCentreHelper, targetServiceLevel: 1 })).toMatchObject({
      feasible: false,
      reason: expect.stringMatching(/service level of 1/),
    });
    expect(staffErlangC({ ...callCentreHelper, maxAsaSeconds: 0 })).toMatchObject({ feasible: false });
    expect(staffErlangC({ ...callCentreHelper, maxAgents: 12 })).toEqual({
      feasible: false,
      reason: 'no staffing up to maxAgents = 12 meets the targets',
    });
    expect(staffErlangC({ ...callCentreHelper, arrivalRatePerHour: 1e9 })).toMatchObject({ feasible: false });
  });

  it('rejects out-of-range targets with a RangeError', () => {
    expect(() => staffErlangC({ ...callCentreHelper, targetServiceLevel: 1.2 })).toThrow(
      /targetServiceLevel/,
    );
    expect(() => staffErlangC({ ...callCentreHelper, targetServiceLevel: Number.NaN })).toThrow(RangeError);
    expect(() => staffErlangC({ ...callCentreHelper, maxOccupancy: 0 })).toThrow(/maxOccupancy/);
    expect(() => staffErlangC({ ...callCentreHelper, maxOccupancy: 1.5 })).toThrow(/maxOccupancy/);
    expect(() => staffErlangC({ ...callCentreHelper, maxAsaSeconds: -3 })).toThrow(/maxAsaSeconds/);
    expect(() => staffErlangC({ ...callCentreHelper, maxAgents: 0 })).toThrow(/maxAgents/);
  });
});

describe('staffErlangA', () => {
  const base: StaffErlangAInput = { ...callCentreHelper, meanPatienceSeconds: 120 };

  it('returns the fewest agents meeting every target: n meets them, n − 1 does not', () => {
    const cases: StaffErlangAInput[] = [
      base,
      { ...base, maxAbandonRate: 0.01 },
      { ...base, targetServiceLevel: 0.5, maxAsaSeconds: 3 },
      { ...base, targetServiceLevel: 0, maxOccupancy: 0.7 },
      { ...base, targetServiceLevel: 0.2, meanPatienceSeconds: 10 },
      {
        arrivalRatePerHour: 12_000,
        meanServiceSeconds: 240,
        thresholdSeconds: 30,
        targetServiceLevel: 0.9,
        meanPatienceSeconds: 300,
        maxAbandonRate: 0.02,
      },
    ];
    for (const input of cases) {
      const { agents, achieved } = agentsOf(staffErlangA(input));
      expect(achieved).toEqual(erlangA({ ...input, agents }));
      expect(meetsA(input, agents)).toBe(true);
      if (agents > 1) expect(meetsA(input, agents - 1)).toBe(false);
    }
  });

  it('needs no more agents than Erlang C, since abandonment shortens waits', () => {
    const a = agentsOf(staffErlangA(base)).agents;
    expect(a).toBeLessThanOrEqual(14);
  });

  it('staffs below the offered load when a low service level is acceptable', () => {
    // Garnett, Mandelbaum & Reiman (2002): with abandonment, n < a is stable.
    const { agents, achieved } = agentsOf(
      staffErlangA({ ...base, targetServiceLevel: 0.05, meanPatienceSeconds: 30 }),
    );
    expect(agents).toBeLessThan(10);
    expect(achieved.pAbandon).toBeGreaterThan(0);
  });

  it('staffs 5000-agent loads', () => {
    const input: StaffErlangAInput = {
      arrivalRatePerHour: (5000 * 3600) / 180,
      meanServiceSeconds: 180,
      thresholdSeconds: 20,
      targetServiceLevel: 0.8,
      meanPatienceSeconds: 120,
      maxAbandonRate: 0.001,
    };
    const { agents, achieved } = agentsOf(staffErlangA(input));
    expect(agents).toBeGreaterThan(4900);
    expect(agents).toBeLessThan(5200);
    expect(achieved.pAbandon).toBeLessThanOrEqual(0.001);
    expect(meetsA(input, agents - 1)).toBe(false);
  });

  it('reports targets no staffing can meet', () => {
    expect(staffErlangA({ ...base, targetServiceLevel: 1 })).toMatchObject({ feasible: false });
    expect(staffErlangA({ ...base, maxAbandonRate: 0 })).toMatchObject({
      feasible: false,
      reason: expect.stringMatching(/abandonment rate of 0/),
    });
    expect(staffErlangA({ ...base, maxAgents: 5 })).toMatchObject({ feasible: false });
  });

  it('rejects an invalid patience or abandonment target with a RangeError', () => {
    expect(() => staffErlangA({ ...base, meanPatienceSeconds: -1 })).toThrow(/meanPatienceSeconds/);
    expect(() => staffErlangA({ ...base, maxAbandonRate: 2 })).toThrow(/maxAbandonRate/);
  });
});
