/**
 * The engine's roles on their own, each on a scenario small enough to work
 * out by hand: they decide from the state they own and return an index or a
 * number; nothing here runs a replication.
 */
import { describe, expect, it } from 'vitest';
import { StreamFactory } from '../../../src/kernel/random.js';
import { AgentPool, NO_AGENT } from '../../../src/model/engine/agent-pool.js';
import { CallQueues } from '../../../src/model/engine/call-queues.js';
import { Attempt, CallState, CallStore, NO_CALL } from '../../../src/model/engine/call-store.js';
import { Retries } from '../../../src/model/engine/retries.js';
import { Router } from '../../../src/model/engine/router.js';
import { NEEDS_VOICE, Sites } from '../../../src/model/engine/sites.js';
import { Staffing } from '../../../src/model/engine/staffing.js';
import { modelFromText } from '../../../src/model/scenario/index.js';

const model = modelFromText(
  `
name: roles
horizon: 1h
interval: 30m
sites:
  - { name: north, lines: 2 }
  - { name: south }
callTypes:
  - name: sales
    arrivals: { perInterval: [10, 10] }
    handleTime: { dist: exponential, mean: 3m }
    redial: { probability: 1, delay: { dist: deterministic, value: 10m }, maxAttempts: 2 }
agentGroups:
  - { name: first, site: north, perInterval: [2, 3], skills: [{ callType: sales, level: 1 }] }
  - { name: second, site: north, agents: 1, skills: [{ callType: sales, level: 2, after: 30s }] }
  - { name: far, site: south, agents: 1, skills: [sales] }
outages:
  - { site: north, at: "00:10", duration: 5m, scope: lines }
`,
  'roles.yaml',
);
const streams = () => new StreamFactory(1, 0);

describe('Staffing', () => {
  it('steps through a group’s schedule and says when the next change is due', () => {
    const staffing = new Staffing(model);
    expect(staffing.step(0)).toBe(1800);
    expect(staffing.target(0)).toBe(2);
    expect(staffing.step(0)).toBeNaN();
    expect(staffing.target(0)).toBe(3);
  });

  it('scales and moves the groups of a failed site, and brings them back', () => {
    const staffing = new Staffing(model);
    staffing.step(0);
    expect(staffing.lose(0, 0.5)).toEqual([0, 1]);
    expect(staffing.target(0)).toBe(1);
    staffing.relocate(0, 1, 1);
    expect(staffing.groupSite).toEqual([1, 1, 1]);
    staffing.restore(0);
    expect(staffing.groupSite).toEqual([0, 0, 1]);
    expect(staffing.target(0)).toBe(2);
  });
});

describe('Sites', () => {
  it('counts lines up to the limit, and only where lines are limited', () => {
    const sites = new Sites(model, streams());
    expect(sites.limitsLines(0)).toBe(true);
    expect(sites.limitsLines(1)).toBe(false);
    expect([sites.takeLine(0), sites.takeLine(0), sites.takeLine(0)]).toEqual([true, true, false]);
    sites.releaseLine(0);
    expect(sites.takeLine(0)).toBe(true);
  });

  it('an outage of the lines cuts the voice calls waiting at its site, and routing learns of it on detection', () => {
    const sites = new Sites(model, streams());
    expect(sites.firstStart(0)).toBe(600);
    expect(sites.begin(0, 600)).toBe(300);
    expect(sites.isDown(0, NEEDS_VOICE)).toBe(true);
    expect(sites.detected[0]).toBe(0);
    sites.detect(0);
    expect(sites.detected[0]).not.toBe(0);
    const calls = new CallStore(4);
    const here = calls.at[calls.allocate()];
    here.state = CallState.waiting;
    const there = calls.at[calls.allocate()];
    there.state = CallState.waiting;
    there.site = 1;
    expect(sites.cutsBeforeAgent(here, 0, sites.downBits(0))).toBe(true);
    expect(sites.cutsBeforeAgent(there, 0, sites.downBits(0))).toBe(false);
    expect(sites.end(0, 900)).toBeNaN(); // a scheduled outage does not come back
    expect(sites.isDown(0, NEEDS_VOICE)).toBe(false);
  });
});

describe('Retries', () => {
  it('redials while attempts remain, never after the horizon', () => {
    const calls = new CallStore(4);
    const retries = new Retries(model, calls);
    const call = calls.allocate();
    const c = calls.at[call];
    Object.assign(c, { type: 0, attempt: 1, redialWill: 1, redialDelay: 600, source: 0 });
    expect(retries.redialDelay(call)).toBe(600);
    const retry = retries.plan(call, Attempt.redial, 600, 0);
    expect(calls.at[retry]).toMatchObject({ state: CallState.pending, attempt: 2, source: 0 });
    c.attempt = 2; // maxAttempts reached
    expect(retries.redialDelay(call)).toBe(-1);
    expect(retries.plan(call, Attempt.redial, 600, 3000)).toBe(NO_CALL); // 3600 s: the next day
  });
});

describe('Router', () => {
  function setUp() {
    const calls = new CallStore(8);
    const queues = new CallQueues(calls, model.queues.length * 2);
    const agents = new AgentPool([3, 1, 1], [1, 1, 1]);
    const available: number[] = [];
    agents.setRostered(0, 2, 0, available);
    agents.setRostered(1, 1, 5, available);
    agents.setRostered(2, 1, 0, available);
    const router = new Router(model, streams(), {
      calls,
      queues,
      agents,
      groupSite: [0, 0, 1],
      detected: [0, 0],
      waitingByTypeSite: [0, 0],
    });
    const call = calls.allocate();
    Object.assign(calls.at[call], { type: 0, site: 0, units: 0 });
    return { calls, queues, agents, router, call };
  }

  it('gives an arriving call the longest-idle agent of the best level at its own site', () => {
    const { agents, router, call } = setUp();
    const agent = router.agentFor(call, 0);
    expect(agents.group[agent]).toBe(0);
    expect(agent).toBe(0); // came on duty first
  });

  it('a delayed skill becomes eligible once the call has waited its delay', () => {
    const { agents, router, call } = setUp();
    agents.take(0, 1);
    agents.take(1, 1);
    expect(router.agentFor(call, 0)).toBe(NO_AGENT);
    const agent = router.agentFor(call, 30);
    expect(agents.group[agent]).toBe(1);
  });

  it('a freed agent takes the call waiting longest among those it may take', () => {
    const { calls, queues, router } = setUp();
    const early = calls.allocate();
    const late = calls.allocate();
    Object.assign(calls.at[early], { type: 0, site: 0, queuedAt: 10 });
    Object.assign(calls.at[late], { type: 0, site: 0, queuedAt: 20 });
    queues.push(0, early);
    queues.push(0, late);
    expect(router.callFor(0, 25)).toBe(early);
    expect(router.callFor(3, 25)).toBe(NO_CALL); // the second group may take calls only after 30 s
    expect(router.callFor(3, 40)).toBe(early);
  });
});
