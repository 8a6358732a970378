/**
 * Priorities, tiers and routing anomalies a call log shows: per (call type, priority) class the
 * share answered at once, waits and abandonment, and findings a planner should know before trusting
 * a model built from the log:
 *
 * - `bypassesQueue` — a class none of whose calls waited (no wait > 0, no abandon) while the other
 *   calls did (≥ `othersWaitShare` of them waited): it reaches agents by another path.
 * - `answeredWithoutWaiting` — a class answered at once (wait 0) for ≥ `atOnceShare` of its offered
 *   calls while ≥ `othersWaitShare` of the other calls waited.
 * - `priorityWaitsLess` — within a call type, a higher priority whose mean wait is ≤ `waitRatio` ×
 *   a lower one's and lower by at least `minZ` standard errors (Welch's statistic
 *   (w̄₁ − w̄₂) / √(s₁²/n₁ + s₂²/n₂)): the bank's priority 2 customers get an advanced position.
 * - `lowerPriorityWaitsLess` — the reverse, by the same test: a lower priority waiting less.
 * - `answeredBeforeQueued` — served calls whose service began before they asked for an agent
 *   (serviceStart < queueEntry): clock quirks; those early by more than `clockToleranceSeconds`
 *   (default 2 s, the rounding of clocks logged to the second) are counted apart.
 * - `servedWithoutAgent` — served calls without an agent name.
 *
 * Classes are compared only when each has ≥ `minCalls` offered calls. Offered = served + abandoned;
 * mean wait is over offered calls (answered and abandoned), as kpis.ts's `meanWait`.
 */
import { isOffered } from './call-record.js';
import type { CallRecord } from './call-record.js';

export interface AnomalyOptions {
  /** Fewest offered calls for a class to be judged; default 30. */
  readonly minCalls?: number;
  /** Share answered at once that flags a class; default 0.9. */
  readonly atOnceShare?: number;
  /** Share of the other calls that must have waited; default 0.25. */
  readonly othersWaitShare?: number;
  /** Ratio of mean waits that flags a priority difference; default 0.9. */
  readonly waitRatio?: number;
  /** Standard errors the difference of mean waits must reach; default 3. */
  readonly minZ?: number;
  /** Seconds early that are clock rounding; default 2. */
  readonly clockToleranceSeconds?: number;
}

/** One (call type, priority) class of offered calls. */
export interface ClassProfile {
  readonly callType: string;
  readonly priority: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Answered with wait 0. */
  readonly answeredAtOnce: number;
  /** answeredAtOnce ÷ offered. */
  readonly shareAnsweredAtOnce: number;
  /** Offered calls that waited (wait > 0) ÷ offered. */
  readonly pWait: number;
  /** Mean wait of the offered calls, seconds. */
  readonly meanWait: number;
  /** Sample standard deviation of the wait of the offered calls, seconds; null below two calls. */
  readonly sdWait: number | null;
  /** Mean wait of the answered calls, seconds; null when none was answered. */
  readonly asa: number | null;
  /** abandoned ÷ offered. */
  readonly abandonRate: number;
  /** This class's share of its call type's offered calls. */
  readonly shareOfCallType: number;
}

export type AnomalyKind =
  | 'bypassesQueue'
  | 'answeredWithoutWaiting'
  | 'priorityWaitsLess'
  | 'lowerPriorityWaitsLess'
  | 'answeredBeforeQueued'
  | 'servedWithoutAgent';

export interface AnomalyFinding {
  readonly kind: AnomalyKind;
  /** The call type concerned; null when the finding is about all calls. */
  readonly callType: string | null;
  /** The priority concerned (the higher one of a pair); null when none. */
  readonly priority: number | null;
  /** The numbers behind the finding, named. */
  readonly evidence: Readonly<Record<string, number>>;
  /** One line for a planner. */
  readonly message: string;
}

export interface AnomalyReport {
  /** Classes by call type, then priority. */
  readonly classes: readonly ClassProfile[];
  readonly findings: readonly AnomalyFinding[];
}

interface Sums {
  offered: number;
  answered: number;
  abandoned: number;
  atOnce: number;
  waited: number;
  waitSum: number;
  waitSquares: number;
  waitAnswered: number;
}

