/**
 * Forecasts of offered calls per date, interval and call type, with prediction intervals, from a
 * few weeks of counts (./interval-counts.ts). The method, in the terms of Ibrahim, Ye, L'Ecuyer &
 * Shen (2016), "Modeling and forecasting call center arrivals: A literature survey", IJF 32:
 * a fixed-effects model of daily volume by day of week times intraday profiles, with a random day
 * multiplier (doubly stochastic Poisson, Brown et al. 2005, JASA 100(469), §3), kept small enough
 * for 2–8 weeks of data:
 *
 * 1. Day types: weekdays open over about the same hours (windows overlapping ≥ 75%) at a similar
 *    level (within ×1.5) form a group (at the bank: Sun–Thu; Friday; Saturday).
 * 2. Daily level per weekday: its mean, shrunk toward its group's level (the 20%-trimmed mean of
 *    the group's daily totals: one odd day in five does not move it) by the empirical-Bayes
 *    weight τ²/(τ² + s²) (τ²: variance between the weekdays' true levels, s²: the sampling variance
 *    of a weekday's mean). With two weeks, weekday differences within Sun–Thu are noise: τ² = 0.
 * 3. Trend: a log-linear slope over days of the level residuals, kept only when significant at 5%
 *    (t-test) with at least two weeks of data.
 * 4. Day multiplier: its coefficient of variation from the daily totals' residuals, net of the
 *    Poisson part and of the degrees of freedom the levels used (method of moments).
 * 5. Intraday profile per weekday (each day's shares of its calls, averaged), shrunk toward its
 *    group's profile with the same empirical-Bayes weight, computed over all intervals.
 * 6. Call types: shares of each (group, interval), shrunk toward the group's share, itself shrunk
 *    toward the overall share, with beta-binomial precisions estimated from the counts: a type with
 *    few calls gets its share of the total.
 * 7. Intraday over-dispersion φ: the variance of counts around (day total × profile × share) beyond
 *    Poisson, by trimmed moments (the few spikes — a media event — are not the rule).
 *
 * A count's prediction interval is that of a gamma–Poisson with the mean forecast and a dispersion
 * that compounds the day multiplier (its cv inflated for having been estimated from few days), the
 * intraday φ, and the uncertainty of the estimated level, profile and share.
 */
import { studentTCdf } from '../kernel/numerics/special-functions.js';
import { countQuantile } from './count-quantile.js';
import type { IntervalCounts } from './interval-counts.js';
import { busyWindow, clockLabel, countAt, weekdayOf } from './interval-counts.js';

/** Weekdays of a day type whose windows overlap at least this much (Jaccard) may be pooled. */
const WINDOW_OVERLAP = 0.75;
/** ... and whose mean daily volumes are within this ratio. */
const LEVEL_RATIO = 1.5;
/** An interval is in a day's opening window when it gets this share of the busiest interval's calls. */
const BUSY_FRACTION = 0.05;
/** Share of a day type's days trimmed from each end for its level and each interval's share of its profile. */
const DAY_TRIM = 0.2;
/** Significance level of the trend test. */
const TREND_ALPHA = 0.05;
/** Cells whose standardised residual exceeds this are left out of the intraday dispersion. */
const TRIM_Z = 4;

export const WEEKDAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

/** What was learnt for one weekday. */
export interface WeekdayFit {
  readonly weekday: number;
  /** Training dates of this weekday used (open days). */
  readonly days: number;
  /** No call on any of its training days: forecast zero. */
  readonly closed: boolean;
  /** Mean offered calls per day (after shrinkage toward its day type), at `centreDay`. */
  readonly level: number;
  /** Relative variance of `level` as an estimate (parameter uncertainty). */
  readonly levelRelativeVariance: number;
  /** The mean day number (days since 1970-01-01) of its training days: where `level` applies. */
  readonly centreDay: number;
  /** Share of the day's calls per grid interval (sums to 1). */
  readonly profile: readonly number[];
  /** Effective number of days behind the profile (more when pooled with its day type). */
  readonly profileDays: number;
  /** The grid intervals (indices) of its opening window; null when closed. */
  readonly window: { readonly first: number; readonly last: number } | null;
  /** Index of its day type in `ArrivalModel.dayTypes`. */
  readonly dayType: number;
}

