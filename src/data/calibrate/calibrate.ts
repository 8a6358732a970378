/**
 * From a call log to a scenario: `calibrate(records)` measures an average day of the given days and
 * writes it in the scenario language, with a report of every number it fitted (value, 95% interval,
 * sample), so that `ccsim run` simulates the center the log came from.
 *
 * The model, and why (measured on the bank's log; see the README, "From your ACD data to a model"):
 * - arrivals: calls offered to the queue (served or abandoned), per interval and class, by the
 *   time they asked for an agent; the day-to-day dispersion beyond Poisson as `uncertainty`;
 * - handle time and patience per class (Kaplan–Meier with served waits censored), pooled over
 *   the queued classes when a class has too few calls;
 * - staffing: agents present (sessions of activity) less those busy with classes served apart;
 * - an answer delay: queued calls taken by an agent who was already free still waited (the bank's:
 *   median 24 s), so an agent free is not an agent ready; the delay holds the agent.
 */
import type { CallRecord } from '../call-record.js';
import { findAnomalies } from '../anomalies.js';
import type { AnomalyFinding } from '../anomalies.js';
import { fitHandleTime, fitPatience } from '../fit/index.js';
import type { Estimate, HandleTimeFit, PatienceFit } from '../fit/index.js';
import { intervalLabel } from '../interval-grid.js';
import type { StaffingEstimator, StaffingInference } from '../staffing-inference.js';
import type { DistributionSpec } from '../../kernel/distributions.js';
import { meanInterval } from '../../kernel/confidence.js';
import { regularizedGammaP, studentTQuantile } from '../../kernel/numerics/special-functions.js';
import { gammaUnitQuantile } from '../fit/estimate.js';
import type { CallClass } from './classes.js';
import { callClassesOf, classifier } from './classes.js';
import type { StaffingRule, Window } from './day-inputs.js';
import { offeredCounts, queueStaffing } from './day-inputs.js';

export interface CalibrateOptions {
  readonly intervalSeconds: number;
  /** Service-level threshold T (default 20 s). */
  readonly thresholdSeconds?: number;
  /** Short-abandon threshold (default 0: none). */
  readonly shortAbandonSeconds?: number;
  /** Gaps between an agent's services up to this long are one session (default 900 s). */
  readonly bridgeGapSeconds?: number;
  /** A session's margin before its first and after its last service (default 0). */
  readonly marginSeconds?: number;
  /** Waits of calls taken by an already free agent are capped here for the answer delay (default 60 s). */
  readonly answerDelayCapSeconds?: number;
  /** Intervals at the edges of the day with fewer calls than this per day are left out (default 1). */
  readonly minCallsPerDay?: number;
  /**
   * A roster: the agents on duty per interval of the window (all of them, those who serve the
   * classes served apart included), when the user has one; otherwise staffing is inferred.
   */
  readonly roster?: (grid: {
    readonly start: number;
    readonly interval: number;
    readonly count: number;
  }) => readonly number[];
  /**
   * Carry handle time that varies through the day as handleTimeFactors (default false: on the bank's
   * log the factors of one week made the next week's per-day back-test worse, not better).
   */
  readonly handleByInterval?: boolean;
  /**
   * What holds an agent between calls beyond the talk the log shows: an answer delay before the
   * talk (default), or after-call work (the after-call gaps) after it. `ccsim calibrate` tries both
   * and keeps the one whose back-test on the same log is closer.
   */
  readonly serviceModel?: 'answerDelay' | 'afterCallWork';
  readonly name?: string;
  readonly description?: string;
  readonly seed?: number;
  readonly replications?: number;
}

/** Fewer than this many calls: a class takes the law fitted to all queued (or all direct) calls. */
const MIN_FIT_CALLS = 100;
const MIN_FIT_ABANDONS = 20;

