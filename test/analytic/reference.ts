/**
 * Independent reference computations for the analytic tests. Nothing here
 * imports src/: the stationary laws come from solving a truncated
 * generator by Gaussian elimination, and the waiting-time laws from
 * uniformisation and first-step analysis of a tagged caller's absorbing
 * Markov chain. Plain double arithmetic, small systems only (≤ a few
 * hundred states).
 */
import { expect } from 'vitest';

/**
 * Stationary distribution of a birth–death chain on 0..maxState with the
 * given birth and death rates, by solving πQ = 0, Σπ = 1 as a dense linear
 * system (Gaussian elimination with partial pivoting).
 */
export function stationaryByElimination(
  birth: (j: number) => number,
  death: (j: number) => number,
  maxState: number,
): number[] {
  const size = maxState + 1;
  // Row i of A is equation i: Σ_j π_j Q[j][i] = 0 (i.e. A = Qᵀ), the last row replaced by Σπ = 1.
  const a: number[][] = Array.from({ length: size }, () => new Array<number>(size + 1).fill(0));
  for (let j = 0; j <= maxState; j++) {
    const up = j < maxState ? birth(j) : 0;
    const down = j > 0 ? death(j) : 0;
    if (up > 0) a[j + 1]![j] += up;
    if (down > 0) a[j - 1]![j] += down;
    a[j]![j] -= up + down;
  }
  for (let j = 0; j < size; j++) a[maxState]![j] = 1;
  a[maxState]![size] = 1;
  for (let col = 0; col < size; col++) {
    let pivot = col;
    for (let r = col + 1; r < size; r++) {
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]!;
    for (let r = col + 1; r < size; r++) {
      const row = a[r]!;
      const f = row[col]! / p[col]!;
      if (f === 0) continue;
      for (let c = col; c <= size; c++) row[c]! -= f * p[c]!;
    }
  }
  const pi = new Array<number>(size).fill(0);
  for (let r = size - 1; r >= 0; r--) {
    let s = a[r]![size]!;
    for (let c = r + 1; c < size; c++) s -= a[r]![c]! * pi[c]!;
    pi[r] = s / a[r]![r]!;
  }
  return pi;
}

/**
 * The same stationary distribution from detailed balance,
 * π_{j+1} = π_j·birth(j)/death(j+1), normalised at the end. Every step is a
 * product of positive numbers, so even probabilities of 1e-30 keep their
 * relative accuracy (elimination only gives them to about 1e-16 absolute).
 */
export function stationaryByBalance(
  birth: (j: number) => number,
  death: (j: number) => number,
  maxState: number,
): number[] {
  const pi = [1];
  for (let j = 1; j <= maxState; j++) pi.push((pi[j - 1]! * birth(j - 1)) / death(j));
  let total = 0;
  for (let j = maxState; j >= 0; j--) total += pi[j]!;
  return pi.map((p) => p / total);
}

/** What happens to a caller who finds k callers waiting ahead of it. */
export interface TaggedCaller {
  /** P(served) for k = 0..maxAhead. */
  readonly served: number[];
  /** P(served and wait ≤ T). */
  readonly servedWithinT: number[];
  /** E[wait · 1{served}], seconds. */
  readonly servedWait: number[];
  /** E[wait] until served or abandoned, seconds. */
  readonly meanWait: number[];
}

/**
 * A tagged waiting caller in M/M/n+M with k callers ahead: stage i (i
 * ahead) ends by advancing at rate c + iθ (to stage i−1, or into service
 * from stage 0) or by the caller abandoning at rate θ. P(served within T)
 * comes from uniformisation of this absorbing chain (rate Λ = c + (K+1)θ,
 * Poisson weights summed until they are negligible); the other measures
 * from first-step analysis. θ = 0 gives the Erlang C / M/M/n/K case.
 */
export function taggedCaller(
  c: number,
  theta: number,
  maxAhead: number,
  thresholdSeconds: number,
): TaggedCaller {
  const size = maxAhead + 1;
  const served: number[] = [];
  const servedWait: number[] = [];
  const meanWait: number[] = [];
  for (let i = 0; i < size; i++) {
    const advance = c + i * theta;
    const rate = advance + theta;
    const pAdvance = advance / rate;
    const before = i === 0 ? 1 : served[i - 1]!;
    const beforeWait = i === 0 ? 0 : servedWait[i - 1]!;
    const beforeMean = i === 0 ? 0 : meanWait[i - 1]!;
    served.push(pAdvance * before);
    // E[W·1{S}] = E[stage time]·P(S) + P(advance)·E[rest·1{S}]
    servedWait.push((pAdvance * before) / rate + pAdvance * beforeWait);
    meanWait.push(1 / rate + pAdvance * beforeMean);
  }

  const uniform = c + size * theta;
  const lt = uniform * thresholdSeconds;
  // u[i] = P(absorbed into service within m uniformised steps | stage i)
  let u = new Array<number>(size).fill(0);
  const within = new Array<number>(size).fill(0);
  let logWeight = -lt; // ln Poisson(m; ΛT)
  let accumulated = 0;
  for (let m = 0; ; m++) {
    const w = Math.exp(logWeight);
    for (let i = 0; i < size; i++) within[i] += w * u[i]!;
    accumulated += w;
    if (m > lt && 1 - accumulated < 1e-17) break;
    if (m > lt + 50 * Math.sqrt(lt + 1) + 200) break;
    const next = new Array<number>(size);
    for (let i = 0; i < size; i++) {
      const advance = (c + i * theta) / uniform;
      const stay = 1 - (c + (i + 1) * theta) / uniform;
      next[i] = advance * (i === 0 ? 1 : u[i - 1]!) + stay * u[i]!;
    }
    u = next;
    logWeight += Math.log(lt) - Math.log(m + 1);
  }
  return { served, servedWithinT: within, servedWait, meanWait };
}

