/**
 * Compiling a validated scenario into the runtime model: indices instead of
 * names, samplers built once, rates and staffing laid out on the
 * simulation clock. The hot loop reads only this, never the scenario. Only
 * {@link compileScenario} makes a {@link CompiledScenario}, so an
 * unvalidated scenario cannot reach a run.
 */
import type { Distribution } from '../../kernel/distributions.js';
import { fromSpec } from '../../kernel/distributions.js';
import type { ArrivalSpec } from './arrival-rates.js';
import { compileArrivals, simTimeOf } from './arrival-rates.js';
import type { LoadedScenario } from './load.js';
import type { Scenario } from './schema/index.js';
import { intervalCountOf, skillCallType } from './semantics.js';

export type { ArrivalSpec, RateSegment } from './arrival-rates.js';
export { simTimeOf } from './arrival-rates.js';

declare const compiledBrand: unique symbol;

export const Channel = { voice: 0, chat: 1, email: 2 } as const;
export type ChannelCode = (typeof Channel)[keyof typeof Channel];

/** How a group takes a call type. */
export interface Route {
  readonly group: number;
  readonly callType: number;
  /** 1 is the most preferred. */
  readonly level: number;
  /** The group is offered the call once it has waited this long. */
  readonly after: number;
  readonly handleTimeFactor: number;
}

/** One FIFO queue: a call type's tier. */
export interface CompiledQueue {
  readonly index: number;
  readonly callType: number;
  readonly tier: number;
  readonly name: string;
}

export interface CompiledTier {
  readonly name: string;
  readonly share: number;
  readonly priority: number;
  readonly queue: number;
}

/**
 * The service-level target assumed where a scenario sets none (the common
 * 80/20 convention): for judging recovery from an outage, and for the Erlang
 * requirement drawn in reports.
 */
export const DEFAULT_SERVICE_LEVEL_TARGET = 0.8;

/** How arrivals are spread over sites (see schema/network.ts). */
export const RoutingPolicy = { shares: 0, mostIdle: 1, shortestExpectedWait: 2 } as const;
export type RoutingPolicyCode = (typeof RoutingPolicy)[keyof typeof RoutingPolicy];

export interface CompiledRouting {
  readonly policy: RoutingPolicyCode;
  /** Per site, the share of arrivals (sums to 1; equal shares when the policy is not shares). */
  readonly shares: readonly number[];
  /** Wait after which other sites' agents may take a call; Infinity: never. */
  readonly overflowAfter: number;
}

export const OutageScope = { full: 0, ivr: 1, lines: 2, agents: 3 } as const;
export type OutageScopeCode = (typeof OutageScope)[keyof typeof OutageScope];

export interface CompiledOutage {
  readonly index: number;
  readonly site: number;
  /** Scheduled: start in simulation time and duration; null for random outages. */
  readonly at: number | null;
  readonly duration: number | null;
  /** Random: time between failures and time to repair. */
  readonly mtbf: Distribution | null;
  readonly mttr: Distribution | null;
  readonly detectionDelay: number;
  readonly scope: OutageScopeCode;
  /** Fraction of the site's agents lost (1 unless scope is agents). */
  readonly fraction: number;
  readonly restore: { readonly fraction: number; readonly to: number; readonly after: number } | null;
}

/**
 * KPI phases of a scheduled outage, as whole KPI intervals: before (the
 * intervals ending by its start), during (those overlapping it), after (the
 * rest). `first`..`last` inclusive; empty when first > last.
 */
export interface Phase {
  readonly outage: number;
  readonly name: 'before' | 'during' | 'after';
  readonly first: number;
  readonly last: number;
}

export interface CompiledCallType {
  readonly index: number;
  readonly name: string;
  readonly channel: ChannelCode;
  readonly priority: number;
  /** Tiers, highest priority first; the last is the default tier of the remaining share. */
  readonly tiers: readonly CompiledTier[];
  /** Direct arrivals, or null when fed only by the IVR. */
  readonly arrivals: ArrivalSpec | null;
  readonly handleTime: Distribution;
  /** Multiplies the handle time of calls arriving in each measured interval; null: none. */
  readonly handleTimeFactors: readonly number[] | null;
  readonly acw: Distribution | null;
  /** From an agent taking the call to the talk starting; null: none. */
  readonly answerDelay: Distribution | null;
  /** Null: callers never abandon. */
  readonly patience: Distribution | null;
  readonly redial: {
    readonly probability: number;
    readonly delay: Distribution;
    readonly maxAttempts: number;
  } | null;
  /** Fraction of answered calls resolved (1: all). */
  readonly fcr: number;
  readonly callbackDelay: Distribution | null;
  readonly maxQueue: number;
  /** E-mail due time (s), or null. */
  readonly due: number | null;
  /** Groups that take this call type, by level then scenario order. */
  readonly routes: readonly Route[];
  /** How its arrivals are spread over sites. */
  readonly routing: CompiledRouting;
}

