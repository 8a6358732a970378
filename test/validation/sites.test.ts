/**
 * Validation of multi-site routing and disaster recovery
 * (src/model/engine/replication.ts: chooseSite, onOutageStart, dropCallsAt,
 * onOutageDetected, onRestore, onOutageEnd).
 *
 * 1. A site down for the whole day (a scheduled full outage from the first
 *    simulated instant, detected at once) is no site at all: with the same
 *    seed the KPIs are exactly those of the surviving site alone (common
 *    random numbers: routing draws from its own `routing/…` stream), and with
 *    independent seeds a two-sample z test at a family level of 99.9%
 *    (Bonferroni over four KPIs) finds no difference. Nothing fails or drops.
 * 2. Pooling (Erlang C, M/M/n): two identical sites of n agents with routing
 *    mostIdle and inter-site overflow after 0 s are one queue of 2n agents
 *    (an arrival takes any idle agent, a freed agent takes the longest
 *    waiting call of either site), so service level, ASA and P(wait) match
 *    Erlang C with 2n agents and the total load. Fixed 50/50 shares without
 *    overflow split a Poisson stream into two independent Poisson streams of
 *    half the rate (thinning), i.e. two separate Erlang C queues of n agents.
 *    All intervals at a family level of 99.9% (Bonferroni over the 12
 *    checks); the two policies' intervals are disjoint.
 * 3. Hand-checked outages: listed arrival times and deterministic durations,
 *    so the calls in the IVR, waiting and talking at the failed site at the
 *    failure instant are known: `dropped` is their number; arrivals between
 *    the failure and its detection are `failed`; callers who redial with
 *    probability 1 after a fixed delay come back exactly at failure time (or
 *    arrival time) + delay. Scopes: `ivr` drops IVR calls only, `lines` drops
 *    voice calls but not chats and e-mails, `agents` with a fraction takes
 *    that fraction of the site's agents off duty (and drops their calls).
 * 4. Determinism and common random numbers: the same scenario gives
 *    byte-identical results twice and with 1 or 2 threads; a scheduled
 *    outage changes no arrival before it; random outages draw from their own
 *    `outage/…` streams, so another repair-time distribution changes nothing
 *    before the first failure.
 * 5. Restoration: a fraction of the failed site's agents resume work at the
 *    recovery site after the given time and serve its queue.
 * 6. Phases: before / during / after each scheduled outage, as whole KPI
 *    intervals with clock labels; time to recover is 0 when the service level
 *    never falls below target and, when it does, the end of the first run of
 *    intervals below target that starts during the outage (minus the start).
 *
 * Three engine bugs were found by these tests and fixed; the comments marked
 * "Regression" at each say what went wrong.
 */
import { describe, expect, it } from 'vitest';
import { erlangC } from '../../src/analytic/index.js';
import type { KpiEstimates } from '../../src/experiment/aggregate.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { simulate } from '../../src/experiment/simulate.js';
import { normalQuantile, studentTQuantile } from '../../src/kernel/numerics/special-functions.js';
import { Field } from '../../src/model/kpis.js';
import type { CompiledScenario } from '../../src/model/scenario/index.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { Replications, viewOf } from '../support/replication-records.js';

const FAMILY_ALPHA = 0.001;
const det = (seconds: number) => `{ dist: deterministic, value: ${seconds}s }`;

/** Results without the wall-clock figures, as text (byte-identical comparisons). */
const strip = (r: RunResult) =>
  JSON.stringify({ ...r, performance: { ...r.performance, wallSeconds: 0, callsPerSecond: 0 } });

/** The point value of a KPI (one replication: the value itself). */
function value(estimates: KpiEstimates, name: string): number {
  const e = estimates[name];
  if (e === undefined || e.mean === null) throw new Error(`KPI ${name} has no value: ${JSON.stringify(e)}`);
  return e.mean;
}

/** Fails unless `exact` lies in the interval of a KPI. */
function expectInInterval(exact: number, estimates: KpiEstimates, name: string, label: string): void {
  const e = estimates[name];
  if (e === undefined || e.lo === null || e.hi === null) throw new Error(`${label}: ${name} has no interval`);
  const message = `${label} ${name}: exact ${exact} outside [${e.lo}, ${e.hi}] (estimate ${e.mean})`;
  expect(exact, message).toBeGreaterThanOrEqual(e.lo);
  expect(exact, message).toBeLessThanOrEqual(e.hi);
}

// ---------------------------------------------------------------- 1. a site down all day

/**
 * One call type at 130 calls/h (AHT 5 min, patience 3 min, M/M/n+M) from
 * 08:00 for 8 h after a 1 h warm-up. The simulation starts at 07:00 (time
 * 0): an outage `at: "07:00"` starts at the first simulated instant.
 */
function network(seed: number, body: string) {
  return modelFromText(
    `name: site down
seed: ${seed}
start: "08:00"
warmup: 1h
horizon: 8h
interval: 1h
serviceLevel: { threshold: 20 }
callTypes:
  - name: q
    arrivals: { ratePerHour: 130 }
    handleTime: { dist: exponential, mean: 300s }
    patience: { dist: exponential, mean: 180s }
${body}`,
    'site-down.yaml',
  );
}

const northOnly = (seed: number) =>
  network(
    seed,
    `sites: [{ name: north }]
agentGroups:
  - { name: north-team, site: north, agents: 12, skills: [q] }
`,
  );