export interface ClassCalibration {
  readonly name: string;
  readonly log: string;
  readonly priorities: readonly number[] | null;
  readonly direct: boolean;
  /** The log's priority when every call of the class has the same one (else null). */
  readonly priority: number | null;
  /** Offered per day (mean over the days, with its 95% interval). */
  readonly offeredPerDay: Estimate;
  /** Mean offered per interval over the days, and the day-to-day standard deviation. */
  readonly perInterval: readonly { readonly interval: string; readonly mean: number; readonly sd: number }[];
  /** Gamma day factor's cv: sqrt(max(0, s² − m) ÷ m²) of the daily totals; its 95% interval from χ². */
  readonly uncertainty: {
    readonly cv: number;
    readonly lo: number;
    readonly hi: number;
    readonly days: number;
  };
  readonly handleTime: {
    readonly pooled: boolean;
    readonly fit: HandleTimeFit;
    /** Mean talk time per interval of service start (intervals with at least 10 answered calls). */
    readonly byInterval: readonly { readonly interval: string; readonly mean: Estimate }[];
    /**
     * Whether the means differ between intervals: Σ((mᵢ − m̄)² ÷ seᵢ²) against χ² with k − 1 degrees of
     * freedom (m̄ the precision-weighted mean); null with fewer than two intervals.
     */
    readonly varies: { readonly statistic: number; readonly df: number; readonly p: number } | null;
  };
  readonly patience: { readonly pooled: boolean; readonly fit: PatienceFit } | null;
}

export interface CalibrationReport {
  readonly dates: readonly string[];
  readonly window: { readonly from: string; readonly to: string; readonly intervalSeconds: number };
  /** Offered calls left out: outside the window, or of no class. */
  readonly leftOut: {
    readonly outsideWindow: number;
    readonly unclassified: number;
    readonly offered: number;
  };
  readonly classes: readonly ClassCalibration[];
  readonly answerDelay: {
    readonly n: number;
    readonly capSeconds: number;
    readonly mean: Estimate;
    readonly shareCapped: number;
    readonly law: DistributionSpec;
  } | null;
  /**
   * Gaps between an agent's calls when the call the agent took next was already waiting as the
   * first ended (up to 30 minutes):
   * after-call work, as far as the log shows it. Reported, not modelled as `acw`: the answer delay
   * and the presence estimate already hold that time (both together count it twice).
   */
  readonly afterCallGaps: {
    readonly n: number;
    readonly mean: Estimate;
    readonly median: number;
    readonly shareUnder10s: number;
    /** The gaps as a law (empirical quantiles), for the after-call-work model. */
    readonly law: DistributionSpec;
  } | null;
  readonly staffing: {
    readonly rule: {
      readonly bridgeGapSeconds: number;
      readonly marginSeconds: number;
      readonly minusBusyOf: readonly string[];
    };
    readonly chosen:
      'presentAgents less busy with classes served apart' | 'roster less busy with classes served apart';
    readonly intervals: readonly {
      readonly interval: string;
      /** What the scenario uses: mean over the days (or the roster), less those busy with classes served apart. */
      readonly agents: number;
      /** The roster's agents, when one was given. */
      readonly roster?: number;
      readonly sd: number;
      /** Each estimator's mean over the days (the spread between estimators). */
      readonly estimators: Readonly<Record<StaffingEstimator, number>>;
      readonly directBusy: number;
    }[];
    readonly directAgents: number;
  };
  readonly findings: readonly AnomalyFinding[];
  readonly notModelled: readonly string[];
  /** Call types whose handle time varies through the day, and how the scenario carries it. */
  readonly handleVariation: readonly string[];
  /** What the log could not tell and the scenario assumed instead. */
  readonly warnings: readonly string[];
}

export interface Calibration {
  /** The scenario as plain data, ready to be written as YAML. */
  readonly scenario: Record<string, unknown>;
  readonly report: CalibrationReport;
}

