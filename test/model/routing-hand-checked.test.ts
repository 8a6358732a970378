/**
 * The routing, service and staffing rules on small runs whose every number
 * can be worked out by hand: arrivals at listed times, deterministic times,
 * one replication.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/experiment/simulate.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { modelFromText } from '../../src/model/scenario/index.js';

async function runYaml(yaml: string): Promise<RunResult> {
  return simulate(
    modelFromText(`name: hand\nreplications: 1\nhorizon: 2000s\ninterval: 2000s\n${yaml}`, 'hand.yaml'),
  );
}

const det = (seconds: number) => `{ dist: deterministic, value: ${seconds}s }`;

describe('priorities and tiers', () => {
  it('serves the higher-priority call type first, whatever the waits', async () => {
    // The agent is busy 0–100. "low" waits from 10, "high" from 20: at 100 the agent takes high.
    const r = await runYaml(`
callTypes:
  - { name: first, arrivals: { times: [0s] }, handleTime: ${det(100)} }
  - { name: low, priority: 0, arrivals: { times: [10s] }, handleTime: ${det(100)} }
  - { name: high, priority: 5, arrivals: { times: [20s] }, handleTime: ${det(100)} }
agentGroups:
  - { name: solo, agents: 1, skills: [first, low, high] }
`);
    expect(r.byCallType.high.asa.mean).toBeCloseTo(80, 9); // answered at 100
    expect(r.byCallType.low.asa.mean).toBeCloseTo(190, 9); // answered at 200
  });

  it('serves a higher tier before a lower one of the same call type', async () => {
    // Tiers are drawn per caller: with shares 1 and 0 every caller is platinum, so use two
    // call types as a control and check tier order inside one type with share 0.5 over
    // many callers instead (see the statistical tests); here: a single tier behaves like FIFO.
    const r = await runYaml(`
callTypes:
  - name: x
    tiers: [{ name: platinum, share: 1, priority: 2 }]
    arrivals: { times: [0s, 10s, 20s] }
    handleTime: ${det(100)}
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.total.asa.mean).toBeCloseTo((0 + 90 + 180) / 3, 9);
  });
});

describe('preference levels and overflow delays', () => {
  it('sends a new call to the best level with an idle agent, even if another level has waited longer idle', async () => {
    // Both groups idle from 0; "backup" is level 2, so the call goes to "primary".
    const r = await runYaml(`
callTypes:
  - { name: x, arrivals: { times: [0s] }, handleTime: ${det(10)} }
agentGroups:
  - { name: backup, agents: 1, skills: [{ callType: x, level: 2 }] }
  - { name: primary, agents: 1, skills: [{ callType: x, level: 1 }] }
`);
    expect(r.byAgentGroup.primary.answered.mean).toBe(1);
    expect(r.byAgentGroup.backup.answered.mean).toBe(0);
  });

  it('offers a call to a delayed group only once it has waited `after`', async () => {
    // primary is busy 0–500 with call 1. Call 2 arrives at 10; overflow may take it after 60 s.
    const r = await runYaml(`
callTypes:
  - { name: x, arrivals: { times: [0s, 10s] }, handleTime: ${det(500)} }
agentGroups:
  - { name: primary, agents: 1, skills: [x] }
  - { name: overflow, agents: 1, skills: [{ callType: x, after: 60s }] }
`);
    expect(r.byAgentGroup.overflow.answered.mean).toBe(1);
    expect(r.byCallType.x.asa.mean).toBeCloseTo((0 + 60) / 2, 9);
  });

  it('lets a freed delayed agent take only calls that have waited long enough', async () => {
    // overflow (after 100 s) is busy with its own call "y" until 50. Call x arrives at 30
    // while primary is busy until 1000: overflow is free at 50 but may take x only at 130.
    const r = await runYaml(`
callTypes:
  - { name: x, arrivals: { times: [0s, 30s] }, handleTime: ${det(1000)} }
  - { name: y, arrivals: { times: [0s] }, handleTime: ${det(50)} }
agentGroups:
  - { name: primary, agents: 1, skills: [x] }
  - { name: overflow, agents: 1, skills: [y, { callType: x, after: 100s }] }
`);
    expect(r.byCallType.x.asa.mean).toBeCloseTo((0 + 100) / 2, 9);
  });

  it('applies the serving group’s handle-time factor', async () => {
    const r = await runYaml(`
callTypes:
  - { name: x, arrivals: { times: [0s] }, handleTime: ${det(100)} }
agentGroups:
  - { name: slow, agents: 1, skills: [{ callType: x, handleTimeFactor: 1.5 }] }
`);
    expect(r.total.aht.mean).toBeCloseTo(150, 9);
    expect(r.byAgentGroup.slow.occupancy.mean).toBeCloseTo(150 / 2000, 9);
  });
});

describe('queue limits, after-call work and callbacks', () => {
  it('blocks a call when its queue is full', async () => {
    // One agent busy 0–100; maxQueue 1: the call at 10 waits, the call at 20 is blocked.
    const r = await runYaml(`
callTypes:
  - { name: x, maxQueue: 1, arrivals: { times: [0s, 10s, 20s] }, handleTime: ${det(100)} }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.total.offered.mean).toBe(3);
    expect(r.total.blocked.mean).toBe(1);
    expect(r.total.answered.mean).toBe(2);
    // Service level: 1 answered within 20 s of (3 offered − 1 blocked).
    expect(r.total.serviceLevel.mean).toBeCloseTo(1 / 2, 9);
  });

  it('keeps the agent busy through after-call work but releases the line', async () => {
    // One line, one agent: talk 0–100, ACW 100–150. The call at 120 gets the line (free
    // since 100) but waits for the agent until 150.
    const r = await runYaml(`
sites: [{ name: main, lines: 1 }]
callTypes:
  - { name: x, arrivals: { times: [0s, 120s] }, handleTime: ${det(100)}, acw: ${det(50)} }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.total.blocked.mean).toBe(0);
    expect(r.total.asa.mean).toBeCloseTo((0 + 30) / 2, 9);
    expect(r.total.acw.mean).toBeCloseTo(50, 9);
    expect(r.total.occupancy.mean).toBeCloseTo(300 / 2000, 9);
  });

  it('blocks a call when every line is busy', async () => {
    const r = await runYaml(`
sites: [{ name: main, lines: 1 }]
callTypes:
  - { name: x, arrivals: { times: [0s, 50s, 150s] }, handleTime: ${det(100)} }
agentGroups:
  - { name: team, agents: 5, skills: [x] }
`);
    expect(r.total.blocked.mean).toBe(1);
    expect(r.total.answered.mean).toBe(2);
  });

  it('brings an unresolved caller back after the callback delay', async () => {
    // fcr 0: every answered call comes back 300 s after talk ends, until the horizon ends.
    const r = await runYaml(`
callTypes:
  - name: x
    arrivals: { times: [0s] }
    handleTime: ${det(100)}
    fcr: 0
    callbackDelay: ${det(300)}
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    // Arrivals at 0, 400, 800, 1200, 1600 (the next, at 2000, is outside the horizon).
    expect(r.total.offered.mean).toBe(5);
    expect(r.total.uniqueCallers.mean).toBe(1);
    expect(r.total.repeatCalls.mean).toBe(4);
  });

  it('redials a blocked caller after the redial delay, up to the attempt limit', async () => {
    const r = await runYaml(`
sites: [{ name: main, lines: 0 }]
callTypes:
  - name: x
    arrivals: { times: [0s] }
    handleTime: ${det(100)}
    redial: { probability: 1, delay: ${det(60)}, maxAttempts: 3 }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.total.offered.mean).toBe(3);
    expect(r.total.blocked.mean).toBe(3);
    expect(r.total.uniqueCallers.mean).toBe(1);
    expect(r.total.redials.mean).toBe(2);
  });
});

describe('channels', () => {
  it('serves e-mail only when no voice call the agent could take waits', async () => {
    // Busy 0–100 with voice; an e-mail waits from 5, a voice call from 50: at 100 voice first.
    const r = await runYaml(`
callTypes:
  - { name: phone, arrivals: { times: [0s, 50s] }, handleTime: ${det(100)} }
  - { name: mail, channel: email, due: 1h, arrivals: { times: [5s] }, handleTime: ${det(100)} }
agentGroups:
  - { name: blended, agents: 1, skills: [mail, phone] }
`);
    expect(r.byCallType.phone.asa.mean).toBeCloseTo((0 + 50) / 2, 9);
    expect(r.byCallType.mail.asa.mean).toBeCloseTo(195, 9); // started at 200
    expect(r.byCallType.mail.dueServiceLevel.mean).toBe(1); // done at 300, due within 3600
  });

  it('lets a chat agent hold `concurrency` chats at once, slower by the slowdown factor', async () => {
    // Concurrency 2, slowdown 0.5: the second chat runs at 1.5 × 100 s; the third waits
    // until the first ends at 100.
    const r = await runYaml(`
callTypes:
  - { name: chat, channel: chat, arrivals: { times: [0s, 10s, 20s] }, handleTime: ${det(100)} }
agentGroups:
  - { name: chatters, agents: 1, concurrency: 2, concurrencySlowdown: 0.5, skills: [chat] }
`);
    expect(r.total.asa.mean).toBeCloseTo((0 + 0 + 80) / 3, 9);
    // Talk times: 100 (alone), 150 (second session), and the third starts with one chat
    // in progress, so it is also a second session: 150.
    expect(r.total.aht.mean).toBeCloseTo((100 + 150 + 150) / 3, 9);
  });

  it('does not hold a phone line for chats', async () => {
    const r = await runYaml(`
sites: [{ name: main, lines: 0 }]
callTypes:
  - { name: chat, channel: chat, arrivals: { times: [0s] }, handleTime: ${det(100)} }
agentGroups:
  - { name: chatters, agents: 1, skills: [chat] }
`);
    expect(r.total.blocked.mean).toBe(0);
    expect(r.total.answered.mean).toBe(1);
  });
});

describe('IVR', () => {
  it('passes callers through the menu tree and counts containment', async () => {
    // Every caller spends 30 s in the IVR; the tree sends them all to the queue here.
    const r = await runYaml(`
entryPoints:
  - { name: hotline, arrivals: { times: [0s, 100s] }, ivr: welcome }
ivr:
  welcome:
    duration: ${det(30)}
    next: [{ p: 1, to: { queue: x } }]
callTypes:
  - { name: x, handleTime: ${det(50)} }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.total.ivrOffered.mean).toBe(2);
    expect(r.total.ivrTransferred.mean).toBe(2);
    expect(r.total.offered.mean).toBe(2);
    expect(r.total.asa.mean).toBe(0); // the wait starts at the queue, after the IVR
    expect(r.total.ivrContainment.mean).toBe(0);
  });

  it('blocks callers when every IVR port is busy', async () => {
    const r = await runYaml(`
sites: [{ name: main, ivrPorts: 1 }]
entryPoints:
  - { name: hotline, arrivals: { times: [0s, 10s, 100s] }, ivr: welcome }
ivr:
  welcome:
    duration: ${det(30)}
    next: [{ p: 1, to: selfService }]
callTypes:
  - { name: x, arrivals: { times: [0s] }, handleTime: ${det(50)} }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.total.ivrBlocked.mean).toBe(1);
    expect(r.total.ivrContained.mean).toBe(2);
    expect(r.total.ivrContainment.mean).toBeCloseTo(1, 9);
  });
});

describe('staffing', () => {
  it('follows a shift with a break: the agent finishes the call in hand and takes no new one on break', async () => {
    // Shift 00:00–00:30 with a break 00:05–00:10 (300–600 s). A call at 250 runs to 350,
    // over the start of the break; a call at 320 must wait until the break ends at 600.
    const r = await runYaml(`
callTypes:
  - { name: x, arrivals: { times: [250s, 320s] }, handleTime: ${det(100)} }
agentGroups:
  - name: solo
    shifts: [{ start: "00:00", length: 30m, count: 1, breaks: [{ at: "00:05", length: 5m }] }]
    skills: [x]
`);
    expect(r.total.asa.mean).toBeCloseTo((0 + 280) / 2, 9);
  });

  it('applies shrinkage to the scheduled count', async () => {
    const r = await runYaml(`
callTypes:
  - { name: x, arrivals: { times: [0s] }, handleTime: ${det(10)} }
agentGroups:
  - { name: team, agents: 8, shrinkage: 0.25, skills: [x] }
`);
    expect(r.total.agents.mean).toBeCloseTo(6, 9);
  });

  it('staffs each interval with its own count', async () => {
    const r = await simulate(
      modelFromText(
        `name: hand
replications: 1
horizon: 3h
interval: 1h
callTypes:
  - { name: x, arrivals: { times: [0s] }, handleTime: ${det(10)} }
agentGroups:
  - { name: team, perInterval: [3, 5, 2], skills: [x] }
`,
        'hand.yaml',
      ),
    );
    expect(r.byInterval.map((i) => i.kpis.agents.mean)).toEqual([3, 5, 2]);
  });
});
