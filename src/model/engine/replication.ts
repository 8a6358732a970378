/**
 * One replication of a call center: a pure function of (compiled scenario,
 * seed, replication index). The README's "How the simulation works" states
 * these rules for users; this is where they live.
 *
 * Events and their order at equal times (lower priority runs first):
 *
 *   0 interval boundary   closes one KPI interval and opens the next;
 *   1 staffing change     shifts, breaks and per-interval counts: agents come
 *                         on duty before anything else happens at that time;
 *   2 talk end            the line is released; after-call work follows;
 *   3 work end            an agent freed at t serves a call arriving at t, and
 *                         a caller whose patience ends at t;
 *   4 overflow            a waiting call becomes eligible for delayed groups;
 *   5 abandonment         a caller whose patience ends at t hangs up unless an
 *                         agent freed at t took the call;
 *   6 IVR end             the caller leaves the IVR: self-served, hung up, or
 *                         into an agent queue;
 *   7 arrival             new calls, redials and callbacks join last.
 *
 * Sources: entry points (calls that dial a number and enter the IVR) come
 * first, then one source per call type for its direct arrivals and callbacks.
 *
 * Common random numbers: each call draws everything it will need when it
 * arrives — its IVR path, tier, talk time, after-call work, patience,
 * whether it would redial and after how long, whether an answer resolves
 * it — from streams named for what they feed (`service/<type>`,
 * `ivr/<entry point>` …). Redials and callbacks draw from their own
 * `retry/…` streams. Staffing and routing therefore never change which
 * first calls arrive or what they need.
 *
 * Routing: an arriving call goes to the longest-idle agent of the best
 * (lowest) preference level among the groups eligible for it now; a group
 * with an overflow delay `after` is eligible once the call has waited that
 * long. Otherwise the call waits in its tier's queue (or is blocked when
 * the call type's queue is full). A freed agent takes the best waiting call
 * it is eligible for: voice and chat before e-mail, then higher call-type
 * priority, higher tier priority, its own better preference level, and
 * finally the longest wait.
 *
 * Sites: each call belongs to the site it is routed to on arrival (by its
 * routing: shares, most idle eligible agents, or shortest expected wait,
 * among the sites not known to be down); queues are per (tier, site).
 * Groups serve their own site's queues, and other sites' once a call has
 * waited the inter-site `overflowAfter`. An outage sets what its site has
 * lost (DOWN_* bits): calls needing it are dropped at once (IVR and queue
 * first, then conversations), arrivals routed there fail until the outage
 * is detected, and from then on the routing avoids the site. Restored
 * agents work for their group at the recovery site until the site returns.
 */
import type { Distribution } from '../../kernel/distributions.js';
import { gamma } from '../../kernel/distributions.js';
import type { Uniform } from '../../kernel/random.js';
import { StreamFactory } from '../../kernel/random.js';
import type { EventKind } from '../../kernel/simulator.js';
import { Simulator, ZeroTimeCycleError } from '../../kernel/simulator.js';
import { Field } from '../kpis.js';
import type { ArrivalSpec, CompiledCallType, CompiledScenario, Route } from '../scenario/compile.js';
import { Channel, IvrExit, OutageScope, RoutingPolicy, callTypeOfIvrTarget } from '../scenario/compile.js';
import { MAX_CALLS_PRESENT } from '../scenario/limits.js';
import { ScenarioError } from '../scenario/problems.js';
import { formatClockTime } from '../scenario/units.js';
import { SummaryLayout } from '../summary-layout.js';
import { AgentPool, Duty, NO_AGENT } from './agent-pool.js';
import type { ArrivalProcess } from './arrivals.js';
import { PiecewisePoissonArrivals, TraceArrivals } from './arrivals.js';
import { CallQueues } from './call-queues.js';
import type { CallFateCode, CallListener } from './call-listener.js';
import { CallFate } from './call-listener.js';
import { Attempt, CallCapacityError, CallState, CallStore, NO_CALL } from './call-store.js';
import { doublesOf, integers, integersOf } from './columns.js';
import { Recorder, tierViewsOf } from './recorder.js';

/** A replication's call-by-call rows (see call-trace.ts): `csv` holds `rows` lines, each ending with LF. */
export interface ReplicationTrace {
  readonly rows: number;
  readonly csv: string;
}

/** Everything a replication returns: plain data, safe to pass between threads. */
export interface ReplicationSummary {
  readonly replication: number;
  /** Records of every view (see SummaryLayout), FIELD_COUNT numbers each. */
  readonly records: Float64Array;
  /** Calls created (attempts), warm-up and drain included. */
  readonly simulatedCalls: number;
  /** Events fired. */
  readonly events: number;
  /** The call-by-call trace, when one was asked for (see call-trace.ts). */
  readonly trace?: ReplicationTrace;
}

export const EVENT_PRIORITY = {
  intervalBoundary: 0,
  staffingChange: 1,
  talkEnd: 2,
  workEnd: 3,
  overflow: 4,
  abandonment: 5,
  ivrEnd: 6,
  arrival: 7,
  /** Outage start, detection, restoration and end: with staffing changes. */
  outage: 1,
} as const;

/**
 * Events in a row at one simulated time before a replication is stopped: far
 * more than any valid scenario makes (a few per call present, or per listed
 * arrival of a trace at that time), so only a zero-time cycle reaches it.
 */
const MAX_EVENTS_AT_ONE_TIME = 10 * MAX_CALLS_PRESENT;

/** What a site can lose (bits): everything, its lines, its IVR. */
const DOWN_SITE = 1;
const DOWN_LINES = 2;
const DOWN_IVR = 4;
/** What a call needs from its site: voice calls need lines, entry-point calls the IVR too. */
const NEEDS_DIGITAL = DOWN_SITE;
const NEEDS_VOICE = DOWN_SITE | DOWN_LINES;
const NEEDS_ENTRY = DOWN_SITE | DOWN_LINES | DOWN_IVR;

export function layoutOf(model: CompiledScenario): SummaryLayout {
  return new SummaryLayout(
    model.clock.intervalCount,
    {
      callType: model.callTypes.length,
      tier: tierViewsOf(model).reduce((n, t) => (t >= 0 ? n + 1 : n), 0),
      agentGroup: model.agentGroups.length,
      entryPoint: model.entryPoints.length,
      site: model.sites.length,
    },
    model.phases.length,
  );
}

/**
 * Runs replication `replication` of `model` with seed `seed` (default: the
 * scenario's); `listener`, when given, hears how each call ended (it changes
 * nothing in the simulation).
 */
export function simulateReplication(
  model: CompiledScenario,
  replication: number,
  seed: number = model.seed,
  listener: CallListener | null = null,
): ReplicationSummary {
  const run = new CallCenterRun(model, seed, replication, listener);
  run.run();
  return {
    replication,
    records: run.recorder.summarize(layoutOf(model)),
    simulatedCalls: run.simulatedCalls,
    events: run.sim.eventsFired,
  };
}