/** Agents on duty over simulation time: `counts[k]` from `times[k]` until `times[k + 1]`. */
export interface StaffingSchedule {
  readonly times: readonly number[];
  readonly counts: readonly number[];
}

export interface CompiledAgentGroup {
  readonly index: number;
  readonly name: string;
  readonly site: number;
  readonly schedule: StaffingSchedule;
  /** Most agents on duty at once. */
  readonly maxAgents: number;
  readonly concurrency: number;
  readonly concurrencySlowdown: number;
  readonly costPerHour: number;
  /** Routes of this group, in the order a freed agent scans queues (see replication.ts). */
  readonly routes: readonly Route[];
}

export interface CompiledSite {
  readonly index: number;
  readonly name: string;
  /** Infinity when unlimited. */
  readonly lines: number;
  readonly ivrPorts: number;
  readonly costPerLineHour: number;
}

/** IVR branch targets: a node index (≥ 0), or one of these exits. */
export const IvrExit = { selfService: -1, hangup: -2 } as const;
/** Encodes "queue to call type c" as a branch target. */
export const ivrQueueTarget = (callType: number) => -3 - callType;
export const callTypeOfIvrTarget = (target: number) => -3 - target;

export interface CompiledIvrNode {
  readonly index: number;
  readonly name: string;
  readonly duration: Distribution;
  /** Cumulative branch probabilities (the last is 1). */
  readonly cumulative: readonly number[];
  readonly targets: readonly number[];
}

export interface CompiledEntryPoint {
  readonly index: number;
  readonly name: string;
  readonly arrivals: ArrivalSpec;
  readonly ivr: number;
}

/**
 * The clock. Simulation time 0 is the start of the warm-up; the measured
 * window is [warmup, warmup + horizon), cut into intervals [start, end)
 * of `intervalLength` (the last one shorter when the horizon is not a
 * multiple).
 */
export interface Clock {
  /** Clock time of the first measured instant, seconds since midnight. */
  readonly start: number;
  readonly warmup: number;
  readonly horizon: number;
  readonly intervalLength: number;
  readonly intervalCount: number;
  /** Simulation time at which measurement starts (= warmup). */
  readonly measureStart: number;
  /** Simulation time at which measurement ends and arrivals stop. */
  readonly measureEnd: number;
}

export interface CompiledScenario {
  readonly [compiledBrand]: true;
  readonly name: string;
  readonly seed: number;
  readonly replications: number;
  readonly clock: Clock;
  readonly serviceLevel: {
    readonly threshold: number;
    readonly shortAbandon: number;
    readonly target?: number;
  };
  readonly targets: {
    readonly maxAbandonRate?: number;
    readonly maxAsa?: number;
    readonly maxOccupancy?: number;
  };
  readonly sites: readonly CompiledSite[];
  /** The network's routing (call types may override it). */
  readonly routing: CompiledRouting;
  readonly outages: readonly CompiledOutage[];
  /** Phases of the scheduled outages, three per outage (see Phase). */
  readonly phases: readonly Phase[];
  readonly callTypes: readonly CompiledCallType[];
  readonly queues: readonly CompiledQueue[];
  readonly agentGroups: readonly CompiledAgentGroup[];
  readonly entryPoints: readonly CompiledEntryPoint[];
  readonly ivrNodes: readonly CompiledIvrNode[];
  /** The validated scenario it was compiled from (times in seconds). */
  readonly scenario: Scenario & { readonly name: string };
  readonly source: {
    readonly file: string;
    readonly hash: string;
    readonly text: string;
    /** The files the scenario read (CSV forecasts), as it names them, with their SHA-256; the hash covers them. */
    readonly inputs?: ReadonlyArray<{ readonly reference: string; readonly sha256: string }>;
  };
}

