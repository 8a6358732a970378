import { abandonmentSeries } from './abandonment-series.js';
import { logInverseErlangB } from './erlang-b.js';
import { logUpperGammaContinuedFraction } from '../kernel/numerics/log-space.js';
import { toTraffic } from './traffic.js';
import { requireInteger, requireNonNegative, requirePositive } from './validate.js';

/** Inputs of the Erlang A (M/M/n+M) model: exponential patience. */
export interface ErlangAInput {
  /** Offered calls per hour, ≥ 0. */
  readonly arrivalRatePerHour: number;
  /** Average handle time in seconds, > 0. */
  readonly meanServiceSeconds: number;
  /** Number of agents n, integer ≥ 1. */
  readonly agents: number;
  /** Service-level threshold T in seconds, ≥ 0. */
  readonly thresholdSeconds: number;
  /** Mean patience 1/θ in seconds, finite > 0. */
  readonly meanPatienceSeconds: number;
}

/** Steady-state Erlang A measures (always exist: abandonment stabilises). */
export interface ErlangAResult {
  /** Offered load a = λ·AHT, erlangs (may exceed the agents). */
  readonly load: number;
  readonly agents: number;
  /** P(an arrival finds all agents busy) = P(W > 0). */
  readonly pWait: number;
  /** Fraction of all offered calls that abandon. */
  readonly pAbandon: number;
  /** P(abandon | the call had to wait). */
  readonly pAbandonGivenWait: number;
  /** Mean wait of answered calls, seconds: E[W | served]. */
  readonly asa: number;
  /** Mean wait of all calls (answered and abandoned), seconds. */
  readonly meanWait: number;
  /** P(answered and W ≤ T), over all offered calls. */
  readonly serviceLevel: number;
  /** P(W ≤ T | answered). */
  readonly serviceLevelOfAnswered: number;
  /** Agent occupancy λ(1 − pAbandon)·AHT / n. */
  readonly occupancy: number;
  /** Mean number of calls waiting (not in service). */
  readonly meanQueueLength: number;
}

/**
 * Erlang A: M/M/n+M, FCFS, exponential patience with rate θ (Palm 1946;
 * Garnett, Mandelbaum & Reiman 2002; Mandelbaum & Zeltyn 2004, "The
 * Palm/Erlang-A queue, with applications to call centers").
 *
 * Method — the exact birth–death chain, every sum of positive terms in log
 * space (no truncation error above 1e-17 relative); see
 * `abandonmentSeries` for the queue part. With c = nμ, x = c/θ, y = λ/θ:
 *
 * 1. States below n: Σ_{j<n} π_j/π_n = (n/a)/B(n−1, a) (Erlang B).
 *    States n+k: π_{n+k}/π_n = w_k = y^k/Π_{i=1}^k (x+i). By PASTA an
 *    arrival finds k callers waiting with probability ∝ w_k.
 * 2. A caller with k ahead advances at rate c + iθ while i are ahead (a
 *    service start or an abandonment ahead) and abandons at rate θ, so
 *    stage i lasts Exp(c + (i+1)θ) whatever ends it. Telescoping products:
 *      P(served | k)        = c / (c + (k+1)θ)      = x/(x+k+1)
 *      E[W·1{served} | k]   = P(served | k) · Σ_{i=1}^{k+1} 1/(c + iθ)
 *    giving pAbandon, pAbandonGivenWait (= Mandelbaum & Zeltyn's
 *    1/(ρA) + 1 − 1/ρ) and asa.
 * 3. meanWait = pAbandon/θ and meanQueueLength = λ·meanWait: the
 *    abandonment rate θ·E[Lq] equals λ·pAbandon (Mandelbaum & Zeltyn 2004,
 *    §4.6), and Little's law.
 * 4. Service level. The virtual wait V of an arrival that finds k waiting
 *    is hypoexponential with rates c + iθ, i = 0..k, whose density is
 *    f_k(t) = Π_{i=0}^k (c+iθ) / (θ^k k!) · e^{−ct}(1−e^{−θt})^k (partial
 *    fractions). Mixing with the weights of step 1 telescopes to
 *    f_V(t) = π_n·c·exp(−ct + y(1 − e^{−θt})) for t > 0 (derived here; it is
 *    the density behind Mandelbaum & Zeltyn's incomplete-gamma formulas). The
 *    call is answered within T iff V ≤ T and V < patience, so
 *      P(W ≤ T, served) = P(V = 0) + ∫_0^T e^{−θt} f_V(t) dt,
 *    and u = y·e^{−θt} turns the integral into incomplete gamma functions:
 *      ∫_0^T = π_n·(x/(x+1))·[A(x+1, y) − e^{−(c+θ)T + y(1−e^{−θT})}·A(x+1, y·e^{−θT})]
 *    with A(x+1, ·) summed by the same series (A(x+1, y)·x/(x+1) = `served`).
 *
 * Cost O(n) for the Erlang B part plus O(√(λ/θ)) series terms. As θ → 0
 * with a < n every measure tends to its Erlang C value. Accuracy: about
 * 1e-15 relative, except that the service level subtracts logarithms of size
 * λ/θ and so carries an extra relative error of about (λ/θ)·1e-16 (1e-11 for
 * λ = 30/s and a 1-hour patience). Verified against an independent
 * stationary solution and a uniformised tagged-caller chain in
 * test/analytic/erlang-a.test.ts.
 */
