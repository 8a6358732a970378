/**
 * How a call's part ended, and what a listener may read of the call: the
 * engine tells its RunListener (run-listener.ts) once per attempt, when the
 * caller's part ends (or when the run ends with the call still present).
 */

/** How a call's part ended: the engine's own outcomes, as its KPIs count them. */
export const CallFate = {
  /** Talk with an agent ended (after-call work, if any, follows without the caller). */
  served: 0,
  /** Hung up while waiting in the queue. */
  abandoned: 1,
  /** Turned away at its call type: its queue was full, or no phone line was free. */
  blocked: 2,
  /** Turned away at an entry point: no phone line or IVR port was free. */
  ivrBlocked: 3,
  /** Left in the IVR: self-served, or hung up there. */
  ivr: 4,
  /** Arrived at a site that was down (an outage not yet detected). */
  failed: 5,
  /** Cut off by an outage: in the IVR, waiting, or talking. */
  dropped: 6,
  /** Still waiting or talking when the run ended (no agent ever freed up). */
  unfinished: 7,
} as const;
export type CallFateCode = (typeof CallFate)[keyof typeof CallFate];

/** What a listener may read of a call (simulation times in seconds; see replication.ts). */
export interface CallView {
  /** Call type index; for a call that came through an entry point, meaningful once it left the IVR. */
  readonly type: number;
  /** The queue (call type tier) it asked for. */
  readonly queue: number;
  /** Where it came from: an entry point (index < entry points) or a call type's direct arrivals. */
  readonly source: number;
  readonly site: number;
  /** Measured interval of arrival, −1 outside the measured window (the warm-up). */
  readonly interval: number;
  /** Arrival order within the replication, from 1 (warm-up calls included). */
  readonly seq: number;
  /** Arrival at the center (the IVR, for entry-point calls). */
  readonly arrival: number;
  /** When it asked for an agent; NaN while it has not (still in the IVR, or turned away before). */
  readonly queuedAt: number;
  /** When an agent took it; NaN while none has. */
  readonly answeredAt: number;
  /** The agent that took it (an index into the agent pool's rows, see agentNumbering). */
  readonly agent: number;
}