export function compileScenario(loaded: LoadedScenario): CompiledScenario {
  const s = loaded.scenario;
  const clock: Clock = {
    start: s.start,
    warmup: s.warmup,
    horizon: s.horizon,
    intervalLength: s.interval,
    intervalCount: intervalCountOf(s),
    measureStart: s.warmup,
    measureEnd: s.warmup + s.horizon,
  };
  const typeIndex = new Map(s.callTypes.map((c, i) => [c.name, i]));
  const siteIndex = new Map(s.sites.map((x, i) => [x.name, i]));

  const sites: CompiledSite[] = s.sites.map((x, index) => ({
    index,
    name: x.name,
    lines: x.lines ?? Infinity,
    ivrPorts: x.ivrPorts ?? Infinity,
    costPerLineHour: x.costPerLineHour,
  }));

  const routingOf = (r: Scenario['routing']): CompiledRouting => {
    const policy = RoutingPolicy[r?.policy ?? 'mostIdle'];
    // A Map, not the object: a site may be called "constructor".
    const given = new Map(Object.entries(r?.shares ?? {}));
    const raw = sites.map((site) => given.get(site.name) ?? (policy === RoutingPolicy.shares ? 0 : 1));
    const total = raw.reduce((a, b) => a + b, 0);
    return {
      policy,
      shares: raw.map((x) => (total > 0 ? x / total : 1 / sites.length)),
      overflowAfter: r?.overflowAfter ?? Infinity,
    };
  };
  const routing = routingOf(s.routing);
  // A scheduled outage that began before the simulation (time 0) is cut to what remains of it.
  const startOf = (at: number | undefined) => (at === undefined ? null : simTimeOf(clock, at));
  const outages: CompiledOutage[] = s.outages.map((o, index) => ({
    index,
    site: mustGet(siteIndex, o.site),
    at: o.at === undefined ? null : Math.max(0, simTimeOf(clock, o.at)),
    duration: o.duration === undefined ? null : Math.max(0, o.duration + Math.min(0, startOf(o.at) ?? 0)),
    mtbf: o.mtbf === undefined ? null : fromSpec(o.mtbf),
    mttr: o.mttr === undefined ? null : fromSpec(o.mttr),
    detectionDelay: o.detectionDelay,
    scope: OutageScope[o.scope],
    fraction: o.scope === 'agents' ? o.fraction : 1,
    restore:
      o.restore === undefined
        ? null
        : { fraction: o.restore.fraction, to: mustGet(siteIndex, o.restore.to), after: o.restore.after },
  }));
  const phases: Phase[] = outages.flatMap((o) => {
    if (o.at === null || o.duration === null || o.duration === 0) return [];
    const start = o.at - clock.measureStart;
    const end = start + o.duration;
    const I = intervalCountOf(s);
    // During: the intervals overlapping [start, end), clamped to the horizon.
    let first = Math.floor(start / clock.intervalLength);
    let last = Math.ceil(end / clock.intervalLength) - 1;
    first = Math.min(Math.max(first, 0), I);
    last = Math.min(Math.max(last, first - 1), I - 1);
    return [
      { outage: o.index, name: 'before' as const, first: 0, last: first - 1 },
      { outage: o.index, name: 'during' as const, first, last },
      { outage: o.index, name: 'after' as const, first: last + 1, last: I - 1 },
    ];
  });

  // Routes: one per (group, skill).
  const routes: Route[] = [];
  s.agentGroups.forEach((g, group) => {
    for (const skill of g.skills) {
      const callType = mustGet(typeIndex, skillCallType(skill));
      routes.push(
        typeof skill === 'string'
          ? { group, callType, level: 1, after: 0, handleTimeFactor: 1 }
          : {
              group,
              callType,
              level: skill.level,
              after: skill.after,
              handleTimeFactor: skill.handleTimeFactor,
            },
      );
    }
  });

  // Routes per call type and per group, in scenario order (bucketed once: linear in the routes).
  const routesOfType: Route[][] = s.callTypes.map(() => []);
  const routesOfGroup: Route[][] = s.agentGroups.map(() => []);
  for (const r of routes) {
    routesOfType[r.callType].push(r);
    routesOfGroup[r.group].push(r);
  }

  // Queues: one per (call type, tier), tiers by priority, the default tier last.
  const queues: CompiledQueue[] = [];
  const callTypes: CompiledCallType[] = s.callTypes.map((c, index) => {
    const listed = [...(c.tiers ?? [])].sort((a, b) => b.priority - a.priority);
    const rest = 1 - listed.reduce((sum, t) => sum + t.share, 0);
    const tierSpecs =
      rest > 1e-12 || listed.length === 0
        ? [...listed, { name: 'standard', share: Math.max(0, rest), priority: 0 }]
        : listed;
    const tiers: CompiledTier[] = tierSpecs.map((t, tier) => {
      const queue = queues.length;
      queues.push({
        index: queue,
        callType: index,
        tier,
        name: tierSpecs.length > 1 ? `${c.name}/${t.name}` : c.name,
      });
      return { name: t.name, share: t.share, priority: t.priority, queue };
    });
    return {
      index,
      name: c.name,
      channel: Channel[c.channel],
      priority: c.priority,
      tiers,
      arrivals: c.arrivals === undefined ? null : compileArrivals(c.arrivals, clock),
      handleTime: fromSpec(c.handleTime),
      handleTimeFactors: c.handleTimeFactors ?? null,
      acw: c.acw === undefined ? null : fromSpec(c.acw),
      answerDelay: c.answerDelay === undefined ? null : fromSpec(c.answerDelay),
      patience: c.patience === undefined ? null : fromSpec(c.patience),
      redial:
        c.redial === undefined
          ? null
          : {
              probability: c.redial.probability,
              delay: fromSpec(c.redial.delay),
              maxAttempts: c.redial.maxAttempts,
            },
      fcr: c.fcr ?? 1,
      callbackDelay: c.callbackDelay === undefined ? null : fromSpec(c.callbackDelay),
      maxQueue: c.maxQueue ?? Infinity,
      due: c.due ?? null,
      routes: routesOfType[index].sort((a, b) => a.level - b.level || a.group - b.group),
      routing: c.routing === undefined ? routing : routingOf(c.routing),
    };
  });

  const agentGroups: CompiledAgentGroup[] = s.agentGroups.map((g, index) => {
    const schedule = compileStaffing(g, clock);
    return {
      index,
      name: g.name,
      site: g.site === undefined ? 0 : mustGet(siteIndex, g.site),
      schedule,
      maxAgents: schedule.counts.reduce((most, n) => Math.max(most, n), 0),
      concurrency: g.concurrency,
      concurrencySlowdown: g.concurrencySlowdown,
      costPerHour: g.costPerHour,
      // A freed agent scans its queues in this order: voice and chat before e-mail, then
      // call-type priority, tier priority (both higher first), then its own preference level.
      routes: routesOfGroup[index].sort((a, b) => {
        const ta = callTypes[a.callType];
        const tb = callTypes[b.callType];
        return (
          Number(ta.channel === Channel.email) - Number(tb.channel === Channel.email) ||
          tb.priority - ta.priority ||
          a.level - b.level
        );
      }),
    };
  });

  const nodeNames = Object.keys(s.ivr);
  const nodeIndex = new Map(nodeNames.map((n, i) => [n, i]));
  const ivrNodes: CompiledIvrNode[] = nodeNames.map((name, index) => {
    const node = s.ivr[name];
    let cumulative = 0;
    const cumulatives: number[] = [];
    const targets: number[] = [];
    for (const branch of node.next) {
      cumulative += branch.p;
      cumulatives.push(cumulative);
      targets.push(
        typeof branch.to !== 'string'
          ? ivrQueueTarget(mustGet(typeIndex, branch.to.queue))
          : branch.to === 'selfService'
            ? IvrExit.selfService
            : branch.to === 'hangup'
              ? IvrExit.hangup
              : mustGet(nodeIndex, branch.to),
      );
    }
    cumulatives[cumulatives.length - 1] = 1; // guard against rounding: the last branch takes the rest
    return { index, name, duration: fromSpec(node.duration), cumulative: cumulatives, targets };
  });

  const entryPoints: CompiledEntryPoint[] = s.entryPoints.map((e, index) => ({
    index,
    name: e.name,
    arrivals: compileArrivals(e.arrivals, clock),
    ivr: mustGet(nodeIndex, e.ivr),
  }));

  const compiled = {
    name: s.name,
    seed: s.seed,
    replications: s.replications,
    clock,
    serviceLevel: s.serviceLevel,
    targets: s.targets,
    sites,
    routing,
    outages,
    phases,
    callTypes,
    queues,
    agentGroups,
    entryPoints,
    ivrNodes,
    scenario: s,
    source: {
      file: loaded.file,
      hash: loaded.hash,
      text: loaded.text,
      // As written, not the absolute path: a result must not depend on the machine.
      ...(loaded.inputs !== undefined && loaded.inputs.length > 0
        ? { inputs: loaded.inputs.map((i) => ({ reference: i.reference, sha256: i.sha256 })) }
        : {}),
    },
  };
  return compiled as unknown as CompiledScenario;
}

