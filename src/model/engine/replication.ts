/**
 * One replication of a call center: a pure function of (compiled scenario,
 * seed, replication index).
 *
 * Events and their order at equal times (lower priority runs first):
 *
 *   0 interval boundary   closes one KPI interval and opens the next, so that
 *                         everything at a boundary time counts in the new one;
 *   1 service completion  an agent freed at t serves a call arriving at t,
 *                         and a waiting call whose patience ends at t;
 *   2 abandonment         a caller whose patience ends at t hangs up unless an
 *                         agent freed at t took the call;
 *   3 arrival             a new call joins after the above have settled.
 *
 * Common random numbers: each call draws its handle time and patience when
 * it arrives, from its call type's own streams (`service/<type>`,
 * `patience/<type>`), and arrivals come from `arrivals/<type>`. Staffing and
 * routing therefore never change which calls arrive or what they need.
 *
 * Routing (issue 2's rules): an arriving call goes to the longest-idle agent
 * among the groups that have its skill; otherwise it waits first-come,
 * first-served in its call type's queue. A freed agent takes the
 * longest-waiting call among its skills.
 */
import { StreamFactory } from '../../kernel/random.js';
import type { Uniform } from '../../kernel/random.js';
import type { EventKind } from '../../kernel/simulator.js';
import { Simulator } from '../../kernel/simulator.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { SummaryLayout } from '../summary-layout.js';
import { AgentPool, NO_AGENT } from './agent-pool.js';
import type { ArrivalProcess } from './arrivals.js';
import { PiecewisePoissonArrivals, TraceArrivals } from './arrivals.js';
import { CallQueues } from './call-queues.js';
import { CallState, CallStore, NO_CALL } from './call-store.js';
import { Recorder } from './recorder.js';

/** Everything a replication returns: plain data, safe to pass between threads. */
export interface ReplicationSummary {
  readonly replication: number;
  /** Records of every view (see SummaryLayout), FIELD_COUNT numbers each. */
  readonly records: Float64Array;
  /** Calls created, warm-up and drain included. */
  readonly simulatedCalls: number;
  /** Events fired. */
  readonly events: number;
}

export const EVENT_PRIORITY = {
  intervalBoundary: 0,
  serviceCompletion: 1,
  abandonment: 2,
  arrival: 3,
} as const;

