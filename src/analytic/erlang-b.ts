import { log1pExp } from '../kernel/numerics/log-space.js';
import { requireInteger, requireNonNegative } from './validate.js';

/**
 * Erlang B (Erlang loss formula): the probability that an arrival finds all
 * `servers` busy in an M/M/n/n (or M/G/n/n) loss system with offered load
 * `load` erlangs, B(n, a) = (aⁿ/n!) / Σ_{k=0}^{n} aᵏ/k!.
 *
 * Computed by the standard stable recursion (e.g. Koole, "Call Center
 * Optimization", 2013, ch. 5; Jagerman 1974):
 *   B(0, a) = 1,   B(k, a) = a·B(k−1, a) / (k + a·B(k−1, a)).
 * Every step is a ratio of positive numbers, so it never overflows and is
 * accurate for any number of servers; `load` may be any real ≥ 0.
 *
 * @param servers integer ≥ 0 (trunks, lines or agents)
 * @param load offered load a = λ/μ in erlangs, finite ≥ 0
 * @returns the blocking probability in [0, 1]
 */
export function erlangB(servers: number, load: number): number {
  requireInteger('erlangB', 'servers', servers, 0);
  requireNonNegative('erlangB', 'load', load);
  let b = 1;
  for (let k = 1; k <= servers; k++) {
    const ab = load * b;
    b = ab / (k + ab);
  }
  return b;
}

/**
 * ln(1/B(servers, load)), the same recursion in log space:
 *   1/B(k) = 1 + (k/a)·1/B(k−1),
 * so very small blocking probabilities (light load, thousands of servers),
 * which underflow as plain doubles, keep their exact magnitude. Returns +∞
 * when load = 0 and servers ≥ 1. Inputs are assumed valid (internal helper).
 */
export function logInverseErlangB(servers: number, load: number): number {
  if (servers === 0) return 0;
  if (load === 0) return Number.POSITIVE_INFINITY;
  const logLoad = Math.log(load);
  let logInv = 0;
  for (let k = 1; k <= servers; k++) {
    logInv = log1pExp(Math.log(k) - logLoad + logInv);
  }
  return logInv;
}
