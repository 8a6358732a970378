/**
 * The service desk of a replication: calls that asked for an agent. It
 * offers each call to an agent (the Router decides which), queues it with
 * its patience and overflow timers, starts and ends service (talk, answer
 * delay, after-call work), and gives freed agents the calls that wait.
 * CallCenterRun (call-center-run.ts) extends it with what brings calls in
 * (arrivals, the IVR, redials) and what takes capacity away (staffing,
 * outages). Both act; the roles they own decide:
 *
 *   Router           which agent, which waiting call, which site;
 *   Staffing         who should be on duty, and where;
 *   Sites            lines, IVR ports, outages and what they cut;
 *   Retries          redials and callbacks;
 *   RunListener      hears everything (the KPI recorder is one).
 */
import type { StreamFactory } from '../../kernel/random.js';
import type { EventKind } from '../../kernel/simulator.js';
import { Simulator } from '../../kernel/simulator.js';
import { Field as F } from '../kpis.js';
import type { CompiledCallType, CompiledScenario } from '../scenario/compile.js';
import { MAX_CALLS_PRESENT } from '../scenario/limits.js';
import { AgentPool, NO_AGENT } from './agent-pool.js';
import type { CallFateCode } from './call-listener.js';
import { CallFate } from './call-listener.js';
import { CallQueues } from './call-queues.js';
import { Attempt, CallState, CallStore, NO_CALL } from './call-store.js';
import { doublesOf, integers } from './columns.js';
import { EVENT_PRIORITY as P } from './event-order.js';
import { Retries } from './retries.js';
import { Router } from './router.js';
import type { RunListener } from './run-listener.js';
import { Sites } from './sites.js';
import { Staffing } from './staffing.js';

export abstract class ServiceDesk {
  readonly sim = new Simulator(1024);

  protected readonly calls = new CallStore(256, MAX_CALLS_PRESENT);
  protected readonly queues: CallQueues;
  protected readonly agents: AgentPool;
  protected readonly router: Router;
  protected readonly staffing: Staffing;
  protected readonly sites: Sites;
  protected readonly retries: Retries;
  protected readonly types: readonly CompiledCallType[];
  protected readonly siteCount: number;
  /** Per call type: calls waiting; per (call type × site): the same by site. */
  private readonly typeQueueLength: number[];
  private readonly siteTypeQueue: number[];
  /** Per group: talk slowdown per extra chat in hand. */
  private readonly slowdownOf: number[];
  private readonly available: number[] = [];

  private readonly talkEndEvent: EventKind;
  private readonly workEndEvent: EventKind;
  private readonly overflowEvent: EventKind;
  private readonly abandonEvent: EventKind;
  private readonly connectAbandonEvent: EventKind;
  private readonly retryEvent: EventKind;

  constructor(
    protected readonly model: CompiledScenario,
    streams: StreamFactory,
    protected readonly listener: RunListener,
  ) {
    this.types = model.callTypes;
    this.siteCount = model.sites.length;
    this.queues = new CallQueues(this.calls, model.queues.length * this.siteCount);
    this.agents = new AgentPool(
      model.agentGroups.map((g) => g.maxAgents),
      model.agentGroups.map((g) => g.concurrency),
    );
    this.typeQueueLength = integers(this.types.length);
    this.siteTypeQueue = integers(this.types.length * this.siteCount);
    this.slowdownOf = doublesOf(model.agentGroups, (g) => g.concurrencySlowdown);
    this.staffing = new Staffing(model);
    this.sites = new Sites(model, streams);
    this.retries = new Retries(model, this.calls);
    this.router = new Router(model, streams, {
      calls: this.calls,
      queues: this.queues,
      agents: this.agents,
      groupSite: this.staffing.groupSite,
      detected: this.sites.detected,
      waitingByTypeSite: this.siteTypeQueue,
    });
    const sim = this.sim;
    this.talkEndEvent = sim.defineEvent('talk end', P.talkEnd, this.onTalkEnd);
    this.workEndEvent = sim.defineEvent('work end', P.workEnd, this.onWorkEnd);
    this.overflowEvent = sim.defineEvent('overflow', P.overflow, this.onOverflow);
    this.abandonEvent = sim.defineEvent('abandonment', P.abandonment, this.onAbandon);
    this.connectAbandonEvent = sim.defineEvent(
      'hang-up while connecting',
      P.abandonment,
      this.onConnectAbandon,
    );
    this.retryEvent = sim.defineEvent('redial or callback', P.arrival, (call) => this.retryArrives(call));
  }

