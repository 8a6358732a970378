import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangB, erlangC, finiteLines } from '../../src/analytic/index.js';

/** Slack for comparing neighbours that are equal up to rounding. */
const SLACK = 1e-12;

const traffic = fc.record({
  load: fc.double({ min: 0.05, max: 300, noNaN: true }),
  aht: fc.double({ min: 10, max: 1200, noNaN: true }),
  threshold: fc.double({ min: 0, max: 300, noNaN: true }),
});

function inUnit(...ps: number[]): boolean {
  return ps.every((p) => Number.isFinite(p) && p >= 0 && p <= 1);
}

describe('properties of the closed forms', () => {
  it('Erlang B falls as servers are added and rises with the load', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.double({ min: 0, max: 500, noNaN: true }),
        (n, load) => {
          const b = erlangB(n, load);
          expect(inUnit(b)).toBe(true);
          expect(erlangB(n + 1, load)).toBeLessThanOrEqual(b + SLACK);
          expect(erlangB(n, load * 1.1 + 0.01)).toBeGreaterThanOrEqual(b - SLACK);
        },
      ),
    );
  });

  it('Erlang C: more agents never raise P(wait) or the ASA, never lower the service level', () => {
    fc.assert(
      fc.property(traffic, fc.integer({ min: 1, max: 30 }), ({ load, aht, threshold }, extra) => {
        const at = (n: number) =>
          erlangC({
            arrivalRatePerHour: (load * 3600) / aht,
            meanServiceSeconds: aht,
            agents: n,
            thresholdSeconds: threshold,
          });
        const first = Math.floor(at(1).load) + 1; // the load after the per-hour round trip
        let previous = at(first);
        for (let n = first + 1; n <= first + extra; n++) {
          const r = at(n);
          if (!r.stable || !previous.stable) throw new Error('n > load must be stable');
          expect(inUnit(r.pWait, r.serviceLevel, r.occupancy)).toBe(true);
          expect(r.pWait).toBeLessThanOrEqual(previous.pWait + SLACK);
          expect(r.asa).toBeLessThanOrEqual(previous.asa * (1 + SLACK));
          expect(r.serviceLevel).toBeGreaterThanOrEqual(previous.serviceLevel - SLACK);
          previous = r;
        }
      }),
    );
  });

  it('Erlang A: more agents never raise P(wait) or abandonment, never lower the service level', () => {
    fc.assert(
      fc.property(
        traffic,
        fc.double({ min: 1, max: 3600, noNaN: true }),
        fc.integer({ min: 1, max: 400 }),
        ({ load, aht, threshold }, patience, agents) => {
          const at = (n: number) =>
            erlangA({
              arrivalRatePerHour: (load * 3600) / aht,
              meanServiceSeconds: aht,
              agents: n,
              thresholdSeconds: threshold,
              meanPatienceSeconds: patience,
            });
          const r = at(agents);
          const next = at(agents + 1);
          for (const x of [r, next]) {
            expect(
              inUnit(
                x.pWait,
                x.pAbandon,
                x.pAbandonGivenWait,
                x.serviceLevel,
                x.serviceLevelOfAnswered,
                x.occupancy,
              ),
            ).toBe(true);
            expect(x.serviceLevel).toBeLessThanOrEqual(1 - x.pAbandon + SLACK);
            expect(x.pAbandon).toBeLessThanOrEqual(x.pWait + SLACK);
          }
          expect(next.pWait).toBeLessThanOrEqual(r.pWait + SLACK);
          expect(next.pAbandon).toBeLessThanOrEqual(r.pAbandon + SLACK);
          expect(next.serviceLevel).toBeGreaterThanOrEqual(r.serviceLevel - SLACK);
          expect(next.meanWait).toBeLessThanOrEqual(r.meanWait * (1 + SLACK) + SLACK);
        },
      ),
    );
  });

  it('finite lines: more lines never raise blocking, more agents never raise P(not answered at once)', () => {
    // P(accepted and waits) alone is not monotone in the agents: fewer agents
    // block more callers, who then do not count as waiting (fast-check found
    // a = 1.5214, the root of a³ = a + 2, where M/M/1/K and M/M/2/K agree).
    fc.assert(
      fc.property(
        traffic,
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 200 }),
        ({ load, aht, threshold }, agents, room) => {
          const at = (n: number, k: number) =>
            finiteLines({
              arrivalRatePerHour: (load * 3600) / aht,
              meanServiceSeconds: aht,
              agents: n,
              lines: k,
              thresholdSeconds: threshold,
            });
          const lines = agents + 1 + room;
          const r = at(agents, lines);
          expect(
            inUnit(
              r.blocking,
              r.pWait,
              r.pWaitGivenAccepted,
              r.serviceLevel,
              r.serviceLevelOfOffered,
              r.occupancy,
            ),
          ).toBe(true);
          expect(r.blocking + r.pWait).toBeLessThanOrEqual(1 + SLACK);
          expect(at(agents, lines + 1).blocking).toBeLessThanOrEqual(r.blocking + SLACK);
          const more = at(agents + 1, lines);
          expect(more.blocking + more.pWait).toBeLessThanOrEqual(r.blocking + r.pWait + SLACK);
          expect(more.blocking).toBeLessThanOrEqual(r.blocking + SLACK);
        },
      ),
    );
  });
});
