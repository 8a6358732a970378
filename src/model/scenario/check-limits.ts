/**
 * Checks of the limits (limits.ts) that need the whole scenario: agents on
 * duty at once, the KPI records and routing tables a replication
 * allocates, the calls and random outages it is expected to simulate, and
 * outages that could never happen within the simulated time. Each problem
 * names the field to change.
 */
import { fromSpec } from '../../kernel/distributions.js';
import type { ArrivalClock } from './arrival-rates.js';
import { compileArrivals, expectedArrivals, simTimeOf } from './arrival-rates.js';
import {
  formatCount,
  MAX_AGENTS_PER_GROUP,
  MAX_AGENTS_TOTAL,
  MAX_EXPECTED_CALLS,
  MAX_EXPECTED_OUTAGES,
  MAX_KPI_RECORDS,
  MAX_ROUTING_ENTRIES,
} from './limits.js';
import type { FieldPath } from './problems.js';
import type { ArrivalsSpec, DistributionInput, Scenario } from './schema/index.js';
import { formatClockTime } from './units.js';

export interface LimitProblem {
  readonly path: FieldPath;
  readonly message: string;
}

const SEE = '(see "Limits" in the README)';

/** Problems with the limits of limits.ts; `intervals` is the number of KPI intervals. */
export function checkLimits(scenario: Scenario, intervals: number): LimitProblem[] {
  const problems: LimitProblem[] = [];
  const clock: ArrivalClock = {
    start: scenario.start,
    warmup: scenario.warmup,
    horizon: scenario.horizon,
    intervalLength: scenario.interval,
    measureStart: scenario.warmup,
  };
  checkAgents(scenario, problems);
  checkTables(scenario, intervals, problems);
  checkExpectedCalls(scenario, clock, problems);
  checkOutages(scenario, clock, problems);
  return problems;
}

function checkAgents(scenario: Scenario, problems: LimitProblem[]): void {
  let total = 0;
  let largest = { group: -1, agents: 0, field: 'agents' };
  scenario.agentGroups.forEach((g, group) => {
    const field = g.agents !== undefined ? 'agents' : g.perInterval !== undefined ? 'perInterval' : 'shifts';
    const agents =
      g.agents ?? g.perInterval?.reduce((most, n) => Math.max(most, n), 0) ?? peakOnShift(g.shifts ?? []);
    total += agents;
    if (agents > largest.agents) largest = { group, agents, field };
    if (agents > MAX_AGENTS_PER_GROUP) {
      problems.push({
        path: ['agentGroups', group, field],
        message: `expected at most ${formatCount(MAX_AGENTS_PER_GROUP)} agents on duty at once in a group, got ${formatCount(agents)} ${SEE}`,
      });
    }
  });
  if (total > MAX_AGENTS_TOTAL && largest.agents <= MAX_AGENTS_PER_GROUP) {
    problems.push({
      path: ['agentGroups', largest.group, largest.field],
      message: `expected at most ${formatCount(MAX_AGENTS_TOTAL)} agents in all groups together, got ${formatCount(total)} ${SEE}`,
    });
  }
}

/** Most agents on shift at once, breaks ignored (an upper bound of what the engine allocates). */
function peakOnShift(shifts: ReadonlyArray<{ start: number; length: number; count: number }>): number {
  const changes = shifts.flatMap((s) => [
    { t: s.start, n: s.count },
    { t: s.start + s.length, n: -s.count },
  ]);
  changes.sort((a, b) => a.t - b.t || a.n - b.n);
  let now = 0;
  let peak = 0;
  for (const c of changes) {
    now += c.n;
    peak = Math.max(peak, now);
  }
  return peak;
}