export function calibrate(records: readonly CallRecord[], options: CalibrateOptions): Calibration {
  const L = options.intervalSeconds;
  const rule: StaffingRule = {
    bridgeGapSeconds: options.bridgeGapSeconds ?? 900,
    marginSeconds: options.marginSeconds ?? 0,
    minusBusyOf: [],
  };
  const offered = records.filter(
    (r) => (r.outcome === 'served' || r.outcome === 'abandoned') && r.queueEntry !== null,
  );
  if (offered.length === 0)
    throw new RangeError('the log has no call offered to an agent (served or abandoned)');
  if (!offered.some((r) => r.outcome === 'served')) {
    throw new RangeError('the log has no answered call: handle times cannot be fitted');
  }
  const dates = [...new Set(records.map((r) => r.date))].sort();
  const window = windowOf(offered, dates.length, L, options.minCallsPerDay ?? 1);
  const anomalies = findAnomalies(offered);
  const classes = callClassesOf(offered, anomalies);
  const directNames = classes.filter((c) => c.direct).map((c) => c.name);
  const staffingRule: StaffingRule = { ...rule, minusBusyOf: directNames };
  const { counts, outside, unclassified } = offeredCounts(offered, classes, dates, window);
  const staffing = queueStaffing(records, classes, dates, window, staffingRule);
  const classOf = classifier(classes);
  const inWindow = (r: CallRecord) =>
    r.queueEntry !== null && r.queueEntry >= window.fromSeconds && r.queueEntry < window.toSeconds;
  const members = classes.map(() => [] as CallRecord[]);
  for (const r of offered) {
    const c = classOf(r);
    if (c >= 0 && inWindow(r)) members[c].push(r);
  }

  const pooledHandle = (direct: boolean) =>
    fitHandleTime(served(members.filter((_, i) => classes[i].direct === direct).flat()));
  const pooledQueued = members.filter((_, i) => !classes[i].direct).flat();
  const pooledPatience = pooledQueued.length > 0 ? fitPatienceOf(pooledQueued) : null;
  const classReports = classes.map((c, i): ClassCalibration => {
    const calls = members[i];
    const talk = served(calls);
    const fitted =
      talk.length >= MIN_FIT_CALLS
        ? { pooled: false, fit: fitHandleTime(talk) }
        : { pooled: true, fit: pooledHandle(c.direct) };
    const handleTime = { ...fitted, ...handleByInterval(calls, window) };
    const abandons = calls.filter((r) => r.outcome === 'abandoned').length;
    const patience = c.direct
      ? null
      : calls.length >= MIN_FIT_CALLS && abandons >= MIN_FIT_ABANDONS
        ? { pooled: false, fit: fitPatienceOf(calls) }
        : pooledPatience === null
          ? null
          : { pooled: true, fit: pooledPatience };
    return {
      name: c.name,
      log: c.log,
      priorities: c.priorities,
      direct: c.direct,
      priority:
        calls.length > 0 && calls.every((r) => r.priority === calls[0].priority) ? calls[0].priority : null,
      ...arrivalsOf(counts[i], window),
      handleTime,
      patience,
    };
  });

  const answerDelay = answerDelayOf(records, classes, options.answerDelayCapSeconds ?? 60);
  const afterCallGaps = afterCallGapsOf(records);
  const meanOver = (rows: readonly Float64Array[], s: number) =>
    rows.reduce((t, row) => t + row[s], 0) / rows.length;
  const sdOver = (rows: readonly Float64Array[], s: number) => {
    const m = meanOver(rows, s);
    return rows.length > 1
      ? Math.sqrt(rows.reduce((t, row) => t + (row[s] - m) ** 2, 0) / (rows.length - 1))
      : 0;
  };
  const roster = options.roster?.({ start: window.fromSeconds, interval: L, count: window.count });
  const staffingIntervals = Array.from({ length: window.count }, (_, s) => ({
    interval: intervalLabel(window.fromSeconds + s * L),
    agents:
      roster === undefined
        ? round(meanOver(staffing.perDay, s), 3)
        : round(Math.max(0, roster[s] - meanOver(staffing.directBusy, s)), 3),
    ...(roster === undefined ? {} : { roster: roster[s] }),
    sd: round(sdOver(staffing.perDay, s), 3),
    estimators: staffing.all.intervals[s].mean,
    directBusy: round(meanOver(staffing.directBusy, s), 3),
  }));
  const directAgents = staffing.apart === null ? 0 : peakOf(staffing.apart) + 2;

  const report: CalibrationReport = {
    dates,
    window: {
      from: intervalLabel(window.fromSeconds),
      to: intervalLabel(window.toSeconds),
      intervalSeconds: L,
    },
    leftOut: { outsideWindow: outside, unclassified, offered: offered.length },
    classes: classReports,
    answerDelay,
    afterCallGaps,
    staffing: {
      rule: staffingRule,
      chosen:
        roster === undefined
          ? 'presentAgents less busy with classes served apart'
          : 'roster less busy with classes served apart',
      intervals: staffingIntervals,
      directAgents,
    },
    findings: anomalies.findings,
    notModelled: notModelled(anomalies.findings, classes),
    handleVariation: handleVariation(classReports, options.handleByInterval === true),
    warnings: warningsOf(records, options.roster !== undefined),
  };
  return { scenario: calibratedScenario(report, options), report };
}