const emptySums = (): Sums => ({
  offered: 0,
  answered: 0,
  abandoned: 0,
  atOnce: 0,
  waited: 0,
  waitSum: 0,
  waitSquares: 0,
  waitAnswered: 0,
});

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
const secs = (x: number) => `${x.toFixed(1)} s`;

function classFindings(
  classes: readonly ClassProfile[],
  sums: ReadonlyMap<string, Sums>,
  total: Sums,
  minCalls: number,
  atOnceShare: number,
  othersWaitShare: number,
): AnomalyFinding[] {
  const findings: AnomalyFinding[] = [];
  for (const c of classes) {
    if (c.offered < minCalls) continue;
    const own = sums.get(`${c.callType}\u0000${c.priority}`) ?? emptySums();
    const othersOffered = total.offered - own.offered;
    if (othersOffered < minCalls) continue;
    const othersPWait = (total.waited - own.waited) / othersOffered;
    if (othersPWait < othersWaitShare) continue;
    const evidence = {
      offered: c.offered,
      shareAnsweredAtOnce: c.shareAnsweredAtOnce,
      pWait: c.pWait,
      abandonRate: c.abandonRate,
      othersPWait,
    };
    const name = `${c.callType} priority ${c.priority}`;
    if (own.waited === 0 && own.abandoned === 0) {
      findings.push({
        kind: 'bypassesQueue',
        callType: c.callType,
        priority: c.priority,
        evidence,
        message: `${name}: none of ${c.offered} calls waited or abandoned while ${pct(othersPWait)} of the other calls waited: it bypasses the queue`,
      });
    } else if (c.shareAnsweredAtOnce >= atOnceShare) {
      findings.push({
        kind: 'answeredWithoutWaiting',
        callType: c.callType,
        priority: c.priority,
        evidence,
        message: `${name}: ${pct(c.shareAnsweredAtOnce)} of ${c.offered} calls answered at once while ${pct(othersPWait)} of the other calls waited`,
      });
    }
  }
  return findings;
}

/** Welch's statistic for mean wait of `a` above mean wait of `b` (0 when both have no spread). */
function welchZ(a: ClassProfile, b: ClassProfile): number {
  const se = Math.sqrt((a.sdWait ?? 0) ** 2 / a.offered + (b.sdWait ?? 0) ** 2 / b.offered);
  const diff = a.meanWait - b.meanWait;
  return se > 0 ? diff / se : diff > 0 ? Infinity : 0;
}

function priorityFindings(
  classes: readonly ClassProfile[],
  minCalls: number,
  waitRatio: number,
  minZ: number,
): AnomalyFinding[] {
  const findings: AnomalyFinding[] = [];
  for (const high of classes) {
    for (const low of classes) {
      if (high.callType !== low.callType || high.priority <= low.priority) continue;
      if (high.offered < minCalls || low.offered < minCalls) continue;
      const lowWaitsLonger = welchZ(low, high);
      const highWaitsLonger = welchZ(high, low);
      const evidence = {
        higherPriority: high.priority,
        lowerPriority: low.priority,
        higherMeanWait: high.meanWait,
        lowerMeanWait: low.meanWait,
        higherOffered: high.offered,
        lowerOffered: low.offered,
        z: Math.max(lowWaitsLonger, highWaitsLonger),
      };
      const pair = `${high.callType}: priority ${high.priority} waits ${secs(high.meanWait)} on average (${high.offered} calls), priority ${low.priority} ${secs(low.meanWait)} (${low.offered})`;
      if (high.meanWait <= waitRatio * low.meanWait && lowWaitsLonger >= minZ) {
        findings.push({
          kind: 'priorityWaitsLess',
          callType: high.callType,
          priority: high.priority,
          evidence,
          message: `${pair}: the higher priority goes ahead in the queue`,
        });
      } else if (low.meanWait <= waitRatio * high.meanWait && highWaitsLonger >= minZ) {
        findings.push({
          kind: 'lowerPriorityWaitsLess',
          callType: high.callType,
          priority: high.priority,
          evidence,
          message: `${pair}: the lower priority waits less, against its priority`,
        });
      }
    }
  }
  return findings;
}