const withSouth = (seed: number, outage: string) =>
  network(
    seed,
    `sites: [{ name: north }, { name: south }]
outages: [${outage}]
agentGroups:
  - { name: north-team, site: north, agents: 12, skills: [q] }
  - { name: south-team, site: south, agents: 8, skills: [q] }
`,
  );

/** South down from the first simulated instant (07:00) for a day: all of warm-up and horizon. */
const SOUTH_DOWN_ALL_DAY = '{ site: south, at: "07:00", duration: 24h, detectionDelay: 0s }';

/** Two-sample z statistic of a KPI from two independent sets of replications (delta-method errors). */
function twoSampleZ(a: Replications, b: Replications, name: string): { z: number; a: number; b: number } {
  const level = 0.95;
  const se = (r: Replications) => {
    const i = r.kpi(name, level);
    if (i.halfWidth === null || i.mean === null) throw new Error(`${name}: no interval`);
    return { mean: i.mean, se: i.halfWidth / studentTQuantile(1 - (1 - level) / 2, r.count - 1) };
  };
  const x = se(a);
  const y = se(b);
  return { z: (x.mean - y.mean) / Math.hypot(x.se, y.se), a: x.mean, b: y.mean };
}

describe('a site down for the whole day', () => {
  const KPIS = ['serviceLevel', 'asa', 'abandonRate', 'answered'];

  it('gives exactly the KPIs of the surviving site alone with the same seed (common random numbers)', async () => {
    const down = await simulate(withSouth(5, SOUTH_DOWN_ALL_DAY), { replications: 20, threads: 1 });
    const alone = await simulate(northOnly(5), { replications: 20, threads: 1 });
    // Everything but the outage KPIs of the network (south is down all day: the network is half available).
    const calls = (k: KpiEstimates) =>
      JSON.stringify({ ...k, outages: undefined, downtime: undefined, availability: undefined });
    expect(calls(down.total)).toBe(calls(alone.total));
    expect(JSON.stringify(down.byInterval.map((i) => calls(i.kpis)))).toBe(
      JSON.stringify(alone.byInterval.map((i) => calls(i.kpis))),
    );
    expect(value(down.total, 'availability')).toBe(0.5);
    expect(value(down.bySite.south, 'availability')).toBe(0);
    expect(JSON.stringify(down.bySite.north)).toBe(JSON.stringify(alone.bySite.north));
    expect(value(down.total, 'failed')).toBe(0);
    expect(value(down.total, 'dropped')).toBe(0);
    expect(value(down.bySite.south, 'offered')).toBe(0);
    expect(value(down.byAgentGroup['south-team'], 'agents')).toBe(0);
  });

  it('matches the surviving site alone by a two-sample test at 99.9% (independent seeds), and nothing fails', () => {
    const R = 40;
    const down = new Replications(withSouth(101, SOUTH_DOWN_ALL_DAY), R);
    const alone = new Replications(northOnly(202), R);
    const bound = normalQuantile(1 - FAMILY_ALPHA / (2 * KPIS.length));
    for (const name of KPIS) {
      const { z, a, b } = twoSampleZ(down, alone, name);
      expect(Math.abs(z), `${name}: ${a} with south down vs ${b} north alone (z = ${z})`).toBeLessThan(bound);
    }
    const south = viewOf(down.model, 'agentGroup', 'south-team');
    const southSite = { kind: 'site', index: 1 } as const;
    for (let r = 0; r < R; r++) {
      expect(down.values(Field.failed)[r]).toBe(0);
      expect(down.values(Field.dropped)[r]).toBe(0);
      expect(down.values(Field.offered, southSite)[r]).toBe(0);
      expect(down.values(Field.staffedTime, south)[r]).toBe(0);
    }
    // Power: with south up, the same test sees its 8 agents (service level far higher).
    const up = new Replications(withSouth(101, SOUTH_DOWN_ALL_DAY.replace('24h', '1s')), R);
    expect(Math.abs(twoSampleZ(up, alone, 'serviceLevel').z)).toBeGreaterThan(bound);
  });

  // Regression (fixed): compile.ts clamped a scheduled outage's start to simulation time 0 (Math.max(0, simTimeOf(at)))
  // without shortening it, so an outage listed before the first simulated instant is shifted later.
  // Scenario: start 08:00, warm-up 1 h (time 0 = 07:00), south down at "06:00" for 2 h, i.e. until
  // 08:00 on the clock. Expected: south's 8 agents on duty from 08:00 (the outage is over when
  // measurement starts), and no outage phase overlapping the horizon. Got: the engine runs the
  // outage over [07:00, 09:00), south-team has 0 agents in the 08:00–09:00 interval and the
  // "during" phase is 08:00–09:00.
  it('ends an outage listed before the first simulated instant at its clock end time', async () => {
    const r = await simulate(withSouth(5, '{ site: south, at: "06:00", duration: 2h }'), {
      replications: 2,
      threads: 1,
    });
    expect(value(r.byInterval[0].byAgentGroup['south-team'], 'agents')).toBeCloseTo(8, 9);
  });
});

// ---------------------------------------------------------------- 2. pooling