/**
 * Agents on duty as a step function of simulation time, shrinkage applied:
 * on duty = round(scheduled × (1 − shrinkage)).
 */
function compileStaffing(g: Scenario['agentGroups'][number], clock: Clock): StaffingSchedule {
  const keep = 1 - g.shrinkage;
  const effective = (n: number) => Math.round(n * keep);
  if (g.agents !== undefined) return { times: [0], counts: [effective(g.agents)] };
  if (g.perInterval !== undefined) {
    const intervalStart = (i: number) => (i === 0 ? 0 : clock.measureStart + i * clock.intervalLength);
    if (g.perInterval.every(Number.isInteger)) {
      return { times: g.perInterval.map((_, i) => intervalStart(i)), counts: g.perInterval.map(effective) };
    }
    return fractionalStaffing(g.perInterval, keep, clock, intervalStart);
  }
  // Shifts: count the agents on shift and not on break at each change point.
  const shifts = (g.shifts ?? []).map((shift) => ({
    start: simTimeOf(clock, shift.start),
    end: simTimeOf(clock, shift.start + shift.length),
    count: shift.count,
    breaks: shift.breaks.map((b) => ({
      start: simTimeOf(clock, b.at),
      end: simTimeOf(clock, b.at + b.length),
    })),
  }));
  const points = new Set<number>([0]);
  for (const sh of shifts) {
    points.add(Math.max(0, sh.start));
    points.add(Math.max(0, sh.end));
    for (const b of sh.breaks) {
      points.add(Math.max(0, b.start));
      points.add(Math.max(0, b.end));
    }
  }
  const times = [...points].sort((a, b) => a - b);
  // A sweep: each shift adds its count over the spans it is on duty (its time less its breaks),
  // so that the agents on duty at a point are the changes up to it (linear in the shifts).
  const changes = new Map<number, number>();
  const change = (t: number, n: number) => changes.set(t, (changes.get(t) ?? 0) + n);
  const onDuty = (from: number, to: number, count: number) => {
    if (to <= from) return;
    change(from, count);
    change(to, -count);
  };
  for (const sh of shifts) {
    let cursor = sh.start;
    for (const b of [...sh.breaks].sort((x, y) => x.start - y.start)) {
      const breakStart = Math.max(b.start, sh.start);
      const breakEnd = Math.min(b.end, sh.end);
      if (breakEnd <= breakStart) continue;
      onDuty(cursor, breakStart, sh.count);
      cursor = Math.max(cursor, breakEnd);
    }
    onDuty(cursor, sh.end, sh.count);
  }
  const changeTimes = [...changes.keys()].sort((a, b) => a - b);
  let next = 0;
  let onShift = 0;
  const counts = times.map((t) => {
    while (next < changeTimes.length && changeTimes[next] <= t)
      onShift += changes.get(changeTimes[next++]) ?? 0;
    return effective(onShift);
  });
  return { times, counts };
}

