import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/analytic/index.js';
import { expectClose, stationaryByElimination } from './reference.js';

describe('erlangB', () => {
  it('matches the top state of the M/M/n/n chain solved by elimination', () => {
    for (const [servers, load] of [
      [1, 0.3],
      [5, 2.5],
      [10, 5],
      [20, 17.25],
      [30, 45],
    ] as const) {
      const pi = stationaryByElimination(
        () => load,
        (j) => j,
        servers,
      );
      expectClose(erlangB(servers, load), pi[servers]!, 1e-10);
    }
  });

  it('reproduces B(10, 5) = 0.01838 and B(30, 20) = 0.00846 to the printed digits', () => {
    // Standard Erlang B tables; values re-derived here from the definition.
    expect(erlangB(10, 5)).toBeCloseTo(0.01838, 5);
    expect(erlangB(30, 20)).toBeCloseTo(0.00846, 5);
  });

  it('agrees with standard Erlang B tables of offered load per grade of service', () => {
    // Standard Erlang B tables (e.g. the table in Wikipedia "Erlang (unit)"
    // and in traffic-engineering handbooks) give, for N lines and a blocking
    // target, the offered load rounded to 0.01 erlang. So the load at which B
    // equals the target lies within ±0.005 of the printed value.
    const table: [lines: number, blocking: number, load: number][] = [
      [1, 0.01, 0.01],
      [5, 0.01, 1.36],
      [10, 0.01, 4.46],
      [10, 0.02, 5.08],
      [10, 0.05, 6.22],
      [20, 0.01, 12.03],
      [20, 0.02, 13.18],
      [30, 0.01, 20.34],
      [50, 0.01, 37.9],
      [100, 0.01, 84.06],
    ];
    for (const [lines, blocking, load] of table) {
      expect(erlangB(lines, load - 0.005)).toBeLessThanOrEqual(blocking);
      expect(erlangB(lines, load + 0.005)).toBeGreaterThanOrEqual(blocking);
    }
  });

  it('accepts a non-integer load and zero servers', () => {
    expect(erlangB(0, 3.7)).toBe(1);
    expectClose(erlangB(1, 0.5), 0.5 / 1.5, 1e-15);
    expectClose(erlangB(2, 1.5), 1.125 / (1 + 1.5 + 1.125), 1e-15);
  });

  it('is zero without traffic and stays in (0, 1) for 10 000 servers', () => {
    expect(erlangB(5, 0)).toBe(0);
    const b = erlangB(10_000, 9_800);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(1);
  });

  it('rejects negative, NaN or infinite loads and non-integer servers', () => {
    expect(() => erlangB(3, -1)).toThrow(RangeError);
    expect(() => erlangB(3, Number.NaN)).toThrow(RangeError);
    expect(() => erlangB(3, Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => erlangB(2.5, 1)).toThrow(/servers must be an integer/);
    expect(() => erlangB(-1, 1)).toThrow(RangeError);
  });
});