describe('two identical sites: pooled by most-idle routing with overflow, separate with fixed shares', () => {
  // 2 × 10 agents, 240 calls/h of 240 s (16 erlangs, 80% occupancy), no abandonment: M/M/n.
  const AGENTS = 10;
  const RATE = 240;
  const AHT = 240;
  const CHECKS = 12;
  const level = 1 - FAMILY_ALPHA / CHECKS;
  const twoSites = (routing: string) =>
    modelFromText(
      `name: pooling
seed: 11
warmup: 2h
horizon: 100h
serviceLevel: { threshold: 20 }
sites: [{ name: east }, { name: west }]
routing: ${routing}
callTypes:
  - { name: q, arrivals: { ratePerHour: ${RATE} }, handleTime: { dist: exponential, mean: ${AHT}s } }
agentGroups:
  - { name: east-team, site: east, agents: ${AGENTS}, skills: [q] }
  - { name: west-team, site: west, agents: ${AGENTS}, skills: [q] }
`,
      'pooling.yaml',
    );
  const exactOf = (ratePerHour: number, agents: number) => {
    const e = erlangC({
      arrivalRatePerHour: ratePerHour,
      meanServiceSeconds: AHT,
      agents,
      thresholdSeconds: 20,
    });
    if (!e.stable) throw new Error('unstable case');
    return { serviceLevel: e.serviceLevel, asa: e.asa, pWait: e.pWait };
  };

  it('matches Erlang C with 2n agents (pooled) and with n agents at half the load (shares), and the two differ', async () => {
    const pooledExact = exactOf(RATE, 2 * AGENTS);
    const splitExact = exactOf(RATE / 2, AGENTS);
    const pooled = await simulate(twoSites('{ policy: mostIdle, overflowAfter: 0s }'), {
      replications: 20,
      threads: 1,
      confidenceLevel: level,
    });
    const split = await simulate(twoSites('{ policy: shares, shares: { east: 0.5, west: 0.5 } }'), {
      replications: 20,
      threads: 1,
      confidenceLevel: level,
    });
    for (const [name, exact] of Object.entries(pooledExact)) {
      expectInInterval(exact, pooled.total, name, 'pooled (Erlang C, 2n agents)');
    }
    for (const [name, exact] of Object.entries(splitExact)) {
      expectInInterval(exact, split.total, name, 'shares (Erlang C, n agents, λ/2)');
      for (const site of ['east', 'west'])
        expectInInterval(exact, split.bySite[site], name, `shares, ${site}`);
    }
    // The policies differ: their intervals are disjoint (pooling waits less).
    for (const name of ['serviceLevel', 'asa', 'pWait']) {
      const p = pooled.total[name];
      const s = split.total[name];
      const apart = (p.hi as number) < (s.lo as number) || (s.hi as number) < (p.lo as number);
      expect(apart, `${name}: pooled [${p.lo}, ${p.hi}] vs shares [${s.lo}, ${s.hi}]`).toBe(true);
    }
    expect(value(pooled.total, 'serviceLevel')).toBeGreaterThan(value(split.total, 'serviceLevel'));
  });
});

// ---------------------------------------------------------------- 3. hand-checked outages

/**
 * 08:00 for 2 h in 1-minute intervals (interval i starts at i·60 s), sites
 * north (index 0) and south; the call type's own routing sends every call
 * to south until south is known to be down, then to north (its only open
 * site). South fails at 08:30 (1800 s), detected 5 min later (2100 s), back
 * at 09:00. Talk 600 s, IVR 300 s, redial with probability 1 after 900 s
 * (at most 2 attempts). South: 2 agents, north: 5.
 *
 * At 1800 s, at south: talking: the calls of 1300 s and 1400 s (until 1900
 * and 2000 s); waiting: those of 1500 s and 1600 s; in the IVR: the
 * entry-point calls of 1600 s and 1700 s (until 1900 and 2000 s). The calls
 * of 1000 s and 1100 s ended at 1600 and 1700 s. So 6 calls are cut.
 * Between failure and detection, voice calls at 1900, 1950 and 2050 s and
 * the entry-point call of 2000 s fail (4). The voice call at exactly 2100 s
 * comes after the detection (outage events run before arrivals at equal
 * times) and goes to north, as do later ones.
 */
function handChecked(scope: string, sites = '[{ name: north }, { name: south }]') {
  return modelFromText(
    `name: hand-checked outage
seed: 3
replications: 1
start: "08:00"
horizon: 2h
interval: 1m
sites: ${sites}
outages:
  - { site: south, at: "08:30", duration: 30m, detectionDelay: 5m, scope: ${scope} }
entryPoints:
  - { name: hotline, arrivals: { times: [1600s, 1700s, 2000s, 2300s] }, ivr: menu }
ivr:
  menu: { duration: ${det(300)}, next: [{ p: 1, to: { queue: voice } }] }
callTypes:
  - name: voice
    arrivals: { times: [1000s, 1100s, 1300s, 1400s, 1500s, 1600s, 1900s, 1950s, 2050s, 2100s, 2200s] }
    handleTime: ${det(600)}
    routing: { policy: shares, shares: { south: 1 } }
    redial: { probability: 1, delay: ${det(900)}, maxAttempts: 2 }
agentGroups:
  - { name: north-team, site: north, agents: 5, skills: [voice] }
  - { name: south-team, site: south, agents: 2, skills: [voice] }
`,
    'hand-checked.yaml',
  );
}

/** A KPI per 1-minute interval, as a map from interval to value, zeros left out. */
function perInterval(
  r: RunResult,
  pick: (i: RunResult['byInterval'][number]) => number,
): Record<number, number> {
  const out: Record<number, number> = {};
  r.byInterval.forEach((iv, i) => {
    const x = pick(iv);
    if (x !== 0) out[i] = x;
  });
  return out;
}

const run1 = (model: CompiledScenario) => simulate(model, { threads: 1 });