export interface ArrivalModel {
  readonly intervalSeconds: number;
  readonly firstInterval: number;
  readonly intervalCount: number;
  readonly callTypes: readonly string[];
  /** By weekday 0 = Sunday … 6 = Saturday; null for a weekday without training dates. */
  readonly weekdays: readonly (WeekdayFit | null)[];
  /** Groups of weekdays pooled as one day type. */
  readonly dayTypes: readonly DayType[];
  /** Coefficient of variation of the day multiplier (day-to-day variation beyond Poisson). */
  readonly dayCv: number;
  /** Degrees of freedom behind `dayCv`. */
  readonly dayCvDegreesOfFreedom: number;
  /** Per call type (as `callTypes`): the cv of its own day factor (at least `dayCv`). */
  readonly typeDayCv: readonly number[];
  /** Variance of the intraday (interval × call type) multiplier, beyond the day's. */
  readonly intradayDispersion: number;
  /** The same for interval totals (call types summed). */
  readonly intervalDispersion: number;
  readonly trend: TrendFit;
  /** Training dates used. */
  readonly trainingDates: readonly string[];
  /** Training dates left out: no call on a day its weekday is otherwise open (a holiday, missing data). */
  readonly excludedDates: readonly string[];
  /** Per day type × interval × call type: the share of the interval's calls (rows sum to 1). */
  readonly shares: readonly (readonly (readonly number[])[])[];
  /** Effective calls behind each share estimate (for its parameter uncertainty), same layout. */
  readonly shareCalls: readonly (readonly (readonly number[])[])[];
}

export interface DayType {
  readonly weekdays: readonly number[];
  /** Weight of a weekday's own mean level (1) vs its day type's (0). */
  readonly levelWeight: number;
  /** Weight of a weekday's own intraday profile (1) vs its day type's (0). */
  readonly profileWeight: number;
}

export interface TrendFit {
  /** Relative change of the daily volume per day (log slope). */
  readonly slopePerDay: number;
  readonly standardError: number;
  /** Two-sided p-value of the slope (1 when not tested). */
  readonly pValue: number;
  /** Applied to the forecast (significant, with two weeks of data or more). */
  readonly applied: boolean;
}

export interface ForecastRow {
  readonly date: string;
  readonly interval: string;
  readonly callType: string;
  readonly mean: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly lo95: number;
  readonly hi95: number;
}

/** An interval's forecast for all call types together. */
export type IntervalTotalForecast = Omit<ForecastRow, 'callType'>;

export interface DailyForecast {
  readonly date: string;
  readonly weekday: string;
  readonly mean: number;
  readonly lo80: number;
  readonly hi80: number;
  readonly lo95: number;
  readonly hi95: number;
  /** Coefficient of variation of this day's rate as forecast: day-to-day variation and the level's estimation error. */
  readonly uncertaintyCv: number;
  /** The same per call type (its own day-to-day variation): the `uncertainty.cv` of its scenario arrivals. */
  readonly uncertaintyCvByType: Readonly<Record<string, number>>;
}

export interface ArrivalForecast {
  readonly model: ArrivalModel;
  /** One per date, opening-window interval and call type; interval is the clock label. */
  readonly rows: readonly ForecastRow[];
  /** One per date and opening-window interval, call types summed. */
  readonly intervalTotals: readonly IntervalTotalForecast[];
  /** Each date's total over intervals and call types. */
  readonly daily: readonly DailyForecast[];
}

/** Forecasting is impossible from these counts (a weekday asked for was never seen …). */
export class ForecastError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ForecastError';
  }
}

/** Fits the model to the counts of the dates `training` (indices of `counts.dates`; all by default). */
export function fitArrivalModel(counts: IntervalCounts, training?: readonly number[]): ArrivalModel {
  const dateIndices = training ?? counts.dates.map((_, d) => d);
  const fitter = new ModelFitter(counts, dateIndices);
  return fitter.fit();
}

/** The dates of a horizon of `days` calendar days after `lastDate`, of the weekdays kept (all when absent). */
export function horizonDates(lastDate: string, days: number, weekdays?: ReadonlySet<number>): string[] {
  const dates: string[] = [];
  const start = dayNumber(lastDate);
  for (let k = 1; k <= days; k++) {
    const date = dateOf(start + k);
    if (weekdays === undefined || weekdays.has(weekdayOf(date))) dates.push(date);
  }
  return dates;
}