function served(calls: readonly CallRecord[]): number[] {
  return calls.filter((r) => r.outcome === 'served').map((r) => r.serviceTime);
}

function fitPatienceOf(calls: readonly CallRecord[]): PatienceFit {
  return fitPatience(
    calls.map((r) => r.wait),
    calls.map((r) => r.outcome === 'abandoned'),
  );
}

/** The contiguous intervals from the first to the last with at least `minPerDay` offered calls a day. */
function windowOf(offered: readonly CallRecord[], days: number, L: number, minPerDay: number): Window {
  const perSlot = new Map<number, number>();
  for (const r of offered) {
    const slot = Math.floor((r.queueEntry as number) / L);
    perSlot.set(slot, (perSlot.get(slot) ?? 0) + 1);
  }
  const busy = [...perSlot.entries()].filter(([, n]) => n / days >= minPerDay).map(([slot]) => slot);
  const slots = busy.length > 0 ? busy : [...perSlot.keys()];
  const first = Math.min(...slots);
  const last = Math.max(...slots);
  return { intervalSeconds: L, fromSeconds: first * L, toSeconds: (last + 1) * L, count: last - first + 1 };
}

function arrivalsOf(
  days: readonly Float64Array[],
  window: Window,
): Pick<ClassCalibration, 'offeredPerDay' | 'perInterval' | 'uncertainty'> {
  const n = days.length;
  const totals = days.map((d) => d.reduce((a, b) => a + b, 0));
  const m = totals.reduce((a, b) => a + b, 0) / n;
  const s2 = n > 1 ? totals.reduce((a, t) => a + (t - m) ** 2, 0) / (n - 1) : 0;
  // Negative binomial day factor: Var = m + cv²·m², so cv² = (s² − m) ÷ m² (0 when not over-dispersed).
  // The interval carries s²'s χ² interval through the same formula.
  const cvOf = (variance: number) => (m > 0 ? Math.sqrt(Math.max(0, variance - m)) / m : 0);
  // χ²(k) quantile = 2 × the Gamma(k/2, 1) quantile.
  const chi = (p: number) => 2 * gammaUnitQuantile((n - 1) / 2, p);
  const uncertainty =
    n > 1
      ? {
          cv: round(cvOf(s2), 4),
          lo: round(cvOf((s2 * (n - 1)) / chi(0.975)), 4),
          hi: round(cvOf((s2 * (n - 1)) / chi(0.025)), 4),
          days: n,
        }
      : { cv: 0, lo: 0, hi: Infinity, days: n };
  const perInterval = Array.from({ length: window.count }, (_, s) => {
    const values = days.map((d) => d[s]);
    const mean = values.reduce((a, b) => a + b, 0) / n;
    const sd = n > 1 ? Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1)) : 0;
    return {
      interval: intervalLabel(window.fromSeconds + s * window.intervalSeconds),
      mean: round(mean, 3),
      sd: round(sd, 3),
    };
  });
  return { offeredPerDay: meanEstimate(totals), perInterval, uncertainty };
}

/** The mean with its 95% Student-t interval (kernel/confidence.ts); unbounded from a single value. */
function meanEstimate(values: readonly number[]): Estimate {
  const i = meanInterval(values);
  const value = i.mean ?? Number.NaN;
  return i.halfWidth === null
    ? { value, lo: -Infinity, hi: Infinity, n: i.n }
    : { value, lo: value - i.halfWidth, hi: value + i.halfWidth, n: i.n };
}

/**
 * The answer delay: the waits of queued calls taken by an agent whose previous service (same date)
 * ended before the call asked for an agent — the agent was free, yet the call waited. Waits above
 * `cap` are counted as `cap`: longer ones are the agent away, which presence already counts.
 */