describe('a full outage, hand-checked', () => {
  it('drops the calls in the IVR, waiting and talking at the site when it fails, and fails arrivals until detection', async () => {
    const r = await run1(handChecked('full'));
    // 2 voice calls talking + 2 waiting (call type), 2 in the IVR (entry point): all cut at 1800 s.
    expect(value(r.total, 'dropped')).toBe(6);
    expect(value(r.byCallType.voice, 'dropped')).toBe(4);
    expect(value(r.bySite.south, 'dropped')).toBe(6);
    expect(value(r.bySite.north, 'dropped')).toBe(0);
    expect(perInterval(r, (iv) => value(iv.kpis, 'dropped'))).toEqual({ 30: 6 });
    // Voice at 1900, 1950, 2050 s (call type) and the entry-point call at 2000 s.
    expect(value(r.total, 'failed')).toBe(4);
    expect(value(r.byCallType.voice, 'failed')).toBe(3);
    expect(perInterval(r, (iv) => value(iv.kpis, 'failed'))).toEqual({ 31: 1, 32: 1, 33: 1, 34: 1 });
    expect(value(r.bySite.south, 'failed')).toBe(4);
    // After the detection south gets nothing: the calls of 2100 and 2200 s, the entry-point call of
    // 2300 s and all redials go to north.
    for (let i = 35; i < 120; i++)
      expect(value(r.byInterval[i].bySite.south, 'offered'), `interval ${i}`).toBe(0);
    expect(perInterval(r, (iv) => value(iv.bySite.north, 'offered'))).toEqual({
      35: 1,
      36: 1,
      38: 1,
      45: 6,
      46: 1,
      47: 1,
      48: 1,
      49: 1,
    });
    expect(value(r.total, 'callsLost')).toBe(10);
    expect(value(r.total, 'unfinished')).toBe(0);
  });

  it('brings the redials of dropped and failed callers back exactly one redial delay later', async () => {
    const r = await run1(handChecked('full'));
    // 6 dropped at 1800 s → 2700 s (interval 45); failed at 1900, 1950, 2000 (entry), 2050 s →
    // 2800, 2850, 2900, 2950 s (intervals 46–49).
    expect(perInterval(r, (iv) => value(iv.kpis, 'redials'))).toEqual({ 45: 6, 46: 1, 47: 1, 48: 1, 49: 1 });
    expect(perInterval(r, (iv) => value(iv.byEntryPoint.hotline, 'redials'))).toEqual({ 45: 2, 48: 1 });
    expect(value(r.total, 'redials')).toBe(10);
    // Every redial is served at north: 4 + 2 + 1 first calls answered, plus 10 redials.
    expect(value(r.total, 'answered')).toBe(17);
    expect(value(r.total, 'uniqueCallers')).toBe(15);
  });

  // Regression (fixed): chooseSite with policy shares renormalised the shares of the open sites; when they are all 0
  // it falls back to `last`, initialised to site 0 whether or not it is open. Scenario: as above with
  // the sites listed [south, north] (south is site 0) and shares { south: 1 }. Expected: after the
  // detection (2100 s) calls go to north, the only open site (as when north is listed first: 4
  // failed, 17 answered). Got: every later call and redial is still routed to south and fails
  // (failed 20, answered 4).
  it('sends calls to an open site after detection even when the failed site comes first in the list', async () => {
    const r = await run1(handChecked('full', '[{ name: south }, { name: north }]'));
    expect(value(r.total, 'failed')).toBe(4);
    expect(value(r.total, 'answered')).toBe(17);
  });
});