/** Forecasts `dates` from a fitted model; throws ForecastError for a weekday it never saw. */
export function forecastArrivals(model: ArrivalModel, dates: readonly string[]): ArrivalForecast {
  const missing = [...new Set(dates.map(weekdayOf).filter((w) => model.weekdays[w] === null))];
  if (missing.length > 0) {
    throw new ForecastError(
      `no ${missing.map((w) => WEEKDAY_NAMES[w]).join(', ')} in the log to forecast from: ` +
        'give a log of at least a week, or leave these days out with --days',
    );
  }
  const rows: ForecastRow[] = [];
  const intervalTotals: IntervalTotalForecast[] = [];
  const daily: DailyForecast[] = [];
  const dayInflation = cvInflation(model.dayCvDegreesOfFreedom);
  for (const date of dates) {
    const fit = model.weekdays[weekdayOf(date)] as WeekdayFit;
    const { level, relativeVariance } = levelOn(model, fit, dayNumber(date));
    // Dispersion of the day's rate: the day multiplier (cv² inflated for its estimation) and the level's uncertainty.
    const dayDispersion = (1 + model.dayCv ** 2 * dayInflation) * (1 + relativeVariance) - 1;
    const uncertaintyCv = fit.closed ? 0 : Math.sqrt(dayDispersion);
    const uncertaintyCvByType = Object.fromEntries(
      model.callTypes.map((type, t) => [
        type,
        fit.closed ? 0 : Math.sqrt((1 + model.typeDayCv[t] ** 2 * dayInflation) * (1 + relativeVariance) - 1),
      ]),
    );
    daily.push({
      date,
      weekday: WEEKDAY_NAMES[fit.weekday],
      mean: level,
      ...bounds(level, dayDispersion),
      uncertaintyCv,
      uncertaintyCvByType,
    });
    if (fit.window === null) continue;
    const shares = model.shares[fit.dayType];
    const shareCalls = model.shareCalls[fit.dayType];
    for (let i = fit.window.first; i <= fit.window.last; i++) {
      const intervalMean = level * fit.profile[i];
      // Relative variance of the estimated profile value: the interval's own noise over the days behind it.
      const profileVariance =
        intervalMean > 0 ? (1 / intervalMean + model.intradayDispersion) / fit.profileDays : 0;
      const interval = clockLabel((model.firstInterval + i) * model.intervalSeconds);
      const totalVariance =
        intervalMean > 0 ? (1 / intervalMean + model.intervalDispersion) / fit.profileDays : 0;
      const totalDispersion = (1 + dayDispersion) * (1 + model.intervalDispersion) * (1 + totalVariance) - 1;
      intervalTotals.push({ date, interval, mean: intervalMean, ...bounds(intervalMean, totalDispersion) });
      for (let t = 0; t < model.callTypes.length; t++) {
        const share = shares[i][t];
        const mean = intervalMean * share;
        // Relative variance of the share as estimated: q(1 − q)/n over q² (a beta posterior's, n calls behind it).
        const shareVariance =
          share > 0 && shareCalls[i][t] > 0 ? (1 - share) / (share * shareCalls[i][t]) : 0;
        const dispersion =
          (1 + dayDispersion) * (1 + model.intradayDispersion) * (1 + profileVariance) * (1 + shareVariance) -
          1;
        rows.push({ date, interval, callType: model.callTypes[t], mean, ...bounds(mean, dispersion) });
      }
    }
  }
  return { model, rows, intervalTotals, daily };
}

/** The weekday's level on day number `day`, with its relative variance as an estimate. */
function levelOn(
  model: ArrivalModel,
  fit: WeekdayFit,
  day: number,
): { level: number; relativeVariance: number } {
  if (fit.closed) return { level: 0, relativeVariance: 0 };
  if (!model.trend.applied) return { level: fit.level, relativeVariance: fit.levelRelativeVariance };
  const offset = day - fit.centreDay;
  return {
    level: fit.level * Math.exp(model.trend.slopePerDay * offset),
    relativeVariance: fit.levelRelativeVariance + (model.trend.standardError * offset) ** 2,
  };
}

function bounds(mean: number, dispersion: number): Pick<ForecastRow, 'lo80' | 'hi80' | 'lo95' | 'hi95'> {
  return {
    lo80: countQuantile(0.1, mean, dispersion),
    hi80: countQuantile(0.9, mean, dispersion),
    lo95: countQuantile(0.025, mean, dispersion),
    hi95: countQuantile(0.975, mean, dispersion),
  };
}

/**
 * A variance estimated on `df` degrees of freedom, used as if known, gives intervals too narrow:
 * the predictive variance of a Student t with df degrees of freedom is df/(df − 2) times it.
 */
function cvInflation(df: number): number {
  return df > 4 ? df / (df - 2) : 2;
}