const F = Field;
const EMPTY: Uniform = () => 0.5;
const DRAW_TIER = 1;
const DRAW_ACW = 2;
const DRAW_PATIENCE = 4;
const DRAW_REDIAL = 8;
const DRAW_FCR = 16;
const DRAW_ANSWER_DELAY = 32;

type Sampler = (u: Uniform) => number;
/** Stands in for a distribution a call type does not have, so that sampler arrays hold functions only. */
const NEVER_DRAWN: Sampler = () => {
  throw new Error('internal: drew an attribute the call type does not have');
};
/** The field counting how an attempt came, by Attempt kind: first, redial, callback. */
const ATTEMPT_FIELD = [F.uniqueCallers, F.redials, F.repeatCalls];

/** The uniforms a class of attempts (first, or retries) draws its attributes from. */
class AttributeStreams {
  readonly ivr: Uniform[];
  readonly tier: Uniform[];
  readonly service: Uniform[];
  readonly acw: Uniform[];
  readonly patience: Uniform[];
  readonly redial: Uniform[];
  readonly fcr: Uniform[];
  readonly answerDelay: Uniform[];

  constructor(model: CompiledScenario, streams: StreamFactory, prefix: string) {
    const per = (kind: string, used: (c: CompiledCallType) => boolean) =>
      model.callTypes.map((c) => (used(c) ? streams.get(`${prefix}${kind}/${c.name}`).uniform : EMPTY));
    this.ivr = model.entryPoints.map((e) => streams.get(`${prefix}ivr/${e.name}`).uniform);
    this.tier = per('tier', (c) => c.tiers.length > 1);
    this.service = per('service', () => true);
    this.acw = per('acw', (c) => c.acw !== null);
    this.patience = per('patience', (c) => c.patience !== null);
    this.redial = per('redial', (c) => c.redial !== null);
    this.fcr = per('fcr', (c) => c.fcr < 1);
    this.answerDelay = per('answerDelay', (c) => c.answerDelay !== null);
  }
}

/** How a group scans queues when an agent frees up: one entry per (route, tier queue), best first. */
interface ScanEntry {
  /** The physical queue: tier queue × sites + site. */
  readonly queue: number;
  /** Wait after which the group may take its calls (a skill's delay, or the inter-site overflow). */
  readonly after: number;
  readonly route: number;
  readonly units: number;
  /** Entries with equal rank are compared by wait. */
  readonly rank: number;
}

class CallCenterRun {
  readonly sim = new Simulator(1024);
  readonly recorder: Recorder;
  simulatedCalls = 0;

  private readonly calls = new CallStore(256, MAX_CALLS_PRESENT);
  private readonly queues: CallQueues;
  private readonly agents: AgentPool;
  private readonly types: readonly CompiledCallType[];
  // Per route (all call types' routes, in order), the fields the hot loop reads, unpacked.
  private readonly routeGroup: number[];
  private readonly routeLevel: number[];
  private readonly routeAfter: number[];
  private readonly routeFactor: number[];
  private readonly entryCount: number;

  // Per source: arrivals of first attempts.
  private readonly processes: Array<ArrivalProcess | null>;
  private readonly arrivalUniform: Uniform[];
  private readonly first: AttributeStreams;
  private readonly retry: AttributeStreams;

  // Per call type.
  private readonly typeQueueLength: number[];
  private readonly unitsOf: number[];
  /** Per call type: 1 when its calls hold a phone line (voice). */
  private readonly needsLineOf: number[];
  /** Per call type: the queue of its default (last) tier. */
  private readonly defaultQueueOf: number[];
  /** Per call type: bit flags of the attributes it draws (see drawAttributes). */
  private readonly drawFlags: number[];
  /** Per group: slowdown per extra chat. */
  private readonly slowdownOf: number[];
  private readonly handleSamplers: Sampler[];
  /** Per call type: handle-time factor per measured interval, or null. */
  private readonly handleFactors: (Float64Array | null)[];
  /** Per call type: after-call work and patience samplers (NEVER_DRAWN where the flags say there is none). */
  private readonly acwSamplers: Sampler[];
  private readonly answerDelaySamplers: Sampler[];
  private readonly patienceSamplers: Sampler[];
  /** Route indices per call type, by level. */
  private readonly routesOfType: number[][];
  /** Distinct positive overflow delays per call type, increasing. */
  private readonly overflowSteps: number[][];
  // Per group.
  private readonly scanOf: ScanEntry[][];
  private readonly scheduleStep: number[];
  // Sites: routing, per-site queues, outages.
  private readonly siteCount: number;
  /** Per group: the site it works at now (its own, or a recovery site during an outage). */
  private readonly groupSite: number[];
  /** Per group: fraction of its scheduled agents on duty (outages), and its schedule's count now. */
  private readonly rosterFactor: number[];
  private readonly scheduledCount: number[];
  /** Per call type: wait after which other sites' agents may take its calls (Infinity: never). */
  private readonly interSiteAfter: number[];
  /** Per (call type × site): calls waiting. */
  private readonly siteTypeQueue: number[];
  /** Per site: DOWN_* bits of what is out, and of what is known to be out (routing avoids it). */
  private readonly down: number[];
  private readonly detected: number[];
  /** Per source: the stream that spreads its arrivals over sites by share. */
  private readonly routingUniform: Uniform[];
  private readonly outageUniform: Uniform[];
  /** Per outage: the end of the occurrence under way (NaN when none). */
  private readonly outageEnds: number[];
  // Per site.
  private readonly linesBusy: number[];
  private readonly portsBusy: number[];
  /** Per site: 1 when lines are limited (unlimited lines are not tracked). */
  private readonly lineLimited: number[];

  private readonly boundaryEvent: EventKind;
  private readonly staffingEvent: EventKind;
  private readonly talkEndEvent: EventKind;
  private readonly workEndEvent: EventKind;
  private readonly overflowEvent: EventKind;
  private readonly abandonEvent: EventKind;
  private readonly connectAbandonEvent: EventKind;
  private readonly ivrEndEvent: EventKind;
  private readonly arrivalEvent: EventKind;
  private readonly retryEvent: EventKind;
  private readonly outageStartEvent: EventKind;
  private readonly outageDetectEvent: EventKind;
  private readonly outageRestoreEvent: EventKind;
  private readonly outageEndEvent: EventKind;
  private readonly available: number[] = [];