describe('partial outages, hand-checked', () => {
  it('scope ivr: drops only the calls in the IVR and fails only entry-point calls', async () => {
    const r = await run1(handChecked('ivr'));
    expect(value(r.total, 'dropped')).toBe(2);
    expect(value(r.byCallType.voice, 'dropped')).toBe(0);
    expect(perInterval(r, (iv) => value(iv.kpis, 'dropped'))).toEqual({ 30: 2 });
    // The entry-point call of 2000 s fails; direct voice calls need no IVR and are served at south.
    expect(value(r.total, 'failed')).toBe(1);
    expect(value(r.byCallType.voice, 'failed')).toBe(0);
    expect(value(r.bySite.south, 'answered')).toBe(11);
    expect(perInterval(r, (iv) => value(iv.kpis, 'redials'))).toEqual({ 45: 2, 48: 1 });
  });

  it('scope lines: drops waiting and talking voice calls, not chats and e-mails, and fails voice arrivals only', async () => {
    const r = await run1(
      modelFromText(
        `name: lines down
replications: 1
start: "08:00"
horizon: 2h
interval: 1m
sites: [{ name: north }, { name: south }]
routing: { policy: shares, shares: { south: 1 } }
outages:
  - { site: south, at: "08:30", duration: 30m, detectionDelay: 5m, scope: lines }
callTypes:
  - { name: voice, arrivals: { times: [1000s, 1100s, 1950s] }, handleTime: ${det(1000)} }
  - { name: chat, channel: chat, arrivals: { times: [1200s, 1900s] }, handleTime: ${det(300)} }
  - { name: mail, channel: email, arrivals: { times: [1300s] }, handleTime: ${det(300)} }
agentGroups:
  - { name: north-team, site: north, agents: 1, skills: [voice, chat, mail] }
  - { name: south-team, site: south, agents: 1, skills: [voice, chat, mail] }
`,
        'lines.yaml',
      ),
    );
    // At 1800 s: voice of 1000 s talking, voice of 1100 s, chat of 1200 s, mail of 1300 s waiting.
    expect(value(r.byCallType.voice, 'dropped')).toBe(2);
    expect(value(r.byCallType.chat, 'dropped')).toBe(0);
    expect(value(r.byCallType.mail, 'dropped')).toBe(0);
    expect(value(r.total, 'dropped')).toBe(2);
    // The voice call of 1950 s fails; the chat of 1900 s goes to south, which still has its agent.
    expect(value(r.byCallType.voice, 'failed')).toBe(1);
    expect(value(r.byCallType.chat, 'failed')).toBe(0);
    // The freed agent takes the chat at 1800 s (waited 600 s), the chat of 1900 s at 2100 s, then the mail.
    expect(value(r.byCallType.chat, 'answered')).toBe(2);
    expect(value(r.byCallType.chat, 'asa')).toBeCloseTo((600 + 200) / 2, 9);
    expect(value(r.byCallType.mail, 'answered')).toBe(1);
    expect(value(r.byCallType.mail, 'asa')).toBeCloseTo(2400 - 1300, 9);
    // The voice call of 1000 s (answered before it was cut), 2 chats and the mail.
    expect(value(r.bySite.south, 'answered')).toBe(4);
  });

  // Regression (fixed): dropCallsAt dropped calls in the IVR only when the IVR is down (bits & DOWN_IVR), but an
  // entry-point call needs the site's lines too (NEEDS_ENTRY includes DOWN_LINES; new entry-point
  // calls do fail in a lines outage). Scenario: the hand-checked scenario with scope lines. Expected:
  // the 2 calls in the IVR at 1800 s are cut with the 4 voice calls (dropped 6), and south answers
  // nothing during the outage. Got: dropped 4; the two IVR calls leave the IVR at 1900 and 2000 s
  // into south's queue and are answered there by south's agents although its lines are down.
  it('scope lines: also cuts the voice calls in the IVR', async () => {
    const r = await run1(handChecked('lines'));
    expect(value(r.total, 'dropped')).toBe(6);
    for (let i = 30; i < 60; i++) expect(value(r.byInterval[i].bySite.south, 'answered')).toBe(0);
  });

  it('scope agents, fraction 0.5: halves the agents on duty during the outage and drops the calls of those lost', async () => {
    const r = await run1(
      modelFromText(
        `name: half the agents
replications: 1
start: "08:00"
horizon: 2h
interval: 30m
sites: [{ name: north }, { name: south }]
routing: { policy: shares, shares: { south: 1 } }
outages:
  - { site: south, at: "08:30", duration: 30m, detectionDelay: 5m, scope: agents, fraction: 0.5 }
callTypes:
  - { name: voice, arrivals: { times: [1000s, 1100s, 1200s, 1300s, 1900s] }, handleTime: ${det(1000)} }
agentGroups:
  - { name: north-team, site: north, agents: 6, skills: [voice] }
  - { name: south-team, site: south, agents: 4, skills: [voice] }
`,
        'agents.yaml',
      ),
    );
    const south = r.byInterval.map((iv) => value(iv.byAgentGroup['south-team'], 'agents'));
    expect(south[0]).toBeCloseTo(4, 9);
    expect(south[1]).toBeCloseTo(2, 9);
    expect(south[2]).toBeCloseTo(4, 9);
    expect(south[3]).toBeCloseTo(4, 9);
    const during = r.byPhase?.find((p) => p.phase === 'during');
    expect(during?.from).toBe('08:30');
    expect(during?.to).toBe('09:00');
    expect(value(during?.kpis ?? {}, 'agents')).toBeCloseTo(6 + 2, 9);
    // All 4 south agents were talking at 08:30: the 2 lost are cut off, the other 2 calls go on.
    expect(value(r.total, 'dropped')).toBe(2);
    // Agents leave, the site stays up: the call of 1900 s is not failed, it waits at south.
    expect(value(r.total, 'failed')).toBe(0);
    expect(value(r.bySite.south, 'answered')).toBe(5);
    expect(value(r.bySite.north, 'offered')).toBe(0);
  });
});

// ---------------------------------------------------------------- 4. determinism, common random numbers

/** Two sites, an IVR, redials; `outages` as given. Direct voice calls plus an entry point. */
function crnCenter(outages: string, warmup = '30m') {
  return modelFromText(
    `name: crn sites
seed: 77
start: "08:00"
warmup: ${warmup}
horizon: 8h
interval: 15m
sites: [{ name: north, lines: 60 }, { name: south, lines: 40, ivrPorts: 15 }]
routing: { policy: mostIdle, overflowAfter: 60s }
outages: [${outages}]
entryPoints:
  - { name: hotline, arrivals: { ratePerHour: 120 }, ivr: menu }
ivr:
  menu:
    duration: { dist: lognormal, mean: 40s, cv: 0.5 }
    next: [{ p: 0.2, to: selfService }, { p: 0.8, to: { queue: sales } }]
callTypes:
  - name: sales
    arrivals: { ratePerHour: 200 }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 150s }
    redial: { probability: 0.5, delay: { dist: exponential, mean: 10m } }
agentGroups:
  - { name: north-team, site: north, agents: 12, skills: [sales] }
  - { name: south-team, site: south, agents: 10, skills: [sales] }
`,
    'crn-sites.yaml',
  );
}

/**
 * Per replication, the attempts that reached the center in interval i: direct calls of every kind
 * (first, redial, callback) at the call type and calls that dialled the entry point.
 */
