/**
 * What a replication reports as it runs, in simulation order: counts of
 * what happened to calls in the interval of their arrival, answers and
 * abandons with their waits, the levels of time-weighted quantities from
 * each change on, outages, interval boundaries, and how each call's part
 * ended. The engine calls only this interface (as simmer's monitors): the
 * KPIs come from a Recorder implementing it, a trace from another, and
 * tests observe a run through it.
 *
 * `interval` is the measured interval of the call's arrival, −1 outside the
 * measured window (listeners that keep KPIs ignore those); `field` is a
 * Field of kpis.ts. Simulation times are seconds.
 */
import type { CallFateCode, CallView } from './call-listener.js';

export interface RunListener {
  /** The measured interval `next` (−1: none) begins at `now`, closing the one before. */
  boundary(now: number, next: number): void;
  /** A call offered to a call type: `offered`, and how it came (`how`: uniqueCallers, redials or repeatCalls). */
  countOffered(interval: number, type: number, queue: number, site: number, how: number): void;
  /** One more of `field` for a call of a call type (queued, blocked, failed, dropped, unfinished). */
  countCall(interval: number, type: number, queue: number, site: number, field: number): void;
  /** One more of `field` at an entry point (IVR outcomes, attempts). */
  countEntry(interval: number, entry: number, field: number): void;
  /** One more of `field` at a site (calls failed or dropped there before reaching a call type). */
  countSite(interval: number, site: number, field: number): void;
  /** At `at`, an agent of `group` answered a call that waited `wait`; they talk for `talk`. */
  answered(
    interval: number,
    type: number,
    queue: number,
    site: number,
    group: number,
    wait: number,
    talk: number,
    at: number,
  ): void;
  /** A caller hung up after waiting `wait`. */
  abandoned(interval: number, type: number, queue: number, site: number, wait: number): void;
  /** Work on a contact ended, with `acw` of after-call work; `due` its due time (null: none), `sojourn` the time since arrival. */
  completed(
    interval: number,
    type: number,
    group: number,
    acw: number,
    due: number | null,
    sojourn: number,
  ): void;
  /** From `now` on, group `g` has `busy` agents' worth of work and `present` agents on duty. */
  setGroup(g: number, busy: number, present: number, now: number): void;
  /** From `now` on, `length` calls of call type `type` wait. */
  setQueueLength(type: number, length: number, now: number): void;
  /** From `now` on, site `s` has `lines` lines and `ports` IVR ports in use. */
  setSite(s: number, lines: number, ports: number, now: number): void;
  /** Outage `o` began at `now`, in measured interval `interval` (−1: none), or ended at `now`. */
  outageBegan(o: number, interval: number, now: number): void;
  outageEnded(o: number, now: number): void;
  /** The call's part ended at `at` with `fate` (after-call work, if any, follows without the caller). */
  callEnded(call: CallView, fate: CallFateCode, at: number): void;
}

/** A listener that ignores everything: extend it and override what you observe. */
export class QuietListener implements RunListener {
  boundary(_now: number, _next: number): void {}
  countOffered(_interval: number, _type: number, _queue: number, _site: number, _how: number): void {}
  countCall(_interval: number, _type: number, _queue: number, _site: number, _field: number): void {}
  countEntry(_interval: number, _entry: number, _field: number): void {}
  countSite(_interval: number, _site: number, _field: number): void {}
  answered(
    _interval: number,
    _type: number,
    _queue: number,
    _site: number,
    _group: number,
    _wait: number,
    _talk: number,
    _at: number,
  ): void {}
  abandoned(_interval: number, _type: number, _queue: number, _site: number, _wait: number): void {}
  completed(
    _interval: number,
    _type: number,
    _group: number,
    _acw: number,
    _due: number | null,
    _sojourn: number,
  ): void {}
  setGroup(_g: number, _busy: number, _present: number, _now: number): void {}
  setQueueLength(_type: number, _length: number, _now: number): void {}
  setSite(_s: number, _lines: number, _ports: number, _now: number): void {}
  outageBegan(_o: number, _interval: number, _now: number): void {}
  outageEnded(_o: number, _now: number): void {}
  callEnded(_call: CallView, _fate: CallFateCode, _at: number): void {}
}

/** Tells two listeners everything, `first` first (the KPI recorder and an observer). */
export class BothListeners implements RunListener {
  constructor(
    private readonly first: RunListener,
    private readonly second: RunListener,
  ) {}

  boundary(now: number, next: number): void {
    this.first.boundary(now, next);
    this.second.boundary(now, next);
  }
  countOffered(interval: number, type: number, queue: number, site: number, how: number): void {
    this.first.countOffered(interval, type, queue, site, how);
    this.second.countOffered(interval, type, queue, site, how);
  }
  countCall(interval: number, type: number, queue: number, site: number, field: number): void {
    this.first.countCall(interval, type, queue, site, field);
    this.second.countCall(interval, type, queue, site, field);
  }
  countEntry(interval: number, entry: number, field: number): void {
    this.first.countEntry(interval, entry, field);
    this.second.countEntry(interval, entry, field);
  }
  countSite(interval: number, site: number, field: number): void {
    this.first.countSite(interval, site, field);
    this.second.countSite(interval, site, field);
  }
  answered(
    interval: number,
    type: number,
    queue: number,
    site: number,
    group: number,
    wait: number,
    talk: number,
    at: number,
  ): void {
    this.first.answered(interval, type, queue, site, group, wait, talk, at);
    this.second.answered(interval, type, queue, site, group, wait, talk, at);
  }
  abandoned(interval: number, type: number, queue: number, site: number, wait: number): void {
    this.first.abandoned(interval, type, queue, site, wait);
    this.second.abandoned(interval, type, queue, site, wait);
  }
  completed(
    interval: number,
    type: number,
    group: number,
    acw: number,
    due: number | null,
    sojourn: number,
  ): void {
    this.first.completed(interval, type, group, acw, due, sojourn);
    this.second.completed(interval, type, group, acw, due, sojourn);
  }
  setGroup(g: number, busy: number, present: number, now: number): void {
    this.first.setGroup(g, busy, present, now);
    this.second.setGroup(g, busy, present, now);
  }
  setQueueLength(type: number, length: number, now: number): void {
    this.first.setQueueLength(type, length, now);
    this.second.setQueueLength(type, length, now);
  }
  setSite(s: number, lines: number, ports: number, now: number): void {
    this.first.setSite(s, lines, ports, now);
    this.second.setSite(s, lines, ports, now);
  }
  outageBegan(o: number, interval: number, now: number): void {
    this.first.outageBegan(o, interval, now);
    this.second.outageBegan(o, interval, now);
  }
  outageEnded(o: number, now: number): void {
    this.first.outageEnded(o, now);
    this.second.outageEnded(o, now);
  }
  callEnded(call: CallView, fate: CallFateCode, at: number): void {
    this.first.callEnded(call, fate, at);
    this.second.callEnded(call, fate, at);
  }
}