export function layoutOf(model: CompiledScenario): SummaryLayout {
  return new SummaryLayout(model.clock.intervalCount, model.callTypes.length, model.agentGroups.length);
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

class CallCenterRun {
  readonly sim = new Simulator(1024);
  readonly recorder: Recorder;
  simulatedCalls = 0;

  private readonly calls = new CallStore(256);
  private readonly queues: CallQueues;
  private readonly agents: AgentPool;
  private readonly arrivalProcesses: ArrivalProcess[];
  private readonly arrivalUniform: Uniform[];
  private readonly serviceUniform: Uniform[];
  private readonly patienceUniform: Uniform[];
  private readonly handleSamplers: Array<(u: Uniform) => number>;
  private readonly patienceSamplers: Array<((u: Uniform) => number) | null>;
  /** Per call type: the groups that serve it. */
  private readonly groupsOf: Int32Array[];
  /** Per group: the call types it serves. */
  private readonly skillsOf: Int32Array[];

  private readonly boundaryEvent: EventKind;
  private readonly completionEvent: EventKind;
  private readonly abandonEvent: EventKind;
  private readonly arrivalEvent: EventKind;

  constructor(
    private readonly model: CompiledScenario,
    seed: number,
    replication: number,
  ) {
    const types = model.callTypes;
    const streams = new StreamFactory(seed, replication);
    this.recorder = new Recorder(
      model.clock,
      types.length,
      model.agentGroups.length,
      model.serviceLevel.threshold,
      model.serviceLevel.shortAbandon,
    );
    this.queues = new CallQueues(this.calls, types.length);
    this.agents = new AgentPool(model.agentGroups.map((g) => g.agents));
    this.arrivalProcesses = types.map((c) =>
      c.arrivals.kind === 'trace'
        ? new TraceArrivals(c.arrivals.times)
        : new PiecewisePoissonArrivals(
            [{ start: 0, rate: c.arrivals.ratePerSecond }],
            model.clock.measureEnd,
          ),
    );
    this.arrivalUniform = types.map((c) => streams.get(`arrivals/${c.name}`).uniform);
    this.serviceUniform = types.map((c) => streams.get(`service/${c.name}`).uniform);
    this.patienceUniform = types.map((c) => streams.get(`patience/${c.name}`).uniform);
    this.handleSamplers = types.map((c) => c.handleTime.sample);
    this.patienceSamplers = types.map((c) => (c.patience === null ? null : c.patience.sample));
    this.groupsOf = types.map((c) => Int32Array.from(c.groups));
    this.skillsOf = model.agentGroups.map((g) => Int32Array.from(g.skills));

    const sim = this.sim;
    this.boundaryEvent = sim.defineEvent(
      'interval boundary',
      EVENT_PRIORITY.intervalBoundary,
      this.onBoundary,
    );
    this.completionEvent = sim.defineEvent(
      'service completion',
      EVENT_PRIORITY.serviceCompletion,
      this.onCompletion,
    );
    this.abandonEvent = sim.defineEvent('abandonment', EVENT_PRIORITY.abandonment, this.onAbandon);
    this.arrivalEvent = sim.defineEvent('arrival', EVENT_PRIORITY.arrival, this.onArrival);
  }

  run(): void {
    const { clock } = this.model;
    for (let g = 0; g < this.model.agentGroups.length; g++) {
      this.recorder.setStaffed(g, this.agents.staffed[g], 0);
    }
    for (let k = 0; k <= clock.intervalCount; k++) {
      this.sim.schedule(
        this.boundaryEvent,
        clock.measureStart + Math.min(k * clock.intervalLength, clock.horizon),
        k,
      );
    }
    for (let c = 0; c < this.model.callTypes.length; c++) this.scheduleNextArrival(c, 0);
    this.sim.run();
    this.countUnfinished();
  }

  // ------------------------------------------------------------ events

  private readonly onBoundary = (k: number): void => {
    const next = k < this.model.clock.intervalCount ? k : -1;
    this.recorder.boundary(this.sim.now, next);
  };

  private readonly onArrival = (type: number): void => {
    const now = this.sim.now;
    const calls = this.calls;
    const call = calls.allocate();
    this.simulatedCalls++;
    calls.type[call] = type;
    calls.arrival[call] = now;
    // Attributes drawn at creation, in a fixed order, whatever happens next.
    calls.handleTime[call] = this.handleSamplers[type](this.serviceUniform[type]);
    const patience = this.patienceSamplers[type];
    calls.patience[call] = patience === null ? Infinity : patience(this.patienceUniform[type]);
    const interval = this.recorder.intervalOf(now);
    calls.interval[call] = interval;
    this.recorder.offered(interval, type);
    this.scheduleNextArrival(type, now);
    this.route(call, type, now);
  };

  private readonly onCompletion = (agent: number): void => {
    const now = this.sim.now;
    const agents = this.agents;
    this.calls.release(agents.call[agent]);
    const next = this.nextCallFor(agents.group[agent]);
    if (next === NO_CALL) {
      const g = agents.group[agent];
      agents.release(agent);
      agents.makeIdle(agent, now);
      this.recorder.setBusy(g, agents.busyCount[g], now);
      return;
    }
    const type = this.calls.type[next];
    this.queues.remove(type, next);
    this.recorder.setQueueLength(type, this.queues.length[type], now);
    if (this.calls.patience[next] !== Infinity) this.sim.cancel(this.calls.abandonEvent[next]);
    agents.call[agent] = next;
    this.startService(next, agent, now);
  };

  private readonly onAbandon = (call: number): void => {
    const now = this.sim.now;
    const calls = this.calls;
    const type = calls.type[call];
    this.queues.remove(type, call);
    this.recorder.setQueueLength(type, this.queues.length[type], now);
    this.recorder.abandoned(calls.interval[call], type, now - calls.arrival[call]);
    calls.release(call);
  };

  // ------------------------------------------------------------ routing

  private scheduleNextArrival(type: number, now: number): void {
    const t = this.arrivalProcesses[type].next(now, this.arrivalUniform[type]);
    if (t !== Infinity) this.sim.schedule(this.arrivalEvent, t, type);
  }

  /** A new call: to the longest-idle eligible agent, else into its queue. */
  private route(call: number, type: number, now: number): void {
    const agent = this.longestIdleAgentFor(type);
    if (agent !== NO_AGENT) {
      const g = this.agents.group[agent];
      this.agents.assign(agent, call);
      this.recorder.setBusy(g, this.agents.busyCount[g], now);
      this.startService(call, agent, now);
      return;
    }
    const calls = this.calls;
    calls.state[call] = CallState.waiting;
    this.queues.push(type, call);
    this.recorder.setQueueLength(type, this.queues.length[type], now);
    this.recorder.queued(calls.interval[call], type);
    const patience = calls.patience[call];
    if (patience !== Infinity)
      calls.abandonEvent[call] = this.sim.schedule(this.abandonEvent, now + patience, call);
  }

  /** Among the groups serving `type`, the agent idle for the longest time. */
  private longestIdleAgentFor(type: number): number {
    const groups = this.groupsOf[type];
    const agents = this.agents;
    let best = NO_AGENT;
    let bestSince = Infinity;
    for (let k = 0; k < groups.length; k++) {
      const agent = agents.longestIdle(groups[k]);
      if (agent !== NO_AGENT && agents.idleSince[agent] < bestSince) {
        best = agent;
        bestSince = agents.idleSince[agent];
      }
    }
    return best;
  }

  /** Among the queues of a group's skills, the call that has waited longest. */
  private nextCallFor(group: number): number {
    const skills = this.skillsOf[group];
    const calls = this.calls;
    let best = NO_CALL;
    let bestArrival = Infinity;
    for (let k = 0; k < skills.length; k++) {
      const call = this.queues.front(skills[k]);
      if (call !== NO_CALL && calls.arrival[call] < bestArrival) {
        best = call;
        bestArrival = calls.arrival[call];
      }
    }
    return best;
  }

  private startService(call: number, agent: number, now: number): void {
    const calls = this.calls;
    calls.state[call] = CallState.inService;
    const serviceTime = calls.handleTime[call];
    const wait = now - calls.arrival[call];
    this.recorder.answered(
      calls.interval[call],
      calls.type[call],
      this.agents.group[agent],
      wait,
      serviceTime,
    );
    this.sim.schedule(this.completionEvent, now + serviceTime, agent);
  }

  private countUnfinished(): void {
    const calls = this.calls;
    for (let call = 0; call < calls.state.length; call++) {
      if (calls.state[call] !== CallState.free)
        this.recorder.unfinished(calls.interval[call], calls.type[call]);
    }
  }
}
