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
 */
import type { Distribution } from '../../kernel/distributions.js';
import { gamma } from '../../kernel/distributions.js';
import type { Uniform } from '../../kernel/random.js';
import { StreamFactory } from '../../kernel/random.js';
import type { EventKind } from '../../kernel/simulator.js';
import { Simulator } from '../../kernel/simulator.js';
import { Field } from '../kpis.js';
import type { ArrivalSpec, CompiledCallType, CompiledScenario, Route } from '../scenario/compile.js';
import { Channel, IvrExit, callTypeOfIvrTarget } from '../scenario/compile.js';
import { SummaryLayout } from '../summary-layout.js';
import { AgentPool, NO_AGENT } from './agent-pool.js';
import type { ArrivalProcess } from './arrivals.js';
import { PiecewisePoissonArrivals, TraceArrivals } from './arrivals.js';
import { CallQueues } from './call-queues.js';
import { Attempt, CallState, CallStore, NO_CALL } from './call-store.js';
import { Recorder, tierViewsOf } from './recorder.js';

/** Everything a replication returns: plain data, safe to pass between threads. */
export interface ReplicationSummary {
  readonly replication: number;
  /** Records of every view (see SummaryLayout), FIELD_COUNT numbers each. */
  readonly records: Float64Array;
  /** Calls created (attempts), warm-up and drain included. */
  readonly simulatedCalls: number;
  /** Events fired. */
  readonly events: number;
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
} as const;

export function layoutOf(model: CompiledScenario): SummaryLayout {
  return new SummaryLayout(model.clock.intervalCount, {
    callType: model.callTypes.length,
    tier: tierViewsOf(model).reduce((n, t) => (t >= 0 ? n + 1 : n), 0),
    agentGroup: model.agentGroups.length,
    entryPoint: model.entryPoints.length,
    site: model.sites.length,
  });
}

/** Runs replication `replication` of `model` with seed `seed` (default: the scenario's). */
export function simulateReplication(
  model: CompiledScenario,
  replication: number,
  seed: number = model.seed,
): ReplicationSummary {
  const run = new CallCenterRun(model, seed, replication);
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

/** The uniforms a class of attempts (first, or retries) draws its attributes from. */
class AttributeStreams {
  readonly ivr: Uniform[];
  readonly tier: Uniform[];
  readonly service: Uniform[];
  readonly acw: Uniform[];
  readonly patience: Uniform[];
  readonly redial: Uniform[];
  readonly fcr: Uniform[];

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
  }
}

/** How a group scans queues when an agent frees up: one entry per (route, tier queue), best first. */
interface ScanEntry {
  readonly queue: number;
  readonly route: number;
  readonly units: number;
  /** Entries with equal rank are compared by wait. */
  readonly rank: number;
}

class CallCenterRun {
  readonly sim = new Simulator(1024);
  readonly recorder: Recorder;
  simulatedCalls = 0;

  private readonly calls = new CallStore(256);
  private readonly queues: CallQueues;
  private readonly agents: AgentPool;
  private readonly types: readonly CompiledCallType[];
  private readonly routes: readonly Route[];
  private readonly entryCount: number;

  // Per source: arrivals of first attempts.
  private readonly processes: Array<ArrivalProcess | null>;
  private readonly arrivalUniform: Uniform[];
  private readonly first: AttributeStreams;
  private readonly retry: AttributeStreams;

  // Per call type.
  private readonly typeQueueLength: Int32Array;
  private readonly unitsOf: Int32Array;
  /** Per call type: 1 when its calls hold a phone line (voice). */
  private readonly needsLineOf: Uint8Array;
  /** Per call type: the queue of its default (last) tier. */
  private readonly defaultQueueOf: Int32Array;
  /** Per call type: bit flags of the attributes it draws (see drawAttributes). */
  private readonly drawFlags: Uint8Array;
  /** Per group: slowdown per extra chat. */
  private readonly slowdownOf: Float64Array;
  private readonly handleSamplers: Array<(u: Uniform) => number>;
  /** Route indices per call type, by level. */
  private readonly routesOfType: Int32Array[];
  /** Distinct positive overflow delays per call type, increasing. */
  private readonly overflowSteps: Float64Array[];
  // Per group.
  private readonly scanOf: ScanEntry[][];
  private readonly scheduleStep: Int32Array;
  // Per site.
  private readonly linesBusy: Int32Array;
  private readonly portsBusy: Int32Array;
  /** Per site: 1 when lines are limited (unlimited lines are not tracked). */
  private readonly lineLimited: Uint8Array;