function answerDelayOf(
  records: readonly CallRecord[],
  classes: readonly CallClass[],
  cap: number,
): CalibrationReport['answerDelay'] {
  const classOf = classifier(classes);
  const byAgent = new Map<string, CallRecord[]>();
  for (const r of records) {
    if (r.outcome !== 'served' || r.agent === null || r.serviceStart === null) continue;
    const key = `${r.date}\u0000${r.agent}`;
    const list = byAgent.get(key);
    if (list === undefined) byAgent.set(key, [r]);
    else list.push(r);
  }
  const sample: number[] = [];
  let capped = 0;
  for (const calls of byAgent.values()) {
    calls.sort((a, b) => (a.serviceStart as number) - (b.serviceStart as number));
    for (let i = 1; i < calls.length; i++) {
      const c = calls[i];
      const k = classOf(c);
      if (k < 0 || classes[k].direct || c.wait <= 0 || c.queueEntry === null) continue;
      const previousEnd = (calls[i - 1].serviceStart as number) + calls[i - 1].serviceTime;
      if (previousEnd >= c.queueEntry) continue;
      if (c.wait >= cap) capped++;
      sample.push(Math.min(c.wait, cap));
    }
  }
  if (sample.length < 30) return null;
  sample.sort((a, b) => a - b);
  const n = sample.length;
  return {
    n,
    capSeconds: cap,
    mean: meanEstimate(sample),
    shareCapped: capped / n,
    law: quantileLaw(sample, 40),
  };
}

function afterCallGapsOf(records: readonly CallRecord[]): CalibrationReport['afterCallGaps'] {
  const waitingByDate = new Map<string, [number, number][]>();
  const byAgent = new Map<string, CallRecord[]>();
  for (const r of records) {
    if ((r.outcome === 'served' || r.outcome === 'abandoned') && r.wait > 0 && r.queueEntry !== null) {
      const list = waitingByDate.get(r.date) ?? [];
      list.push([r.queueEntry, r.queueEntry + r.wait]);
      waitingByDate.set(r.date, list);
    }
    if (r.outcome === 'served' && r.agent !== null && r.serviceStart !== null) {
      const key = `${r.date}\u0000${r.agent}`;
      const list = byAgent.get(key) ?? [];
      list.push(r);
      byAgent.set(key, list);
    }
  }
  // Per date, waiting spans sorted by start with the running maximum of their ends: "was anyone
  // waiting at t" is then one binary search.
  const spans = new Map<string, { starts: Float64Array; maxEnd: Float64Array }>();
  for (const [date, list] of waitingByDate) {
    list.sort((a, b) => a[0] - b[0]);
    const starts = Float64Array.from(list, (x) => x[0]);
    const maxEnd = new Float64Array(list.length);
    let m = -Infinity;
    list.forEach((x, i) => (maxEnd[i] = m = Math.max(m, x[1])));
    spans.set(date, { starts, maxEnd });
  }
  const waitingAt = (date: string, t: number) => {
    const s = spans.get(date);
    if (s === undefined) return false;
    let lo = 0;
    let hi = s.starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s.starts[mid] < t) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && s.maxEnd[lo - 1] > t;
  };
  const gaps: number[] = [];
  for (const calls of byAgent.values()) {
    calls.sort((a, b) => (a.serviceStart as number) - (b.serviceStart as number));
    for (let i = 0; i + 1 < calls.length; i++) {
      const end = (calls[i].serviceStart as number) + calls[i].serviceTime;
      const gap = (calls[i + 1].serviceStart as number) - end;
      // The agent's next call was itself already waiting when this one ended: the gap is time the
      // agent was not available (after-call work), not a lack of work for its skills.
      const next = calls[i + 1];
      const nextWaiting = next.queueEntry !== null && next.wait > 0 && next.queueEntry <= end;
      if (gap >= 0 && gap <= 1800 && nextWaiting && waitingAt(calls[i].date, end)) gaps.push(gap);
    }
  }
  if (gaps.length < 30) return null;
  gaps.sort((a, b) => a - b);
  const n = gaps.length;
  return {
    n,
    mean: meanEstimate(gaps),
    median: gaps[Math.floor((n - 1) / 2)],
    shareUnder10s: gaps.filter((g) => g < 10).length / n,
    law: quantileLaw(gaps, 40),
  };
}

/** An empirical law through `points` + 1 sample quantiles (sorted input); ties become atoms. */
export function quantileLaw(sorted: readonly number[], points: number): DistributionSpec {
  const out: [number, number][] = [];
  for (let i = 0; i <= points; i++) {
    const p = i / points;
    const x = sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))];
    const last = out[out.length - 1];
    if (last !== undefined && last[0] === x) last[1] = p;
    else out.push([x, p]);
  }
  out[out.length - 1][1] = 1;
  return { dist: 'empirical', points: out.map(([x, p]) => [round(x, 3), round(p, 6)] as const) };
}