  /** A redial or callback planned by Retries arrives (see CallCenterRun). */
  protected abstract retryArrives(call: number): void;

  // ------------------------------------------------------------ staffing

  protected roster(g: number): void {
    const available = this.available;
    available.length = 0;
    this.agents.setRostered(g, this.staffing.target(g), this.sim.now, available);
    for (const agent of available) this.dispatch(agent);
    this.recordGroup(g);
  }

  protected recordGroup(g: number): void {
    const agents = this.agents;
    this.listener.setGroup(g, agents.busyUnits[g] / agents.capacity[g], agents.present[g], this.sim.now);
  }

  // ------------------------------------------------------------ queueing

  /** The call asks for an agent: served at once, queued, or blocked by a full queue. */
  protected offerToAgents(call: number): void {
    const c = this.calls.at[call];
    c.queuedAt = this.sim.now;
    const agent = this.router.agentFor(call, 0);
    if (agent === NO_AGENT) {
      this.enqueue(call);
      return;
    }
    c.route = this.router.chosenRoute;
    this.startService(call, agent);
    this.recordGroup(this.agents.group[agent]);
  }

  /** No agent is free for the call: it waits in its queue (with its patience and overflow timers), unless the queue is full. */
  private enqueue(call: number): void {
    const now = this.sim.now;
    const c = this.calls.at[call];
    const type = c.type;
    if (this.typeQueueLength[type] >= this.types[type].maxQueue) {
      this.listener.countCall(c.interval, type, c.queue, c.site, F.blocked);
      this.ended(call, CallFate.blocked);
      this.releaseLine(call);
      this.leave(call);
      return;
    }
    c.state = CallState.waiting;
    this.queues.push(c.queue * this.siteCount + c.site, call);
    this.siteTypeQueue[type * this.siteCount + c.site]++;
    this.setTypeQueue(type, 1);
    this.listener.countCall(c.interval, type, c.queue, c.site, F.queued);
    const patience = c.patience;
    if (patience !== Infinity) c.abandonEvent = this.sim.schedule(this.abandonEvent, now + patience, call);
    c.overflowStep = 0;
    const steps = this.router.overflowSteps[type];
    if (steps.length > 0) c.overflowEvent = this.sim.schedule(this.overflowEvent, now + steps[0], call);
  }

  private readonly onOverflow = (call: number): void => {
    const c = this.calls.at[call];
    c.overflowEvent = -1; // fired: nothing to cancel
    const agent = this.router.agentFor(call, this.sim.now - c.queuedAt);
    if (agent !== NO_AGENT) {
      c.route = this.router.chosenRoute;
      this.unqueue(call, false);
      this.startService(call, agent);
      this.recordGroup(this.agents.group[agent]);
      return;
    }
    const steps = this.router.overflowSteps[c.type];
    const step = ++c.overflowStep;
    if (step < steps.length)
      c.overflowEvent = this.sim.schedule(this.overflowEvent, c.queuedAt + steps[step], call);
  };

  private readonly onAbandon = (call: number): void => {
    const c = this.calls.at[call];
    c.abandonEvent = -1;
    this.unqueue(call, true);
    this.listener.abandoned(c.interval, c.type, c.queue, c.site, this.sim.now - c.queuedAt);
    this.ended(call, CallFate.abandoned);
    this.releaseLine(call);
    this.leave(call);
  };

  /** A caller hangs up during the answer delay: an abandonment; the agent held for it is freed. */
  private readonly onConnectAbandon = (call: number): void => {
    const c = this.calls.at[call];
    const agents = this.agents;
    const agent = c.agent;
    const g = agents.group[agent];
    const units = c.units === 1 ? 1 : agents.capacity[g];
    this.listener.abandoned(c.interval, c.type, c.queue, c.site, this.sim.now - c.queuedAt);
    this.ended(call, CallFate.abandoned);
    this.releaseLine(call);
    this.leave(call); // releases the call's record (after a redial is planned)
    this.freeAgent(agent, g, units);
  };

