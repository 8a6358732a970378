/**
 * Statistical validation: IVR ports (or lines) alone form an Erlang loss
 * system M/G/N/N. Callers dial an entry point at Poisson rate λ and every
 * one of them finishes in the IVR (self-service), holding a port (or line)
 * for the IVR time; nobody reaches an agent.
 *
 * Exact values (Erlang 1917; insensitivity to the holding-time
 * distribution: Sevastyanov 1957, see Kelly, "Reversibility and Stochastic
 * Networks", 1979, §3.3, or Koole, "Call Center Optimization", 2013, ch. 5):
 *   P(blocked)          = B(N, a),          a = λ·E[IVR time]
 *   port (line) usage   = a·(1 − B(N, a)) / N
 * whatever the IVR time's distribution beyond its mean, so the same
 * numbers must come out of exponential, lognormal and deterministic IVR
 * times.
 *
 * The scenario format needs a call type and an agent group: the IVR node
 * sends a branch of probability 0 to a queue, so the call type is reachable
 * (and valid) but never receives a call; its group has no agents.
 *
 * Each case: 1 h warm-up, 100 h measured, 40 replications; the blocking ratio
 * Σ ivrBlocked ÷ Σ ivrOffered and the usage ratio are estimated from the
 * per-replication records with delta-method intervals at 99.9% each
 * (Bonferroni over the two KPIs of a case: family error below 0.2%).
 */
import { describe, expect, it } from 'vitest';
import { erlangB } from '../../src/analytic/index.js';
import { Field } from '../../src/model/kpis.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { Replications, expectInside, viewOf } from '../support/replication-records.js';

const LEVEL = 0.999;
const RATE_PER_HOUR = 480;
const MEAN_IVR_SECONDS = 60;
const CAPACITY = 10;
const LOAD = (RATE_PER_HOUR / 3600) * MEAN_IVR_SECONDS; // 8 erlangs

function ivrOnly(capacity: 'ivrPorts' | 'lines', duration: string, seed: number) {
  return modelFromText(
    `name: ivr only
seed: ${seed}
warmup: 1h
horizon: 100h
interval: 100h
sites:
  - { name: main, ${capacity}: ${CAPACITY} }
entryPoints:
  - name: hotline
    arrivals: { ratePerHour: ${RATE_PER_HOUR} }
    ivr: menu
ivr:
  menu:
    duration: ${duration}
    next:
      - { p: 1, to: selfService }
      - { p: 0, to: { queue: unused } }
callTypes:
  - name: unused
    handleTime: { dist: exponential, mean: 60s }
agentGroups:
  - { name: nobody, agents: 0, skills: [unused] }
`,
    'ivr-only.yaml',
  );
}

const cases = [
  {
    label: 'exponential IVR times on ports',
    capacity: 'ivrPorts',
    dist: `{ dist: exponential, mean: ${MEAN_IVR_SECONDS}s }`,
  },
  {
    label: 'lognormal IVR times (cv 2) on ports',
    capacity: 'ivrPorts',
    dist: `{ dist: lognormal, mean: ${MEAN_IVR_SECONDS}s, cv: 2 }`,
  },
  {
    label: 'deterministic IVR times on ports',
    capacity: 'ivrPorts',
    dist: `{ dist: deterministic, value: ${MEAN_IVR_SECONDS}s }`,
  },
  {
    label: 'exponential IVR times on lines',
    capacity: 'lines',
    dist: `{ dist: exponential, mean: ${MEAN_IVR_SECONDS}s }`,
  },
] as const;

describe('IVR ports alone are an Erlang B loss system', () => {
  const blocking = erlangB(CAPACITY, LOAD);

  cases.forEach((c, k) => {
    it(`blocks ${(100 * blocking).toFixed(2)}% of callers, Erlang B(${CAPACITY}, ${LOAD}), with ${c.label}`, () => {
      const model = ivrOnly(c.capacity, c.dist, 500 + k);
      const reps = new Replications(model, 40);
      const entry = viewOf(model, 'entryPoint', 'hotline');
      const site = { kind: 'site', index: 0 } as const;

      expectInside(
        blocking,
        reps.ratio(
          (r) => r[Field.ivrBlocked],
          (r) => r[Field.ivrOffered],
          LEVEL,
          entry,
        ),
        'ivrBlocked ÷ ivrOffered',
      );
      const [used, capacity] =
        c.capacity === 'ivrPorts'
          ? [Field.portTime, Field.portCapacity]
          : [Field.lineTime, Field.lineCapacity];
      expectInside(
        (LOAD * (1 - blocking)) / CAPACITY,
        reps.ratio(
          (r) => r[used],
          (r) => r[capacity],
          LEVEL,
          site,
        ),
        `${c.capacity} utilisation`,
      );

      // Every caller who got in was self-served; nobody reached the unused queue.
      for (const r of reps.summaries) {
        const rec = reps.layout.record(r, -1, entry);
        expect(rec[Field.ivrSelfServed] + rec[Field.ivrBlocked]).toBeLessThanOrEqual(rec[Field.ivrOffered]);
        expect(rec[Field.ivrTransferred]).toBe(0);
        expect(rec[Field.ivrHangups]).toBe(0);
      }
    });
  });
});
