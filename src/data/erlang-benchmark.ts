/**
 * Erlang C and Erlang A with a log's own inputs, interval by interval: the closed-form benchmark a
 * back-test puts beside the simulation. The formulas are src/analytic's (erlangC, erlangA); this
 * module only feeds them and handles what they do not take:
 *
 * - FRACTIONAL AGENTS (an inferred staffing of 7.4): the interval is read as staffed with ⌊n⌋ agents
 *   for a share 1 − f of the time and ⌈n⌉ for a share f (f = n − ⌊n⌋), each share in its own steady
 *   state. Per-offered fractions (service level, abandonment, P(wait)) are then interpolated
 *   linearly between ⌊n⌋ and ⌈n⌉; ASA, a mean over answered calls, is the ratio of the mixed sums
 *   (Σ share·P(answered)·ASA ÷ Σ share·P(answered)), the same ratio-of-sums rule as kpis.ts. At an
 *   integer n the values are analytic's exactly.
 * - ZERO AGENTS (⌊n⌋ = 0): nobody is answered. Erlang C: service level 0, no ASA. Erlang A: every
 *   caller abandons (abandonment 1, mean wait = mean patience), service level 0.
 * - OVERLOAD in Erlang C (load λ·AHT ≥ agents, no steady state): service level 0 (in the long run
 *   every caller waits without bound) and ASA null; `stable` is false. In the fractional mixture the
 *   service level is f·SL(⌈n⌉) when only ⌊n⌋ is overloaded, and ASA is null whenever a share is
 *   overloaded (infinite waits). Erlang A is always stable.
 * - NO ABANDONMENT observed (`meanPatienceSeconds` null: infinite patience): Erlang A is Erlang C
 *   (abandonment 0, and overload as above).
 * - NO CALLS (offered 0) or no handle time: every KPI null (nothing to measure).
 *
 * The service levels are over all offered calls (Erlang C's P(W ≤ T); Erlang A's P(answered and
 * W ≤ T)), i.e. kpis.ts's `serviceLevel` without a short-abandon exclusion. Both are steady-state
 * models of one interval on its own: the queue carried in from the interval before is ignored.
 */
import { erlangA } from '../analytic/erlang-a.js';
import { erlangC } from '../analytic/erlang-c.js';
import type { ObservedTallies } from './observed-kpis.js';

export interface ErlangBenchmarkInput {
  /** Calls offered in the interval (the observed count). */
  readonly offered: number;
  /** Interval length, seconds; the arrival rate is offered × 3600 ÷ intervalSeconds per hour. */
  readonly intervalSeconds: number;
  /** Mean handle time, seconds; null when the interval has none (then every KPI is null). */
  readonly meanHandleSeconds: number | null;
  /** Agents, possibly fractional (see the module comment); ≥ 0. */
  readonly agents: number;
  /** Mean of the exponential patience, seconds; null = infinite (no abandonment). */
  readonly meanPatienceSeconds: number | null;
  /** Service-level threshold T, seconds. */
  readonly thresholdSeconds: number;
}

export interface ErlangCBenchmark {
  /** False when ⌊agents⌋ ≤ load (no steady state for some of the interval's time). */
  readonly stable: boolean;
  readonly serviceLevel: number | null;
  readonly asa: number | null;
  readonly pWait: number | null;
  /** Always 0 in Erlang C (infinite patience); null when there are no calls. */
  readonly abandonRate: number | null;
}

export interface ErlangABenchmark {
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  readonly asa: number | null;
  /** Mean wait of all offered calls (answered or abandoned), seconds. */
  readonly meanWait: number | null;
  readonly pWait: number | null;
}

export interface ErlangBenchmark {
  /** Offered load λ·AHT, erlangs; null without calls or handle time. */
  readonly load: number | null;
  readonly agents: number;
  readonly erlangC: ErlangCBenchmark;
  readonly erlangA: ErlangABenchmark;
}

/** One steady state at an integer number of agents, as per-offered fractions and sums. */
interface Point {
  readonly stable: boolean;
  readonly serviceLevel: number;
  readonly abandonRate: number;
  readonly pWait: number;
  /** P(answered). */
  readonly answered: number;
  /** E[wait · 1{answered}] (NaN when unstable). */
  readonly waitAnswered: number;
  /** E[wait] over all offered (NaN when unstable). */
  readonly meanWait: number;
}