/**
 * Fractional agents per interval (calibrated staffing such as 7.4): n·(1 − shrinkage) = w + f
 * with w whole and 0 < f < 1 puts w + 1 agents on duty for the first f of the interval and w
 * for the rest, so the agent-hours of each interval are exact and no draw is needed.
 */
function fractionalStaffing(
  perInterval: readonly number[],
  keep: number,
  clock: Clock,
  intervalStart: (i: number) => number,
): StaffingSchedule {
  const times: number[] = [];
  const counts: number[] = [];
  const push = (t: number, n: number) => {
    if (counts.length > 0 && counts[counts.length - 1] === n) return;
    times.push(t);
    counts.push(n);
  };
  perInterval.forEach((n, i) => {
    const on = n * keep;
    // Tolerate float noise (7.999999999 is 8) so a written whole count never splits.
    const whole = Math.floor(on + 1e-9);
    const fraction = on - whole;
    const start = intervalStart(i);
    if (fraction <= 1e-9) {
      push(start, whole);
      return;
    }
    push(start, whole + 1);
    push(clock.measureStart + (i + fraction) * clock.intervalLength, whole);
  });
  return { times, counts };
}

/** Start of measured interval `i` as seconds since midnight (for labels). */
export function intervalClockStart(clock: Clock, i: number): number {
  return clock.start + i * clock.intervalLength;
}

/** Length of measured interval `i` (the last may be shorter). */
export function intervalLength(clock: Clock, i: number): number {
  return Math.min(clock.intervalLength, clock.horizon - i * clock.intervalLength);
}

function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`internal: unresolved reference ${String(key)}`);
  return value;
}