export function erlangA(input: ErlangAInput): ErlangAResult {
  const where = 'erlangA';
  const { lambda, mu, load } = toTraffic(where, input.arrivalRatePerHour, input.meanServiceSeconds);
  const { agents, thresholdSeconds, meanPatienceSeconds } = input;
  requireInteger(where, 'agents', agents, 1);
  requireNonNegative(where, 'thresholdSeconds', thresholdSeconds);
  requirePositive(where, 'meanPatienceSeconds', meanPatienceSeconds);

  const theta = 1 / meanPatienceSeconds;
  const x = agents * mu * meanPatienceSeconds; // c/θ = nμ/θ
  const y = lambda * meanPatienceSeconds; // λ/θ
  const queue = abandonmentSeries(x, y);

  if (load === 0) {
    return {
      load,
      agents,
      pWait: 0,
      pAbandon: 0,
      // Limit λ → 0: a lone waiting caller abandons before service w.p. θ/(c+θ).
      pAbandonGivenWait: queue.abandoned / queue.total,
      asa: 0,
      meanWait: 0,
      serviceLevel: 1,
      serviceLevelOfAnswered: 1,
      occupancy: 0,
      meanQueueLength: 0,
    };
  }

  // Σ_{j<n} π_j/π_n and the queue sums, both rescaled by the larger of the
  // two so that plain ratios of doubles follow (no huge logs subtracted).
  const logBelow = Math.log(agents) - Math.log(load) + logInverseErlangB(agents - 1, load);
  const logTop = Math.max(logBelow, queue.logScale);
  const below = Math.exp(logBelow - logTop);
  const q = Math.exp(queue.logScale - logTop);
  const all = below + q * queue.total; // ∝ 1/π_n
  const answered = below + q * queue.served;

  const pWait = (q * queue.total) / all;
  const pNoWait = below / all;
  const pServedAfterWait = (q * queue.served) / all;
  const pAbandon = (q * queue.abandoned) / all;
  const pAnswered = answered / all;
  const logServed = queue.logScale + Math.log(queue.served);

  // Share of the served-after-waiting calls answered within T (step 4).
  const withinT = servedWithin(x, y, theta * thresholdSeconds, logServed - Math.log(x / (x + 1)));
  const serviceLevel = Math.min(1, pNoWait + pServedAfterWait * withinT);
  const meanWait = pAbandon * meanPatienceSeconds;

  return {
    load,
    agents,
    pWait,
    pAbandon,
    pAbandonGivenWait: queue.abandoned / queue.total,
    asa: ((q * queue.servedWait) / answered) * meanPatienceSeconds,
    meanWait,
    serviceLevel,
    serviceLevelOfAnswered: Math.min(1, (serviceLevel * all) / answered),
    occupancy: Math.min(1, (load * pAnswered) / agents),
    meanQueueLength: lambda * meanWait,
  };
}

/**
 * P(V ≤ T | served after waiting) from step 4 of `erlangA`, for x = c/θ,
 * y = λ/θ, s = θT and logA = ln A(x+1, y). It is the share of the mass of
 * u^x·e^{−u} on [0, y] that lies in [y·e^{−s}, y]:
 *   1 − e^{L}·A(x+1, y')/A(x+1, y),   L = −(x+1)s + y(1 − e^{−s}), y' = y·e^{−s}.
 * When y' lies right of the integrand's mode u = x (overload, T past the
 * bulk of the waits) that share is tiny and the difference above would
 * cancel, so it is computed from upper incomplete gammas instead:
 *   (x+1)/A(x+1, y) · [e^{L}·F(y') − F(y)],   F(z) = Γ(x+1, z)·e^{z}·z^{−(x+1)},
 * each term positive and F by its continued fraction.
 */
function servedWithin(x: number, y: number, s: number, logA: number): number {
  if (s === 0 || y === 0) return s === 0 ? 0 : 1;
  const yAtT = y * Math.exp(-s);
  const logL = -(x + 1) * s + y * -Math.expm1(-s);
  if (yAtT > x + 2) {
    const logPrefix = Math.log(x + 1) - logA;
    const first = logPrefix + logL + logUpperGammaContinuedFraction(x + 1, yAtT);
    const second = logPrefix + logUpperGammaContinuedFraction(x + 1, y);
    return Math.min(1, Math.exp(first) * -Math.expm1(Math.min(0, second - first)));
  }
  const shifted = abandonmentSeries(x + 1, yAtT);
  const logRatio = logL + shifted.logScale + Math.log(shifted.total) - logA;
  return -Math.expm1(Math.min(0, logRatio));
}