const NOBODY_ANSWERS_C: Point = {
  stable: false,
  serviceLevel: 0,
  abandonRate: 0,
  pWait: 1,
  answered: 0,
  waitAnswered: NaN,
  meanWait: NaN,
};

function erlangCPoint(agents: number, ratePerHour: number, aht: number, thresholdSeconds: number): Point {
  if (agents === 0) return NOBODY_ANSWERS_C;
  const c = erlangC({
    arrivalRatePerHour: ratePerHour,
    meanServiceSeconds: aht,
    agents,
    thresholdSeconds,
  });
  if (!c.stable) return NOBODY_ANSWERS_C;
  return {
    stable: true,
    serviceLevel: c.serviceLevel,
    abandonRate: 0,
    pWait: c.pWait,
    answered: 1,
    waitAnswered: c.asa,
    meanWait: c.asa,
  };
}

function erlangAPoint(
  agents: number,
  ratePerHour: number,
  aht: number,
  thresholdSeconds: number,
  patience: number | null,
): Point {
  if (patience === null) return erlangCPoint(agents, ratePerHour, aht, thresholdSeconds);
  if (agents === 0) {
    return {
      stable: true,
      serviceLevel: 0,
      abandonRate: 1,
      pWait: 1,
      answered: 0,
      waitAnswered: 0,
      meanWait: patience,
    };
  }
  const a = erlangA({
    arrivalRatePerHour: ratePerHour,
    meanServiceSeconds: aht,
    agents,
    thresholdSeconds,
    meanPatienceSeconds: patience,
  });
  const answered = 1 - a.pAbandon;
  return {
    stable: true,
    serviceLevel: a.serviceLevel,
    abandonRate: a.pAbandon,
    pWait: a.pWait,
    answered,
    waitAnswered: a.asa * answered,
    meanWait: a.meanWait,
  };
}

/** The time mixture of two steady states: share 1 − f at `lo`, f at `hi` (f in [0, 1)). */
function mix(lo: Point, hi: Point, f: number): Omit<Point, 'stable'> & { asa: number | null } {
  const lin = (x: number, y: number) => (f === 0 ? x : (1 - f) * x + f * y);
  const answered = lin(lo.answered, hi.answered);
  const waitAnswered = lin(lo.waitAnswered, hi.waitAnswered);
  return {
    serviceLevel: lin(lo.serviceLevel, hi.serviceLevel),
    abandonRate: lin(lo.abandonRate, hi.abandonRate),
    pWait: lin(lo.pWait, hi.pWait),
    answered,
    waitAnswered,
    meanWait: lin(lo.meanWait, hi.meanWait),
    // NaN (an overloaded share: infinite waits) stays NaN and gives no ASA.
    asa: answered > 0 && Number.isFinite(waitAnswered) ? waitAnswered / answered : null,
  };
}

const finiteOrNull = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** Erlang C and A for one interval (see the module comment for fractional and zero agents, overload). */
export function erlangBenchmark(input: ErlangBenchmarkInput): ErlangBenchmark {
  const { offered, intervalSeconds, meanHandleSeconds, agents, thresholdSeconds } = input;
  if (!(agents >= 0) || !Number.isFinite(agents)) {
    throw new RangeError(`erlangBenchmark: agents must be a finite number ≥ 0, got ${String(agents)}`);
  }
  if (!(intervalSeconds > 0) || !(offered >= 0) || !(thresholdSeconds >= 0)) {
    throw new RangeError('erlangBenchmark: intervalSeconds must be > 0, offered and thresholdSeconds ≥ 0');
  }
  const patience = input.meanPatienceSeconds;
  if (patience !== null && !(patience > 0 && Number.isFinite(patience))) {
    throw new RangeError(
      `erlangBenchmark: meanPatienceSeconds must be finite > 0 or null, got ${String(patience)}`,
    );
  }
  if (offered === 0 || meanHandleSeconds === null || !(meanHandleSeconds > 0)) {
    const none = { serviceLevel: null, asa: null, pWait: null, abandonRate: null };
    return {
      load: null,
      agents,
      erlangC: { stable: true, ...none },
      erlangA: { ...none, meanWait: null },
    };
  }
  const ratePerHour = (offered * 3600) / intervalSeconds;
  const lo = Math.floor(agents);
  const f = agents - lo;
  const hi = f > 0 ? lo + 1 : lo;

  const cLo = erlangCPoint(lo, ratePerHour, meanHandleSeconds, thresholdSeconds);
  const cHi = f > 0 ? erlangCPoint(hi, ratePerHour, meanHandleSeconds, thresholdSeconds) : cLo;
  const c = mix(cLo, cHi, f);
  const aLo = erlangAPoint(lo, ratePerHour, meanHandleSeconds, thresholdSeconds, patience);
  const aHi = f > 0 ? erlangAPoint(hi, ratePerHour, meanHandleSeconds, thresholdSeconds, patience) : aLo;
  const a = mix(aLo, aHi, f);
  return {
    load: (ratePerHour * meanHandleSeconds) / 3600,
    agents,
    erlangC: {
      stable: cLo.stable,
      serviceLevel: c.serviceLevel,
      asa: c.asa,
      pWait: c.pWait,
      abandonRate: 0,
    },
    erlangA: {
      serviceLevel: a.serviceLevel,
      abandonRate: a.abandonRate,
      asa: a.asa,
      meanWait: finiteOrNull(a.meanWait),
      pWait: a.pWait,
    },
  };
}

