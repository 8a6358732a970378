/**
 * Statistical validation: chat with concurrency. An agent of a group with
 * `concurrency: k` handles up to k chats at once; without slowdown
 * (`concurrencySlowdown: 0`, the default) each chat's service time is its
 * own, whatever else the agent does. A waiting chat starts as soon as any
 * of the n·k chat slots frees up, and an arriving chat waits only when all
 * n·k slots are taken — so n agents of concurrency k are exactly n·k
 * Erlang C servers (M/M/nk).
 *
 * Exact values from `erlangC` with agents = n·k (Erlang 1917; Koole 2013,
 * ch. 4), against the simulator's KPIs (src/model/kpis.ts):
 *   pWait        = queued ÷ offered          = C(nk, a)
 *   serviceLevel = answered within T ÷ offered = 1 − C(nk, a)·e^{−(nkμ − λ)T}
 *   asa          = mean wait                 = C(nk, a) / (nkμ − λ)
 *   occupancy    = busy ÷ on duty, a chat counting 1/k of its agent
 *                = a / (nk)
 * Started empty, warmed up, then measured over 20 replications; four KPIs
 * per case at 99.9% each (Bonferroni: family error below 0.4%); fixed seeds.
 */
import { describe, it } from 'vitest';
import { erlangC } from '../../src/analytic/index.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { Replications, expectInside, viewOf } from '../support/replication-records.js';

const LEVEL = 0.999;
const THRESHOLD = 20;

const cases = [
  {
    label: 'one agent taking three chats at 2.4 erlangs',
    agents: 1,
    concurrency: 3,
    rate: 14.4,
    aht: 600,
    horizon: '1000h',
  },
  {
    label: 'four agents taking three chats each at 10 erlangs',
    agents: 4,
    concurrency: 3,
    rate: 60,
    aht: 600,
    horizon: '300h',
  },
];

describe('chat with concurrency k and no slowdown is Erlang C with n·k servers', () => {
  cases.forEach((c, k) => {
    it(`matches Erlang C with ${c.agents * c.concurrency} servers for ${c.label}`, () => {
      const exact = erlangC({
        arrivalRatePerHour: c.rate,
        meanServiceSeconds: c.aht,
        agents: c.agents * c.concurrency,
        thresholdSeconds: THRESHOLD,
      });
      if (!exact.stable) throw new Error('test case must be stable');
      const model = modelFromText(
        `name: chat
seed: ${900 + k}
warmup: 10h
horizon: ${c.horizon}
interval: ${c.horizon}
serviceLevel: { threshold: ${THRESHOLD}s }
callTypes:
  - name: chat
    channel: chat
    arrivals: { ratePerHour: ${c.rate} }
    handleTime: { dist: exponential, mean: ${c.aht}s }
agentGroups:
  - { name: chatters, agents: ${c.agents}, concurrency: ${c.concurrency}, skills: [chat] }
`,
        'chat.yaml',
      );
      const reps = new Replications(model, 20);
      const group = viewOf(model, 'agentGroup', 'chatters');
      expectInside(exact.pWait, reps.kpi('pWait', LEVEL), 'pWait');
      expectInside(exact.serviceLevel, reps.kpi('serviceLevel', LEVEL), 'serviceLevel');
      expectInside(exact.asa, reps.kpi('asa', LEVEL), 'asa');
      expectInside(exact.occupancy, reps.kpi('occupancy', LEVEL, group), 'occupancy');
    });
  });
});
