/**
 * Properties of the engine that hold for any scenario: conservation of
 * calls, common random numbers across staffing changes, determinism.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/experiment/simulate.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { modelFromText } from '../../src/model/scenario/index.js';

function center(agents: [number, number, number], seed: number, patience = true): string {
  const p = patience ? '\n    patience: { dist: exponential, mean: 90s }' : '';
  return `name: props
seed: ${seed}
replications: 2
warmup: 15m
horizon: 1h
interval: 15m
callTypes:
  - name: a
    arrivals: { ratePerHour: 300 }
    handleTime: { dist: lognormal, mean: 120s, cv: 1 }${p}
  - name: b
    arrivals: { ratePerHour: 200 }
    handleTime: { dist: erlang, mean: 90s, k: 2 }${p}
agentGroups:
  - { name: ga, agents: ${agents[0]}, skills: [a] }
  - { name: gb, agents: ${agents[1]}, skills: [b] }
  - { name: gab, agents: ${agents[2]}, skills: [a, b] }
`;
}

const run = (yaml: string) => simulate(modelFromText(yaml, 'props.yaml'));
const m = (r: RunResult['total'], k: string) => r[k]?.mean ?? NaN;

const agentsArb = fc.tuple(
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 1, max: 6 }),
);

describe('engine properties', () => {
  it('accounts for every offered call as answered, abandoned or unfinished', async () => {
    await fc.assert(
      fc.asyncProperty(agentsArb, fc.integer({ min: 0, max: 1000 }), async (agents, seed) => {
        const r = await run(center(agents, seed));
        for (const view of [r.total, ...Object.values(r.byCallType), ...r.byInterval.map((i) => i.kpis)]) {
          expect(m(view, 'offered')).toBeCloseTo(
            m(view, 'answered') + m(view, 'abandoned') + m(view, 'unfinished'),
            9,
          );
        }
        expect(m(r.total, 'occupancy')).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 15 },
    );
  });

  it('keeps arrivals and handle times unchanged when agents are added (common random numbers)', async () => {
    await fc.assert(
      fc.asyncProperty(agentsArb, agentsArb, fc.integer({ min: 0, max: 1000 }), async (x, y, seed) => {
        // Without abandonment every call is answered, so offered and total talk time per
        // interval and call type depend only on the calls drawn, not on the staffing.
        const [rx, ry] = await Promise.all([run(center(x, seed, false)), run(center(y, seed, false))]);
        rx.byInterval.forEach((iv, i) => {
          for (const type of ['a', 'b']) {
            const a = iv.byCallType[type];
            const b = ry.byInterval[i].byCallType[type];
            expect(a.offered.mean).toBe(b.offered.mean);
            expect(a.answered.mean! * a.aht.mean!).toBeCloseTo(b.answered.mean! * b.aht.mean!, 6);
          }
        });
      }),
      { numRuns: 10 },
    );
  });

  it('gives identical results for the same scenario and seed', async () => {
    const strip = (r: RunResult) =>
      JSON.stringify({ ...r, performance: { ...r.performance, wallSeconds: 0, callsPerSecond: 0 } });
    const [a, b] = await Promise.all([run(center([5, 4, 2], 3)), run(center([5, 4, 2], 3))]);
    expect(strip(a)).toBe(strip(b));
    const c = await run(center([5, 4, 2], 4));
    expect(strip(c)).not.toBe(strip(a));
  });
});
