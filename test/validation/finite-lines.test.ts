/**
 * Statistical validation: a site with K lines and n agents, Poisson arrivals
 * straight to one voice queue, exponential talk times, callers who never
 * abandon, is the M/M/n/K queue (a call holds a line from arrival until its
 * talk ends, so at most K calls are in the center, at most n in service).
 *
 * Exact values from `finiteLines` (Kleinrock 1975, §3.7; Koole 2013, ch. 5),
 * with the simulator's KPI definitions (src/model/kpis.ts):
 *   blocked ÷ offered                      = blocking           (π_K, PASTA)
 *   pWait   = queued ÷ (offered − blocked) = pWaitGivenAccepted
 *   asa     = mean wait of answered calls  = asa of accepted calls (all of
 *             them are answered: nobody abandons, and the drain serves the rest)
 *   serviceLevel = answered within T ÷ (offered − blocked) = P(W ≤ T | accepted)
 *   occupancy = a·(1 − blocking) / n
 * One case sits at load = agents (ρ = 1), where only the lines keep the queue
 * finite and Erlang C has no steady state.
 *
 * Started empty, warmed up, then measured over 20 replications; five KPIs
 * per case at 99.9% each (Bonferroni: family error below 0.5% per case);
 * fixed seeds.
 */
import { describe, expect, it } from 'vitest';
import { finiteLines } from '../../src/analytic/index.js';
import type { Interval } from '../../src/kernel/confidence.js';
import { Field } from '../../src/model/kpis.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { ALL, Replications, expectInside } from '../support/replication-records.js';

const LEVEL = 0.999;
const AHT = 240;
const THRESHOLD = 20;

const cases = [
  {
    label: 'five agents, eight lines, 4.5 erlangs',
    agents: 5,
    lines: 8,
    rate: 67.5,
    warmup: '10h',
    horizon: '400h',
  },
  {
    label: 'two agents, six lines, 2 erlangs (load = agents)',
    agents: 2,
    lines: 6,
    rate: 30,
    warmup: '10h',
    horizon: '600h',
  },
  {
    label: 'twenty agents, 25 lines, 19 erlangs',
    agents: 20,
    lines: 25,
    rate: 285,
    warmup: '2h',
    horizon: '100h',
  },
];

describe('simulation against M/M/n/K (finite lines)', () => {
  cases.forEach((c, k) => {
    it(`matches M/M/n/K blocking, waiting probability, ASA, service level and occupancy for ${c.label}`, () => {
      const exact = finiteLines({
        arrivalRatePerHour: c.rate,
        meanServiceSeconds: AHT,
        agents: c.agents,
        lines: c.lines,
        thresholdSeconds: THRESHOLD,
      });
      const model = modelFromText(
        `name: lines
seed: ${700 + k}
warmup: ${c.warmup}
horizon: ${c.horizon}
interval: ${c.horizon}
serviceLevel: { threshold: ${THRESHOLD}s }
sites:
  - { name: main, lines: ${c.lines} }
callTypes:
  - name: q
    arrivals: { ratePerHour: ${c.rate} }
    handleTime: { dist: exponential, mean: ${AHT}s }
agentGroups:
  - { name: team, agents: ${c.agents}, skills: [q] }
`,
        'lines.yaml',
      );
      const reps = new Replications(model, 20);
      const checks: Array<[string, number, Interval]> = [
        [
          'blocked ÷ offered',
          exact.blocking,
          reps.ratio(
            (r) => r[Field.blocked],
            (r) => r[Field.offered],
            LEVEL,
          ),
        ],
        ['pWait', exact.pWaitGivenAccepted, reps.kpi('pWait', LEVEL)],
        ['asa', exact.asa, reps.kpi('asa', LEVEL)],
        ['serviceLevel', exact.serviceLevel, reps.kpi('serviceLevel', LEVEL)],
        ['occupancy', exact.occupancy, reps.kpi('occupancy', LEVEL)],
      ];
      for (const [name, value, interval] of checks) expectInside(value, interval, name);
      // Nobody abandons; every accepted call is answered in the drain.
      for (const record of reps.summaries.map((s) => reps.layout.record(s, -1, ALL))) {
        expect(record[Field.abandoned]).toBe(0);
        expect(record[Field.answered] + record[Field.blocked]).toBe(record[Field.offered]);
      }
    });
  });
});