function attempts(reps: Replications, i: number): number[] {
  const sales = viewOf(reps.model, 'callType', 'sales');
  const hotline = viewOf(reps.model, 'entryPoint', 'hotline');
  return reps
    .map((rec) => rec[Field.uniqueCallers] + rec[Field.redials] + rec[Field.repeatCalls], sales, i)
    .map((direct, r) => direct + reps.values(Field.ivrOffered, hotline, i)[r]);
}

const RANDOM_OUTAGE = (mttr: string) =>
  `{ site: south, mtbf: { dist: exponential, mean: 3h }, mttr: ${mttr}, detectionDelay: 2m }`;

describe('determinism and common random numbers with sites and outages', () => {
  it('gives byte-identical results twice, and with 1 or 2 threads', async () => {
    const model = crnCenter(
      `${RANDOM_OUTAGE('{ dist: lognormal, mean: 40m, cv: 0.5 }')}, { site: north, at: "11:00", duration: 1h, detectionDelay: 3m, restore: { fraction: 0.5, to: south, after: 20m } }`,
    );
    const one = strip(await simulate(model, { replications: 6, threads: 1 }));
    expect(strip(await simulate(model, { replications: 6, threads: 1 }))).toBe(one);
    expect(strip(await simulate(model, { replications: 6, threads: 2 }))).toBe(one);
  });

  it('keeps every arrival before a scheduled outage, and every first attempt of the day', () => {
    const R = 4;
    const base = new Replications(crnCenter(''), R);
    const outage = new Replications(
      crnCenter('{ site: south, at: "11:00", duration: 1h, detectionDelay: 5m }'),
      R,
    );
    const start = 12; // 11:00 is the start of interval 12
    let changed = 0;
    for (let i = 0; i < base.model.clock.intervalCount; i++) {
      if (i < start) {
        expect(attempts(outage, i), `attempts, interval ${i}`).toEqual(attempts(base, i));
        // Offered counts IVR calls when they reach the queue (in their arrival interval), so calls
        // still in the IVR when the site fails are never offered: only the last interval before
        // the outage may lose some (the IVR takes seconds, not 15 minutes).
        if (i < start - 1)
          expect(outage.values(Field.offered, undefined, i), `offered, interval ${i}`).toEqual(
            base.values(Field.offered, undefined, i),
          );
      } else if (JSON.stringify(attempts(outage, i)) !== JSON.stringify(attempts(base, i))) {
        changed++;
      }
      expect(outage.values(Field.uniqueCallers, undefined, i), `unique callers, interval ${i}`).toEqual(
        base.values(Field.uniqueCallers, undefined, i),
      );
    }
    // The outage does change what comes after it (redials of dropped and failed callers).
    expect(changed).toBeGreaterThan(0);
    expect(outage.values(Field.dropped).every((d) => d > 0)).toBe(true);
  });

  it('draws random outages from their own streams: another repair time changes nothing before the first failure', () => {
    const R = 8;
    // No warm-up, so that the first failure is the first measured deficit of south's agents.
    const a = new Replications(crnCenter(RANDOM_OUTAGE('{ dist: lognormal, mean: 40m, cv: 0.5 }'), '0s'), R);
    const b = new Replications(crnCenter(RANDOM_OUTAGE('{ dist: exponential, mean: 2h }'), '0s'), R);
    const none = new Replications(crnCenter('', '0s'), R);
    const south = viewOf(a.model, 'agentGroup', 'south-team');
    const I = a.model.clock.intervalCount;
    const full = 10 * a.model.clock.intervalLength;
    /** Per replication: the first interval in which south's agents were not all on duty (I: none). */
    const firstFailure = (reps: Replications) =>
      reps.summaries.map((_, r) => {
        for (let i = 0; i < I; i++) if (reps.values(Field.staffedTime, south, i)[r] < full - 1e-6) return i;
        return I;
      });
    const first = firstFailure(a);
    expect(firstFailure(b)).toEqual(first);
    expect(first.filter((i) => i < I).length, `first failures ${first}`).toBeGreaterThanOrEqual(R / 2);
    let compared = 0;
    for (let r = 0; r < R; r++) {
      for (let i = 0; i < first[r]; i++) {
        const label = `replication ${r}, interval ${i}`;
        expect(attempts(a, i)[r], label).toBe(attempts(none, i)[r]);
        expect(attempts(b, i)[r], label).toBe(attempts(none, i)[r]);
        if (i < first[r] - 1) {
          const offered = none.values(Field.offered, undefined, i)[r];
          expect(a.values(Field.offered, undefined, i)[r], label).toBe(offered);
          expect(b.values(Field.offered, undefined, i)[r], label).toBe(offered);
        }
        compared++;
      }
      for (let i = 0; i < I; i++) {
        expect(a.values(Field.uniqueCallers, undefined, i)[r]).toBe(
          none.values(Field.uniqueCallers, undefined, i)[r],
        );
        expect(b.values(Field.uniqueCallers, undefined, i)[r]).toBe(
          none.values(Field.uniqueCallers, undefined, i)[r],
        );
      }
    }
    expect(compared).toBeGreaterThan(0);
    // The repair times do matter after the first failure.
    expect(a.values(Field.dropped)).not.toEqual(b.values(Field.dropped));
    expect(a.values(Field.staffedTime, south)).not.toEqual(b.values(Field.staffedTime, south));
  });
});

// ---------------------------------------------------------------- 5. restore

