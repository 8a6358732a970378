/**
 * One call of a real (or simulated) contact-center log, normalised from whatever columns the ACD
 * wrote, through a mapping file (see ./mapping.ts). Everything in src/data/ works on these.
 *
 * Times are seconds after midnight of `date` (the day the call arrived), so a call that crosses
 * midnight has times above 86,400 rather than wrapping to 0.
 */

/**
 * What happened to the call, in ccsim's words:
 * - `served`: answered by an agent;
 * - `abandoned`: hung up while waiting in the agent queue;
 * - `ivr`: left in the IVR/VRU (self-served or hung up there): it never wanted an agent;
 * - `blocked`: got a busy signal (no line);
 * - `ignored`: a ghost/phantom record the mapping says to drop from every count.
 */
export type CallOutcome = 'served' | 'abandoned' | 'ivr' | 'blocked' | 'ignored';

export interface CallRecord {
  /** The source file's line (1-based, counting the header), for messages. */
  readonly line: number;
  /** The day the call arrived, `YYYY-MM-DD`. */
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday, of `date`. */
  readonly weekday: number;
  /** The call type (after the mapping's code → name translation). */
  readonly callType: string;
  /** Priority class as the log gives it (higher = served earlier); 0 when absent. */
  readonly priority: number;
  /** Seconds after midnight the call entered the system (the IVR, or the queue when there is no IVR). */
  readonly arrival: number;
  /**
   * Seconds after midnight the call asked for an agent (joined the queue, or was answered at once);
   * null when it never did (`ivr`, `blocked`, `ignored`).
   */
  readonly queueEntry: number | null;
  /** Seconds waited for an agent (0 when answered at once or never queued). */
  readonly wait: number;
  readonly outcome: CallOutcome;
  /** Seconds after midnight service began; null unless `served`. */
  readonly serviceStart: number | null;
  /** Seconds of talk (handle) time; 0 unless `served`. */
  readonly serviceTime: number;
  /** The agent who served it, null when the log does not say. */
  readonly agent: string | null;
  /** The caller's id, null when unidentified. */
  readonly customer: string | null;
}

/** Calls that wanted an agent: ccsim's "offered" (served or abandoned in queue). */
export function isOffered(call: CallRecord): boolean {
  return call.outcome === 'served' || call.outcome === 'abandoned';
}