interface TrainingDay {
  readonly index: number;
  readonly date: string;
  readonly weekday: number;
  readonly day: number;
  readonly total: number;
  /** Calls per grid interval (all types). */
  readonly intervals: Float64Array;
}

/** The fitting steps, in the order the module comment gives them. */
class ModelFitter {
  private readonly types: number;
  private readonly width: number;
  private readonly days: TrainingDay[] = [];
  private readonly excluded: string[] = [];

  constructor(
    private readonly counts: IntervalCounts,
    dateIndices: readonly number[],
  ) {
    this.types = counts.callTypes.length;
    this.width = counts.intervalCount;
    const all = dateIndices.map((d) => this.trainingDay(d));
    for (const day of all) {
      const openElsewhere = all.some((o) => o.weekday === day.weekday && o.total > 0);
      if (day.total === 0 && openElsewhere) this.excluded.push(day.date);
      else this.days.push(day);
    }
  }

  fit(): ArrivalModel {
    const byWeekday = WEEKDAY_NAMES.map((_, w) => this.days.filter((d) => d.weekday === w));
    const meanProfiles = byWeekday.map((days) => this.meanProfile(days));
    const meanLevels = byWeekday.map((days) => mean(days.map((d) => d.total)));
    const groups = groupWeekdays(byWeekday, meanLevels, meanProfiles);
    const levelWeights = groups.map((g) => this.levelWeight(g, byWeekday));
    const profileWeights = groups.map((g) => this.profileWeight(g, byWeekday, meanProfiles));
    const levels = new Array<number>(7).fill(0);
    const profiles: number[][] = WEEKDAY_NAMES.map(() => new Array<number>(this.width).fill(0));
    const profileDays = new Array<number>(7).fill(0);
    const typeProfiles = groups.map((g) =>
      trimmedProfile(
        g.flatMap((w) => byWeekday[w]),
        this.width,
      ),
    );
    groups.forEach((group, g) => {
      const open = group.filter((w) => meanLevels[w] > 0);
      const typeLevel = trimmedMean(open.flatMap((w) => byWeekday[w].map((d) => d.total)));
      const groupDays = sum(open.map((w) => byWeekday[w].length));
      for (const w of group) {
        levels[w] =
          meanLevels[w] === 0 ? 0 : levelWeights[g] * meanLevels[w] + (1 - levelWeights[g]) * typeLevel;
        const lambda = profileWeights[g];
        for (let i = 0; i < this.width; i++) {
          const typeProfile = typeProfiles[g][i];
          profiles[w][i] = meanLevels[w] === 0 ? 0 : lambda * meanProfiles[w][i] + (1 - lambda) * typeProfile;
        }
        const own = byWeekday[w].length;
        profileDays[w] = 1 / (lambda / own + (1 - lambda) / Math.max(own, groupDays));
      }
    });
    const trend = this.trend(levels, groups, levelWeights);
    const { cv, df } = this.dayCv(levels, trend, groups, levelWeights);
    const { shares, shareCalls } = this.typeShares(groups);
    const weekdayOfGroup = new Map(groups.flatMap((g, k) => g.map((w) => [w, k] as const)));
    const dispersion = this.intradayDispersion(profiles, profileDays, shares, weekdayOfGroup);
    const typeDayCv = this.typeDayCvs(
      levels,
      trend,
      groups,
      levelWeights,
      profiles,
      shares,
      weekdayOfGroup,
      cv,
    );
    const weekdays = WEEKDAY_NAMES.map((_, w): WeekdayFit | null => {
      const days = byWeekday[w];
      const dayType = weekdayOfGroup.get(w);
      if (days.length === 0 || dayType === undefined) return null;
      const closed = levels[w] === 0;
      return {
        weekday: w,
        days: days.length,
        closed,
        level: levels[w],
        levelRelativeVariance: closed
          ? 0
          : this.levelVariance(w, groups[dayType], byWeekday, levelWeights[dayType], levels, cv) /
            levels[w] ** 2,
        centreDay: mean(days.map((d) => d.day)),
        profile: profiles[w],
        profileDays: profileDays[w],
        window: closed ? null : busyWindow(profiles[w], BUSY_FRACTION),
        dayType,
      };
    });
    return {
      intervalSeconds: this.counts.intervalSeconds,
      firstInterval: this.counts.firstInterval,
      intervalCount: this.width,
      callTypes: this.counts.callTypes,
      weekdays,
      dayTypes: groups.map((g, k) => ({
        weekdays: g,
        levelWeight: levelWeights[k],
        profileWeight: profileWeights[k],
      })),
      dayCv: cv,
      dayCvDegreesOfFreedom: df,
      typeDayCv,
      intradayDispersion: dispersion.cells,
      intervalDispersion: dispersion.totals,
      trend,
      trainingDates: this.days.map((d) => d.date),
      excludedDates: this.excluded,
      shares,
      shareCalls,
    };
  }

