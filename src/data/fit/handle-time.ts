/**
 * Handle (talk) times: which law to give a call type's `handleTime`.
 *
 * 1. Exponential, lognormal, gamma and Weibull are fitted by maximum likelihood to every call
 *    (durations of 0 moved to half the log's resolution, see sample.ts), with AIC,
 *    Kolmogorov–Smirnov distance and Anderson–Darling statistic.
 * 2. Of those whose KS distance is within `ksAcceptance(n, ksTolerance)` (goodness.ts), the one
 *    with the smallest AIC is used as it is, unless the calls under `shortCallThreshold` outnumber
 *    what it predicts by more than 3 binomial standard deviations.
 * 3. Otherwise (real logs usually have an excess of very short calls: mis-dials, transfers,
 *    hang-ups at the greeting; Brown et al. 2005 on this very log) the calls under
 *    `shortCallThreshold` are kept as they are (their own empirical quantiles, a first segment of
 *    mass p = their share) and the four laws are fitted to the rest, the body. The composite law,
 *    F(x) = p·F_short(x) below the threshold c and p + (1 − p)·(G(x) − G(c))/(1 − G(c)) above it
 *    (G a body law conditioned on exceeding c), is written as an empirical law of the same
 *    points; the body laws are tried by increasing AIC, the first whose composite is within the
 *    KS acceptance (to all calls) is used. If none is, the law of step 2 if there was one.
 *    (The body is fitted as if it were not truncated at c: with c far below the body's mass the
 *    difference is small, and the conditioning keeps the law consistent.)
 * 4. Otherwise the calls' own quantiles (quantile-grid.ts) are the law.
 * Every empirical law keeps the mean of what it represents (its last point is placed for that).
 */
import { type Distribution, type DistributionSpec, fromSpec } from '../../kernel/distributions.js';
import type { Estimate } from './estimate.js';
import { fitExponential } from './exponential-fit.js';
import { fitGamma } from './gamma-fit.js';
import { andersonDarling, empiricalCdf, kolmogorovSmirnov, ksAcceptance } from './goodness.js';
import { fitLognormal } from './lognormal-fit.js';
import type { Family, ParametricFit } from './parametric.js';
import { CDF_GRID, matchMean, sampleQuantile, sampleQuantilePoints, tidyPoints } from './quantile-grid.js';
import { atOrAbove, type GroupedSample, groupSample, withoutZeros } from './sample.js';
import { proportion, sampleMean, sampleMedian } from './sample-summary.js';
import { fitWeibull } from './weibull-fit.js';

export interface HandleTimeOptions {
  /** Seconds; calls shorter than this are the short-call mass of step 3 (default 10; 0 = no step 3). */
  readonly shortCallThreshold?: number;
  /** Practical KS bound of goodness.ts `ksAcceptance` (default 0.03). */
  readonly ksTolerance?: number;
}

/** A fitted family with its goodness of fit to the sample it was fitted to. */
export interface HandleTimeCandidate extends ParametricFit {
  /** Kolmogorov–Smirnov distance. */
  readonly ks: number;
  /** Anderson–Darling A². */
  readonly andersonDarling: number;
}

/** One point of the fitted-vs-empirical CDF plot. */
export interface CdfPoint {
  /** Seconds. */
  readonly x: number;
  /** Share of the calls ≤ x. */
  readonly empirical: number;
  /** The chosen law's CDF at x. */
  readonly fitted: number;
  /** The smallest-AIC law fitted to all calls, its CDF at x (null when none could be fitted). */
  readonly parametric: number | null;
}

export type HandleTimeChoice = 'parametric' | 'short-calls+parametric' | 'empirical';