  constructor(
    private readonly model: CompiledScenario,
    seed: number,
    replication: number,
    private readonly listener: CallListener | null,
  ) {
    const streams = new StreamFactory(seed, replication);
    this.types = model.callTypes;
    this.entryCount = model.entryPoints.length;
    this.recorder = new Recorder(model);
    this.siteCount = model.sites.length;
    this.queues = new CallQueues(this.calls, model.queues.length * this.siteCount);
    this.agents = new AgentPool(
      model.agentGroups.map((g) => g.maxAgents),
      model.agentGroups.map((g) => g.concurrency),
    );
    const routes = model.callTypes.flatMap((c) => c.routes);
    const routeIndex = new Map(routes.map((r, i) => [r, i]));
    this.routeGroup = integersOf(routes, (r) => r.group);
    this.routeLevel = doublesOf(routes, (r) => r.level);
    this.routeAfter = doublesOf(routes, (r) => r.after);
    this.routeFactor = doublesOf(routes, (r) => r.handleTimeFactor);

    // Sources: entry points, then each call type's direct arrivals.
    const specs: Array<{ name: string; spec: ArrivalSpec | null }> = [
      ...model.entryPoints.map((e) => ({ name: `entry/${e.name}`, spec: e.arrivals as ArrivalSpec | null })),
      ...model.callTypes.map((c) => ({ name: c.name, spec: c.arrivals })),
    ];
    this.arrivalUniform = specs.map((s) =>
      s.spec === null ? EMPTY : streams.get(`arrivals/${s.name}`).uniform,
    );
    this.processes = specs.map(({ name, spec }) => {
      if (spec === null) return null;
      if (spec.kind === 'trace') return new TraceArrivals(spec.times);
      // Forecast uncertainty: one gamma(mean 1, cv) multiplier of the whole day's rate per replication.
      const scale =
        spec.uncertaintyCv > 0
          ? gamma(1, spec.uncertaintyCv).sample(streams.get(`uncertainty/${name}`).uniform)
          : 1;
      return new PiecewisePoissonArrivals(
        spec.segments.map((s) => ({ start: s.start, rate: s.rate * scale })),
        model.clock.measureEnd,
      );
    });
    this.routingUniform = specs.map((s) =>
      this.siteCount > 1 ? streams.get(`routing/${s.name}`).uniform : EMPTY,
    );
    this.outageUniform = model.outages.map((o) => streams.get(`outage/${o.index}`).uniform);
    this.outageEnds = model.outages.map(() => NaN);
    this.first = new AttributeStreams(model, streams, '');
    this.retry = new AttributeStreams(model, streams, 'retry/');

    this.typeQueueLength = integers(this.types.length);
    this.unitsOf = integersOf(this.types, (c) => (c.channel === Channel.chat ? 1 : 0));
    this.needsLineOf = integersOf(this.types, (c) => (c.channel === Channel.voice ? 1 : 0));
    this.defaultQueueOf = integersOf(this.types, (c) => c.tiers[c.tiers.length - 1].queue);
    this.drawFlags = integersOf(
      this.types,
      (c) =>
        (c.tiers.length > 1 ? DRAW_TIER : 0) |
        (c.acw !== null ? DRAW_ACW : 0) |
        (c.patience !== null ? DRAW_PATIENCE : 0) |
        (c.redial !== null ? DRAW_REDIAL : 0) |
        (c.fcr < 1 ? DRAW_FCR : 0) |
        (c.answerDelay !== null ? DRAW_ANSWER_DELAY : 0),
    );
    this.slowdownOf = doublesOf(model.agentGroups, (g) => g.concurrencySlowdown);
    this.handleSamplers = this.types.map((c) => c.handleTime.sample);
    this.handleFactors = this.types.map((c) =>
      c.handleTimeFactors === null ? null : Float64Array.from(c.handleTimeFactors),
    );
    this.acwSamplers = this.types.map((c) => (c.acw === null ? NEVER_DRAWN : c.acw.sample));
    this.answerDelaySamplers = this.types.map((c) =>
      c.answerDelay === null ? NEVER_DRAWN : c.answerDelay.sample,
    );
    this.patienceSamplers = this.types.map((c) => (c.patience === null ? NEVER_DRAWN : c.patience.sample));
    this.routesOfType = this.types.map((c) => integersOf(c.routes, (r) => mustGet(routeIndex, r)));
    // Waits at which more groups become eligible: skill delays, and the inter-site overflow.
    this.overflowSteps = this.types.map((c) =>
      doublesOf(
        [
          ...new Set(
            c.routes
              .flatMap((r) => [r.after, Math.max(r.after, c.routing.overflowAfter)])
              .filter((a) => a > 0 && Number.isFinite(a)),
          ),
        ].sort((a, b) => a - b),
        (a) => a,
      ),
    );
    this.interSiteAfter = doublesOf(this.types, (c) => c.routing.overflowAfter);
    this.groupSite = integersOf(model.agentGroups, (g) => g.site);
    this.rosterFactor = doublesOf(model.agentGroups, () => 1);
    this.scheduledCount = integers(model.agentGroups.length);
    this.siteTypeQueue = integers(this.types.length * this.siteCount);
    this.down = integers(this.siteCount);
    this.detected = integers(this.siteCount);
    // A group's scan list for each site it may work at.
    this.scanOf = model.agentGroups.flatMap((g) =>
      model.sites.map((_, site) => this.scanListOf(g.routes, routeIndex, site)),
    );
    this.scheduleStep = integers(model.agentGroups.length);
    this.linesBusy = integers(model.sites.length);
    this.portsBusy = integers(model.sites.length);
    this.lineLimited = integersOf(model.sites, (site) => (Number.isFinite(site.lines) ? 1 : 0));

    const sim = this.sim;
    const P = EVENT_PRIORITY;
    this.boundaryEvent = sim.defineEvent('interval boundary', P.intervalBoundary, this.onBoundary);
    this.staffingEvent = sim.defineEvent('staffing change', P.staffingChange, this.onStaffing);
    this.talkEndEvent = sim.defineEvent('talk end', P.talkEnd, this.onTalkEnd);
    this.workEndEvent = sim.defineEvent('work end', P.workEnd, this.onWorkEnd);
    this.overflowEvent = sim.defineEvent('overflow', P.overflow, this.onOverflow);
    this.abandonEvent = sim.defineEvent('abandonment', P.abandonment, this.onAbandon);
    this.connectAbandonEvent = sim.defineEvent(
      'hang-up while connecting',
      P.abandonment,
      this.onConnectAbandon,
    );
    this.ivrEndEvent = sim.defineEvent('IVR end', P.ivrEnd, this.onIvrEnd);
    this.arrivalEvent = sim.defineEvent('arrival', P.arrival, this.onArrival);
    this.retryEvent = sim.defineEvent('redial or callback', P.arrival, this.onRetryArrival);
    this.outageStartEvent = sim.defineEvent('outage start', P.outage, this.onOutageStart);
    this.outageDetectEvent = sim.defineEvent('outage detected', P.outage, this.onOutageDetected);
    this.outageRestoreEvent = sim.defineEvent('agents restored', P.outage, this.onRestore);
    this.outageEndEvent = sim.defineEvent('outage end', P.outage, this.onOutageEnd);
  }