  private trainingDay(d: number): TrainingDay {
    const intervals = new Float64Array(this.width);
    for (let i = 0; i < this.width; i++)
      for (let t = 0; t < this.types; t++) intervals[i] += countAt(this.counts, d, i, t);
    const date = this.counts.dates[d];
    return {
      index: d,
      date,
      weekday: this.counts.weekdays[d],
      day: dayNumber(date),
      total: intervals.reduce((a, b) => a + b, 0),
      intervals,
    };
  }

  /** The mean over days of each day's share of its calls per interval. */
  private meanProfile(days: readonly TrainingDay[]): number[] {
    const profile = new Array<number>(this.width).fill(0);
    const open = days.filter((d) => d.total > 0);
    for (const day of open)
      for (let i = 0; i < this.width; i++) profile[i] += day.intervals[i] / day.total / open.length;
    return profile;
  }

  /**
   * Empirical-Bayes weight of a weekday's own mean level within its day type: τ²/(τ² + s²), with
   * s² the pooled within-weekday variance over a weekday's days and τ² the variance of the weekday
   * means beyond it (method of moments, clamped at 0).
   */
  private levelWeight(group: readonly number[], byWeekday: readonly TrainingDay[][]): number {
    const open = group.filter((w) => byWeekday[w].some((d) => d.total > 0));
    if (open.length < 2) return 1;
    let within = 0;
    let df = 0;
    for (const w of open) {
      const totals = byWeekday[w].map((d) => d.total);
      const m = mean(totals);
      within += sum(totals.map((x) => (x - m) ** 2));
      df += totals.length - 1;
    }
    if (df === 0) return 0; // one day of each: their differences cannot be told from noise
    const samplingVariance = mean(open.map((w) => within / df / byWeekday[w].length));
    const means = open.map((w) => mean(byWeekday[w].map((d) => d.total)));
    const between = variance(means) - samplingVariance;
    return between > 0 ? between / (between + samplingVariance) : 0;
  }

  /** The same weight for intraday profiles, summing squared share differences over the intervals. */
  private profileWeight(
    group: readonly number[],
    byWeekday: readonly TrainingDay[][],
    meanProfiles: readonly number[][],
  ): number {
    const open = group.filter((w) => byWeekday[w].some((d) => d.total > 0));
    if (open.length < 2) return 0; // alone in its type: the type profile (trimmed) is its own
    let within = 0;
    let df = 0;
    for (const w of open) {
      const days = byWeekday[w].filter((d) => d.total > 0);
      for (const day of days)
        for (let i = 0; i < this.width; i++)
          within += (day.intervals[i] / day.total - meanProfiles[w][i]) ** 2;
      df += days.length - 1;
    }
    if (df === 0) return 0;
    const samplingVariance = mean(open.map((w) => within / df / byWeekday[w].length));
    let between = 0;
    for (let i = 0; i < this.width; i++) between += variance(open.map((w) => meanProfiles[w][i]));
    const excess = between - samplingVariance;
    return excess > 0 ? excess / (excess + samplingVariance) : 0;
  }

  /** Log-linear slope of the daily totals over their levels, by least squares, with its t-test. */
  private trend(
    levels: readonly number[],
    groups: readonly number[][],
    weights: readonly number[],
  ): TrendFit {
    const open = this.days.filter((d) => d.total > 0 && levels[d.weekday] > 0);
    const span =
      open.length === 0 ? 0 : Math.max(...open.map((d) => d.day)) - Math.min(...open.map((d) => d.day)) + 1;
    const df = open.length - effectiveLevelParameters(groups, weights) - 1;
    if (span < 14 || df < 2) return { slopePerDay: 0, standardError: 0, pValue: 1, applied: false };
    const x = open.map((d) => d.day);
    const y = open.map((d) => Math.log(d.total / levels[d.weekday]));
    const xm = mean(x);
    const ym = mean(y);
    const sxx = sum(x.map((v) => (v - xm) ** 2));
    const slope = sum(x.map((v, k) => (v - xm) * (y[k] - ym))) / sxx;
    const residual = sum(x.map((v, k) => (y[k] - ym - slope * (v - xm)) ** 2)) / df;
    const standardError = Math.sqrt(residual / sxx);
    const pValue = standardError > 0 ? 2 * (1 - studentTCdf(Math.abs(slope) / standardError, df)) : 1;
    return { slopePerDay: slope, standardError, pValue, applied: pValue < TREND_ALPHA };
  }