export interface HandleTimeFit {
  /** The law to write in the scenario. */
  readonly law: DistributionSpec;
  readonly choice: HandleTimeChoice;
  /** The parametric family in the law (the body's for 'short-calls+parametric'), null for 'empirical'. */
  readonly family: Family | null;
  /** Why this choice, in a sentence (for the calibration report). */
  readonly reason: string;
  /** Number of calls. */
  readonly n: number;
  /** Sample mean with its Student-t interval. */
  readonly mean: Estimate;
  /** Sample median with its order-statistic interval. */
  readonly median: Estimate;
  /** Calls under the threshold: their count's share with Wilson's interval. */
  readonly shortCalls: { readonly threshold: number; readonly share: Estimate };
  /** The KS distance of `law` to all calls, and the bound it was held to. */
  readonly ks: number;
  readonly ksAcceptance: number;
  /** The four families fitted to all calls, in the order exponential, lognormal, gamma, weibull (those that could be fitted). */
  readonly candidates: readonly HandleTimeCandidate[];
  /** The same fitted to the calls ≥ threshold (step 3), empty when step 3 was not reached. */
  readonly bodyCandidates: readonly HandleTimeCandidate[];
  /** Fitted vs empirical CDF at the calls' quantiles (about 55 points). */
  readonly plot: readonly CdfPoint[];
}

const DEFAULT_THRESHOLD = 10;
const DEFAULT_TOLERANCE = 0.03;

/** Fits the handle times (seconds, ≥ 0) of at least two calls. */
export function fitHandleTime(durations: ArrayLike<number>, options: HandleTimeOptions = {}): HandleTimeFit {
  const threshold = options.shortCallThreshold ?? DEFAULT_THRESHOLD;
  const tolerance = options.ksTolerance ?? DEFAULT_TOLERANCE;
  const sample = groupSample(durations);
  if (sample.n < 2) throw new RangeError(`fitHandleTime: at least 2 durations are needed, got ${sample.n}`);
  const acceptance = ksAcceptance(sample.n, tolerance);
  let shortCount = 0;
  for (let j = 0; j < sample.times.length && sample.times[j] < threshold; j++) shortCount += sample.events[j];
  const common = {
    n: sample.n,
    mean: sampleMean(durations),
    median: sampleMedian(sample),
    shortCalls: { threshold, share: proportion(shortCount, sample.n) },
    ksAcceptance: acceptance,
  };
  const candidates = fitFamilies(sample);
  const best = smallestAic(candidates);
  const finish = (
    law: DistributionSpec,
    choice: HandleTimeChoice,
    family: Family | null,
    reason: string,
    bodyCandidates: readonly HandleTimeCandidate[],
  ): HandleTimeFit => {
    const distribution = fromSpec(law);
    return {
      law,
      choice,
      family,
      reason,
      ...common,
      ks: kolmogorovSmirnov(sample, distribution.cdf),
      candidates,
      bodyCandidates,
      plot: cdfPlot(sample, distribution, best === null ? null : fromSpec(best.law)),
    };
  };
  const accepted = smallestAic(candidates.filter((c) => c.ks <= acceptance));
  const plain =
    accepted === null
      ? null
      : finish(
          accepted.law,
          'parametric',
          accepted.family,
          `${accepted.family} has the smallest AIC of the laws within KS ${fmt(acceptance)} (its KS: ${fmt(accepted.ks)})`,
          [],
        );
  if (
    plain !== null &&
    accepted !== null &&
    !excessShortCalls(fromSpec(accepted.law), threshold, shortCount, sample.n)
  ) {
    return plain;
  }
  const shortOnes = shortCount > 0 && shortCount < sample.n ? shortSample(sample, threshold) : null;
  const body = atOrAbove(sample, threshold);
  const bodyCandidates = shortOnes !== null && body.times.length >= 2 ? fitFamilies(body) : [];
  if (shortOnes !== null) {
    for (const bodyFit of [...bodyCandidates].sort((a, b) => a.aic - b.aic)) {
      const law = compositeLaw(shortOnes, fromSpec(bodyFit.law), threshold, shortCount / sample.n);
      const ks = kolmogorovSmirnov(sample, fromSpec(law).cdf);
      if (ks <= acceptance) {
        const why = `${bodyFit.family} fits the calls ≥ ${threshold} s and, with the ${shortCount} shorter calls as they are, KS ${fmt(ks)} ≤ ${fmt(acceptance)}`;
        return finish(law, 'short-calls+parametric', bodyFit.family, why, bodyCandidates);
      }
    }
  }
  if (plain !== null) return { ...plain, bodyCandidates };
  const why =
    best === null
      ? 'no parametric law could be fitted'
      : `no parametric law is within KS ${fmt(acceptance)} (best by AIC: ${best.family}, KS ${fmt(best.ks)})`;
  return finish(tidyPoints(sampleQuantilePoints(sample)), 'empirical', null, why, bodyCandidates);
}

