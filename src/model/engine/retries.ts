/**
 * Redials and callbacks. A caller who abandoned, was blocked or was cut
 * off redials (same source, next attempt number) if the call drew a redial
 * at arrival and attempts remain; a caller whose issue an answer did not
 * resolve calls back (straight to the call type, a repeat call). A retry
 * that would come at or after the end of the horizon belongs to the next
 * day and is not simulated (so the drain ends). Retries draw their
 * attributes from the `retry/…` streams when they arrive.
 */
import type { CompiledCallType, CompiledScenario } from '../scenario/compile.js';
import type { CallStore } from './call-store.js';
import { Attempt, CallState, NO_CALL } from './call-store.js';

export class Retries {
  private readonly types: readonly CompiledCallType[];
  private readonly entries: number;
  private readonly end: number;

  constructor(
    model: CompiledScenario,
    private readonly calls: CallStore,
  ) {
    this.types = model.callTypes;
    this.entries = model.entryPoints.length;
    this.end = model.clock.measureEnd;
  }

  /** After an abandon, a block or a cut: the delay before the caller redials, or −1 when they do not. */
  redialDelay(call: number): number {
    const c = this.calls.at[call];
    const type = c.type;
    if (c.redialWill !== 1 || type < 0) return -1;
    const redial = this.types[type].redial;
    return redial !== null && c.attempt < redial.maxAttempts ? c.redialDelay : -1;
  }

  /**
   * The pending attempt of `call`'s caller coming back `delay` from `now`
   * (a redial, or a callback as a repeat call), or NO_CALL when it would
   * come after the horizon. The caller schedules its arrival.
   */
  plan(call: number, kind: number, delay: number, now: number): number {
    if (now + delay >= this.end) return NO_CALL;
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
      r.source = this.entries + c.type;
      r.attempt = 1;
    }
    return retry;
  }
}