  /** Takes a waiting call out of its queue, cancelling its pending events. */
  protected unqueue(call: number, abandoning: boolean): void {
    const c = this.calls.at[call];
    const type = c.type;
    this.queues.remove(c.queue * this.siteCount + c.site, call);
    this.siteTypeQueue[type * this.siteCount + c.site]--;
    this.setTypeQueue(type, -1);
    if (!abandoning && c.patience !== Infinity) this.sim.cancel(c.abandonEvent);
    if (this.router.overflowSteps[type].length > 0 && c.overflowEvent >= 0) {
      this.sim.cancel(c.overflowEvent);
      c.overflowEvent = -1;
    }
  }

  private setTypeQueue(type: number, delta: number): void {
    this.typeQueueLength[type] += delta;
    this.listener.setQueueLength(type, this.typeQueueLength[type], this.sim.now);
  }

  // ------------------------------------------------------------ service

  /** Agent `agent` takes `call` (its route chosen): talk after the answer delay, unless the caller hangs up first. */
  private startService(call: number, agent: number): void {
    const now = this.sim.now;
    const c = this.calls.at[call];
    const agents = this.agents;
    const g = agents.group[agent];
    const units = c.units === 1 ? 1 : agents.capacity[g];
    agents.take(agent, units);
    c.state = CallState.talking;
    c.agent = agent;
    let talk = c.handleTime * this.router.talkFactor(c.route);
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
    this.listener.answered(
      c.interval,
      c.type,
      c.queue,
      c.site,
      g,
      now + delay - c.queuedAt,
      talk,
      now + delay,
    );
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
      this.listener.completed(c.interval, type, g, acw, due, this.sim.now - c.arrival);
    }
    const units = c.units === 1 ? 1 : agents.capacity[g];
    calls.release(call);
    this.freeAgent(agent, g, units);
  };

  /** An agent of group g finished `units` units of work: it takes waiting calls, or goes idle, or off duty. */
  protected freeAgent(agent: number, g: number, units: number): void {
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
  protected dispatch(agent: number): void {
    const router = this.router;
    const now = this.sim.now;
    for (;;) {
      const call = router.callFor(agent, now);
      if (call === NO_CALL) return;
      this.calls.at[call].route = router.chosenRoute;
      this.unqueue(call, false);
      this.startService(call, agent);
      if (!this.agents.canTake(agent, 1)) return;
    }
  }

  // ------------------------------------------------------------ lines, leaving

  protected takeLine(call: number): boolean {
    const c = this.calls.at[call];
    if (!this.sites.takeLine(c.site)) return false;
    c.holdsLine = 1;
    this.recordSite(c.site);
    return true;
  }

  protected releaseLine(call: number): void {
    const c = this.calls.at[call];
    if (c.holdsLine === 0) return;
    this.sites.releaseLine(c.site);
    c.holdsLine = 0;
    this.recordSite(c.site);
  }

  protected recordSite(site: number): void {
    const sites = this.sites;
    this.listener.setSite(site, sites.linesBusy[site], sites.portsBusy[site], this.sim.now);
  }

  /** A call of a call type turned away on arrival (its site down, or no line): counted, and the caller may redial. */
  protected turnAway(call: number, field: number, fate: CallFateCode): void {
    const c = this.calls.at[call];
    this.listener.countCall(c.interval, c.type, c.queue, c.site, field);
    this.ended(call, fate);
    this.leave(call);
  }

  /** A caller who abandoned, was blocked or cut off leaves, and may try again later. */
  protected leave(call: number): void {
    const delay = this.retries.redialDelay(call);
    if (delay >= 0) this.scheduleRetry(call, Attempt.redial, delay);
    this.calls.release(call);
  }

  private scheduleRetry(call: number, kind: number, delay: number): void {
    const now = this.sim.now;
    const retry = this.retries.plan(call, kind, delay, now);
    if (retry !== NO_CALL) this.sim.schedule(this.retryEvent, now + delay, retry);
  }

  /** Tells the listener that the call's part ended now. */
  protected ended(call: number, fate: CallFateCode): void {
    this.listener.callEnded(this.calls.at[call], fate, this.sim.now);
  }
}