/** Reference Erlang A / Erlang C measures from the two computations above. */
export interface QueueReference {
  readonly pWait: number;
  readonly pAbandon: number;
  readonly asa: number;
  readonly meanWait: number;
  readonly serviceLevel: number;
  readonly meanQueueLength: number;
  /** Mass of the truncated top state, to check the truncation. */
  readonly topMass: number;
}

/**
 * M/M/n+M (θ > 0) or M/M/n (θ = 0) truncated at n + maxAhead callers, rates
 * per second. PASTA: an arrival sees the stationary law, obtained by
 * `solver`.
 */
export function queueReference(
  lambda: number,
  mu: number,
  agents: number,
  theta: number,
  thresholdSeconds: number,
  maxAhead: number,
  solver: typeof stationaryByBalance = stationaryByBalance,
): QueueReference {
  const maxState = agents + maxAhead;
  const pi = solver(
    () => lambda,
    (j) => Math.min(j, agents) * mu + Math.max(j - agents, 0) * theta,
    maxState,
  );
  const tagged = taggedCaller(agents * mu, theta, maxAhead, thresholdSeconds);
  let pWait = 0;
  let pAbandon = 0;
  let servedWaitSum = 0;
  let meanWait = 0;
  let serviceLevel = 0;
  let queue = 0;
  for (let j = 0; j <= maxState; j++) {
    const p = pi[j]!;
    if (j < agents) {
      serviceLevel += p;
      continue;
    }
    const k = j - agents;
    pWait += p;
    pAbandon += p * (1 - tagged.served[k]!);
    servedWaitSum += p * tagged.servedWait[k]!;
    meanWait += p * tagged.meanWait[k]!;
    serviceLevel += p * tagged.servedWithinT[k]!;
    queue += p * k;
  }
  return {
    pWait,
    pAbandon,
    asa: servedWaitSum / (1 - pAbandon),
    meanWait,
    serviceLevel,
    meanQueueLength: queue,
    topMass: pi[maxState]!,
  };
}

/** Reference M/M/n/K measures (blocking at K lines). */
export interface LinesReference {
  readonly blocking: number;
  readonly pWait: number;
  readonly asa: number;
  readonly serviceLevel: number;
  readonly meanQueueLength: number;
}

export function linesReference(
  lambda: number,
  mu: number,
  agents: number,
  lines: number,
  thresholdSeconds: number,
): LinesReference {
  const pi = stationaryByElimination(
    () => lambda,
    (j) => Math.min(j, agents) * mu,
    lines,
  );
  const tagged = taggedCaller(agents * mu, 0, Math.max(lines - agents, 0), thresholdSeconds);
  const blocking = pi[lines]!;
  let pWait = 0;
  let waitSum = 0;
  let within = 0;
  let queue = 0;
  for (let j = 0; j <= lines; j++) {
    const p = pi[j]!;
    if (j >= agents) queue += p * (j - agents);
    if (j === lines) continue;
    if (j < agents) {
      within += p;
      continue;
    }
    pWait += p;
    waitSum += p * tagged.servedWait[j - agents]!;
    within += p * tagged.servedWithinT[j - agents]!;
  }
  const accepted = 1 - blocking;
  return {
    blocking,
    pWait,
    asa: waitSum / accepted,
    serviceLevel: within / accepted,
    meanQueueLength: queue,
  };
}

/** |actual − expected| ≤ rel·|expected| + abs. */
export function expectClose(actual: number, expected: number, rel = 1e-9, abs = 1e-14): void {
  const tolerance = rel * Math.abs(expected) + abs;
  if (!(Math.abs(actual - expected) <= tolerance)) {
    expect.fail(`expected ${actual} to be within ${tolerance} of ${expected}`);
  }
}

/** Every number reachable in a plain-data value is finite. */
export function allFinite(value: unknown): boolean {
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(allFinite);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allFinite);
  return true;
}

/** Every number reachable in a plain-data value is ≥ 0. */
export function allNonNegative(value: unknown): boolean {
  if (typeof value === 'number') return value >= 0;
  if (Array.isArray(value)) return value.every(allNonNegative);
  if (value !== null && typeof value === 'object') return Object.values(value).every(allNonNegative);
  return true;
}
