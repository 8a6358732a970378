/**
 * One replication of a call center: the service desk (service-desk.ts)
 * with what brings calls in — arrivals of each source, the IVR, redials
 * and callbacks — and what takes capacity away: staffing changes and site
 * outages. A pure function of (compiled scenario, seed, replication
 * index): every draw comes from a stream named for what it feeds.
 *
 *   ArrivalSources   when the next first attempt of each source comes;
 *   CallAttributes   what each call will need, drawn on arrival (CRN).
 *
 * Event order at equal times: event-order.ts. Sites: each call belongs to
 * the site it is routed to on arrival; queues are per (tier, site).
 * ARCHITECTURE.md has the picture and where a new mechanism goes.
 */
import { StreamFactory } from '../../kernel/random.js';
import type { EventKind } from '../../kernel/simulator.js';
import { ZeroTimeCycleError } from '../../kernel/simulator.js';
import { Field as F } from '../kpis.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { IvrExit, OutageScope } from '../scenario/compile.js';
import { MAX_CALLS_PRESENT } from '../scenario/limits.js';
import { Duty } from './agent-pool.js';
import { ArrivalSources } from './arrival-sources.js';
import type { AttributeStreams } from './call-attributes.js';
import { CallAttributes } from './call-attributes.js';
import { CallFate } from './call-listener.js';
import { Attempt, CallCapacityError, CallState } from './call-store.js';
import { EVENT_PRIORITY as P } from './event-order.js';
import type { RunListener } from './run-listener.js';
import { stalled, tooManyCalls } from './run-errors.js';
import { NEEDS_ENTRY } from './sites.js';
import { ServiceDesk } from './service-desk.js';

/**
 * Events in a row at one simulated time before a replication is stopped: far
 * more than any valid scenario makes (a few per call present, or per listed
 * arrival of a trace at that time), so only a zero-time cycle reaches it.
 */
const MAX_EVENTS_AT_ONE_TIME = 10 * MAX_CALLS_PRESENT;

/** The field counting how an attempt came, by Attempt kind: first, redial, callback. */
const ATTEMPT_FIELD = [F.uniqueCallers, F.redials, F.repeatCalls];

export class CallCenterRun extends ServiceDesk {
  /** Calls created (attempts), warm-up and drain included. */
  simulatedCalls = 0;

  private readonly sources: ArrivalSources;
  private readonly attributes: CallAttributes;
  // The clock, unpacked for intervalOf.
  private readonly measureStart: number;
  private readonly measureEnd: number;
  private readonly intervalLength: number;
  private readonly lastInterval: number;

  private readonly boundaryEvent: EventKind;
  private readonly staffingEvent: EventKind;
  private readonly ivrEndEvent: EventKind;
  private readonly arrivalEvent: EventKind;
  private readonly outageStartEvent: EventKind;
  private readonly outageDetectEvent: EventKind;
  private readonly outageRestoreEvent: EventKind;
  private readonly outageEndEvent: EventKind;

  constructor(model: CompiledScenario, seed: number, replication: number, listener: RunListener) {
    const streams = new StreamFactory(seed, replication);
    super(model, streams, listener);
    const { clock } = model;
    this.measureStart = clock.measureStart;
    this.measureEnd = clock.measureEnd;
    this.intervalLength = clock.intervalLength;
    this.lastInterval = clock.intervalCount - 1;
    this.sources = new ArrivalSources(model, streams);
    this.attributes = new CallAttributes(model, streams);
    const sim = this.sim;
    this.boundaryEvent = sim.defineEvent('interval boundary', P.intervalBoundary, this.onBoundary);
    this.staffingEvent = sim.defineEvent('staffing change', P.staffingChange, this.onStaffing);
    this.ivrEndEvent = sim.defineEvent('IVR end', P.ivrEnd, this.onIvrEnd);
    this.arrivalEvent = sim.defineEvent('arrival', P.arrival, this.onArrival);
    this.outageStartEvent = sim.defineEvent('outage start', P.outage, this.onOutageStart);
    this.outageDetectEvent = sim.defineEvent('outage detected', P.outage, this.onOutageDetected);
    this.outageRestoreEvent = sim.defineEvent('agents restored', P.outage, this.onRestore);
    this.outageEndEvent = sim.defineEvent('outage end', P.outage, this.onOutageEnd);
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
    for (let source = 0; source < this.sources.count; source++) this.scheduleNextArrival(source, 0);
    for (const outage of this.model.outages) {
      const at = this.sites.firstStart(outage.index);
      if (!Number.isNaN(at)) this.sim.schedule(this.outageStartEvent, at, outage.index);
    }
    try {
      this.sim.run({ maxEventsAtOneTime: MAX_EVENTS_AT_ONE_TIME });
    } catch (error) {
      if (error instanceof ZeroTimeCycleError) throw stalled(this.model, error);
      if (error instanceof CallCapacityError) throw tooManyCalls(this.model, error, this.sim.now);
      throw error;
    }
    this.countUnfinished();
  }

