/**
 * Small runs whose every number can be worked out by hand: arrivals at
 * listed times, deterministic handle times and patience, one replication.
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/experiment/simulate.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { modelFromText } from '../../src/model/scenario/index.js';

async function runYaml(yaml: string): Promise<RunResult> {
  return simulate(modelFromText(`name: hand\nreplications: 1\n${yaml}`, 'hand.yaml'));
}

const mean = (result: RunResult, name: string, view = result.total) => view[name]?.mean;

describe('a single agent, deterministic times', () => {
  // Agent busy 0–100 with call 1 and 100–200 with call 2 (waited 90 s);
  // call 3 arrives at 20, gives up at 170 after 150 s.
  const scenario = `
horizon: 1000s
interval: 1000s
serviceLevel: { threshold: 20s }
callTypes:
  - name: x
    arrivals: { times: [0s, 10s, 20s] }
    handleTime: { dist: deterministic, value: 100s }
    patience: { dist: deterministic, value: 150s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`;

  it('counts offered, answered and abandoned calls', async () => {
    const r = await runYaml(scenario);
    expect(mean(r, 'offered')).toBe(3);
    expect(mean(r, 'answered')).toBe(2);
    expect(mean(r, 'abandoned')).toBe(1);
    expect(mean(r, 'unfinished')).toBe(0);
  });

  it('computes waits, service level and abandonment by their definitions', async () => {
    const r = await runYaml(scenario);
    expect(mean(r, 'asa')).toBeCloseTo(45, 10); // (0 + 90) / 2
    expect(mean(r, 'meanWait')).toBeCloseTo(80, 10); // (0 + 90 + 150) / 3
    expect(mean(r, 'serviceLevel')).toBeCloseTo(1 / 3, 10); // 1 within 20 s of 3 offered
    expect(mean(r, 'serviceLevelOfAnswered')).toBeCloseTo(1 / 2, 10);
    expect(mean(r, 'abandonRate')).toBeCloseTo(1 / 3, 10);
    expect(mean(r, 'pWait')).toBeCloseTo(2 / 3, 10);
    expect(mean(r, 'aht')).toBeCloseTo(100, 10);
  });

  it('integrates occupancy and queue length over the measured window', async () => {
    const r = await runYaml(scenario);
    expect(mean(r, 'occupancy')).toBeCloseTo(200 / 1000, 10);
    expect(mean(r, 'queueLength')).toBeCloseTo((90 + 150) / 1000, 10);
    expect(mean(r, 'queueMax')).toBe(2);
    expect(mean(r, 'agents')).toBeCloseTo(1, 10);
  });

  it('gives no interval with a single replication', async () => {
    const r = await runYaml(scenario);
    expect(r.total.offered).toEqual({ mean: 3, lo: null, hi: null });
  });
});

describe('simultaneous events', () => {
  it('lets an agent freed at t serve a call arriving at t without queueing it', async () => {
    const r = await runYaml(`
horizon: 1000s
callTypes:
  - name: x
    arrivals: { times: [0s, 100s] }
    handleTime: { dist: deterministic, value: 100s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(mean(r, 'answered')).toBe(2);
    expect(mean(r, 'pWait')).toBe(0);
  });

  it('answers a caller whose patience ends at the instant an agent frees up', async () => {
    const r = await runYaml(`
horizon: 1000s
callTypes:
  - name: x
    arrivals: { times: [0s, 10s] }
    handleTime: { dist: deterministic, value: 100s }
    patience: { dist: deterministic, value: 90s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(mean(r, 'answered')).toBe(2);
    expect(mean(r, 'abandoned')).toBe(0);
    expect(mean(r, 'asa')).toBeCloseTo(45, 10);
  });
});

describe('routing', () => {
  it('sends a new call to the agent idle the longest, across groups', async () => {
    // Call 1 → a (tie at start: first group), call 2 → b. a frees at 100, b at 110,
    // so at 300 a has been idle longer and takes call 3.
    const r = await runYaml(`
horizon: 1000s
callTypes:
  - name: x
    arrivals: { times: [0s, 10s, 300s] }
    handleTime: { dist: deterministic, value: 100s }
agentGroups:
  - { name: a, agents: 1, skills: [x] }
  - { name: b, agents: 1, skills: [x] }
`);
    expect(r.byAgentGroup.a.answered.mean).toBe(2);
    expect(r.byAgentGroup.b.answered.mean).toBe(1);
  });

  it('gives a freed agent the call that has waited longest among its skills', async () => {
    // The agent is busy 0–100 with x; y waits from 20, x from 30. At 100 it takes y
    // (wait 80), at 200 the second x (wait 170).
    const r = await runYaml(`
horizon: 1000s
callTypes:
  - name: x
    arrivals: { times: [0s, 30s] }
    handleTime: { dist: deterministic, value: 100s }
  - name: y
    arrivals: { times: [20s] }
    handleTime: { dist: deterministic, value: 100s }
agentGroups:
  - { name: both, agents: 1, skills: [x, y] }
`);
    expect(r.byCallType.y.asa.mean).toBeCloseTo(80, 10);
    expect(r.byCallType.x.asa.mean).toBeCloseTo(85, 10); // (0 + 170) / 2
  });

  it('serves only the skills a group has', async () => {
    const r = await runYaml(`
horizon: 1000s
callTypes:
  - name: x
    arrivals: { times: [0s] }
    handleTime: { dist: deterministic, value: 500s }
  - name: y
    arrivals: { times: [10s] }
    handleTime: { dist: deterministic, value: 10s }
agentGroups:
  - { name: xonly, agents: 1, skills: [x] }
  - { name: yonly, agents: 1, skills: [y] }
`);
    expect(r.byCallType.y.asa.mean).toBe(0);
    expect(r.byAgentGroup.yonly.answered.mean).toBe(1);
  });
});

describe('the clock', () => {
  it('does not measure calls that arrive during the warm-up', async () => {
    const r = await runYaml(`
warmup: 100s
horizon: 1000s
callTypes:
  - name: x
    arrivals: { times: [0s, 50s] }
    handleTime: { dist: deterministic, value: 10s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    // times are offsets from the start of measurement: both arrive after the warm-up.
    expect(mean(r, 'offered')).toBe(2);
  });

  it('counts each call in the interval of its arrival and labels intervals by clock time', async () => {
    const r = await runYaml(`
start: "08:00"
horizon: 1h
interval: 30m
callTypes:
  - name: x
    arrivals: { times: [10s, 1790s, 1800s] }
    handleTime: { dist: deterministic, value: 1000s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.byInterval.map((i) => i.interval)).toEqual(['08:00', '08:30']);
    expect(r.byInterval.map((i) => i.kpis.offered.mean)).toEqual([2, 1]);
    // The agent is free again at 1010 s, so the call at 1790 s is answered at once; it keeps
    // the agent until 2790 s, so the call at 1800 s waits 990 s, counted in the second interval.
    expect(r.byInterval.map((i) => i.kpis.answered.mean)).toEqual([2, 1]);
    expect(r.byInterval[0].kpis.asa.mean).toBe(0);
    expect(r.byInterval[1].kpis.asa.mean).toBeCloseTo(990, 10);
  });

  it('splits busy time across the intervals it spans', async () => {
    const r = await runYaml(`
horizon: 2000s
interval: 1000s
callTypes:
  - name: x
    arrivals: { times: [900s] }
    handleTime: { dist: deterministic, value: 200s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`);
    expect(r.byInterval[0].kpis.occupancy.mean).toBeCloseTo(0.1, 10);
    expect(r.byInterval[1].kpis.occupancy.mean).toBeCloseTo(0.1, 10);
    expect(r.byInterval[1].kpis.offered.mean).toBe(0);
  });
});
