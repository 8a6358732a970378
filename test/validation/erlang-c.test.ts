/**
 * Statistical validation: the simulator against Erlang C (M/M/n, no
 * abandonment). Each case starts empty, warms up, then measures a long
 * horizon over independent replications. The exact value must fall inside
 * the simulated interval. Four KPIs per case are checked at 99.9% each
 * (Bonferroni: a family error below 0.4% per case); fixed seeds make each
 * outcome deterministic, so a failure means a real discrepancy, not chance.
 */
import { describe, expect, it } from 'vitest';
import { erlangC, erlangCWaitQuantile } from '../../src/analytic/index.js';
import { kpi, run, singleQueue } from '../support/scenarios.js';

const LEVEL = 0.999;

const cases = [
  {
    label: 'one agent at 70% load',
    ratePerHour: 10.5,
    aht: 240,
    agents: 1,
    warmup: '10h',
    horizon: '400h',
    reps: 20,
  },
  {
    label: 'three agents at 80% load',
    ratePerHour: 36,
    aht: 240,
    agents: 3,
    warmup: '10h',
    horizon: '200h',
    reps: 20,
  },
  {
    label: 'fifty agents at 45 erlangs',
    ratePerHour: 675,
    aht: 240,
    agents: 50,
    warmup: '2h',
    horizon: '40h',
    reps: 20,
  },
  {
    label: 'five hundred agents at 480 erlangs',
    ratePerHour: 7200,
    aht: 240,
    agents: 500,
    warmup: '2h',
    horizon: '10h',
    reps: 20,
  },
];

describe('simulation against Erlang C', () => {
  for (const c of cases) {
    it(`matches Erlang C for ${c.label}`, async () => {
      const exact = erlangC({
        arrivalRatePerHour: c.ratePerHour,
        meanServiceSeconds: c.aht,
        agents: c.agents,
        thresholdSeconds: 20,
      });
      if (!exact.stable) throw new Error('test case must be stable');
      const result = await run(
        singleQueue({
          ratePerHour: c.ratePerHour,
          ahtSeconds: c.aht,
          agents: c.agents,
          warmup: c.warmup,
          horizon: c.horizon,
          replications: c.reps,
          seed: 2024,
        }),
        LEVEL,
      );
      const checks: Array<[string, number]> = [
        ['pWait', exact.pWait],
        ['asa', exact.asa],
        ['serviceLevel', exact.serviceLevel],
        ['occupancy', exact.occupancy],
      ];
      for (const [name, value] of checks) {
        const sim = kpi(result, name);
        expect(value, `${name}: exact ${value} outside [${sim.lo}, ${sim.hi}]`).toBeGreaterThanOrEqual(
          sim.lo,
        );
        expect(value, `${name}: exact ${value} outside [${sim.lo}, ${sim.hi}]`).toBeLessThanOrEqual(sim.hi);
      }
      // Nothing abandons and every call is answered in the drain.
      expect(kpi(result, 'abandoned').mean).toBe(0);
      expect(kpi(result, 'answered').mean).toBe(kpi(result, 'offered').mean);
    });
  }

  it('matches the Erlang C 90th percentile of the wait within a second', async () => {
    const input = { arrivalRatePerHour: 675, meanServiceSeconds: 240, agents: 48, thresholdSeconds: 20 };
    const exact = erlangCWaitQuantile(input, 0.9);
    const result = await run(
      singleQueue({
        ratePerHour: 675,
        ahtSeconds: 240,
        agents: 48,
        warmup: '2h',
        horizon: '40h',
        replications: 20,
        seed: 5,
      }),
      LEVEL,
    );
    const p90 = kpi(result, 'waitP90');
    // Percentiles come from 1-second bins: allow the bin width on top of the interval.
    expect(exact).toBeGreaterThan(p90.lo - 1);
    expect(exact).toBeLessThan(p90.hi + 1);
  });
});