  private readonly boundaryEvent: EventKind;
  private readonly staffingEvent: EventKind;
  private readonly talkEndEvent: EventKind;
  private readonly workEndEvent: EventKind;
  private readonly overflowEvent: EventKind;
  private readonly abandonEvent: EventKind;
  private readonly ivrEndEvent: EventKind;
  private readonly arrivalEvent: EventKind;
  private readonly retryEvent: EventKind;
  private readonly available: number[] = [];

  constructor(
    private readonly model: CompiledScenario,
    seed: number,
    replication: number,
  ) {
    const streams = new StreamFactory(seed, replication);
    this.types = model.callTypes;
    this.entryCount = model.entryPoints.length;
    this.recorder = new Recorder(model);
    this.queues = new CallQueues(this.calls, model.queues.length);
    this.agents = new AgentPool(
      model.agentGroups.map((g) => g.maxAgents),
      model.agentGroups.map((g) => g.concurrency),
    );
    this.routes = model.callTypes.flatMap((c) => c.routes);
    const routeIndex = new Map(this.routes.map((r, i) => [r, i]));

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
    this.first = new AttributeStreams(model, streams, '');
    this.retry = new AttributeStreams(model, streams, 'retry/');

    this.typeQueueLength = new Int32Array(this.types.length);
    this.unitsOf = Int32Array.from(this.types, (c) => (c.channel === Channel.chat ? 1 : 0));
    this.needsLineOf = Uint8Array.from(this.types, (c) => (c.channel === Channel.voice ? 1 : 0));
    this.defaultQueueOf = Int32Array.from(this.types, (c) => c.tiers[c.tiers.length - 1].queue);
    this.drawFlags = Uint8Array.from(
      this.types,
      (c) =>
        (c.tiers.length > 1 ? DRAW_TIER : 0) |
        (c.acw !== null ? DRAW_ACW : 0) |
        (c.patience !== null ? DRAW_PATIENCE : 0) |
        (c.redial !== null ? DRAW_REDIAL : 0) |
        (c.fcr < 1 ? DRAW_FCR : 0),
    );
    this.slowdownOf = Float64Array.from(model.agentGroups, (g) => g.concurrencySlowdown);
    this.handleSamplers = this.types.map((c) => c.handleTime.sample);
    this.routesOfType = this.types.map((c) => Int32Array.from(c.routes, (r) => mustGet(routeIndex, r)));
    this.overflowSteps = this.types.map((c) =>
      Float64Array.from(
        [...new Set(c.routes.map((r) => r.after).filter((a) => a > 0))].sort((a, b) => a - b),
      ),
    );
    this.scanOf = model.agentGroups.map((g) => this.scanListOf(g.routes, routeIndex));
    this.scheduleStep = new Int32Array(model.agentGroups.length);
    this.linesBusy = new Int32Array(model.sites.length);
    this.portsBusy = new Int32Array(model.sites.length);
    this.lineLimited = Uint8Array.from(model.sites, (site) => (Number.isFinite(site.lines) ? 1 : 0));

    const sim = this.sim;
    const P = EVENT_PRIORITY;
    this.boundaryEvent = sim.defineEvent('interval boundary', P.intervalBoundary, this.onBoundary);
    this.staffingEvent = sim.defineEvent('staffing change', P.staffingChange, this.onStaffing);
    this.talkEndEvent = sim.defineEvent('talk end', P.talkEnd, this.onTalkEnd);
    this.workEndEvent = sim.defineEvent('work end', P.workEnd, this.onWorkEnd);
    this.overflowEvent = sim.defineEvent('overflow', P.overflow, this.onOverflow);
    this.abandonEvent = sim.defineEvent('abandonment', P.abandonment, this.onAbandon);
    this.ivrEndEvent = sim.defineEvent('IVR end', P.ivrEnd, this.onIvrEnd);
    this.arrivalEvent = sim.defineEvent('arrival', P.arrival, this.onArrival);
    this.retryEvent = sim.defineEvent('redial or callback', P.arrival, this.onRetryArrival);
  }