  /** A group's queue scan order: (e-mail last, call-type priority, tier priority, level), best first. */
  private scanListOf(
    groupRoutes: readonly Route[],
    routeIndex: ReadonlyMap<Route, number>,
    site: number,
  ): ScanEntry[] {
    const S = this.model.sites.length;
    // Its own site's queues, and other sites' after the inter-site overflow delay; all of one rank
    // compare by wait, so that calls are taken in arrival order whatever their site.
    const entries = groupRoutes
      .flatMap((r) =>
        this.types[r.callType].tiers.flatMap((tier) =>
          this.model.sites.map((_, at) => ({
            queue: tier.queue * S + at,
            after: at === site ? r.after : Math.max(r.after, this.types[r.callType].routing.overflowAfter),
            route: mustGet(routeIndex, r),
            units: this.types[r.callType].channel === Channel.chat ? 1 : 0,
            key: [
              this.types[r.callType].channel === Channel.email ? 1 : 0,
              -this.types[r.callType].priority,
              -tier.priority,
              r.level,
            ],
          })),
        ),
      )
      .filter((e) => e.after !== Infinity);
    entries.sort(
      (a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.key[3] - b.key[3],
    );
    let rank = 0;
    return entries.map((e, i) => {
      if (i > 0 && e.key.some((k, j) => k !== entries[i - 1].key[j])) rank++;
      return { queue: e.queue, route: e.route, units: e.units, after: e.after, rank };
    });
  }

  run(): void {
    const { clock } = this.model;
    for (let k = 0; k <= clock.intervalCount; k++) {
      this.sim.schedule(
        this.boundaryEvent,
        clock.measureStart + Math.min(k * clock.intervalLength, clock.horizon),
        k,
      );
    }
    for (let g = 0; g < this.model.agentGroups.length; g++) this.applyStaffing(g);
    for (let source = 0; source < this.processes.length; source++) this.scheduleNextArrival(source, 0);
    for (const outage of this.model.outages) {
      if (outage.duration === 0) continue; // over before the simulation began
      const at = outage.at ?? (outage.mtbf as Distribution).sample(this.outageUniform[outage.index]);
      if (at < clock.measureEnd) this.sim.schedule(this.outageStartEvent, at, outage.index);
    }
    try {
      this.sim.run({ maxEventsAtOneTime: MAX_EVENTS_AT_ONE_TIME });
    } catch (error) {
      if (error instanceof ZeroTimeCycleError) throw this.stalled(error);
      if (error instanceof CallCapacityError) throw this.overflowed(error);
      throw error;
    }
    this.countUnfinished();
  }

  /** What a user is told when calls pile up beyond what memory allows. */
  private overflowed(error: CallCapacityError): ScenarioError {
    const { clock, source } = this.model;
    const now = this.sim.now;
    const at =
      now < clock.measureStart
        ? 'during the warm-up'
        : `at ${formatClockTime(clock.start + now - clock.measureStart)}`;
    return new ScenarioError([
      {
        file: source.file,
        path: [],
        message:
          `more than ${error.capacity.toLocaleString('en')} calls were in the center at once ${at}, ` +
          `the most one replication may hold (see "Limits" in the README): far too few agents for the ` +
          `arrivals; add agents, or give callers a patience or the call types a maxQueue`,
      },
    ]);
  }

  /** What a user is told when calls keep repeating at one instant (validation should have prevented it). */
  private stalled(error: ZeroTimeCycleError): ScenarioError {
    const { clock, source } = this.model;
    const at =
      error.time < clock.measureStart
        ? 'during the warm-up'
        : `at ${formatClockTime(clock.start + error.time - clock.measureStart)}`;
    return new ScenarioError([
      {
        file: source.file,
        path: [],
        message:
          `the simulation stopped advancing ${at}: ${error.events.toLocaleString('en')} events in a row ` +
          `at that instant (among them '${error.kind}'); look for zero durations that let calls repeat ` +
          `at once (handle time, after-call work, redial or callback delays)`,
      },
    ]);
  }

  private readonly onBoundary = (k: number): void => {
    this.recorder.boundary(this.sim.now, k < this.model.clock.intervalCount ? k : -1);
  };

  // ------------------------------------------------------------ staffing

  private readonly onStaffing = (g: number): void => {
    this.applyStaffing(g);
  };

  /** Applies group g's schedule step due now and schedules the next one. */
  private applyStaffing(g: number): void {
    const schedule = this.model.agentGroups[g].schedule;
    const step = this.scheduleStep[g];
    this.scheduledCount[g] = schedule.counts[step];
    this.roster(g);
    if (step + 1 < schedule.times.length) {
      this.scheduleStep[g] = step + 1;
      this.sim.schedule(this.staffingEvent, schedule.times[step + 1], g);
    }
  }

  /** Puts group g's scheduled count, times its outage factor, on duty; new agents take waiting calls. */
  private roster(g: number): void {
    const available = this.available;
    available.length = 0;
    const target = Math.round(this.scheduledCount[g] * this.rosterFactor[g]);
    this.agents.setRostered(g, target, this.sim.now, available);
    for (const agent of available) this.dispatch(agent);
    this.recordGroup(g);
  }

  private recordGroup(g: number): void {
    const agents = this.agents;
    this.recorder.setGroup(g, agents.busyUnits[g] / agents.capacity[g], agents.present[g], this.sim.now);
  }

  // ------------------------------------------------------------ arrivals

  private scheduleNextArrival(source: number, now: number): void {
    const process = this.processes[source];
    if (process === null) return;
    const t = process.next(now, this.arrivalUniform[source]);
    if (t !== Infinity) this.sim.schedule(this.arrivalEvent, t, source);
  }

  private readonly onArrival = (source: number): void => {
    const calls = this.calls;
    const call = calls.allocate();
    const c = calls.at[call];
    c.source = source;
    c.attempt = 1;
    c.kind = Attempt.first;
    this.scheduleNextArrival(source, this.sim.now);
    this.arrive(call, this.first);
  };

  private readonly onRetryArrival = (call: number): void => {
    this.arrive(call, this.retry);
  };

  /**
   * A call reaches the center: draw its attributes, take a line, enter the
   * queue. (Entry-point calls go on in arriveAtEntry; the common case is
   * kept short so that V8 inlines what it calls.)
   */
  private arrive(call: number, draws: AttributeStreams): void {
    const now = this.sim.now;
    const c = this.calls.at[call];
    this.simulatedCalls++;
    const source = c.source;
    const interval = this.recorder.intervalOf(now);
    c.seq = this.simulatedCalls;
    c.arrival = now;
    c.queuedAt = NaN;
    c.answeredAt = NaN;
    c.interval = interval;
    c.site = 0;
    c.holdsLine = 0;
    if (source < this.entryCount) {
      this.arriveAtEntry(call, source, interval, draws);
      return;
    }
    const type = source - this.entryCount;
    c.type = type;
    this.drawAttributes(call, type, draws);
    const needs = this.needsLineOf[type] === 1 ? NEEDS_VOICE : NEEDS_DIGITAL;
    if (this.siteCount > 1) c.site = this.chooseSite(source, type, needs);
    const site = c.site;
    // Direct calls are counted at their call type.
    this.recorder.countOffered(interval, type, c.queue, site, ATTEMPT_FIELD[c.kind]);
    if ((this.down[site] & needs) !== 0) {
      this.recorder.countCall(interval, type, c.queue, site, F.failed);
      this.ended(call, CallFate.failed);
      this.leaveBlocked(call);
      return;
    }
    // Voice calls hold a line from arrival until they leave.
    if (this.needsLineOf[type] === 1 && this.lineLimited[site] === 1 && !this.takeLine(call)) {
      this.recorder.countCall(interval, type, c.queue, site, F.blocked);
      this.ended(call, CallFate.blocked);
      this.leaveBlocked(call);
      return;
    }
    this.offerToAgents(call);
  }

  /** A call dialled an entry point: it walks the IVR (counted at the entry point) if a line and a port are free. */
  private arriveAtEntry(call: number, entry: number, interval: number, draws: AttributeStreams): void {
    const c = this.calls.at[call];
    const type = this.drawIvrPath(call, entry, draws.ivr[entry]);
    c.type = type;
    if (type >= 0) this.drawAttributes(call, type, draws);
    else c.redialWill = 0;
    this.recorder.countEntry(interval, entry, F.ivrOffered);
    this.recorder.countEntry(interval, entry, ATTEMPT_FIELD[c.kind]);
    if (this.siteCount > 1) c.site = this.chooseSite(entry, type, NEEDS_ENTRY);
    const site = c.site;
    if ((this.down[site] & NEEDS_ENTRY) !== 0) {
      // The number rings at a site that is down: the call fails.
      this.recorder.countEntry(interval, entry, F.failed);
      this.recorder.countSite(interval, site, F.failed);
      this.ended(call, CallFate.failed);
      this.leaveBlocked(call);
      return;
    }
    if (
      (this.lineLimited[site] === 1 && !this.takeLine(call)) ||
      this.portsBusy[site] >= this.model.sites[site].ivrPorts
    ) {
      this.recorder.countEntry(interval, entry, F.ivrBlocked);
      this.ended(call, CallFate.ivrBlocked);
      this.releaseLine(call);
      this.leaveBlocked(call);
      return;
    }
    this.portsBusy[site]++;
    this.recordSite(site);
    c.state = CallState.inIvr;
    c.serviceEvent = this.sim.schedule(this.ivrEndEvent, this.sim.now + c.ivrDuration, call);
  }

  /** Walks the IVR tree from the entry point's root, drawing durations and branches; returns the call type or an exit. */
  private drawIvrPath(call: number, entry: number, u: Uniform): number {
    const c = this.calls.at[call];
    const nodes = this.model.ivrNodes;
    let node = this.model.entryPoints[entry].ivr;
    let duration = 0;
    for (;;) {
      const n = nodes[node];
      duration += n.duration.sample(u);
      const x = u();
      let b = 0;
      while (b < n.cumulative.length - 1 && x >= n.cumulative[b]) b++;
      const target = n.targets[b];
      if (target >= 0) {
        node = target;
        continue;
      }
      c.ivrDuration = duration;
      c.ivrOutcome = target;
      return target <= -3 ? callTypeOfIvrTarget(target) : -1;
    }
  }

  /** Tier, talk time, after-call work, patience, redial and resolution, drawn once at arrival. */
  private drawAttributes(call: number, type: number, draws: AttributeStreams): void {
    const c = this.calls.at[call];
    const flags = this.drawFlags[type];
    c.queue = (flags & DRAW_TIER) === 0 ? this.defaultQueueOf[type] : this.drawTier(type, draws.tier[type]);
    c.handleTime = this.handleSamplers[type](draws.service[type]);
    const factors = this.handleFactors[type];
    // By the interval of arrival; warm-up calls take the first interval's.
    if (factors !== null) c.handleTime *= factors[Math.min(Math.max(c.interval, 0), factors.length - 1)];
    c.units = this.unitsOf[type];
    c.acw = (flags & DRAW_ACW) === 0 ? 0 : this.acwSamplers[type](draws.acw[type]);
    c.patience = (flags & DRAW_PATIENCE) === 0 ? Infinity : this.patienceSamplers[type](draws.patience[type]);
    c.answerDelay =
      (flags & DRAW_ANSWER_DELAY) === 0 ? 0 : this.answerDelaySamplers[type](draws.answerDelay[type]);
    if ((flags & (DRAW_REDIAL | DRAW_FCR)) === 0) {
      c.redialWill = 0;
      c.resolved = 1;
    } else {
      this.drawComebacks(call, type, flags, draws);
    }
  }

  /** Whether the caller would redial after an abandon or block (and when), and whether an answer resolves the issue. */
  private drawComebacks(call: number, type: number, flags: number, draws: AttributeStreams): void {
    const c = this.calls.at[call];
    const callType = this.types[type];
    if ((flags & DRAW_REDIAL) !== 0 && callType.redial !== null) {
      c.redialWill = draws.redial[type]() < callType.redial.probability ? 1 : 0;
      c.redialDelay = callType.redial.delay.sample(draws.redial[type]);
    } else {
      c.redialWill = 0;
    }
    if ((flags & DRAW_FCR) !== 0) {
      c.resolved = draws.fcr[type]() < callType.fcr ? 1 : 0;
      c.callbackDelay = (callType.callbackDelay as Distribution).sample(draws.fcr[type]);
    } else {
      c.resolved = 1;
    }
  }

  /** The queue of a tier drawn by its share. */
  private drawTier(type: number, u: Uniform): number {
    const tiers = this.types[type].tiers;
    const x = u();
    let cumulative = 0;
    for (let k = 0; k < tiers.length - 1; k++) {
      cumulative += tiers[k].share;
      if (x < cumulative) return tiers[k].queue;
    }
    return tiers[tiers.length - 1].queue;
  }

  private readonly onIvrEnd = (call: number): void => {
    const calls = this.calls;
    const c = calls.at[call];
    const site = c.site;
    const interval = c.interval;
    const entry = c.source;
    this.portsBusy[site]--;
    this.recordSite(site);
    const outcome = c.ivrOutcome;
    if (outcome === IvrExit.selfService || outcome === IvrExit.hangup) {
      this.recorder.countEntry(
        interval,
        entry,
        outcome === IvrExit.selfService ? F.ivrSelfServed : F.ivrHangups,
      );
      this.ended(call, CallFate.ivr);
      this.releaseLine(call);
      calls.release(call);
      return;
    }
    this.recorder.countEntry(interval, entry, F.ivrTransferred);
    this.recorder.countCall(interval, c.type, c.queue, site, F.offered);
    this.offerToAgents(call);
  };

  // ------------------------------------------------------------ queueing

  /** The call asks for an agent: served at once, queued, or blocked by a full queue. */
  private offerToAgents(call: number): void {
    const c = this.calls.at[call];
    c.queuedAt = this.sim.now;
    const agent = this.findAgent(call, 0);
    if (agent === NO_AGENT) {
      this.enqueue(call);
      return;
    }
    this.startService(call, agent);
    this.recordGroup(this.agents.group[agent]);
  }

  /** No agent is free for the call: it waits in its queue (with its patience and overflow timers), unless the queue is full. */
  private enqueue(call: number): void {
    const now = this.sim.now;
    const c = this.calls.at[call];
    const type = c.type;
    if (this.typeQueueLength[type] >= this.types[type].maxQueue) {
      this.recorder.countCall(c.interval, type, c.queue, c.site, F.blocked);
      this.ended(call, CallFate.blocked);
      this.releaseLine(call);
      this.leaveBlocked(call);
      return;
    }
    c.state = CallState.waiting;
    this.queues.push(c.queue * this.siteCount + c.site, call);
    this.siteTypeQueue[type * this.siteCount + c.site]++;
    this.setTypeQueue(type, 1);
    this.recorder.countCall(c.interval, type, c.queue, c.site, F.queued);
    const patience = c.patience;
    if (patience !== Infinity) c.abandonEvent = this.sim.schedule(this.abandonEvent, now + patience, call);
    c.overflowStep = 0;
    const steps = this.overflowSteps[type];
    if (steps.length > 0) c.overflowEvent = this.sim.schedule(this.overflowEvent, now + steps[0], call);
  }

  /**
   * The agent a call waiting `wait` seconds goes to: among routes eligible at
   * that wait, the best level that has an agent free; within it, the
   * longest idle (for chats: a fully idle agent first, else a partly busy one).
   */
  private findAgent(call: number, wait: number): number {
    const c = this.calls.at[call];
    const agents = this.agents;
    const idleHead = agents.idle.head;
    const idleSince = agents.idleSince;
    const routeIds = this.routesOfType[c.type];
    const units = c.units;
    const site = c.site;
    // Other sites' groups are eligible after the inter-site overflow delay (never when Infinity).
    const otherSites = wait >= this.interSiteAfter[c.type];
    let best = NO_AGENT;
    let bestRoute = -1;
    let bestSince = Infinity;
    let bestLevel = Infinity;
    let partialBest = NO_AGENT;
    let partialRoute = -1;
    for (let k = 0; k < routeIds.length; k++) {
      const route = routeIds[k];
      const level = this.routeLevel[route];
      if (level > bestLevel) break;
      if (this.routeAfter[route] > wait) continue;
      const g = this.routeGroup[route];
      if (this.groupSite[g] !== site && !otherSites) continue;
      const idle = idleHead[g];
      if (idle !== NO_AGENT && idleSince[idle] < bestSince) {
        best = idle;
        bestRoute = route;
        bestSince = idleSince[idle];
        bestLevel = level;
      }
      if (units === 1 && partialBest === NO_AGENT && agents.partial.head[g] !== NO_AGENT) {
        partialBest = agents.partial.head[g];
        partialRoute = route;
        if (best === NO_AGENT) bestLevel = level;
      }
    }
    if (best !== NO_AGENT) {
      c.route = bestRoute;
      return best;
    }
    if (partialBest !== NO_AGENT) c.route = partialRoute;
    return partialBest;
  }

  private readonly onOverflow = (call: number): void => {
    const c = this.calls.at[call];
    const now = this.sim.now;
    c.overflowEvent = -1; // fired: nothing to cancel
    const agent = this.findAgent(call, now - c.queuedAt);
    if (agent !== NO_AGENT) {
      this.unqueue(call, false);
      this.startService(call, agent);
      this.recordGroup(this.agents.group[agent]);
      return;
    }
    const steps = this.overflowSteps[c.type];
    const step = ++c.overflowStep;
    if (step < steps.length)
      c.overflowEvent = this.sim.schedule(this.overflowEvent, c.queuedAt + steps[step], call);
  };

  private readonly onAbandon = (call: number): void => {
    const c = this.calls.at[call];
    const now = this.sim.now;
    c.abandonEvent = -1;
    this.unqueue(call, true);
    this.recorder.abandoned(c.interval, c.type, c.queue, c.site, now - c.queuedAt);
    this.ended(call, CallFate.abandoned);
    this.releaseLine(call);
    this.leaveBlocked(call);
  };

  /** A caller hangs up during the answer delay: an abandonment; the agent held for it is freed. */
  private readonly onConnectAbandon = (call: number): void => {
    const c = this.calls.at[call];
    const agents = this.agents;
    const agent = c.agent;
    const g = agents.group[agent];
    const units = c.units === 1 ? 1 : agents.capacity[g];
    this.recorder.abandoned(c.interval, c.type, c.queue, c.site, this.sim.now - c.queuedAt);
    this.ended(call, CallFate.abandoned);
    this.releaseLine(call);
    this.leaveBlocked(call); // releases the call's record (after a redial is scheduled)
    this.freeAgent(agent, g, units);
  };

  /** Takes a waiting call out of its queue, cancelling its pending events. */
  private unqueue(call: number, abandoning: boolean): void {
    const c = this.calls.at[call];
    const type = c.type;
    this.queues.remove(c.queue * this.siteCount + c.site, call);
    this.siteTypeQueue[type * this.siteCount + c.site]--;
    this.setTypeQueue(type, -1);
    if (!abandoning && c.patience !== Infinity) this.sim.cancel(c.abandonEvent);
    if (this.overflowSteps[type].length > 0 && c.overflowEvent >= 0) {
      this.sim.cancel(c.overflowEvent);
      c.overflowEvent = -1;
    }
  }

  private setTypeQueue(type: number, delta: number): void {
    this.typeQueueLength[type] += delta;
    this.recorder.setQueueLength(type, this.typeQueueLength[type], this.sim.now);
  }

  // ------------------------------------------------------------ service

  private startService(call: number, agent: number): void {
    const now = this.sim.now;
    const c = this.calls.at[call];
    const agents = this.agents;
    const type = c.type;
    const g = agents.group[agent];
    const units = c.units === 1 ? 1 : agents.capacity[g];
    agents.take(agent, units);
    c.state = CallState.talking;
    c.agent = agent;
    let talk = c.handleTime * this.routeFactor[c.route];
    const slowdown = this.slowdownOf[g];
    if (units === 1 && slowdown > 0) talk *= 1 + slowdown * (agents.load[agent] - 1);
    // An answer delay (connecting, the agent's reaction) holds the agent and counts in the caller's
    // wait; the caller's patience runs on through it, so a caller may hang up before the talk starts.
    const delay = c.answerDelay;
    if (delay > 0 && c.queuedAt + c.patience < now + delay) {
      c.serviceEvent = this.sim.schedule(this.connectAbandonEvent, c.queuedAt + c.patience, call);
      return;
    }
    c.answeredAt = now + delay;
    this.recorder.answered(c.interval, type, c.queue, c.site, g, now + delay - c.queuedAt, talk);
    c.serviceEvent = this.sim.schedule(this.talkEndEvent, now + delay + talk, call);
  }

  private readonly onTalkEnd = (call: number): void => {
    const c = this.calls.at[call];
    this.ended(call, CallFate.served);
    this.releaseLine(call);
    if (c.resolved === 0) this.scheduleRetry(call, Attempt.callback, c.callbackDelay);
    const acw = c.acw;
    if (acw > 0) {
      c.state = CallState.afterCallWork;
      c.serviceEvent = this.sim.schedule(this.workEndEvent, this.sim.now + acw, call);
    } else {
      this.onWorkEnd(call);
    }
  };

  /** Talk and after-call work are over: record, free the agent, give it more work. */
  private readonly onWorkEnd = (call: number): void => {
    const calls = this.calls;
    const c = calls.at[call];
    const agents = this.agents;
    const type = c.type;
    const agent = c.agent;
    const g = agents.group[agent];
    const due = this.types[type].due;
    const acw = c.acw;
    if (acw > 0 || due !== null) {
      this.recorder.completed(c.interval, type, g, acw, due, this.sim.now - c.arrival);
    }
    const units = c.units === 1 ? 1 : agents.capacity[g];
    calls.release(call);
    this.freeAgent(agent, g, units);
  };

  /** An agent of group g finished `units` units of work: it takes waiting calls, or goes idle, or off duty. */
  private freeAgent(agent: number, g: number, units: number): void {
    const agents = this.agents;
    const busy = agents.busyUnits[g];
    const present = agents.present[g];
    if (agents.free(agent, units)) {
      if (this.queues.total > 0) this.dispatch(agent);
      agents.settle(agent, this.sim.now);
    }
    // A hand-over to the next waiting call leaves the group as it was: nothing to record.
    if (agents.busyUnits[g] !== busy || agents.present[g] !== present) this.recordGroup(g);
  }

  /** Gives a free agent the best waiting calls it can take, until it is full or nothing eligible waits. */
  private dispatch(agent: number): void {
    const agents = this.agents;
    const calls = this.calls;
    const g = agents.group[agent];
    const scan = this.scanOf[g * this.siteCount + this.groupSite[g]];
    const now = this.sim.now;
    for (;;) {
      let best = NO_CALL;
      let bestRoute = -1;
      let bestRank = -1;
      let bestSince = Infinity;
      for (let k = 0; k < scan.length; k++) {
        const entry = scan[k];
        if (best !== NO_CALL && entry.rank !== bestRank) break;
        const head = this.queues.front(entry.queue);
        if (head === NO_CALL) continue;
        const units = entry.units === 1 ? 1 : agents.capacity[agents.group[agent]];
        if (!agents.canTake(agent, units)) continue;
        const since = calls.at[head].queuedAt;
        if (now - since < entry.after) continue;
        if (since < bestSince) {
          best = head;
          bestRoute = entry.route;
          bestRank = entry.rank;
          bestSince = since;
        }
      }
      if (best === NO_CALL) return;
      calls.at[best].route = bestRoute;
      this.unqueue(best, false);
      this.startService(best, agent);
      if (!agents.canTake(agent, 1)) return;
    }
  }

  // ------------------------------------------------------------ sites and outages

  /**
   * The site an arrival goes to, among the sites not known to be down for
   * what it needs (all of them if every one is): by its routing's shares,
   * or the most idle eligible agents, or the shortest expected wait.
   * `type` is −1 for entry-point calls the IVR will not pass to an agent.
   */
  private chooseSite(source: number, type: number, needs: number): number {
    const S = this.siteCount;
    const routing = type >= 0 ? this.types[type].routing : this.model.routing;
    const u = this.routingUniform[source](); // drawn always, so that policies share random numbers
    let usable = 0;
    for (let s = 0; s < S; s++) if ((this.detected[s] & needs) === 0) usable++;
    const open = (s: number) => usable === 0 || (this.detected[s] & needs) === 0;
    if (routing.policy === RoutingPolicy.shares || type < 0) {
      let total = 0;
      for (let s = 0; s < S; s++) if (open(s)) total += routing.shares[s];
      // When every open site has a zero share (the sites with a share are down), spread evenly over the open ones.
      const even = total === 0;
      const weight = (s: number) => (!open(s) ? 0 : even ? 1 : routing.shares[s]);
      if (even) for (let s = 0; s < S; s++) total += weight(s);
      let x = u * total;
      let last = -1;
      for (let s = 0; s < S; s++) {
        const w = weight(s);
        if (w === 0) continue;
        last = s;
        x -= w;
        if (x < 0) return s;
      }
      return last;
    }
    // Per site: idle eligible agents, on-duty eligible agents, calls of this type waiting.
    const routes = this.routesOfType[type];
    let best = -1;
    let bestScore = Infinity;
    let bestQueue = Infinity;
    let bestPresent = -1;
    for (let s = 0; s < S; s++) {
      if (!open(s)) continue;
      let idle = 0;
      let present = 0;
      for (let k = 0; k < routes.length; k++) {
        const g = this.routeGroup[routes[k]];
        if (this.groupSite[g] !== s) continue;
        idle += this.agents.idle.size[g];
        present += this.agents.present[g];
      }
      const queued = this.siteTypeQueue[type * S + s];
      // Lower is better: minus the idle agents, or the expected wait (calls ahead + 1) × AHT ÷ agents.
      const score =
        routing.policy === RoutingPolicy.mostIdle
          ? -idle
          : idle > 0
            ? -idle
            : present > 0
              ? ((queued + 1) * this.types[type].handleTime.mean) / present
              : Infinity;
      // Ties: more eligible agents on duty first (a site whose agents are gone loses them), then fewer calls waiting.
      if (
        score < bestScore ||
        (score === bestScore && (present > bestPresent || (present === bestPresent && queued < bestQueue)))
      ) {
        best = s;
        bestScore = score;
        bestQueue = queued;
        bestPresent = present;
      }
    }
    return best < 0 ? 0 : best;
  }

  private readonly onOutageStart = (o: number): void => {
    const outage = this.model.outages[o];
    const s = outage.site;
    const now = this.sim.now;
    const duration = outage.duration ?? (outage.mttr as Distribution).sample(this.outageUniform[o]);
    this.outageEnds[o] = now + duration;
    this.recorder.outageBegan(o, now);
    const bits =
      outage.scope === OutageScope.full
        ? DOWN_SITE | DOWN_LINES | DOWN_IVR
        : outage.scope === OutageScope.lines
          ? DOWN_LINES
          : outage.scope === OutageScope.ivr
            ? DOWN_IVR
            : 0;
    this.down[s] |= bits;
    // Agents lost: their rosters shrink (busy agents are marked leaving; their calls are dropped below).
    const lost =
      outage.scope === OutageScope.full ? 1 : outage.scope === OutageScope.agents ? outage.fraction : 0;
    if (lost > 0) {
      for (let g = 0; g < this.groupSite.length; g++) {
        if (this.model.agentGroups[g].site !== s) continue;
        this.rosterFactor[g] = 1 - lost;
        this.roster(g);
      }
    }
    this.dropCallsAt(s, bits, lost > 0);
    if (outage.detectionDelay > 0) this.sim.schedule(this.outageDetectEvent, now + outage.detectionDelay, o);
    else this.onOutageDetected(o);
    if (outage.restore !== null && outage.restore.after < duration) {
      this.sim.schedule(this.outageRestoreEvent, now + outage.restore.after, o);
    }
    this.sim.schedule(this.outageEndEvent, now + duration, o);
  };

  /**
   * Cuts off the calls an outage reaches: those in the site's IVR (when it
   * is down), waiting at or talking through the site (when what they need
   * is down), and those in the hands of its agents who were lost. Callers
   * cut off may redial, by their call type's redial rules.
   */
  private dropCallsAt(site: number, bits: number, agentsLost: boolean): void {
    const calls = this.calls;
    const agents = this.agents;
    const now = this.sim.now;
    const interval = this.recorder.intervalOf(now);
    // Calls not yet with an agent first, so that agents freed below cannot pick up a call about to be cut.
    for (let call = 0; call < calls.rows; call++) {
      const c = calls.at[call];
      const state = c.state;
      if (state === CallState.inIvr) {
        // An entry-point call in the IVR holds a line and a port: losing either cuts it.
        if (c.site !== site || (bits & NEEDS_ENTRY) === 0) continue;
        this.sim.cancel(c.serviceEvent);
        this.portsBusy[site]--;
        this.recordSite(site);
        this.recorder.countEntry(interval, c.source, F.dropped);
        this.recorder.countSite(interval, site, F.dropped);
        this.ended(call, CallFate.dropped);
        this.releaseLine(call);
        this.leaveBlocked(call);
        continue;
      }
      if (state !== CallState.waiting) continue;
      const needs = this.needsLineOf[c.type] === 1 ? NEEDS_VOICE : NEEDS_DIGITAL;
      if (c.site !== site || (bits & needs) === 0) continue;
      this.unqueue(call, false);
      this.recorder.countCall(interval, c.type, c.queue, c.site, F.dropped);
      this.ended(call, CallFate.dropped);
      this.releaseLine(call);
      this.leaveBlocked(call);
    }
    // Then calls with agents.
    for (let call = 0; call < calls.rows; call++) {
      const c = calls.at[call];
      const state = c.state;
      if (state !== CallState.talking && state !== CallState.afterCallWork) continue;
      const needs = this.needsLineOf[c.type] === 1 ? NEEDS_VOICE : NEEDS_DIGITAL;
      const cut = c.site === site && (bits & needs) !== 0;
      const agent = c.agent;
      const g = agents.group[agent];
      const agentLost = agentsLost && this.groupSite[g] === site && agents.duty[agent] !== Duty.on;
      if (!cut && !agentLost) continue;
      this.sim.cancel(c.serviceEvent);
      const units = c.units === 1 ? 1 : agents.capacity[g];
      if (state === CallState.talking) {
        this.recorder.countCall(interval, c.type, c.queue, c.site, F.dropped);
        this.ended(call, CallFate.dropped);
        this.releaseLine(call);
        this.leaveBlocked(call);
      } else {
        calls.release(call); // after-call work cut short: the caller had been served
      }
      this.freeAgent(agent, g, units);
    }
  }

  private readonly onOutageDetected = (o: number): void => {
    if (Number.isNaN(this.outageEnds[o])) return; // over before it was detected
    const s = this.model.outages[o].site;
    this.detected[s] = this.down[s];
  };

  /** Part of the failed site's agents resume work at the recovery site. */
  private readonly onRestore = (o: number): void => {
    const outage = this.model.outages[o];
    const restore = outage.restore;
    if (restore === null || Number.isNaN(this.outageEnds[o])) return;
    for (let g = 0; g < this.groupSite.length; g++) {
      if (this.model.agentGroups[g].site !== outage.site) continue;
      this.groupSite[g] = restore.to;
      this.rosterFactor[g] = restore.fraction;
      this.roster(g);
    }
  };

  private readonly onOutageEnd = (o: number): void => {
    const outage = this.model.outages[o];
    const s = outage.site;
    this.outageEnds[o] = NaN;
    this.recorder.outageEnded(o, this.sim.now);
    this.down[s] = 0;
    this.detected[s] = 0;
    for (let g = 0; g < this.groupSite.length; g++) {
      if (this.model.agentGroups[g].site !== s) continue;
      this.groupSite[g] = s;
      this.rosterFactor[g] = 1;
      this.roster(g);
    }
    // Random outages: the next failure.
    if (outage.mtbf !== null) {
      const next = this.sim.now + outage.mtbf.sample(this.outageUniform[o]);
      if (next < this.model.clock.measureEnd) this.sim.schedule(this.outageStartEvent, next, o);
    }
  };

  // ------------------------------------------------------------ lines, redials

  private takeLine(call: number): boolean {
    const c = this.calls.at[call];
    const site = c.site;
    if (this.linesBusy[site] >= this.model.sites[site].lines) return false;
    this.linesBusy[site]++;
    c.holdsLine = 1;
    this.recordSite(site);
    return true;
  }

  private releaseLine(call: number): void {
    const c = this.calls.at[call];
    if (c.holdsLine === 0) return;
    const site = c.site;
    this.linesBusy[site]--;
    c.holdsLine = 0;
    this.recordSite(site);
  }

  private recordSite(site: number): void {
    this.recorder.setSite(site, this.linesBusy[site], this.portsBusy[site], this.sim.now);
  }

  /** A caller who abandoned or was blocked leaves, and may try again later. */
  private leaveBlocked(call: number): void {
    const calls = this.calls;
    const c = calls.at[call];
    const type = c.type;
    if (c.redialWill === 1 && type >= 0) {
      const redial = this.types[type].redial;
      if (redial !== null && c.attempt < redial.maxAttempts) {
        this.scheduleRetry(call, Attempt.redial, c.redialDelay);
      }
    }
    calls.release(call);
  }

  /**
   * Schedules a redial (same source) or a callback (straight to the call
   * type) of `call`. One that would come at or after the end of the horizon
   * belongs to the next day and is not simulated (so the drain ends).
   */
  private scheduleRetry(call: number, kind: number, delay: number): void {
    const at = this.sim.now + delay;
    if (at >= this.model.clock.measureEnd) return;
    const calls = this.calls;
    const c = calls.at[call];
    const retry = calls.allocate();
    const r = calls.at[retry];
    r.state = CallState.pending;
    r.kind = kind;
    if (kind === Attempt.redial) {
      r.source = c.source;
      r.attempt = c.attempt + 1;
    } else {
      r.source = this.entryCount + c.type;
      r.attempt = 1;
    }
    this.sim.schedule(this.retryEvent, at, retry);
  }

  private countUnfinished(): void {
    const calls = this.calls;
    for (let call = 0; call < calls.rows; call++) {
      const c = calls.at[call];
      const state = c.state;
      if (state === CallState.waiting || state === CallState.talking || state === CallState.afterCallWork) {
        this.recorder.countCall(c.interval, c.type, c.queue, c.site, F.unfinished);
      }
      // In after-call work, the caller's part ended with the talk (the listener heard it then).
      if (state === CallState.waiting || state === CallState.talking) this.ended(call, CallFate.unfinished);
    }
  }

  /** Tells the listener, if any, that the call's part ended now. */
  private ended(call: number, fate: CallFateCode): void {
    if (this.listener !== null) this.listener.callEnded(this.calls.at[call], fate, this.sim.now);
  }
}

function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error('internal: unresolved route');
  return value;
}
