/** A CallRecord for hand-built test logs: a served call answered at once unless told otherwise. */
import type { CallRecord } from '../../src/data/call-record.js';

export const DAY = '1999-02-01';

/** Seconds after midnight of a clock time "HH:MM" or "HH:MM:SS" (hours may pass 24). */
export function at(clock: string): number {
  const [h, m, s = 0] = clock.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

let line = 1;

/**
 * A call whose queue entry is `entry`; served (service starting at entry + wait) unless
 * `outcome` says otherwise. Arrival defaults to the queue entry.
 */
export function call(entry: number, fields: Partial<CallRecord> = {}): CallRecord {
  const outcome = fields.outcome ?? 'served';
  const wait = fields.wait ?? 0;
  const served = outcome === 'served';
  const offered = served || outcome === 'abandoned';
  line++;
  return {
    line,
    date: DAY,
    weekday: 1,
    callType: 'PS',
    priority: 0,
    arrival: entry,
    queueEntry: offered ? entry : null,
    wait: offered ? wait : 0,
    outcome,
    serviceStart: served ? entry + wait : null,
    serviceTime: served ? 100 : 0,
    agent: served ? 'A' : null,
    customer: null,
    ...fields,
  };
}