  /** A group's queue scan order: (e-mail last, call-type priority, tier priority, level), best first. */
  private scanListOf(groupRoutes: readonly Route[], routeIndex: ReadonlyMap<Route, number>): ScanEntry[] {
    const entries = groupRoutes.flatMap((r) =>
      this.types[r.callType].tiers.map((tier) => ({
        queue: tier.queue,
        route: mustGet(routeIndex, r),
        units: this.types[r.callType].channel === Channel.chat ? 1 : 0,
        key: [
          this.types[r.callType].channel === Channel.email ? 1 : 0,
          -this.types[r.callType].priority,
          -tier.priority,
          r.level,
        ],
      })),
    );
    entries.sort(
      (a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.key[3] - b.key[3],
    );
    let rank = 0;
    return entries.map((e, i) => {
      if (i > 0 && e.key.some((k, j) => k !== entries[i - 1].key[j])) rank++;
      return { queue: e.queue, route: e.route, units: e.units, rank };
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
    this.sim.run();
    this.countUnfinished();
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
    const now = this.sim.now;
    const available = this.available;
    available.length = 0;
    this.agents.setRostered(g, schedule.counts[step], now, available);
    for (const agent of available) this.dispatch(agent);
    this.recordGroup(g);
    if (step + 1 < schedule.times.length) {
      this.scheduleStep[g] = step + 1;
      this.sim.schedule(this.staffingEvent, schedule.times[step + 1], g);
    }
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
    calls.source[call] = source;
    calls.attempt[call] = 1;
    calls.kind[call] = Attempt.first;
    this.scheduleNextArrival(source, this.sim.now);
    this.arrive(call, this.first);
  };

  private readonly onRetryArrival = (call: number): void => {
    this.arrive(call, this.retry);
  };

  /** A call reaches the center: draw its attributes, take a line, enter the IVR or the queue. */
  private arrive(call: number, draws: AttributeStreams): void {
    const now = this.sim.now;
    const calls = this.calls;
    this.simulatedCalls++;
    const source = calls.source[call];
    const interval = this.recorder.intervalOf(now);
    calls.arrival[call] = now;
    calls.interval[call] = interval;
    calls.site[call] = 0;
    calls.holdsLine[call] = 0;
    const fromEntry = source < this.entryCount;
    let type: number;
    if (fromEntry) {
      type = this.drawIvrPath(call, source, draws.ivr[source]);
    } else {
      type = source - this.entryCount;
      calls.ivrOutcome[call] = type;
    }
    calls.type[call] = type;
    if (type >= 0) this.drawAttributes(call, type, draws);
    else calls.redialWill[call] = 0;

    // Counting: entry-point calls at the entry point, direct ones at their call type.
    const kind = calls.kind[call];
    const field =
      kind === Attempt.first ? F.uniqueCallers : kind === Attempt.redial ? F.redials : F.repeatCalls;
    if (fromEntry) {
      this.recorder.countEntry(interval, source, F.ivrOffered);
      this.recorder.countEntry(interval, source, field);
    } else {
      this.recorder.countCall(interval, type, calls.queue[call], F.offered);
      this.recorder.countCall(interval, type, calls.queue[call], field);
    }

    // Voice calls hold a line from arrival until they leave.
    const needsLine = fromEntry || this.needsLineOf[type] === 1;
    if (needsLine && this.lineLimited[calls.site[call]] === 1 && !this.takeLine(call)) {
      if (fromEntry) this.recorder.countEntry(interval, source, F.ivrBlocked);
      else this.recorder.countCall(interval, type, calls.queue[call], F.blocked);
      this.leaveBlocked(call);
      return;
    }
    if (fromEntry) {
      const site = calls.site[call];
      if (this.portsBusy[site] >= this.model.sites[site].ivrPorts) {
        this.recorder.countEntry(interval, source, F.ivrBlocked);
        this.releaseLine(call);
        this.leaveBlocked(call);
        return;
      }
      this.portsBusy[site]++;
      this.recordSite(site);
      calls.state[call] = CallState.inIvr;
      this.sim.schedule(this.ivrEndEvent, now + calls.ivrDuration[call], call);
      return;
    }
    this.offerToAgents(call);
  }

  /** Walks the IVR tree from the entry point's root, drawing durations and branches; returns the call type or an exit. */
  private drawIvrPath(call: number, entry: number, u: Uniform): number {
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
      this.calls.ivrDuration[call] = duration;
      this.calls.ivrOutcome[call] = target;
      return target <= -3 ? callTypeOfIvrTarget(target) : -1;
    }
  }

  /** Tier, talk time, after-call work, patience, redial and resolution, drawn once at arrival. */
  private drawAttributes(call: number, type: number, draws: AttributeStreams): void {
    const calls = this.calls;
    const flags = this.drawFlags[type];
    calls.queue[call] =
      (flags & DRAW_TIER) === 0 ? this.defaultQueueOf[type] : this.drawTier(type, draws.tier[type]);
    calls.handleTime[call] = this.handleSamplers[type](draws.service[type]);
    calls.units[call] = this.unitsOf[type];
    if (flags === 0) {
      calls.acw[call] = 0;
      calls.patience[call] = Infinity;
      calls.redialWill[call] = 0;
      calls.resolved[call] = 1;
      return;
    }
    const c = this.types[type];
    calls.acw[call] = (flags & DRAW_ACW) === 0 ? 0 : (c.acw as Distribution).sample(draws.acw[type]);
    calls.patience[call] =
      (flags & DRAW_PATIENCE) === 0 ? Infinity : (c.patience as Distribution).sample(draws.patience[type]);
    if ((flags & DRAW_REDIAL) !== 0 && c.redial !== null) {
      calls.redialWill[call] = draws.redial[type]() < c.redial.probability ? 1 : 0;
      calls.redialDelay[call] = c.redial.delay.sample(draws.redial[type]);
    } else {
      calls.redialWill[call] = 0;
    }
    if ((flags & DRAW_FCR) !== 0) {
      calls.resolved[call] = draws.fcr[type]() < c.fcr ? 1 : 0;
      calls.callbackDelay[call] = (c.callbackDelay as Distribution).sample(draws.fcr[type]);
    } else {
      calls.resolved[call] = 1;
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
    const site = calls.site[call];
    const interval = calls.interval[call];
    const entry = calls.source[call];
    this.portsBusy[site]--;
    this.recordSite(site);
    const outcome = calls.ivrOutcome[call];
    if (outcome === IvrExit.selfService || outcome === IvrExit.hangup) {
      this.recorder.countEntry(
        interval,
        entry,
        outcome === IvrExit.selfService ? F.ivrSelfServed : F.ivrHangups,
      );
      this.releaseLine(call);
      calls.release(call);
      return;
    }
    this.recorder.countEntry(interval, entry, F.ivrTransferred);
    this.recorder.countCall(interval, calls.type[call], calls.queue[call], F.offered);
    this.offerToAgents(call);
  };

  // ------------------------------------------------------------ queueing

  /** The call asks for an agent: served at once, queued, or blocked by a full queue. */
  private offerToAgents(call: number): void {
    const now = this.sim.now;
    const calls = this.calls;
    const type = calls.type[call];
    calls.queuedAt[call] = now;
    const agent = this.findAgent(call, 0);
    if (agent !== NO_AGENT) {
      this.startService(call, agent);
      this.recordGroup(this.agents.group[agent]);
      return;
    }
    const c = this.types[type];
    if (this.typeQueueLength[type] >= c.maxQueue) {
      this.recorder.countCall(calls.interval[call], type, calls.queue[call], F.blocked);
      this.releaseLine(call);
      this.leaveBlocked(call);
      return;
    }
    calls.state[call] = CallState.waiting;
    this.queues.push(calls.queue[call], call);
    this.setTypeQueue(type, 1);
    this.recorder.countCall(calls.interval[call], type, calls.queue[call], F.queued);
    const patience = calls.patience[call];
    if (patience !== Infinity)
      calls.abandonEvent[call] = this.sim.schedule(this.abandonEvent, now + patience, call);
    calls.overflowStep[call] = 0;
    const steps = this.overflowSteps[type];
    if (steps.length > 0)
      calls.overflowEvent[call] = this.sim.schedule(this.overflowEvent, now + steps[0], call);
  }

  /**
   * The agent a call waiting `wait` seconds goes to: among routes eligible at
   * that wait, the best level that has an agent free; within it, the
   * longest idle (for chats: a fully idle agent first, else a partly busy one).
   */
  private findAgent(call: number, wait: number): number {
    const calls = this.calls;
    const agents = this.agents;
    const routeIds = this.routesOfType[calls.type[call]];
    const units = calls.units[call];
    let best = NO_AGENT;
    let bestRoute = -1;
    let bestSince = Infinity;
    let bestLevel = Infinity;
    let partialBest = NO_AGENT;
    let partialRoute = -1;
    for (let k = 0; k < routeIds.length; k++) {
      const route = this.routes[routeIds[k]];
      if (route.level > bestLevel) break;
      if (route.after > wait) continue;
      const g = route.group;
      const idle = agents.idle.head[g];
      if (idle !== NO_AGENT && agents.idleSince[idle] < bestSince) {
        best = idle;
        bestRoute = routeIds[k];
        bestSince = agents.idleSince[idle];
        bestLevel = route.level;
      }
      if (units === 1 && partialBest === NO_AGENT && agents.partial.head[g] !== NO_AGENT) {
        partialBest = agents.partial.head[g];
        partialRoute = routeIds[k];
        if (best === NO_AGENT) bestLevel = route.level;
      }
    }
    if (best !== NO_AGENT) {
      calls.route[call] = bestRoute;
      return best;
    }
    if (partialBest !== NO_AGENT) calls.route[call] = partialRoute;
    return partialBest;
  }

  private readonly onOverflow = (call: number): void => {
    const calls = this.calls;
    const now = this.sim.now;
    const agent = this.findAgent(call, now - calls.queuedAt[call]);
    if (agent !== NO_AGENT) {
      this.unqueue(call, false);
      this.startService(call, agent);
      this.recordGroup(this.agents.group[agent]);
      return;
    }
    const steps = this.overflowSteps[calls.type[call]];
    const step = ++calls.overflowStep[call];
    if (step < steps.length)
      calls.overflowEvent[call] = this.sim.schedule(
        this.overflowEvent,
        calls.queuedAt[call] + steps[step],
        call,
      );
    else calls.overflowEvent[call] = -1;
  };

  private readonly onAbandon = (call: number): void => {
    const calls = this.calls;
    const now = this.sim.now;
    calls.abandonEvent[call] = -1;
    this.unqueue(call, true);
    this.recorder.abandoned(
      calls.interval[call],
      calls.type[call],
      calls.queue[call],
      now - calls.queuedAt[call],
    );
    this.releaseLine(call);
    this.leaveBlocked(call);
  };

  /** Takes a waiting call out of its queue, cancelling its pending events. */
  private unqueue(call: number, abandoning: boolean): void {
    const calls = this.calls;
    const type = calls.type[call];
    this.queues.remove(calls.queue[call], call);
    this.setTypeQueue(type, -1);
    if (!abandoning && calls.patience[call] !== Infinity) this.sim.cancel(calls.abandonEvent[call]);
    if (this.overflowSteps[type].length > 0 && calls.overflowEvent[call] >= 0) {
      this.sim.cancel(calls.overflowEvent[call]);
      calls.overflowEvent[call] = -1;
    }
  }

  private setTypeQueue(type: number, delta: number): void {
    this.typeQueueLength[type] += delta;
    this.recorder.setQueueLength(type, this.typeQueueLength[type], this.sim.now);
  }

  // ------------------------------------------------------------ service

  private startService(call: number, agent: number): void {
    const now = this.sim.now;
    const calls = this.calls;
    const agents = this.agents;
    const type = calls.type[call];
    const g = agents.group[agent];
    const units = calls.units[call] === 1 ? 1 : agents.capacity[g];
    agents.take(agent, units);
    calls.state[call] = CallState.talking;
    calls.agent[call] = agent;
    const route = this.routes[calls.route[call]];
    let talk = calls.handleTime[call] * route.handleTimeFactor;
    const slowdown = this.slowdownOf[g];
    if (units === 1 && slowdown > 0) talk *= 1 + slowdown * (agents.load[agent] - 1);
    this.recorder.answered(
      calls.interval[call],
      type,
      calls.queue[call],
      g,
      now - calls.queuedAt[call],
      talk,
    );
    this.sim.schedule(this.talkEndEvent, now + talk, call);
  }

  private readonly onTalkEnd = (call: number): void => {
    const calls = this.calls;
    this.releaseLine(call);
    if (calls.resolved[call] === 0) this.scheduleRetry(call, Attempt.callback, calls.callbackDelay[call]);
    const acw = calls.acw[call];
    if (acw > 0) {
      calls.state[call] = CallState.afterCallWork;
      this.sim.schedule(this.workEndEvent, this.sim.now + acw, call);
    } else {
      this.onWorkEnd(call);
    }
  };

  /** Talk and after-call work are over: record, free the agent, give it more work. */
  private readonly onWorkEnd = (call: number): void => {
    const now = this.sim.now;
    const calls = this.calls;
    const agents = this.agents;
    const type = calls.type[call];
    const agent = calls.agent[call];
    const g = agents.group[agent];
    const due = this.types[type].due;
    const acw = calls.acw[call];
    if (acw > 0 || due !== null) {
      this.recorder.completed(calls.interval[call], type, g, acw, due, now - calls.arrival[call]);
    }
    const units = calls.units[call] === 1 ? 1 : agents.capacity[g];
    calls.release(call);
    const busyBefore = agents.busyUnits[g] - units;
    const presentBefore = agents.present[g];
    if (agents.free(agent, units)) {
      this.dispatch(agent);
      agents.settle(agent, now);
    }
    // A hand-over to the next waiting call leaves the group as it was: nothing to record.
    if (agents.busyUnits[g] !== busyBefore + units || agents.present[g] !== presentBefore)
      this.recordGroup(g);
  };

  /** Gives a free agent the best waiting calls it can take, until it is full or nothing eligible waits. */
  private dispatch(agent: number): void {
    const agents = this.agents;
    const calls = this.calls;
    const scan = this.scanOf[agents.group[agent]];
    const now = this.sim.now;
    for (;;) {
      let best = NO_CALL;
      let bestRank = -1;
      let bestSince = Infinity;
      for (let k = 0; k < scan.length; k++) {
        const entry = scan[k];
        if (best !== NO_CALL && entry.rank !== bestRank) break;
        const head = this.queues.front(entry.queue);
        if (head === NO_CALL) continue;
        const units = entry.units === 1 ? 1 : agents.capacity[agents.group[agent]];
        if (!agents.canTake(agent, units)) continue;
        if (now - calls.queuedAt[head] < this.routes[entry.route].after) continue;
        if (calls.queuedAt[head] < bestSince) {
          best = head;
          bestRank = entry.rank;
          bestSince = calls.queuedAt[head];
          calls.route[head] = entry.route;
        }
      }
      if (best === NO_CALL) return;
      this.unqueue(best, false);
      this.startService(best, agent);
      if (!agents.canTake(agent, 1)) return;
    }
  }

  // ------------------------------------------------------------ lines, redials

  private takeLine(call: number): boolean {
    const site = this.calls.site[call];
    if (this.linesBusy[site] >= this.model.sites[site].lines) return false;
    this.linesBusy[site]++;
    this.calls.holdsLine[call] = 1;
    this.recordSite(site);
    return true;
  }

  private releaseLine(call: number): void {
    if (this.calls.holdsLine[call] === 0) return;
    const site = this.calls.site[call];
    this.linesBusy[site]--;
    this.calls.holdsLine[call] = 0;
    this.recordSite(site);
  }

  private recordSite(site: number): void {
    this.recorder.setSite(site, this.linesBusy[site], this.portsBusy[site], this.sim.now);
  }

  /** A caller who abandoned or was blocked leaves, and may try again later. */
  private leaveBlocked(call: number): void {
    const calls = this.calls;
    const type = calls.type[call];
    if (calls.redialWill[call] === 1 && type >= 0) {
      const redial = this.types[type].redial;
      if (redial !== null && calls.attempt[call] < redial.maxAttempts) {
        this.scheduleRetry(call, Attempt.redial, calls.redialDelay[call]);
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
    const retry = calls.allocate();
    calls.state[retry] = CallState.pending;
    calls.kind[retry] = kind;
    if (kind === Attempt.redial) {
      calls.source[retry] = calls.source[call];
      calls.attempt[retry] = calls.attempt[call] + 1;
    } else {
      calls.source[retry] = this.entryCount + calls.type[call];
      calls.attempt[retry] = 1;
    }
    this.sim.schedule(this.retryEvent, at, retry);
  }

  private countUnfinished(): void {
    const calls = this.calls;
    for (let call = 0; call < calls.rows; call++) {
      const state = calls.state[call];
      if (state === CallState.waiting || state === CallState.talking || state === CallState.afterCallWork) {
        this.recorder.countCall(calls.interval[call], calls.type[call], calls.queue[call], F.unfinished);
      }
    }
  }
}

function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error('internal: unresolved route');
  return value;
}