function recordFindings(records: readonly CallRecord[], clockToleranceSeconds: number): AnomalyFinding[] {
  let served = 0;
  let early = 0;
  let beyondTolerance = 0;
  let earlySum = 0;
  let earlyMax = 0;
  let unnamed = 0;
  let unnamedService = 0;
  for (const r of records) {
    if (r.outcome !== 'served') continue;
    served++;
    if (r.agent === null) {
      unnamed++;
      unnamedService += r.serviceTime;
    }
    if (r.serviceStart !== null && r.queueEntry !== null && r.serviceStart < r.queueEntry) {
      const by = r.queueEntry - r.serviceStart;
      early++;
      earlySum += by;
      earlyMax = Math.max(earlyMax, by);
      if (by > clockToleranceSeconds) beyondTolerance++;
    }
  }
  const findings: AnomalyFinding[] = [];
  if (early > 0) {
    findings.push({
      kind: 'answeredBeforeQueued',
      callType: null,
      priority: null,
      evidence: {
        calls: early,
        shareOfServed: early / served,
        meanSecondsEarly: earlySum / early,
        maxSecondsEarly: earlyMax,
        beyondTolerance,
        toleranceSeconds: clockToleranceSeconds,
      },
      message: `${early} served calls (${pct(early / served)}) were answered before they asked for an agent: ${early - beyondTolerance} by up to ${clockToleranceSeconds} s (clock rounding), ${beyondTolerance} by more (at most ${secs(earlyMax)}): clock quirks`,
    });
  }
  if (unnamed > 0) {
    findings.push({
      kind: 'servedWithoutAgent',
      callType: null,
      priority: null,
      evidence: {
        calls: unnamed,
        shareOfServed: unnamed / served,
        meanServiceTime: unnamedService / unnamed,
      },
      message: `${unnamed} served calls (${pct(unnamed / served)}) have no agent name (mean service ${secs(unnamedService / unnamed)}): their time counts as busy time of no known agent`,
    });
  }
  return findings;
}

/** The class profiles and the findings of a log's calls (already filtered). */
export function findAnomalies(records: readonly CallRecord[], options: AnomalyOptions = {}): AnomalyReport {
  const minCalls = options.minCalls ?? 30;
  const atOnceShare = options.atOnceShare ?? 0.9;
  const othersWaitShare = options.othersWaitShare ?? 0.25;
  const waitRatio = options.waitRatio ?? 0.9;
  const minZ = options.minZ ?? 3;
  const clockToleranceSeconds = options.clockToleranceSeconds ?? 2;
  const sums = new Map<string, Sums>();
  const typeOffered = new Map<string, number>();
  const total = emptySums();
  for (const r of records) {
    if (!isOffered(r)) continue;
    const key = `${r.callType}\u0000${r.priority}`;
    let s = sums.get(key);
    if (s === undefined) {
      s = emptySums();
      sums.set(key, s);
    }
    for (const t of [s, total]) {
      t.offered++;
      t.waitSum += r.wait;
      t.waitSquares += r.wait * r.wait;
      if (r.wait > 0) t.waited++;
      if (r.outcome === 'served') {
        t.answered++;
        t.waitAnswered += r.wait;
        if (r.wait === 0) t.atOnce++;
      } else {
        t.abandoned++;
      }
    }
    typeOffered.set(r.callType, (typeOffered.get(r.callType) ?? 0) + 1);
  }
  const classes: ClassProfile[] = [...sums]
    .map(([key, s]) => {
      const [callType, priority] = key.split('\u0000');
      return {
        callType,
        priority: Number(priority),
        offered: s.offered,
        answered: s.answered,
        abandoned: s.abandoned,
        answeredAtOnce: s.atOnce,
        shareAnsweredAtOnce: s.atOnce / s.offered,
        pWait: s.waited / s.offered,
        meanWait: s.waitSum / s.offered,
        sdWait:
          s.offered > 1
            ? Math.sqrt(Math.max(0, (s.waitSquares - (s.waitSum * s.waitSum) / s.offered) / (s.offered - 1)))
            : null,
        asa: s.answered > 0 ? s.waitAnswered / s.answered : null,
        abandonRate: s.abandoned / s.offered,
        shareOfCallType: s.offered / (typeOffered.get(callType) ?? s.offered),
      };
    })
    .sort((a, b) => (a.callType < b.callType ? -1 : a.callType > b.callType ? 1 : a.priority - b.priority));
  return {
    classes,
    findings: [
      ...classFindings(classes, sums, total, minCalls, atOnceShare, othersWaitShare),
      ...priorityFindings(classes, minCalls, waitRatio, minZ),
      ...recordFindings(records, clockToleranceSeconds),
    ],
  };
}
