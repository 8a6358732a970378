/**
 * Statistical validation of repeat calls (first-contact resolution) and of
 * the e-mail due-time service level.
 *
 * FCR. Each answered contact is resolved with probability f, drawn afresh
 * for every contact; an unresolved caller calls back `callbackDelay` after
 * the talk ends, straight to the call type (a repeat call). When every
 * contact is answered (agents ample, no patience), a caller's repeat calls
 * R number j ≥ 0 with probability (1 − f)ʲ·f (geometric), so
 *   E[R] = Σ_{j≥1} (1 − f)ʲ = (1 − f) / f.
 * Calls count in the interval in which they arrive, and the measured
 * window is [0, H) (no warm-up). With deterministic talk h and callback
 * delay c and no waiting, the j-th repeat of a caller who first called at t
 * comes at t + j(h + c); first calls are Poisson on [0, H), so
 *   E[repeat calls] / E[unique callers] = Σ_{j≥1} (1 − f)ʲ·(1 − j(h + c)/H)⁺
 * (Campbell's theorem; Kingman, "Poisson Processes", 1993, §3.2).
 *
 * E-mail due time. E-mails served first come first served by n agents,
 * Poisson arrivals at rate λ and exponential handling of rate μ, form an
 * M/M/n queue; an e-mail is completed within its due time D when its
 * sojourn W + S ≤ D. With C = Erlang C and θ = nμ − λ, W is 0 with
 * probability 1 − C and otherwise Exp(θ), independent of S ~ Exp(μ), so
 * (Gross & Harris, "Fundamentals of Queueing Theory", §2.3; the sum of two
 * exponentials is hypoexponential)
 *   P(W + S > D) = (1 − C)·e^{−μD} + C·(θ·e^{−μD} − μ·e^{−θD}) / (θ − μ),  θ ≠ μ.
 * The KPI `dueServiceLevel` = completed within due ÷ completed
 * (src/model/kpis.ts) must match 1 − P(W + S > D).
 *
 * Ratios over replications with delta-method intervals at 99.9%.
 */
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/index.js';
import { Field } from '../../src/model/kpis.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { ALL, Replications, expectInside } from '../support/replication-records.js';

const LEVEL = 0.999;

describe('repeat calls from first-contact resolution', () => {
  const cases = [
    { label: 'a long horizon', fcr: 0.7, horizonHours: 100, reps: 10 },
    { label: 'a short horizon that cuts off late callbacks', fcr: 0.5, horizonHours: 3, reps: 200 },
  ];
  const talk = 120;
  const delay = 1800;

  cases.forEach((c, n) => {
    const H = c.horizonHours * 3600;
    let exact = 0;
    for (let j = 1; (1 - c.fcr) ** j > 1e-16; j++)
      exact += (1 - c.fcr) ** j * Math.max(0, 1 - (j * (talk + delay)) / H);

    it(`makes ${exact.toFixed(4)} repeat calls per caller with fcr ${c.fcr} on ${c.label} ((1 − f)/f = ${((1 - c.fcr) / c.fcr).toFixed(4)} before the cut)`, () => {
      const model = modelFromText(
        `name: fcr
seed: ${800 + n}
horizon: ${c.horizonHours}h
interval: ${c.horizonHours}h
callTypes:
  - name: q
    arrivals: { ratePerHour: 600 }
    handleTime: { dist: deterministic, value: ${talk}s }
    fcr: ${c.fcr}
    callbackDelay: { dist: deterministic, value: ${delay}s }
agentGroups:
  - { name: team, agents: 80, skills: [q] }
`,
        'fcr.yaml',
      );
      const reps = new Replications(model, c.reps);
      expectInside(
        exact,
        reps.ratio(
          (r) => r[Field.repeatCalls],
          (r) => r[Field.uniqueCallers],
          LEVEL,
        ),
        'repeatCalls ÷ uniqueCallers',
      );
      for (const s of reps.summaries) {
        const r = reps.layout.record(s, -1, ALL);
        // Everyone is answered at once, so the timing above holds.
        expect(r[Field.queued]).toBe(0);
        expect(r[Field.answered]).toBe(r[Field.offered]);
        expect(r[Field.uniqueCallers] + r[Field.repeatCalls]).toBe(r[Field.offered]);
      }
    });
  });
});

describe('e-mail due-time service level', () => {
  const cases = [
    {
      label: 'three agents at 80% load, due in 10 min',
      agents: 3,
      rate: 36,
      aht: 240,
      due: 600,
      horizon: '300h',
    },
    {
      label: 'ten agents at 80% load, due in 30 min',
      agents: 10,
      rate: 48,
      aht: 600,
      due: 1800,
      horizon: '300h',
    },
  ];

  cases.forEach((c, n) => {
    it(`completes M/M/n e-mails within their due time as often as P(W + S ≤ D) for ${c.label}`, () => {
      const erlang = erlangC({
        arrivalRatePerHour: c.rate,
        meanServiceSeconds: c.aht,
        agents: c.agents,
        thresholdSeconds: 0,
      });
      if (!erlang.stable) throw new Error('test case must be stable');
      const mu = 1 / c.aht;
      const theta = c.agents * mu - c.rate / 3600;
      const C = erlang.pWait;
      const late =
        (1 - C) * Math.exp(-mu * c.due) +
        (C * (theta * Math.exp(-mu * c.due) - mu * Math.exp(-theta * c.due))) / (theta - mu);
      const model = modelFromText(
        `name: email
seed: ${850 + n}
warmup: 20h
horizon: ${c.horizon}
interval: ${c.horizon}
callTypes:
  - name: mail
    channel: email
    due: ${c.due}s
    arrivals: { ratePerHour: ${c.rate} }
    handleTime: { dist: exponential, mean: ${c.aht}s }
agentGroups:
  - { name: back office, agents: ${c.agents}, skills: [mail] }
`,
        'email.yaml',
      );
      const reps = new Replications(model, 20);
      expectInside(1 - late, reps.kpi('dueServiceLevel', LEVEL), 'dueServiceLevel');
      // The same queue as voice: the waiting probability is Erlang C.
      expectInside(C, reps.kpi('pWait', LEVEL), 'pWait');
    });
  });
});