/** The KPI records and the agents' queue-scanning tables a replication allocates. */
function checkTables(scenario: Scenario, intervals: number, problems: LimitProblem[]): void {
  const scheduledOutages = scenario.outages.filter((o) => o.at !== undefined).length;
  const periods = intervals + 1 + 3 * scheduledOutages;
  const lists = {
    callTypes: scenario.callTypes.length,
    tiers: scenario.callTypes.reduce((n, c) => n + (c.tiers === undefined ? 0 : c.tiers.length + 1), 0),
    agentGroups: scenario.agentGroups.length,
    entryPoints: scenario.entryPoints.length,
    sites: scenario.sites.length,
  };
  const views = 1 + Object.values(lists).reduce((a, b) => a + b, 0);
  const records = periods * views;
  if (records > MAX_KPI_RECORDS) {
    const [longest] = Object.entries(lists).sort((a, b) => b[1] - a[1]);
    problems.push({
      path: views > periods ? [longest[0] === 'tiers' ? 'callTypes' : longest[0]] : ['interval'],
      message:
        `expected at most ${formatCount(MAX_KPI_RECORDS)} KPI records per replication, got ` +
        `${formatCount(records)}: ${formatCount(periods)} periods (intervals, the horizon, outage phases) × ` +
        `${formatCount(views)} views (all calls, call types, tiers, agent groups, entry points, sites) ${SEE}`,
    });
  }
  const tiersOf = new Map(scenario.callTypes.map((c) => [c.name, (c.tiers?.length ?? 0) + 1]));
  const sites = scenario.sites.length;
  let entries = 0;
  for (const g of scenario.agentGroups) {
    for (const skill of g.skills) {
      entries += (tiersOf.get(typeof skill === 'string' ? skill : skill.callType) ?? 0) * sites * sites;
    }
  }
  if (entries > MAX_ROUTING_ENTRIES) {
    problems.push({
      path: sites > 1 ? ['sites'] : ['agentGroups'],
      message:
        `expected at most ${formatCount(MAX_ROUTING_ENTRIES)} routing entries (agent group skills × tiers × sites²), ` +
        `got ${formatCount(entries)} ${SEE}`,
    });
  }
}

/**
 * Calls a replication is expected to simulate: each source's arrivals over
 * the warm-up and the horizon (surges applied, forecast uncertainty at mean
 * + 3 standard deviations) times the attempts each caller can make.
 */
function checkExpectedCalls(scenario: Scenario, clock: ArrivalClock, problems: LimitProblem[]): void {
  const { total, worst } = expectedCalls(scenario, clock);
  if (total <= MAX_EXPECTED_CALLS || worst === undefined) return;
  // Blame the repeats when the first attempts alone would fit.
  const blameRepeats = worst.repeat.factor > 1 && worst.calls <= MAX_EXPECTED_CALLS;
  const callType = worst.path[0] === 'callTypes' ? worst.path : undefined;
  problems.push({
    path:
      blameRepeats && callType !== undefined
        ? [...callType, worst.repeat.field]
        : [...worst.path, 'arrivals'],
    message:
      `expected at most ${formatCount(MAX_EXPECTED_CALLS)} calls per replication (arrivals over the warm-up ` +
      `and the horizon, with surges, forecast uncertainty, redials and callbacks), this scenario asks for ` +
      `${formatCount(total)}${blameRepeats ? ` (up to ${formatCount(worst.repeat.factor)} attempts per caller)` : ''} ${SEE}`,
  });
}

interface Source {
  readonly path: FieldPath;
  /** First attempts expected. */
  readonly calls: number;
  readonly repeat: { readonly factor: number; readonly field: string };
}

/** Calls a replication of a valid scenario is expected to simulate, at most (see checkExpectedCalls). */
export function expectedCallsOf(scenario: Scenario): number {
  return expectedCalls(scenario, {
    start: scenario.start,
    warmup: scenario.warmup,
    horizon: scenario.horizon,
    intervalLength: scenario.interval,
    measureStart: scenario.warmup,
  }).total;
}