  /**
   * The day multiplier's cv by moments: E[(N − L)²/L²] = cv² + 1/L for a gamma–Poisson day, the
   * sum of squared relative residuals taken over the degrees of freedom the fitted levels leave.
   */
  private dayCv(
    levels: readonly number[],
    trend: TrendFit,
    groups: readonly number[][],
    weights: readonly number[],
    observed: (day: TrainingDay) => number = (day) => day.total,
    share: (day: TrainingDay) => number = () => 1,
  ): { cv: number; df: number } {
    const open = this.days.filter((d) => levels[d.weekday] > 0);
    const df = open.length - effectiveLevelParameters(groups, weights) - (trend.applied ? 1 : 0);
    if (df <= 0) return { cv: 0, df: 0 };
    const centres = WEEKDAY_NAMES.map((_, w) => mean(open.filter((d) => d.weekday === w).map((d) => d.day)));
    let squares = 0;
    let poisson = 0;
    let counted = 0;
    for (const d of open) {
      const expected =
        levels[d.weekday] *
        share(d) *
        (trend.applied ? Math.exp(trend.slopePerDay * (d.day - centres[d.weekday])) : 1);
      if (!(expected > 0)) continue;
      squares += ((observed(d) - expected) / expected) ** 2;
      poisson += 1 / expected;
      counted++;
    }
    if (counted === 0) return { cv: 0, df: 0 };
    const cv2 = squares / df - poisson / counted;
    return { cv: Math.sqrt(Math.max(0, cv2)), df };
  }

  /**
   * Each call type's day-to-day cv, by the same moments on its daily counts around the day's level
   * times the type's expected share of the day; never below the day multiplier's (a type varies
   * at least as its day does). A scenario draws one day factor per call type: this is its cv.
   */
  private typeDayCvs(
    levels: readonly number[],
    trend: TrendFit,
    groups: readonly number[][],
    weights: readonly number[],
    profiles: readonly number[][],
    shares: readonly number[][][],
    groupOf: ReadonlyMap<number, number>,
    dayCv: number,
  ): number[] {
    return this.counts.callTypes.map((_, t) => {
      const share = (d: TrainingDay) => {
        const g = groupOf.get(d.weekday) ?? 0;
        let s = 0;
        for (let i = 0; i < this.width; i++) s += profiles[d.weekday][i] * shares[g][i][t];
        return s;
      };
      const observed = (d: TrainingDay) => {
        let n = 0;
        for (let i = 0; i < this.width; i++) n += countAt(this.counts, d.index, i, t);
        return n;
      };
      return Math.max(dayCv, this.dayCv(levels, trend, groups, weights, observed, share).cv);
    });
  }

  /** Variance of weekday w's shrunk level as an estimate: sampling variance of the means it mixes, and the shrinkage's bias. */
  private levelVariance(
    w: number,
    group: readonly number[],
    byWeekday: readonly TrainingDay[][],
    lambda: number,
    levels: readonly number[],
    cv: number,
  ): number {
    const open = group.filter((v) => levels[v] > 0);
    const k = open.length;
    let total = 0;
    for (const v of open) {
      const weight = (v === w ? lambda : 0) + (1 - lambda) / k;
      const perDay = levels[v] + (levels[v] * cv) ** 2;
      total += (weight * weight * perDay) / byWeekday[v].length;
    }
    const typeLevel = mean(open.map((v) => levels[v]));
    return total + (1 - lambda) ** 2 * (levels[w] - typeLevel) ** 2;
  }