  /** Measured interval of simulation time `t`, or −1 outside the measured window. */
  private intervalOf(t: number): number {
    if (t < this.measureStart || t >= this.measureEnd) return -1;
    return Math.min(this.lastInterval, Math.floor((t - this.measureStart) / this.intervalLength));
  }

  private readonly onBoundary = (k: number): void => {
    this.listener.boundary(this.sim.now, k < this.model.clock.intervalCount ? k : -1);
  };

  // ------------------------------------------------------------ staffing

  private readonly onStaffing = (g: number): void => {
    this.applyStaffing(g);
  };

  /** Applies group g's schedule step due now and schedules the next one. */
  private applyStaffing(g: number): void {
    const next = this.staffing.step(g);
    this.roster(g);
    if (!Number.isNaN(next)) this.sim.schedule(this.staffingEvent, next, g);
  }

  /** Puts group g's target on duty; agents who came on take waiting calls. */
  // ------------------------------------------------------------ arrivals

  private scheduleNextArrival(source: number, now: number): void {
    const t = this.sources.next(source, now);
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
    this.arrive(call, this.attributes.first);
  };

  protected retryArrives(call: number): void {
    this.arrive(call, this.attributes.retry);
  }

  /**
   * A call reaches the center: draw its attributes, take a line, ask for
   * an agent. (Entry-point calls go on in arriveAtEntry; the common case is
   * kept short so that V8 inlines what it calls.)
   */
  private arrive(call: number, draws: AttributeStreams): void {
    const now = this.sim.now;
    const c = this.calls.at[call];
    this.simulatedCalls++;
    const source = c.source;
    const interval = this.intervalOf(now);
    c.seq = this.simulatedCalls;
    c.arrival = now;
    c.queuedAt = NaN;
    c.answeredAt = NaN;
    c.interval = interval;
    c.site = 0;
    c.holdsLine = 0;
    if (source < this.sources.entries) {
      this.arriveAtEntry(call, source, interval, draws);
      return;
    }
    const type = source - this.sources.entries;
    const sites = this.sites;
    c.type = type;
    this.attributes.draw(c, type, draws);
    const needs = sites.needsOf[type];
    if (this.siteCount > 1) c.site = this.router.siteFor(source, type, needs);
    const site = c.site;
    // Direct calls are counted at their call type.
    this.listener.countOffered(interval, type, c.queue, site, ATTEMPT_FIELD[c.kind]);
    if (sites.isDown(site, needs)) {
      this.turnAway(call, F.failed, CallFate.failed);
      return;
    }
    // Voice calls hold a line from arrival until they leave.
    if (sites.holdsLineOf[type] === 1 && sites.limitsLines(site) && !this.takeLine(call)) {
      this.turnAway(call, F.blocked, CallFate.blocked);
      return;
    }
    this.offerToAgents(call);
  }

  /** A call dialled an entry point: it walks the IVR (counted at the entry point) if a line and a port are free. */
  private arriveAtEntry(call: number, entry: number, interval: number, draws: AttributeStreams): void {
    const c = this.calls.at[call];
    const sites = this.sites;
    const type = this.attributes.drawIvrPath(c, entry, draws.ivr[entry]);
    c.type = type;
    if (type >= 0) this.attributes.draw(c, type, draws);
    else c.redialWill = 0;
    this.listener.countEntry(interval, entry, F.ivrOffered);
    this.listener.countEntry(interval, entry, ATTEMPT_FIELD[c.kind]);
    if (this.siteCount > 1) c.site = this.router.siteFor(entry, type, NEEDS_ENTRY);
    const site = c.site;
    if (sites.isDown(site, NEEDS_ENTRY)) {
      // The number rings at a site that is down: the call fails.
      this.listener.countEntry(interval, entry, F.failed);
      this.listener.countSite(interval, site, F.failed);
      this.ended(call, CallFate.failed);
      this.leave(call);
      return;
    }
    if ((sites.limitsLines(site) && !this.takeLine(call)) || sites.portsFull(site)) {
      this.listener.countEntry(interval, entry, F.ivrBlocked);
      this.ended(call, CallFate.ivrBlocked);
      this.releaseLine(call);
      this.leave(call);
      return;
    }
    sites.takePort(site);
    this.recordSite(site);
    c.state = CallState.inIvr;
    c.serviceEvent = this.sim.schedule(this.ivrEndEvent, this.sim.now + c.ivrDuration, call);
  }

  private readonly onIvrEnd = (call: number): void => {
    const c = this.calls.at[call];
    const site = c.site;
    const interval = c.interval;
    const entry = c.source;
    this.sites.releasePort(site);
    this.recordSite(site);
    const outcome = c.ivrOutcome;
    if (outcome === IvrExit.selfService || outcome === IvrExit.hangup) {
      this.listener.countEntry(
        interval,
        entry,
        outcome === IvrExit.selfService ? F.ivrSelfServed : F.ivrHangups,
      );
      this.ended(call, CallFate.ivr);
      this.releaseLine(call);
      this.calls.release(call);
      return;
    }
    this.listener.countEntry(interval, entry, F.ivrTransferred);
    this.listener.countCall(interval, c.type, c.queue, site, F.offered);
    this.offerToAgents(call);
  };

