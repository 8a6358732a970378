/**
 * The classes of calls a calibrated scenario models: one call type per log call type for the calls
 * that queue, and one `<type>-direct` for a (call type, priority) class the log shows answered
 * without waiting while others wait (the bank's unidentified PS callers: 96% answered at once in
 * every hour, even when identified callers wait minutes). Such a class cannot be a priority of the
 * same queue (a top priority still waits for the next free agent, and the log says it does not):
 * it is modelled as served apart, its agents' busy time taken out of the queue's staffing.
 */
import type { CallRecord } from '../call-record.js';
import type { AnomalyReport } from '../anomalies.js';

export interface CallClass {
  /** The scenario's call type. */
  readonly name: string;
  /** The log's call type. */
  readonly log: string;
  /** Priorities this class takes; null: every priority of `log` not taken by a direct class. */
  readonly priorities: readonly number[] | null;
  /** Served apart, without waiting. */
  readonly direct: boolean;
}

/** Classes from the anomaly report: direct classes where found, the rest of each call type queued. */
export function callClassesOf(records: readonly CallRecord[], anomalies: AnomalyReport): CallClass[] {
  const direct = new Map<string, number[]>();
  for (const f of anomalies.findings) {
    if ((f.kind === 'bypassesQueue' || f.kind === 'answeredWithoutWaiting') && f.callType !== null) {
      if (f.priority === null) continue;
      const list = direct.get(f.callType) ?? [];
      if (!list.includes(f.priority)) list.push(f.priority);
      direct.set(f.callType, list);
    }
  }
  // Call types by volume, largest first (ties by name), so the scenario lists the big ones first.
  const volume = new Map<string, number>();
  const queuedVolume = new Map<string, number>();
  for (const r of records) {
    if (r.outcome !== 'served' && r.outcome !== 'abandoned') continue;
    volume.set(r.callType, (volume.get(r.callType) ?? 0) + 1);
    if (!(direct.get(r.callType) ?? []).includes(r.priority)) {
      queuedVolume.set(r.callType, (queuedVolume.get(r.callType) ?? 0) + 1);
    }
  }
  const types = [...volume.keys()].sort((a, b) => volume.get(b)! - volume.get(a)! || a.localeCompare(b));
  const classes: CallClass[] = [];
  for (const t of types) {
    if ((queuedVolume.get(t) ?? 0) > 0) classes.push({ name: t, log: t, priorities: null, direct: false });
  }
  for (const t of types) {
    const priorities = direct.get(t);
    if (priorities !== undefined) {
      classes.push({
        name: `${t}-direct`,
        log: t,
        priorities: [...priorities].sort((a, b) => a - b),
        direct: true,
      });
    }
  }
  return classes;
}

/** Which class a record belongs to (−1: none, e.g. a log type the classes do not know). */
export function classifier(classes: readonly CallClass[]): (r: CallRecord) => number {
  const byType = new Map<string, { explicit: Map<number, number>; rest: number }>();
  classes.forEach((c, i) => {
    const entry = byType.get(c.log) ?? { explicit: new Map<number, number>(), rest: -1 };
    if (c.priorities === null) entry.rest = i;
    else for (const p of c.priorities) entry.explicit.set(p, i);
    byType.set(c.log, entry);
  });
  return (r) => {
    const entry = byType.get(r.callType);
    if (entry === undefined) return -1;
    return entry.explicit.get(r.priority) ?? entry.rest;
  };
}