/** The most calls in service at once on any day of an inference (the direct classes' own agents). */
function peakOf(inference: StaffingInference): number {
  let peak = 0;
  for (const iv of inference.intervals)
    for (const cell of iv.perDay) peak = Math.max(peak, cell.values.peakBusy);
  return Math.ceil(peak);
}

function handleByInterval(
  calls: readonly CallRecord[],
  window: Window,
): Pick<ClassCalibration['handleTime'], 'byInterval' | 'varies'> {
  const L = window.intervalSeconds;
  const slots = Array.from({ length: window.count }, () => [] as number[]);
  for (const r of calls) {
    if (r.outcome !== 'served' || r.serviceStart === null) continue;
    const slot = Math.floor((r.serviceStart - window.fromSeconds) / L);
    if (slot >= 0 && slot < window.count) slots[slot].push(r.serviceTime);
  }
  const byInterval: { interval: string; mean: Estimate; se: number }[] = [];
  slots.forEach((xs, slot) => {
    const n = xs.length;
    if (n < 10) return;
    const m = xs.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(xs.reduce((a, v) => a + (v - m) ** 2, 0) / (n - 1));
    const se = sd / Math.sqrt(n);
    const half = studentTQuantile(0.975, n - 1) * se;
    byInterval.push({
      interval: intervalLabel(window.fromSeconds + slot * L),
      mean: { value: m, lo: m - half, hi: m + half, n },
      se,
    });
  });
  const usable = byInterval.filter((b) => b.se > 0);
  let varies: ClassCalibration['handleTime']['varies'] = null;
  if (usable.length >= 2) {
    const w = usable.map((b) => 1 / b.se ** 2);
    const pooled = usable.reduce((t, b, i) => t + w[i] * b.mean.value, 0) / w.reduce((a, b) => a + b, 0);
    const statistic = usable.reduce((t, b, i) => t + w[i] * (b.mean.value - pooled) ** 2, 0);
    const df = usable.length - 1;
    varies = { statistic, df, p: 1 - regularizedGammaP(df / 2, statistic / 2) };
  }
  return { byInterval: byInterval.map(({ interval, mean }) => ({ interval, mean })), varies };
}

/**
 * Where a call type's own handle time varies between intervals (p < 0.001), one factor per interval:
 * the interval's mean over the call type's mean (1 where an interval has fewer than 10 calls).
 */
function handleFactorsOf(
  wanted: boolean,
  c: ClassCalibration,
  labels: readonly string[],
): { handleTimeFactors?: number[] } {
  const v = c.handleTime.varies;
  if (!wanted || c.handleTime.pooled || v === null || v.p >= 0.001) return {};
  const overall = c.handleTime.fit.mean.value;
  const byLabel = new Map(c.handleTime.byInterval.map((b) => [b.interval, b.mean.value]));
  return { handleTimeFactors: labels.map((l) => round((byLabel.get(l) ?? overall) / overall, 4)) };
}

function handleVariation(classes: readonly ClassCalibration[], modelled: boolean): string[] {
  const out: string[] = [];
  for (const c of classes) {
    const v = c.handleTime.varies;
    if (v === null || v.p >= 0.001) continue;
    const means = c.handleTime.byInterval.map((b) => b.mean.value);
    out.push(
      `${c.name}: mean handle time varies between intervals (${Math.min(...means).toFixed(0)}–${Math.max(...means).toFixed(0)} s, p ${v.p < 1e-6 ? '< 1e-6' : `= ${v.p.toPrecision(2)}`})${c.handleTime.pooled ? '; too few calls of its own: the pooled law is used' : modelled ? ': carried by handleTimeFactors (one per interval, by arrival; measured by service start)' : ': one law for the day (--handle-by-interval carries the factors)'}`,
    );
  }
  return out;
}

function warningsOf(records: readonly CallRecord[], roster: boolean): string[] {
  const out: string[] = [];
  const named = records.some((r) => r.outcome === 'served' && r.agent !== null);
  if (!named && !roster) {
    out.push(
      'the log names no agent: staffing is the agents busy per interval, a lower bound of those on duty (give --roster)',
    );
  }
  return out;
}

