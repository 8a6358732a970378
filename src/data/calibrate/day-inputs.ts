/**
 * What one day of a log feeds a calibrated scenario: calls offered per interval and class, and the
 * staffing inferred from agent activity. `calibrate` averages them over the days; `backtest
 * --per-day` replays each day with its own.
 */
import type { CallRecord } from '../call-record.js';
import type { IntervalRange } from '../interval-grid.js';
import { inferStaffing } from '../staffing-inference.js';
import type { StaffingInference } from '../staffing-inference.js';
import type { CallClass } from './classes.js';
import { classifier } from './classes.js';

export interface StaffingRule {
  readonly bridgeGapSeconds: number;
  readonly marginSeconds: number;
  /** Classes served apart: their busy time is taken out of the queue's staffing. */
  readonly minusBusyOf: readonly string[];
}

export interface Window extends IntervalRange {
  readonly intervalSeconds: number;
  /** Number of intervals. */
  readonly count: number;
}

/** Offered calls (served or abandoned) per class, date and interval, by the time they asked for an agent. */
export function offeredCounts(
  records: readonly CallRecord[],
  classes: readonly CallClass[],
  dates: readonly string[],
  window: Window,
): { counts: Float64Array[][]; outside: number; unclassified: number } {
  const classOf = classifier(classes);
  const day = new Map(dates.map((d, i) => [d, i]));
  const counts = classes.map(() => dates.map(() => new Float64Array(window.count)));
  let outside = 0;
  let unclassified = 0;
  for (const r of records) {
    if ((r.outcome !== 'served' && r.outcome !== 'abandoned') || r.queueEntry === null) continue;
    const d = day.get(r.date);
    if (d === undefined) continue;
    const c = classOf(r);
    if (c < 0) {
      unclassified++;
      continue;
    }
    const slot = Math.floor((r.queueEntry - window.fromSeconds) / window.intervalSeconds);
    if (slot < 0 || slot >= window.count) {
      outside++;
      continue;
    }
    counts[c][d][slot]++;
  }
  return { counts, outside, unclassified };
}

/**
 * Staffing of the queue per date and interval: agents present (sessions of activity: services
 * less than `bridgeGap` apart, widened by `margin`), less the agents busy with classes served apart.
 */
export function queueStaffing(
  records: readonly CallRecord[],
  classes: readonly CallClass[],
  dates: readonly string[],
  window: Window,
  rule: StaffingRule,
): {
  perDay: Float64Array[];
  present: Float64Array[];
  directBusy: Float64Array[];
  /** The estimators on every served call, and on those of the classes served apart (null: none). */
  all: StaffingInference;
  apart: StaffingInference | null;
} {
  const classOf = classifier(classes);
  const apart = new Set(rule.minusBusyOf);
  const served = records.filter((r) => r.outcome === 'served');
  const direct = served.filter((r) => {
    const c = classOf(r);
    return c >= 0 && apart.has(classes[c].name);
  });
  const options = {
    intervalSeconds: window.intervalSeconds,
    bridgeGapSeconds: rule.bridgeGapSeconds,
    marginSeconds: rule.marginSeconds,
    dates,
    range: { fromSeconds: window.fromSeconds, toSeconds: window.toSeconds },
  };
  const all = inferStaffing(served, options);
  const apartBusy = direct.length > 0 ? inferStaffing(direct, options) : null;
  const present = dates.map(() => new Float64Array(window.count));
  const directBusy = dates.map(() => new Float64Array(window.count));
  const perDay = dates.map(() => new Float64Array(window.count));
  all.intervals.forEach((iv, slot) => {
    iv.perDay.forEach((cell, d) => {
      present[d][slot] = cell.values.presentAgents;
    });
  });
  apartBusy?.intervals.forEach((iv, slot) => {
    iv.perDay.forEach((cell, d) => {
      directBusy[d][slot] = cell.values.busyAgents;
    });
  });
  for (let d = 0; d < dates.length; d++) {
    for (let s = 0; s < window.count; s++) perDay[d][s] = Math.max(0, present[d][s] - directBusy[d][s]);
  }
  return { perDay, present, directBusy, all, apart: apartBusy };
}
