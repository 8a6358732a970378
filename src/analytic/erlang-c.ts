import { logInverseErlangB } from './erlang-b.js';
import { logAddExp } from '../kernel/numerics/log-space.js';
import { toTraffic } from './traffic.js';
import { requireInteger, requireNonNegative } from './validate.js';

/** Inputs of the Erlang C (M/M/n) delay model. */
export interface ErlangCInput {
  /** Offered calls per hour, ≥ 0. */
  readonly arrivalRatePerHour: number;
  /** Average handle time (AHT) in seconds, > 0. */
  readonly meanServiceSeconds: number;
  /** Number of agents, integer ≥ 1. */
  readonly agents: number;
  /** Service-level threshold T in seconds, ≥ 0. */
  readonly thresholdSeconds: number;
}

/** Erlang C measures when the load is below the number of agents. */
export interface ErlangCStable {
  readonly stable: true;
  /** Offered load a = λ·AHT, erlangs. */
  readonly load: number;
  readonly agents: number;
  /** P(an arrival waits) = C(n, a), the Erlang C formula. */
  readonly pWait: number;
  /** Average speed of answer: mean wait over all calls, seconds. */
  readonly asa: number;
  /** Mean wait of the calls that wait at all, seconds: AHT / (n − a). */
  readonly asaOfDelayed: number;
  /** P(W ≤ T) over all calls (no abandonment in this model). */
  readonly serviceLevel: number;
  /** Agent occupancy a / n. */
  readonly occupancy: number;
  /** Mean number of calls waiting (not in service). */
  readonly meanQueueLength: number;
}

/** Erlang C when a ≥ n: no steady state exists. */
export interface ErlangCUnstable {
  readonly stable: false;
  readonly load: number;
  readonly agents: number;
  readonly reason: 'load >= agents: the queue grows without bound';
  /** Every agent is busy all the time. */
  readonly occupancy: 1;
}

export type ErlangCResult = ErlangCStable | ErlangCUnstable;

interface Checked {
  readonly lambda: number;
  readonly mu: number;
  readonly load: number;
  readonly agents: number;
  readonly thresholdSeconds: number;
}

function check(where: string, input: ErlangCInput): Checked {
  const { lambda, mu, load } = toTraffic(where, input.arrivalRatePerHour, input.meanServiceSeconds);
  requireInteger(where, 'agents', input.agents, 1);
  requireNonNegative(where, 'thresholdSeconds', input.thresholdSeconds);
  return { lambda, mu, load, agents: input.agents, thresholdSeconds: input.thresholdSeconds };
}

/**
 * C(n, a) = B / (1 − ρ(1 − B)) with ρ = a/n, written as
 * 1/C = ρ + (1 − ρ)/B (Gans, Koole & Mandelbaum 2003, §4.1; Koole 2013,
 * ch. 5) and evaluated with ln(1/B) so it stays exact for thousands of
 * agents. Requires 0 < a < n.
 */
function erlangCProbability(agents: number, load: number): number {
  const logInvB = logInverseErlangB(agents, load);
  const rho = load / agents;
  const logInvC = logAddExp(Math.log(rho), Math.log((agents - load) / agents) + logInvB);
  return Math.exp(-logInvC);
}

/**
 * Erlang C (M/M/n, FCFS, infinite patience and waiting room): the
 * probability of waiting, ASA, service level and queue length.
 *
 * With λ arrivals/s, μ = 1/AHT, a = λ/μ < n and C = C(n, a)
 * (Gans, Koole & Mandelbaum 2003, §4.1; Kleinrock 1975, §3.5):
 *   P(W > t)  = C·e^{−(nμ−λ)t}          service level = 1 − C·e^{−(n−a)T/AHT}
 *   E[W]      = C / (nμ − λ)            E[W | W > 0] = 1 / (nμ − λ)
 *   E[Lq]     = C·a / (n − a)           occupancy    = a / n
 * When a ≥ n the result is `{ stable: false }` (never NaN or Infinity).
 */
export function erlangC(input: ErlangCInput): ErlangCResult {
  const { mu, load, agents, thresholdSeconds } = check('erlangC', input);
  if (load >= agents) {
    return {
      stable: false,
      load,
      agents,
      reason: 'load >= agents: the queue grows without bound',
      occupancy: 1,
    };
  }
  const pWait = load === 0 ? 0 : erlangCProbability(agents, load);
  const drain = (agents - load) * mu; // nμ − λ, per second
  return {
    stable: true,
    load,
    agents,
    pWait,
    asa: pWait / drain,
    asaOfDelayed: 1 / drain,
    serviceLevel: 1 - pWait * Math.exp(-drain * thresholdSeconds),
    occupancy: load / agents,
    meanQueueLength: (pWait * load) / (agents - load),
  };
}

/**
 * The p-quantile of the Erlang C waiting time, in seconds, for p in (0, 1).
 * W has an atom P(W = 0) = 1 − C and the tail P(W > t) = C·e^{−(nμ−λ)t}
 * (Gans, Koole & Mandelbaum 2003, §4.1), so the quantile is 0 when
 * p ≤ 1 − C and ln(C / (1 − p)) / (nμ − λ) otherwise. Returns +∞ when the
 * load is at least the number of agents (waits grow without bound).
 */
export function erlangCWaitQuantile(input: ErlangCInput, p: number): number {
  const { mu, load, agents } = check('erlangCWaitQuantile', input);
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    throw new RangeError(`erlangCWaitQuantile: p must be in (0, 1), got ${String(p)}`);
  }
  if (load >= agents) return Number.POSITIVE_INFINITY;
  const pWait = load === 0 ? 0 : erlangCProbability(agents, load);
  if (p <= 1 - pWait) return 0;
  return Math.log(pWait / (1 - p)) / ((agents - load) * mu);
}
