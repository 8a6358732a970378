import { logPoissonKernel, shiftedHarmonicSum } from '../kernel/numerics/log-space.js';

/**
 * The queue part of the Erlang A (M/M/n+M) birth–death chain.
 *
 * With x = nμ/θ and y = λ/θ, the stationary probabilities above n agents
 * satisfy π_{n+k}/π_n = w_k = y^k / Π_{i=1}^{k} (x+i) (Garnett, Mandelbaum &
 * Reiman 2002, §2; Mandelbaum & Zeltyn 2004, §3). Their sum is Mandelbaum &
 * Zeltyn's A(x, y) = x·e^y·y^{−x}·γ(x, y) (γ the lower incomplete gamma
 * function). This module sums w_k and the weights needed for the wait
 * measures as plain series of positive terms, so nothing cancels:
 *
 *   total      = Σ w_k                             (= A(x, y))
 *   served     = Σ w_k · x/(x+k+1)                 P(served | k waiting ahead)
 *   abandoned  = Σ w_k · (k+1)/(x+k+1)             P(abandon | k ahead)
 *   servedWait = Σ w_k · x/(x+k+1) · H_k,  H_k = Σ_{i=1}^{k+1} 1/(x+i)
 *                                                  θ·E[W·1{served} | k ahead]
 *
 * The terms are unimodal (w_k/w_{k−1} = y/(x+k) decreases in k), so the sum
 * starts at the mode k* = max(0, ⌊y − x⌋) and walks both ways until the
 * rest, bounded by a geometric series, is below 1e-17 of each sum. The cost
 * is O(√y) terms in overload and O(min(√y, 1/(1−ρ))) below it, independent
 * of n. All sums are scaled by w_{k*}, whose logarithm is returned.
 */
export interface AbandonmentSeries {
  /** ln w_{k*}, the scale of every sum below. */
  readonly logScale: number;
  readonly total: number;
  readonly served: number;
  readonly abandoned: number;
  readonly servedWait: number;
}

const EPSILON = 1e-17;
/** A guard against parameters so extreme that the series cannot be summed. */
const MAX_TERMS = 200_000_000;

/** ln w_k for the mode k: direct for short products, Loader's kernel beyond. */
function logTerm(x: number, y: number, k: number): number {
  if (k === 0) return 0;
  if (k <= 64) {
    let sum = 0;
    for (let i = 1; i <= k; i++) sum += Math.log(y / (x + i));
    return sum;
  }
  // w_k = [y^{x+k} e^{−y}/Γ(x+k+1)] / [y^x e^{−y}/Γ(x+1)].
  return logPoissonKernel(x + k, y) - logPoissonKernel(x, y);
}

/**
 * Sums the Erlang A queue series for x = nμ/θ > 0 and y = λ/θ ≥ 0.
 */
export function abandonmentSeries(x: number, y: number): AbandonmentSeries {
  const mode = y > x + 1 ? Math.floor(y - x) : 0;
  const logScale = logTerm(x, y, mode);
  const hMode = shiftedHarmonicSum(x, mode + 1);

  let total = 0;
  let served = 0;
  let abandoned = 0;
  let servedWait = 0;
  let steps = 0;

  const add = (k: number, t: number, h: number): void => {
    const denominator = x + k + 1;
    const pServed = x / denominator;
    total += t;
    served += t * pServed;
    abandoned += (t * (k + 1)) / denominator;
    servedWait += t * pServed * h;
  };

  // Upward from the mode: ratio r = y/(x+k+1) < 1 and falling.
  let t = 1;
  let h = hMode;
  for (let k = mode; ;) {
    add(k, t, h);
    const r = y / (x + k + 1);
    t *= r;
    k += 1;
    h += 1 / (x + k + 1);
    if (t === 0) break;
    const rNext = y / (x + k + 1);
    const g = 1 / (1 - rNext); // Σ_j rNext^j
    // Rest of Σ t_j·c_j for weights c_j ≤ 1, ≤ (j+1)/(x+k+1) and ≤ H_j:
    const restPlain = t * g;
    const restAbandoned = (t * ((k + 1) * g + g * g)) / (x + k + 1);
    const restServed = (t * g * x) / (x + k + 1);
    const restWait = t * (h * g + (g * g) / (x + k + 1));
    if (
      restPlain <= EPSILON * total &&
      restServed <= EPSILON * served &&
      restAbandoned <= EPSILON * abandoned &&
      restWait <= EPSILON * servedWait
    ) {
      break;
    }
    if (++steps > MAX_TERMS) throw tooExtreme(x, y);
  }

  // Downward from the mode: t_{k} = t_{k+1}·(x+k+1)/y, ratio q = (x+k)/y ≤ 1.
  t = 1;
  h = hMode;
  for (let k = mode - 1; k >= 0; k--) {
    t *= (x + k + 1) / y;
    h -= 1 / (x + k + 2);
    add(k, t, h);
    if (t === 0) break;
    const q = (x + k) / y;
    if (q < 1) {
      // Below the mode every weight is at most its value here or ≤ 1.
      const rest = (t * q) / (1 - q);
      if (
        rest <= EPSILON * total &&
        rest * (x / (x + 1)) <= EPSILON * served &&
        (rest * (k + 1)) / (x + k + 1) <= EPSILON * abandoned &&
        rest * h <= EPSILON * servedWait
      ) {
        break;
      }
    }
    if (++steps > MAX_TERMS) throw tooExtreme(x, y);
  }

  return { logScale, total, served, abandoned, servedWait };
}

function tooExtreme(x: number, y: number): RangeError {
  return new RangeError(
    `erlangA: parameters too extreme to sum (nμ/θ = ${x}, λ/θ = ${y}); ` +
      'patience is far longer than any realistic wait: use erlangC instead',
  );
}