  // ------------------------------------------------------------ sites and outages

  private readonly onOutageStart = (o: number): void => {
    const outage = this.model.outages[o];
    const s = outage.site;
    const now = this.sim.now;
    const duration = this.sites.begin(o, now);
    this.listener.outageBegan(o, this.intervalOf(now), now);
    // Agents lost: their rosters shrink (busy agents are marked leaving; their calls are dropped below).
    const lost =
      outage.scope === OutageScope.full ? 1 : outage.scope === OutageScope.agents ? outage.fraction : 0;
    if (lost > 0) for (const g of this.staffing.lose(s, lost)) this.roster(g);
    this.dropCallsAt(s, this.sites.downBits(o), lost > 0);
    if (outage.detectionDelay > 0) this.sim.schedule(this.outageDetectEvent, now + outage.detectionDelay, o);
    else this.onOutageDetected(o);
    if (outage.restore !== null && outage.restore.after < duration) {
      this.sim.schedule(this.outageRestoreEvent, now + outage.restore.after, o);
    }
    this.sim.schedule(this.outageEndEvent, now + duration, o);
  };

  /**
   * Cuts off the calls an outage reaches (Sites decides which): calls not
   * yet with an agent first, so that agents freed below cannot pick up a
   * call about to be cut; then calls with agents, and those in the hands of
   * its agents who were lost. Callers cut off may redial.
   */
  private dropCallsAt(site: number, bits: number, agentsLost: boolean): void {
    const calls = this.calls;
    const agents = this.agents;
    const sites = this.sites;
    const interval = this.intervalOf(this.sim.now);
    for (let call = 0; call < calls.rows; call++) {
      const c = calls.at[call];
      if (!sites.cutsBeforeAgent(c, site, bits)) continue;
      if (c.state === CallState.inIvr) {
        this.sim.cancel(c.serviceEvent);
        sites.releasePort(site);
        this.recordSite(site);
        this.listener.countEntry(interval, c.source, F.dropped);
        this.listener.countSite(interval, site, F.dropped);
      } else {
        this.unqueue(call, false);
        this.listener.countCall(interval, c.type, c.queue, c.site, F.dropped);
      }
      this.ended(call, CallFate.dropped);
      this.releaseLine(call);
      this.leave(call);
    }
    for (let call = 0; call < calls.rows; call++) {
      const c = calls.at[call];
      const state = c.state;
      if (state !== CallState.talking && state !== CallState.afterCallWork) continue;
      const agent = c.agent;
      const g = agents.group[agent];
      const agentLost = agentsLost && this.staffing.groupSite[g] === site && agents.duty[agent] !== Duty.on;
      if (!sites.cutsWithAgent(c, site, bits) && !agentLost) continue;
      this.sim.cancel(c.serviceEvent);
      const units = c.units === 1 ? 1 : agents.capacity[g];
      if (state === CallState.talking) {
        this.listener.countCall(interval, c.type, c.queue, c.site, F.dropped);
        this.ended(call, CallFate.dropped);
        this.releaseLine(call);
        this.leave(call);
      } else {
        calls.release(call); // after-call work cut short: the caller had been served
      }
      this.freeAgent(agent, g, units);
    }
  }

  private readonly onOutageDetected = (o: number): void => {
    this.sites.detect(o);
  };

  /** Part of the failed site's agents resume work at the recovery site. */
  private readonly onRestore = (o: number): void => {
    const { site, restore } = this.model.outages[o];
    if (restore === null || !this.sites.isUnderWay(o)) return;
    for (const g of this.staffing.relocate(site, restore.to, restore.fraction)) this.roster(g);
  };

  private readonly onOutageEnd = (o: number): void => {
    const s = this.model.outages[o].site;
    const now = this.sim.now;
    const next = this.sites.end(o, now);
    this.listener.outageEnded(o, now);
    for (const g of this.staffing.restore(s)) this.roster(g);
    // Random outages: the next failure.
    if (!Number.isNaN(next)) this.sim.schedule(this.outageStartEvent, next, o);
  };

  private countUnfinished(): void {
    const calls = this.calls;
    for (let call = 0; call < calls.rows; call++) {
      const c = calls.at[call];
      const state = c.state;
      if (state === CallState.waiting || state === CallState.talking || state === CallState.afterCallWork) {
        this.listener.countCall(c.interval, c.type, c.queue, c.site, F.unfinished);
      }
      // In after-call work, the caller's part ended with the talk (the listener heard it then).
      if (state === CallState.waiting || state === CallState.talking) this.ended(call, CallFate.unfinished);
    }
  }
}
