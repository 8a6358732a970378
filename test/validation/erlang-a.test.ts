/**
 * Statistical validation: the simulator against Erlang A (M/M/n+M,
 * exponential patience), including an overloaded center (load > agents),
 * where only abandonment keeps the queue finite. Six KPIs per case at 99.9%
 * each (Bonferroni: family error below 0.6% per case); fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { erlangA } from '../../src/analytic/index.js';
import { kpi, run, singleQueue } from '../support/scenarios.js';

const LEVEL = 0.999;

const cases = [
  {
    label: 'two agents, impatient callers',
    ratePerHour: 30,
    aht: 240,
    agents: 2,
    patience: 120,
    warmup: '10h',
    horizon: '200h',
  },
  {
    label: 'fifty agents at 45 erlangs',
    ratePerHour: 675,
    aht: 240,
    agents: 50,
    patience: 480,
    warmup: '2h',
    horizon: '40h',
  },
  {
    label: 'five hundred agents at 490 erlangs',
    ratePerHour: 7350,
    aht: 240,
    agents: 500,
    patience: 300,
    warmup: '2h',
    horizon: '8h',
  },
  {
    label: 'an overloaded center: 60 erlangs on 50 agents',
    ratePerHour: 900,
    aht: 240,
    agents: 50,
    patience: 180,
    warmup: '2h',
    horizon: '40h',
  },
];

describe('simulation against Erlang A', () => {
  for (const c of cases) {
    it(`matches Erlang A for ${c.label}`, async () => {
      const exact = erlangA({
        arrivalRatePerHour: c.ratePerHour,
        meanServiceSeconds: c.aht,
        agents: c.agents,
        thresholdSeconds: 20,
        meanPatienceSeconds: c.patience,
      });
      const result = await run(
        singleQueue({
          ratePerHour: c.ratePerHour,
          ahtSeconds: c.aht,
          agents: c.agents,
          patienceSeconds: c.patience,
          warmup: c.warmup,
          horizon: c.horizon,
          replications: 20,
          seed: 77,
        }),
        LEVEL,
      );
      const checks: Array<[string, number]> = [
        ['abandonRate', exact.pAbandon],
        ['asa', exact.asa],
        ['meanWait', exact.meanWait],
        ['serviceLevel', exact.serviceLevel],
        ['serviceLevelOfAnswered', exact.serviceLevelOfAnswered],
        ['occupancy', exact.occupancy],
      ];
      for (const [name, value] of checks) {
        const sim = kpi(result, name);
        expect(value, `${name}: exact ${value} outside [${sim.lo}, ${sim.hi}]`).toBeGreaterThanOrEqual(
          sim.lo,
        );
        expect(value, `${name}: exact ${value} outside [${sim.lo}, ${sim.hi}]`).toBeLessThanOrEqual(sim.hi);
      }
    });
  }
});