/** More calls under c than the law predicts, by over 3 binomial standard deviations. */
function excessShortCalls(law: Distribution, c: number, count: number, n: number): boolean {
  if (!(c > 0)) return false;
  const p = law.cdf(c);
  return count - n * p > 3 * Math.sqrt(n * p * (1 - p)) + 1;
}

function fmt(x: number): string {
  return x.toFixed(4);
}

function fitFamilies(sample: GroupedSample): HandleTimeCandidate[] {
  const positive = withoutZeros(sample);
  const fits = [fitExponential(positive), fitLognormal(positive), fitGamma(positive), fitWeibull(positive)];
  return fits
    .filter((f): f is ParametricFit => f !== null)
    .map((f) => {
      const cdf = fromSpec(f.law).cdf;
      return { ...f, ks: kolmogorovSmirnov(sample, cdf), andersonDarling: andersonDarling(sample, cdf) };
    });
}

function smallestAic<T extends ParametricFit>(fits: readonly T[]): T | null {
  return fits.reduce<T | null>((best, f) => (best === null || f.aic < best.aic ? f : best), null);
}

function shortSample(sample: GroupedSample, threshold: number): GroupedSample {
  let m = 0;
  while (m < sample.times.length && sample.times[m] < threshold) m++;
  const times = sample.times.slice(0, m);
  const events = sample.events.slice(0, m);
  let n = 0;
  let total = 0;
  for (let j = 0; j < m; j++) {
    n += events[j];
    total += events[j] * times[j];
  }
  return { times, events, censored: new Float64Array(m), n, eventCount: n, totalTime: total };
}

/** Short calls' quantiles on [0, share], then the body law conditioned on ≥ threshold on [share, 1]. */
function compositeLaw(
  short: GroupedSample,
  body: Distribution,
  threshold: number,
  share: number,
): DistributionSpec {
  const points: Array<[number, number]> = [0, 0.25, 0.5, 0.75, 1].map((q) => [
    sampleQuantile(short, q),
    share * q,
  ]);
  const below = body.cdf(threshold);
  for (const q of CDF_GRID) {
    const value =
      q === 0 ? threshold : q === 1 ? body.quantile(0.9999) : body.quantile(below + q * (1 - below));
    points.push([value, share + (1 - share) * q]);
  }
  const shortMean = short.totalTime / short.n;
  matchMean(points, share * shortMean + (1 - share) * conditionalMean(body, threshold));
  return tidyPoints(points);
}

/** E[X | X ≥ c] = (E[X] − ∫₀^c (F(c) − F(x))dx) / (1 − F(c)), the integral by the midpoint rule. */
function conditionalMean(law: Distribution, c: number): number {
  const steps = 200;
  const fc = law.cdf(c);
  let partial = 0;
  for (let i = 0; i < steps; i++) partial += fc - law.cdf(((i + 0.5) * c) / steps);
  return (law.mean - (partial * c) / steps) / (1 - fc);
}

function cdfPlot(sample: GroupedSample, law: Distribution, parametric: Distribution | null): CdfPoint[] {
  const xs = CDF_GRID.map((p) => sampleQuantile(sample, p)).filter(
    (x, i, all) => i === 0 || x !== all[i - 1],
  );
  return xs.map((x) => ({
    x,
    empirical: empiricalCdf(sample, x),
    fitted: law.cdf(x),
    parametric: parametric === null ? null : parametric.cdf(x),
  }));
}