  /**
   * Call-type shares: overall → day type → day type × interval, each level shrunk toward its parent
   * as a beta-binomial posterior mean with the precision estimated from the spread of the counts.
   */
  private typeShares(groups: readonly number[][]): {
    shares: number[][][];
    shareCalls: number[][][];
  } {
    const T = this.types;
    // Calls per day type × interval × type.
    const cells = groups.map(() => Array.from({ length: this.width }, () => new Array<number>(T).fill(0)));
    const groupOf = new Map(groups.flatMap((g, k) => g.map((w) => [w, k] as const)));
    for (const day of this.days) {
      const g = groupOf.get(day.weekday) ?? 0;
      for (let i = 0; i < this.width; i++)
        for (let t = 0; t < T; t++) cells[g][i][t] += countAt(this.counts, day.index, i, t);
    }
    const groupTotals = cells.map((rows) => columnSums(rows, T));
    const overall = normalise(columnSums(groupTotals, T));
    const groupPrecision = betaBinomialPrecision(groupTotals, [overall]);
    const groupShares = groupTotals.map((row) => shrink(row, overall, groupPrecision));
    const intervalPrecision = betaBinomialPrecision(
      cells.flat(),
      cells.flatMap((rows, g) => rows.map(() => groupShares[g])),
    );
    const shares = cells.map((rows, g) => rows.map((row) => shrink(row, groupShares[g], intervalPrecision)));
    const shareCalls = cells.map((rows) =>
      rows.map((row) => {
        const n = sum(row) + (Number.isFinite(intervalPrecision) ? intervalPrecision : 0);
        return row.map(() => n);
      }),
    );
    // Shares pooled completely (precision ∞) rest on the day type's calls.
    if (!Number.isFinite(intervalPrecision))
      cells.forEach((rows, g) => rows.forEach((_, i) => shareCalls[g][i].fill(sum(groupTotals[g]))));
    return { shares, shareCalls };
  }

  /**
   * φ of count = Poisson(μ·ε), var ε = φ, around the day's own total × profile (× share), over the
   * open training days' windows: per interval × call type, and per interval (types summed).
   */
  private intradayDispersion(
    profiles: readonly number[][],
    profileDays: readonly number[],
    shares: readonly number[][][],
    groupOf: ReadonlyMap<number, number>,
  ): { cells: number; totals: number } {
    const cells: DispersionCell[] = [];
    const totals: DispersionCell[] = [];
    for (const day of this.days) {
      if (day.total === 0) continue;
      const window = busyWindow(profiles[day.weekday], BUSY_FRACTION);
      if (window === null) continue;
      const g = groupOf.get(day.weekday) ?? 0;
      // The fitted mean is partly the observation itself: residuals shrink by about 1 − 1/days.
      const keep = Math.max(0.1, 1 - 1 / profileDays[day.weekday]);
      for (let i = window.first; i <= window.last; i++) {
        const mu = day.total * profiles[day.weekday][i];
        if (mu > 0) totals.push({ y: day.intervals[i], mu, keep });
        for (let t = 0; t < this.types; t++) {
          const cellMu = mu * shares[g][i][t];
          if (cellMu > 0) cells.push({ y: countAt(this.counts, day.index, i, t), mu: cellMu, keep });
        }
      }
    }
    return { cells: trimmedDispersion(cells), totals: trimmedDispersion(totals) };
  }
}

interface DispersionCell {
  readonly y: number;
  readonly mu: number;
  /** Share of the count's variance left in its residual (the rest went into the fitted mean). */
  readonly keep: number;
}

/**
 * Moment estimate of φ in var = μ + φμ²: Σ[(y − μ)² − μ] / Σμ², each term scaled by `keep`;
 * after a first pass, cells more than TRIM_Z standard deviations out are left out (and the
 * estimate redone, a few times): a rare spike is not the everyday spread.
 */
function trimmedDispersion(cells: readonly DispersionCell[]): number {
  let phi = 0;
  for (let round = 0; round < 5; round++) {
    let excess = 0;
    let weight = 0;
    for (const { y, mu, keep } of cells) {
      const z = (y - mu) / Math.sqrt((mu + phi * mu * mu) * keep);
      if (round > 0 && Math.abs(z) > TRIM_Z) continue;
      excess += (y - mu) ** 2 - mu * keep;
      weight += mu * mu * keep;
    }
    phi = weight > 0 ? Math.max(0, excess / weight) : 0;
  }
  return phi;
}

/**
 * Weekdays pooled into day types: open over about the same intervals, at about the same level
 * (single linkage). Weekdays without calls form their own types.
 */
