/**
 * What calibration added to the scenario language, checked by hand: fractional agents per
 * interval (a time split inside the interval) and an answer delay (the agent held, the caller's
 * wait going on, no abandonment during it).
 */
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/experiment/simulate.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { modelFromText } from '../../src/model/scenario/index.js';

async function runYaml(yaml: string): Promise<RunResult> {
  return simulate(modelFromText(`name: hand\nreplications: 1\n${yaml}`, 'hand.yaml'));
}

const mean = (result: RunResult, name: string) => result.total[name]?.mean;
const intervalMean = (result: RunResult, i: number, name: string) => result.byInterval[i].kpis[name]?.mean;

describe('fractional agents per interval', () => {
  // 1.5 agents over [0, 100): 2 agents for the first 50 s, then 1. A call at 0 s holds the first
  // agent until 100 s; the second agent leaves idle at 50 s, so a call at 60 s waits 40 s
  // (with 2 whole agents it would not wait).
  const scenario = `
horizon: 200s
interval: 100s
callTypes:
  - name: x
    arrivals: { times: [0s, 60s] }
    handleTime: { dist: deterministic, value: 100s }
agentGroups:
  - { name: g, perInterval: [1.5, 1], skills: [x] }
`;

  it('puts the whole agent on duty for the fraction of the interval', async () => {
    const r = await runYaml(scenario);
    expect(intervalMean(r, 0, 'agents')).toBeCloseTo(1.5, 10);
    expect(intervalMean(r, 1, 'agents')).toBeCloseTo(1, 10);
    expect(mean(r, 'asa')).toBeCloseTo(20, 10); // (0 + 40) / 2
  });

  it('keeps whole counts as they were (no split, shrinkage rounded)', async () => {
    const whole = await runYaml(scenario.replace('[1.5, 1]', '[2, 1]'));
    expect(intervalMean(whole, 0, 'agents')).toBeCloseTo(2, 10);
    expect(mean(whole, 'asa')).toBe(0);
  });

  it('refuses negative counts with the field path', () => {
    expect(() =>
      modelFromText(`name: bad\n${scenario.replace('[1.5, 1]', '[1.5, -1]')}`, 'bad.yaml'),
    ).toThrow(/agentGroups\[0\]\.perInterval\[1\]/);
  });
});

describe('answer delay', () => {
  // One agent, answer delay 10 s, talk 100 s, patience 95 s. Call 1 at 0: the agent is held 0–110
  // (talk from 10), wait 10. Call 2 at 20: taken at 110 after 90 s, but its patience runs on through
  // the delay: it hangs up at 115 (abandoned after 95 s), freeing the agent. Call 3 at 31: taken at
  // 115 after 84 s, talks from 125 to 225: wait 94.
  const scenario = `
horizon: 1000s
interval: 1000s
serviceLevel: { threshold: 20s }
callTypes:
  - name: x
    arrivals: { times: [0s, 20s, 31s] }
    handleTime: { dist: deterministic, value: 100s }
    answerDelay: { dist: deterministic, value: 10s }
    patience: { dist: deterministic, value: 95s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`;

  it('counts the delay in the wait, not in the talk time; holds the agent; patience runs through it', async () => {
    const r = await runYaml(scenario);
    expect(mean(r, 'answered')).toBe(2);
    expect(mean(r, 'abandoned')).toBe(1);
    expect(mean(r, 'asa')).toBeCloseTo((10 + 94) / 2, 10);
    expect(mean(r, 'meanWait')).toBeCloseTo((10 + 95 + 94) / 3, 10);
    expect(mean(r, 'aht')).toBeCloseTo(100, 10);
    expect(mean(r, 'serviceLevel')).toBeCloseTo(1 / 3, 10);
    expect(mean(r, 'occupancy')).toBeCloseTo((110 + 5 + 110) / 1000, 10);
  });
});

describe('handle-time factors per interval', () => {
  // Two 100 s intervals; talk 40 s, times 1 then 2.5 by arrival interval: calls at 0 and 150 talk 40 and 100 s.
  const scenario = `
horizon: 200s
interval: 100s
callTypes:
  - name: x
    arrivals: { times: [0s, 150s] }
    handleTime: { dist: deterministic, value: 40s }
    handleTimeFactors: [1, 2.5]
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`;

  it('multiplies the talk time by the factor of the interval the call arrived in', async () => {
    const r = await runYaml(scenario);
    expect(intervalMean(r, 0, 'aht')).toBeCloseTo(40, 10);
    expect(intervalMean(r, 1, 'aht')).toBeCloseTo(100, 10);
  });

  it('wants one factor per interval, naming the field', () => {
    expect(() => modelFromText(`name: bad\n${scenario.replace('[1, 2.5]', '[1]')}`, 'bad.yaml')).toThrow(
      /callTypes\[0\]\.handleTimeFactors/,
    );
  });
});