function expectedCalls(scenario: Scenario, clock: ArrivalClock): { total: number; worst?: Source } {
  const end = scenario.warmup + scenario.horizon;
  const repeats = scenario.callTypes.map((c) => repeatFactor(c, end));
  const mostRepeats = repeats.reduce((most, r) => (r.factor > most.factor ? r : most), {
    factor: 1,
    field: 'redial',
  });
  const sources: Source[] = [];
  const first = (arrivals: ArrivalsSpec) => {
    const spec = compileArrivals(arrivals, clock);
    if (spec.kind === 'trace') return spec.times.length;
    return expectedArrivals(spec.segments, end) * (1 + 3 * spec.uncertaintyCv);
  };
  scenario.entryPoints.forEach((e, i) =>
    sources.push({ path: ['entryPoints', i], calls: first(e.arrivals), repeat: mostRepeats }),
  );
  scenario.callTypes.forEach((c, i) => {
    if (c.arrivals !== undefined)
      sources.push({ path: ['callTypes', i], calls: first(c.arrivals), repeat: repeats[i] });
  });
  let total = 0;
  let worst: Source | undefined;
  let worstCalls = -1;
  for (const source of sources) {
    const calls = source.calls * source.repeat.factor;
    total += Number.isNaN(calls) ? Infinity : calls;
    if (!(calls <= worstCalls)) {
      worst = source;
      worstCalls = calls;
    }
  }
  return { total, worst };
}

/**
 * At most how many calls one caller of a call type makes: redials (if every
 * attempt fails) times callbacks (if unresolved at the rate 1 − fcr, but no
 * more often than the callback delay allows within `end`).
 */
function repeatFactor(c: Scenario['callTypes'][number], end: number): { factor: number; field: string } {
  let redials = 1;
  if (c.redial !== undefined && c.redial.probability > 0) {
    const p = c.redial.probability;
    const m = c.redial.maxAttempts;
    redials = p >= 1 ? m : (1 - p ** m) / (1 - p);
  }
  let callbacks = 1;
  const fcr = c.fcr ?? 1;
  if (fcr < 1) {
    const delay = meanOf(c.callbackDelay);
    const byRate = fcr > 0 ? 1 / fcr : Infinity;
    const byTime = delay > 0 ? 1 + end / delay : Infinity;
    callbacks = Math.min(byRate, byTime);
  }
  return { factor: redials * callbacks, field: callbacks > redials ? 'fcr' : 'redial' };
}

function meanOf(spec: DistributionInput | undefined): number {
  if (spec === undefined) return 0;
  try {
    return fromSpec(spec).mean;
  } catch {
    return 0; // parameters refused elsewhere
  }
}

/** Random outages expected within the simulated time; scheduled outages that start after it. */
function checkOutages(scenario: Scenario, clock: ArrivalClock, problems: LimitProblem[]): void {
  const end = scenario.warmup + scenario.horizon;
  let total = 0;
  let worst = { index: -1, expected: -1 };
  scenario.outages.forEach((o, i) => {
    if (o.at !== undefined && simTimeOf(clock, o.at) >= end) {
      problems.push({
        path: ['outages', i, 'at'],
        message:
          `expected a start before the end of the horizon (${formatClockTime(scenario.start + scenario.horizon)}), ` +
          `got ${formatClockTime(o.at)}: the outage would never happen`,
      });
    }
    if (o.mtbf === undefined || o.mttr === undefined) return;
    const cycle = meanOf(o.mtbf) + meanOf(o.mttr);
    const expected = cycle > 0 ? end / cycle : Infinity;
    total += expected;
    if (expected > worst.expected) worst = { index: i, expected };
  });
  if (total > MAX_EXPECTED_OUTAGES) {
    problems.push({
      path: ['outages', worst.index, 'mtbf'],
      message:
        `expected at most ${formatCount(MAX_EXPECTED_OUTAGES)} random outages per replication, ` +
        `mtbf and mttr give about ${formatCount(total)} ${SEE}`,
    });
  }
}