function notModelled(findings: readonly AnomalyFinding[], classes: readonly CallClass[]): string[] {
  const out: string[] = [];
  for (const f of findings) {
    // A lower priority that waits less is the class served apart, which is modelled.
    const apart = classes.some((c) => c.direct && c.log === f.callType);
    if (f.kind === 'priorityWaitsLess' || (f.kind === 'lowerPriorityWaitsLess' && !apart)) {
      out.push(
        `${f.message} — reported, not modelled: a strict priority in the queue would make the gap far larger than the log shows`,
      );
    }
  }
  return out;
}

function round(x: number, digits: number): number {
  if (!Number.isFinite(x)) return x;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** A law in the scenario's words: durations in seconds, rounded for reading. */
function lawInput(spec: DistributionSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(spec)) {
    if (typeof v === 'number') out[k] = round(v, 4);
    else if (k === 'points')
      out[k] = (v as ReadonlyArray<readonly [number, number]>).map(([x, p]) => [round(x, 3), p]);
    else out[k] = v;
  }
  return out;
}

/** The scenario of a calibration report, under `options` (the service model, the handle factors …). */
export function calibratedScenario(
  report: CalibrationReport,
  options: CalibrateOptions,
): Record<string, unknown> {
  const L = report.window.intervalSeconds;
  const queued = report.classes.filter((c) => !c.direct);
  const direct = report.classes.filter((c) => c.direct);
  // Priorities between call types, where the log gives each queued type one priority and they
  // differ (a ccsim trace; an ACD whose queues have priorities): higher is served first.
  const constant = queued.map((c) => c.priority);
  const priorities = constant.every((p) => p !== null) && new Set(constant).size > 1;
  const callTypes = report.classes.map((c) => {
    const type: Record<string, unknown> = {
      name: c.name,
      ...(priorities && !c.direct && c.priority !== null ? { priority: c.priority } : {}),
      arrivals: {
        perInterval: c.perInterval.map((p) => p.mean),
        ...(c.uncertainty.cv >= 0.001 ? { uncertainty: { cv: c.uncertainty.cv } } : {}),
      },
      handleTime: lawInput(c.handleTime.fit.law),
      ...handleFactorsOf(
        options.handleByInterval === true,
        c,
        report.staffing.intervals.map((iv) => iv.interval),
      ),
    };
    if (!c.direct && options.serviceModel !== 'afterCallWork' && report.answerDelay !== null) {
      type.answerDelay = lawInput(report.answerDelay.law);
    }
    if (!c.direct && options.serviceModel === 'afterCallWork' && report.afterCallGaps !== null) {
      type.acw = lawInput(report.afterCallGaps.law);
    }
    if (c.patience !== null && c.patience.fit.law !== null) type.patience = lawInput(c.patience.fit.law);
    return type;
  });
  const agentGroups: Record<string, unknown>[] = [];
  if (queued.length > 0) {
    agentGroups.push({
      name: 'agents',
      perInterval: report.staffing.intervals.map((iv) => iv.agents),
      skills: queued.map((c) => c.name),
    });
  }
  if (direct.length > 0) {
    agentGroups.push({
      name: 'direct',
      agents: report.staffing.directAgents,
      skills: direct.map((c) => c.name),
    });
  }
  const scenario: Record<string, unknown> = {
    name: options.name ?? 'Calibrated from a call log',
    ...(options.description !== undefined ? { description: options.description } : {}),
    seed: options.seed ?? 1,
    replications: options.replications ?? 100,
    start: report.window.from,
    horizon: `${(report.window.intervalSeconds * report.staffing.intervals.length) / 3600}h`,
    interval: L % 3600 === 0 ? `${L / 3600}h` : `${L / 60}m`,
    serviceLevel: {
      threshold: `${options.thresholdSeconds ?? 20}s`,
      shortAbandon: `${options.shortAbandonSeconds ?? 0}s`,
    },
    callTypes,
    agentGroups,
    calibration: {
      classes: report.classes.map((c) => ({
        callType: c.name,
        log: c.log,
        ...(c.priorities !== null ? { priorities: c.priorities } : {}),
      })),
      ...(queued.length > 0 && report.staffing.chosen.startsWith('presentAgents')
        ? {
            staffing: {
              group: 'agents',
              bridgeGap: `${report.staffing.rule.bridgeGapSeconds}s`,
              margin: `${report.staffing.rule.marginSeconds}s`,
              minusBusyOf: direct.map((c) => c.name),
            },
          }
        : {}),
    },
  };
  return scenario;
}