describe('agents restored at another site', () => {
  it('puts half the failed site’s agents back to work at the recovery site, serving its queue', async () => {
    // South fails 09:00–11:00, detected after 5 min; half its 10 agents work from north from 09:30.
    const r = await simulate(
      modelFromText(
        `name: restore
seed: 9
start: "08:00"
warmup: 30m
horizon: 6h
interval: 30m
serviceLevel: { threshold: 20, target: 0.8 }
sites: [{ name: north }, { name: south }]
outages:
  - { site: south, at: "09:00", duration: 2h, detectionDelay: 5m, restore: { fraction: 0.5, to: north, after: 30m } }
callTypes:
  - name: q
    arrivals: { ratePerHour: 240 }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 300s }
agentGroups:
  - { name: north-team, site: north, agents: 10, skills: [q] }
  - { name: south-team, site: south, agents: 10, skills: [q] }
`,
        'restore.yaml',
      ),
      { replications: 10, threads: 1 },
    );
    const labels = r.byInterval.map((iv) => iv.interval);
    const at = (label: string) => r.byInterval[labels.indexOf(label)];
    const southAgents = (label: string) => value(at(label).byAgentGroup['south-team'], 'agents');
    expect(southAgents('08:30')).toBeCloseTo(10, 9);
    expect(southAgents('09:00')).toBeCloseTo(0, 9);
    for (const label of ['09:30', '10:00', '10:30']) {
      expect(southAgents(label), label).toBeCloseTo(5, 9);
      const iv = at(label);
      // South gets no calls; north's calls are answered by both groups.
      expect(value(iv.bySite.south, 'offered'), label).toBe(0);
      expect(value(iv.byAgentGroup['south-team'], 'answered'), label).toBeGreaterThan(20);
      expect(value(iv.bySite.north, 'answered'), label).toBeCloseTo(
        value(iv.byAgentGroup['north-team'], 'answered') + value(iv.byAgentGroup['south-team'], 'answered'),
        9,
      );
      // Both groups work at north now: an agent of either group is about as busy.
      expect(value(iv.byAgentGroup['south-team'], 'occupancy'), label).toBeGreaterThan(0.5);
    }
    expect(southAgents('11:00')).toBeCloseTo(10, 9);
    expect(value(at('11:00').bySite.south, 'offered')).toBeGreaterThan(30);
  });
});

// ---------------------------------------------------------------- 6. phases, time to recover

describe('outage phases and time to recover', () => {
  it('reports before, during and after each scheduled outage as whole intervals with clock labels', async () => {
    const r = await simulate(
      modelFromText(
        `name: phases
seed: 4
start: "08:00"
horizon: 6h
interval: 30m
sites: [{ name: north }, { name: south }]
outages:
  - { site: north, mtbf: { dist: exponential, mean: 4h }, mttr: ${det(600)}, scope: agents, fraction: 0.1 }
  - { site: south, at: "10:15", duration: 1h, detectionDelay: 2m }
  - { site: north, at: "13:00", duration: 2h }
callTypes:
  - { name: q, arrivals: { ratePerHour: 300 }, handleTime: { dist: exponential, mean: 120s } }
agentGroups:
  - { name: north-team, site: north, agents: 12, skills: [q] }
  - { name: south-team, site: south, agents: 12, skills: [q] }
`,
        'phases.yaml',
      ),
      { replications: 3, threads: 1 },
    );
    const phases = (r.byPhase ?? []).map((p) => [p.outage, p.site, p.phase, p.from, p.to]);
    expect(phases).toEqual([
      [2, 'south', 'before', '08:00', '10:00'],
      [2, 'south', 'during', '10:00', '11:30'],
      [2, 'south', 'after', '11:30', '14:00'],
      [3, 'north', 'before', '08:00', '13:00'],
      [3, 'north', 'during', '13:00', '14:00'], // runs past the horizon: cut at its end
      [3, 'north', 'after', null, null],
    ]);
    // The phases of an outage partition the horizon.
    for (const outage of [2, 3]) {
      const sum = (r.byPhase ?? [])
        .filter((p) => p.outage === outage && p.from !== null)
        .reduce((s, p) => s + value(p.kpis, 'offered'), 0);
      expect(sum).toBeCloseTo(value(r.total, 'offered'), 6);
    }
    const southDuring = (r.byPhase ?? []).find((p) => p.outage === 2 && p.phase === 'during');
    expect(value(southDuring?.bySite.south ?? {}, 'dropped')).toBeGreaterThan(0);
  });

  // 600 calls/h of 60 s (10 erlangs) on 2 × 40 agents: nobody waits, SL 1 outside outages.
  const recovery = (detectionDelay: string) =>
    modelFromText(
      `name: recovery
seed: 21
start: "08:00"
warmup: 30m
horizon: 6h
interval: 30m
serviceLevel: { threshold: 20, target: 0.8 }
sites: [{ name: north }, { name: south }]
routing: { policy: shares, shares: { north: 0.5, south: 0.5 } }
outages:
  - { site: south, at: "10:00", duration: 1h, detectionDelay: ${detectionDelay} }
callTypes:
  - { name: q, arrivals: { ratePerHour: 600 }, handleTime: { dist: exponential, mean: 60s } }
agentGroups:
  - { name: north-team, site: north, agents: 40, skills: [q] }
  - { name: south-team, site: south, agents: 40, skills: [q] }
`,
      'recovery.yaml',
    );

  it('gives time to recover 0 when the service level never falls below target', async () => {
    const r = await simulate(recovery('0s'), { replications: 10, threads: 1 });
    const during = r.byPhase?.find((p) => p.phase === 'during');
    expect(during?.kpis.timeToRecover).toEqual({ mean: 0, lo: 0, hi: 0 });
    expect(value(r.total, 'failed')).toBe(0);
    expect(value(during?.kpis ?? {}, 'serviceLevel')).toBeGreaterThan(0.99);
  });

  it('gives the end of the first run of intervals below target when calls fail until detection', async () => {
    // Half the calls of 10:00–10:20 fail: a third of the 10:00 interval, SL ≈ 0.67 < 0.8.
    const r = await simulate(recovery('20m'), { replications: 10, threads: 1 });
    const during = r.byPhase?.find((p) => p.phase === 'during');
    expect(during?.kpis.timeToRecover).toEqual({ mean: 1800, lo: 1800, hi: 1800 });
    expect(value(r.byInterval[4].kpis, 'serviceLevel')).toBeLessThan(0.8);
    expect(value(r.byInterval[5].kpis, 'serviceLevel')).toBeGreaterThan(0.99);
    expect(value(r.total, 'failed')).toBeGreaterThan(0);
  });
});

