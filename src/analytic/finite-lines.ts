import { logInverseErlangB } from './erlang-b.js';
import { logAddExp } from '../kernel/numerics/log-space.js';
import { toTraffic } from './traffic.js';
import { requireInteger, requireNonNegative } from './validate.js';

/** Inputs of the M/M/n/K model: n agents and K ≥ n lines (trunks). */
export interface FiniteLinesInput {
  /** Offered calls per hour, ≥ 0. */
  readonly arrivalRatePerHour: number;
  /** Average handle time in seconds, > 0. */
  readonly meanServiceSeconds: number;
  /** Number of agents n, integer ≥ 1. */
  readonly agents: number;
  /** Lines K, integer ≥ agents: calls in service plus calls waiting. */
  readonly lines: number;
  /** Service-level threshold T in seconds, ≥ 0. */
  readonly thresholdSeconds: number;
}

/** Steady-state measures of M/M/n/K (always exists: the system is finite). */
export interface FiniteLinesResult {
  /** Offered load a = λ·AHT, erlangs. */
  readonly load: number;
  readonly agents: number;
  readonly lines: number;
  /** P(an arrival finds all K lines busy and hears busy). */
  readonly blocking: number;
  /** P(an arrival is accepted and must wait), over all offered calls. */
  readonly pWait: number;
  /** P(wait > 0 | accepted). */
  readonly pWaitGivenAccepted: number;
  /** Mean wait of accepted calls, seconds. */
  readonly asa: number;
  /** P(W ≤ T | accepted). */
  readonly serviceLevel: number;
  /** P(accepted and W ≤ T), over all offered calls. */
  readonly serviceLevelOfOffered: number;
  /** Agent occupancy a(1 − blocking)/n. */
  readonly occupancy: number;
  /** Mean number of calls waiting (holding a line, not in service). */
  readonly meanQueueLength: number;
}

/** Relative size below which the rest of a geometric tail is dropped. */
const TAIL_EPSILON = 1e-17;

/**
 * M/M/n/K (Erlang C with K lines; Kleinrock 1975, §3.7; Koole 2013, ch. 5).
 *
 * Stationary law of the number in system j (a birth–death chain, PASTA
 * applies to arrivals): with ρ = a/n and π_n the mass of state n,
 *   Σ_{j<n} π_j / π_n = (n/a) / B(n−1, a)       (Erlang B identity)
 *   π_{n+m} / π_n = ρ^m,   m = 0..M,  M = K − n.
 * An arrival finding n+m (m < M) is accepted and waits for m+1 service
 * completions at rate nμ, i.e. an Erlang(m+1, nμ) time, so
 *   P(W > T | n+m found) = P(Poisson(nμT) ≤ m),
 * summed over m in log space. Blocking = π_K. Cost O(K) at most; for ρ < 1
 * the sum stops once the remaining geometric tail is below 1e-17.
 */
export function finiteLines(input: FiniteLinesInput): FiniteLinesResult {
  const where = 'finiteLines';
  const { mu, load } = toTraffic(where, input.arrivalRatePerHour, input.meanServiceSeconds);
  const { agents, lines, thresholdSeconds } = input;
  requireInteger(where, 'agents', agents, 1);
  requireInteger(where, 'lines', lines, agents);
  requireNonNegative(where, 'thresholdSeconds', thresholdSeconds);

  if (load === 0) {
    return {
      load,
      agents,
      lines,
      blocking: 0,
      pWait: 0,
      pWaitGivenAccepted: 0,
      asa: 0,
      serviceLevel: 1,
      serviceLevelOfOffered: 1,
      occupancy: 0,
      meanQueueLength: 0,
    };
  }

  const n = agents;
  const queueRoom = lines - n; // M
  const logRho = Math.log(load) - Math.log(n);
  // Terms ρ^m are scaled by the largest one (m = 0 if ρ ≤ 1, m = M if ρ > 1).
  const logScale = logRho > 0 ? queueRoom * logRho : 0;
  const logBelow = Math.log(n) - Math.log(load) + logInverseErlangB(n - 1, load); // Σ_{j<n} π_j/π_n

  const serviceRateT = n * mu * thresholdSeconds; // nμT
  const logServiceRateT = Math.log(serviceRateT); // −∞ when T = 0
  let logPoissonTerm = -serviceRateT; // ln P(Poisson(nμT) = m), starting at m = 0
  let logPoissonCdf = logPoissonTerm; // ln P(Poisson(nμT) ≤ m)

  let waiting = 0; // Σ_{m<M} ρ^m               (accepted, waits)
  let waitingWeighted = 0; // Σ_{m<M} ρ^m (m+1)  (for ASA)
  let waitingLate = 0; // Σ_{m<M} ρ^m P(W > T | m)
  let queueSum = 0; // Σ_{m≤M} m ρ^m             (queue length)
  const geometricTail = logRho < 0 ? 1 / -Math.expm1(logRho) : 0; // 1/(1−ρ)
  for (let m = 0; m < queueRoom; m++) {
    const term = Math.exp(m * logRho - logScale);
    waiting += term;
    waitingWeighted += term * (m + 1);
    waitingLate += term * Math.exp(logPoissonCdf);
    queueSum += term * m;
    if (m > 0 && logRho < 0) {
      // Remaining Σ_{j>m} (j+1)ρ^j ≤ ρ^{m+1}[(m+2)/(1−ρ) + 1/(1−ρ)²].
      const rest = term * ((m + 2) * geometricTail + geometricTail * geometricTail);
      if (rest < TAIL_EPSILON * waiting) break;
    }
    logPoissonTerm += logServiceRateT - Math.log(m + 1);
    logPoissonCdf = logAddExp(logPoissonCdf, logPoissonTerm);
  }
  const logFull = queueRoom * logRho - logScale; // ln ρ^M, scaled
  queueSum += queueRoom * Math.exp(logFull);

  const logAccepted = logAddExp(logBelow, Math.log(waiting) + logScale);
  const logTotal = logAddExp(logAccepted, logFull + logScale);
  const blocking = Math.exp(logFull + logScale - logTotal);
  const accepted = Math.exp(logAccepted - logTotal);
  const pWaitGivenAccepted = Math.exp(Math.log(waiting) + logScale - logAccepted);
  const lateGivenAccepted = Math.exp(Math.log(waitingLate) + logScale - logAccepted);
  const serviceLevel = clamp01(1 - lateGivenAccepted);
  return {
    load,
    agents,
    lines,
    blocking,
    pWait: Math.exp(Math.log(waiting) + logScale - logTotal),
    pWaitGivenAccepted,
    asa: Math.exp(Math.log(waitingWeighted) + logScale - logAccepted) / (n * mu),
    serviceLevel,
    serviceLevelOfOffered: serviceLevel * accepted,
    occupancy: clamp01((load * accepted) / n),
    meanQueueLength: Math.exp(Math.log(queueSum) + logScale - logTotal),
  };
}

function clamp01(x: number): number {
  return Math.min(1, Math.max(0, x));
}