function groupWeekdays(
  byWeekday: readonly TrainingDay[][],
  levels: readonly number[],
  profiles: readonly number[][],
): number[][] {
  const present = WEEKDAY_NAMES.map((_, w) => w).filter((w) => byWeekday[w].length > 0);
  const windows = profiles.map((p) => busyWindow(p, BUSY_FRACTION));
  const parent = new Map(present.map((w) => [w, w]));
  const root = (w: number): number => {
    let r = w;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    return r;
  };
  for (const a of present)
    for (const b of present) {
      if (b <= a) continue;
      const wa = windows[a];
      const wb = windows[b];
      if (wa === null || wb === null) continue;
      const overlap = Math.min(wa.last, wb.last) - Math.max(wa.first, wb.first) + 1;
      const union = Math.max(wa.last, wb.last) - Math.min(wa.first, wb.first) + 1;
      const ratio = Math.max(levels[a], levels[b]) / Math.min(levels[a], levels[b]);
      if (overlap / union >= WINDOW_OVERLAP && ratio <= LEVEL_RATIO) parent.set(root(b), root(a));
    }
  const groups = new Map<number, number[]>();
  for (const w of present) groups.set(root(w), [...(groups.get(root(w)) ?? []), w]);
  return [...groups.values()];
}

/** Parameters the shrunk levels spend: per day type 1 + (weekdays − 1)·weight. */
function effectiveLevelParameters(groups: readonly number[][], weights: readonly number[]): number {
  return sum(groups.map((g, k) => 1 + (g.length - 1) * weights[k]));
}

/**
 * Precision k of a Dirichlet–multinomial whose rows of counts scatter around `parents` (one per
 * row, or one for all): var of a true share = p(1 − p)/(k + 1). Moments summed over types:
 * Σ n_i (ŝ − p)² = (I − 1)·G + (N − Σn_i²/N)·G/(k + 1), G = Σ_t p_t(1 − p_t). ∞ when the spread is
 * no more than multinomial.
 */
function betaBinomialPrecision(rows: readonly number[][], parents: readonly number[][]): number {
  let spread = 0;
  let sampling = 0;
  let n = 0;
  let n2 = 0;
  let g = 0;
  rows.forEach((row, r) => {
    const parent = parents[Math.min(r, parents.length - 1)];
    const total = sum(row);
    if (total === 0) return;
    const gr = sum(parent.map((p) => p * (1 - p)));
    for (let t = 0; t < row.length; t++) spread += total * (row[t] / total - parent[t]) ** 2;
    sampling += gr;
    n += total;
    n2 += total * total;
    g += gr * total;
  });
  if (n === 0) return Infinity;
  const meanG = g / n;
  const rows1 = rows.filter((r) => sum(r) > 0).length;
  const excess = spread - (sampling * (rows1 - 1)) / Math.max(1, rows1);
  const rho = excess / ((n - n2 / n) * meanG);
  return rho > 0 ? Math.max(0, 1 / rho - 1) : Infinity;
}

/** Posterior mean shares: (counts + k·parent)/(n + k); the parent itself when k is infinite or there are no calls. */
function shrink(row: readonly number[], parent: readonly number[], precision: number): number[] {
  const n = sum(row);
  if (!Number.isFinite(precision) || n + precision === 0) return [...parent];
  return row.map((c, t) => (c + precision * parent[t]) / (n + precision));
}

function columnSums(rows: readonly (readonly number[])[], width: number): number[] {
  const sums = new Array<number>(width).fill(0);
  for (const row of rows) for (let t = 0; t < width; t++) sums[t] += row[t];
  return sums;
}

function normalise(values: readonly number[]): number[] {
  const total = sum(values);
  return values.map((v) => (total > 0 ? v / total : 1 / values.length));
}

/** The mean of `values` without the DAY_TRIM share of the lowest and of the highest. */
function trimmedMean(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const cut = Math.floor(sorted.length * DAY_TRIM);
  return mean(sorted.slice(cut, sorted.length - cut));
}

function sum(values: readonly number[]): number {
  let s = 0;
  for (const v of values) s += v;
  return s;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : sum(values) / values.length;
}

/** Sample variance (n − 1); 0 for fewer than two values. */
function variance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return sum(values.map((v) => (v - m) ** 2)) / (values.length - 1);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date. */
export function dayNumber(date: string): number {
  return Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
}

function dateOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/**
 * A day type's intraday profile: per interval, the 20%-trimmed mean of its days' shares (a spike —
 * a media event, an outage — on one day in five does not move it), renormalised to sum to 1.
 */
function trimmedProfile(days: readonly TrainingDay[], width: number): number[] {
  const open = days.filter((d) => d.total > 0);
  const profile = new Array<number>(width).fill(0);
  if (open.length === 0) return profile;
  const cut = Math.floor(open.length * DAY_TRIM);
  for (let i = 0; i < width; i++) {
    const shares = open.map((d) => d.intervals[i] / d.total).sort((a, b) => a - b);
    profile[i] = mean(shares.slice(cut, shares.length - cut));
  }
  const total = sum(profile);
  return profile.map((p) => p / total);
}