describe('outages, downtime and availability per site (issue 11)', () => {
  // 08:00–14:00 measured after a 30 min warm-up: simulation time 0 is 07:30.
  const model = (outages: string) =>
    modelFromText(
      `name: availability
seed: 5
start: "08:00"
warmup: 30m
horizon: 6h
interval: 30m
serviceLevel: { threshold: 20, target: 0.8 }
sites: [{ name: north }, { name: south }]
outages:
${outages}
callTypes:
  - { name: q, arrivals: { ratePerHour: 300 }, handleTime: { dist: exponential, mean: 60s } }
agentGroups:
  - { name: north-team, site: north, agents: 20, skills: [q] }
  - { name: south-team, site: south, agents: 20, skills: [q] }
`,
      'availability.yaml',
    );

  it('counts random outages and their downtime exactly (deterministic time between failures and repair)', async () => {
    // North fails every 2 h of uptime for 30 min: at 09:30 and 12:00 within the window (and 14:30, after it).
    const r = await simulate(
      model(`  - { site: north, mtbf: ${det(7200)}, mttr: ${det(1800)}, detectionDelay: 0s }`),
      { replications: 3, threads: 1 },
    );
    const north = r.bySite.north;
    expect(north.outages).toEqual({ mean: 2, lo: 2, hi: 2 });
    expect(north.downtime).toEqual({ mean: 3600, lo: 3600, hi: 3600 });
    expect(value(north, 'availability')).toBeCloseTo(5 / 6, 12);
    expect(value(r.bySite.south, 'outages')).toBe(0);
    expect(value(r.bySite.south, 'availability')).toBe(1);
    // The network: every site's outages, and availability of all site time.
    expect(value(r.total, 'outages')).toBe(2);
    expect(value(r.total, 'availability')).toBeCloseTo(1 - 3600 / (2 * 6 * 3600), 12);
    // Per interval: the outage of 09:30–10:00 lies in one interval, counted where it began.
    const at = (clock: string) => r.byInterval.find((iv) => iv.interval === clock)?.kpis ?? {};
    expect(value(at('09:30'), 'outages')).toBe(1);
    expect(value(at('09:30'), 'downtime')).toBe(1800);
    expect(value(at('09:30'), 'availability')).toBe(0.5);
    expect(value(at('10:00'), 'downtime')).toBe(0);
  });

  it('splits a scheduled outage’s downtime over the intervals it covers, and counts it where it began', async () => {
    const r = await simulate(model('  - { site: south, at: "10:15", duration: 1h }'), {
      replications: 2,
      threads: 1,
    });
    const at = (clock: string) => r.byInterval.find((iv) => iv.interval === clock)?.bySite.south ?? {};
    expect(value(at('10:00'), 'outages')).toBe(1);
    expect(value(at('10:00'), 'downtime')).toBe(900);
    expect(value(at('10:30'), 'downtime')).toBe(1800);
    expect(value(at('11:00'), 'downtime')).toBe(900);
    expect(value(at('11:00'), 'outages')).toBe(0);
    expect(value(r.bySite.south, 'downtime')).toBe(3600);
  });

  it('gives an outage that takes nothing down (scope agents, fraction 0) no count, no downtime and no time to recover', async () => {
    // 300 calls/h on one site's 20 agents … and a target of 100% within 20 s, which random waits miss:
    // the dip would give a time to recover if one were measured.
    const r = await simulate(
      modelFromText(
        `name: null outage
seed: 5
start: "08:00"
horizon: 4h
interval: 30m
serviceLevel: { threshold: 5, target: 1 }
sites: [{ name: north }, { name: south }]
outages:
  - { site: north, at: "09:00", duration: 2h, scope: agents, fraction: 0 }
callTypes:
  - { name: q, arrivals: { ratePerHour: 900 }, handleTime: { dist: exponential, mean: 120s } }
agentGroups:
  - { name: north-team, site: north, agents: 17, skills: [q] }
  - { name: south-team, site: south, agents: 17, skills: [q] }
`,
        'null-outage.yaml',
      ),
      { replications: 4, threads: 1 },
    );
    const during = r.byPhase?.find((p) => p.phase === 'during');
    expect(value(during?.kpis ?? {}, 'serviceLevel')).toBeLessThan(1);
    expect(during?.kpis.timeToRecover).toEqual({ mean: null, lo: null, hi: null });
    expect(value(r.total, 'outages')).toBe(0);
    expect(value(r.total, 'downtime')).toBe(0);
    expect(value(r.total, 'availability')).toBe(1);
  });
});