/** An observed KPI that `impliedAgents` matches. */
export interface ObservedTarget {
  readonly kpi: 'serviceLevel' | 'abandonRate' | 'asa';
  readonly value: number;
}

/**
 * The Erlang-implied effective staffing: the (fractional, as in `erlangBenchmark`) number of agents
 * for which Erlang A with the interval's own offered calls, handle time and patience reproduces an
 * observed KPI — how many agents the center behaved as if it had. Found by bisection (the KPI is
 * monotone in the agents: service level rises, abandonment and ASA fall) on [0, load + 10·√load +
 * 10]; null when the value is out of reach there (e.g. an abandonment of 0, which no finite
 * staffing gives), or without calls or handle time. It is fitted to the observed KPI, so a back-test that
 * used it as its staffing would be circular: it is a diagnostic beside the activity-based
 * estimators of staffing-inference.ts.
 */
export function impliedAgents(
  input: Omit<ErlangBenchmarkInput, 'agents'>,
  target: ObservedTarget,
): number | null {
  const at = (agents: number): number | null => erlangBenchmark({ ...input, agents }).erlangA[target.kpi];
  const rising = target.kpi === 'serviceLevel';
  const probe = erlangBenchmark({ ...input, agents: 0 });
  if (probe.load === null) return null;
  let lo = 0;
  let hi = probe.load + 10 * Math.sqrt(probe.load) + 10;
  const below = (n: number): boolean => {
    const v = at(n);
    // No ASA (nobody answered) reads as an infinite wait.
    const value = v ?? Number.POSITIVE_INFINITY;
    return rising ? value < target.value : value > target.value;
  };
  if (!below(lo)) return 0;
  if (below(hi)) return null;
  for (let k = 0; k < 60 && hi - lo > 1e-9; k++) {
    const mid = (lo + hi) / 2;
    if (below(mid)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Mean patience under exponential patience, by maximum likelihood with the waits of answered calls
 * as censored observations: Σ waits of all offered calls ÷ abandons (the abandons ÷ total time
 * waited rate, inverted). Null without abandons (no evidence of impatience: infinite patience).
 */
export function exponentialPatienceOf(tallies: ObservedTallies): number | null {
  if (tallies.abandoned === 0) return null;
  const waited = tallies.waitAnswered + tallies.waitAbandoned;
  return waited > 0 ? waited / tallies.abandoned : null;
}

/**
 * Erlang C and A for an observed interval summed over `days` days (an ObservedInterval's
 * `tallies`): offered calls per day = Σ offered ÷ days, handle time = Σ talk ÷ Σ answered, mean
 * patience = the interval's own exponential estimate unless given.
 */
export function benchmarkObserved(
  tallies: ObservedTallies,
  options: {
    readonly days: number;
    readonly intervalSeconds: number;
    readonly agents: number;
    readonly thresholdSeconds: number;
    readonly meanPatienceSeconds?: number | null;
  },
): ErlangBenchmark {
  if (!(options.days > 0)) {
    throw new RangeError(`benchmarkObserved: days must be > 0, got ${String(options.days)}`);
  }
  return erlangBenchmark({
    offered: tallies.offered / options.days,
    intervalSeconds: options.intervalSeconds,
    meanHandleSeconds: tallies.answered > 0 ? tallies.talkTime / tallies.answered : null,
    agents: options.agents,
    meanPatienceSeconds:
      options.meanPatienceSeconds === undefined
        ? exponentialPatienceOf(tallies)
        : options.meanPatienceSeconds,
    thresholdSeconds: options.thresholdSeconds,
  });
}
