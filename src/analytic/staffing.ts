import { erlangA, type ErlangAResult } from './erlang-a.js';
import { erlangC, type ErlangCStable } from './erlang-c.js';
import { toTraffic } from './traffic.js';
import { requireInRange, requireInteger, requireNonNegative, requirePositive } from './validate.js';

/** Targets for Erlang C staffing; every given target must be met. */
export interface StaffErlangCInput {
  /** Offered calls per hour, ≥ 0. */
  readonly arrivalRatePerHour: number;
  /** Average handle time in seconds, > 0. */
  readonly meanServiceSeconds: number;
  /** Service-level threshold T in seconds, ≥ 0. */
  readonly thresholdSeconds: number;
  /** Required P(W ≤ T) in [0, 1] (a target of 1 is reported infeasible). */
  readonly targetServiceLevel: number;
  /** Optional ceiling on the ASA, seconds ≥ 0. */
  readonly maxAsaSeconds?: number | undefined;
  /** Optional ceiling on occupancy, in (0, 1]. */
  readonly maxOccupancy?: number | undefined;
  /** Largest staffing searched, integer ≥ 1; default 100 000. */
  readonly maxAgents?: number | undefined;
}

/** Targets for Erlang A staffing (service level over all offered calls). */
export interface StaffErlangAInput extends StaffErlangCInput {
  /** Mean patience in seconds, finite > 0. */
  readonly meanPatienceSeconds: number;
  /** Optional ceiling on the fraction of calls abandoning, in [0, 1]. */
  readonly maxAbandonRate?: number | undefined;
}

export interface ErlangStaffingFeasible<R> {
  readonly feasible: true;
  /** The fewest agents meeting every target. */
  readonly agents: number;
  /** The model's measures at that staffing. */
  readonly achieved: R;
}

export interface ErlangStaffingInfeasible {
  readonly feasible: false;
  readonly reason: string;
}

export type ErlangStaffingResult<R> = ErlangStaffingFeasible<R> | ErlangStaffingInfeasible;

/** Default cap of the search. */
export const DEFAULT_MAX_AGENTS = 100_000;

interface CheckedTargets {
  readonly load: number;
  readonly maxAgents: number;
}

function checkTargets(where: string, input: StaffErlangCInput): CheckedTargets {
  const { load } = toTraffic(where, input.arrivalRatePerHour, input.meanServiceSeconds);
  requireNonNegative(where, 'thresholdSeconds', input.thresholdSeconds);
  requireInRange(where, 'targetServiceLevel', input.targetServiceLevel, 0, 1);
  if (input.maxAsaSeconds !== undefined) requireNonNegative(where, 'maxAsaSeconds', input.maxAsaSeconds);
  if (input.maxOccupancy !== undefined) {
    requirePositive(where, 'maxOccupancy', input.maxOccupancy);
    requireInRange(where, 'maxOccupancy', input.maxOccupancy, 0, 1);
  }
  const maxAgents = input.maxAgents ?? DEFAULT_MAX_AGENTS;
  requireInteger(where, 'maxAgents', maxAgents, 1);
  return { load, maxAgents };
}

/** Targets that no finite staffing reaches while calls arrive. */
function unreachable(input: StaffErlangCInput, load: number): string | undefined {
  if (load === 0) return undefined;
  if (input.targetServiceLevel >= 1) {
    return 'a service level of 1 needs infinitely many agents (some call always waits)';
  }
  if (input.maxAsaSeconds === 0) return 'an ASA of 0 needs infinitely many agents';
  return undefined;
}

/**
 * The smallest n in [lo, cap] with meets(n), for a predicate that is false
 * then true as n grows (service level, ASA, abandonment and occupancy are
 * monotone in the number of agents). Gallops up from `guess` (or bisects
 * below it), then bisects, then checks n − 1 directly so a rounding wobble
 * in the predicate cannot leave a smaller feasible n behind. O(log n)
 * evaluations. Returns undefined when even `cap` fails.
 */
function smallestMeeting(
  meets: (n: number) => boolean,
  lo: number,
  guess: number,
  cap: number,
): number | undefined {
  let fail = lo - 1; // largest n known to fail (lo − 1 by assumption)
  let pass: number;
  const start = Math.min(Math.max(guess, lo), cap);
  if (meets(start)) {
    pass = start;
  } else {
    fail = start;
    let step = 1;
    for (;;) {
      if (fail >= cap) return undefined;
      const next = Math.min(fail + step, cap);
      if (meets(next)) {
        pass = next;
        break;
      }
      fail = next;
      step *= 2;
    }
  }
  while (pass - fail > 1) {
    const mid = fail + Math.floor((pass - fail) / 2);
    if (meets(mid)) pass = mid;
    else fail = mid;
  }
  while (pass - 1 >= lo && meets(pass - 1)) pass -= 1;
  return pass;
}

/**
 * Erlang C staffing: the fewest agents n with a < n (a stable queue) such
 * that P(W ≤ T) ≥ targetServiceLevel and, when given, ASA ≤ maxAsaSeconds
 * and occupancy a/n ≤ maxOccupancy (the usual workforce-management
 * "80/20" calculation; Koole 2013, ch. 5). The search starts at ⌊a⌋ + 1
 * (and at a/maxOccupancy), so it takes a few milliseconds for 5000 agents.
 */
export function staffErlangC(input: StaffErlangCInput): ErlangStaffingResult<ErlangCStable> {
  const { load, maxAgents } = checkTargets('staffErlangC', input);
  const impossible = unreachable(input, load);
  if (impossible !== undefined) return { feasible: false, reason: impossible };
  const evaluate = (agents: number) =>
    erlangC({
      arrivalRatePerHour: input.arrivalRatePerHour,
      meanServiceSeconds: input.meanServiceSeconds,
      agents,
      thresholdSeconds: input.thresholdSeconds,
    });
  const meets = (agents: number): boolean => {
    const r = evaluate(agents);
    return (
      r.stable &&
      r.serviceLevel >= input.targetServiceLevel &&
      (input.maxAsaSeconds === undefined || r.asa <= input.maxAsaSeconds) &&
      (input.maxOccupancy === undefined || r.occupancy <= input.maxOccupancy)
    );
  };
  const lo = Math.floor(load) + 1;
  if (lo > maxAgents) return tooMany(maxAgents);
  const guess = input.maxOccupancy === undefined ? lo : Math.ceil(load / input.maxOccupancy);
  const agents = smallestMeeting(meets, lo, guess, maxAgents);
  if (agents === undefined) return tooMany(maxAgents);
  const achieved = evaluate(agents);
  if (!achieved.stable) return tooMany(maxAgents); // unreachable: meets() required stability
  return { feasible: true, agents, achieved };
}

/**
 * Erlang A staffing: the fewest agents n ≥ 1 such that
 * P(answered within T) over all offered calls ≥ targetServiceLevel and,
 * when given, ASA of answered calls ≤ maxAsaSeconds, abandonment ≤
 * maxAbandonRate and occupancy ≤ maxOccupancy. With abandonment the
 * answer may be below the offered load (Garnett, Mandelbaum & Reiman
 * 2002), so the search starts near the load and moves both ways.
 */
export function staffErlangA(input: StaffErlangAInput): ErlangStaffingResult<ErlangAResult> {
  const where = 'staffErlangA';
  const { load, maxAgents } = checkTargets(where, input);
  requirePositive(where, 'meanPatienceSeconds', input.meanPatienceSeconds);
  if (input.maxAbandonRate !== undefined) {
    requireInRange(where, 'maxAbandonRate', input.maxAbandonRate, 0, 1);
  }
  const impossible = unreachable(input, load);
  if (impossible !== undefined) return { feasible: false, reason: impossible };
  if (load > 0 && input.maxAbandonRate === 0) {
    return { feasible: false, reason: 'an abandonment rate of 0 needs infinitely many agents' };
  }
  const evaluate = (agents: number) =>
    erlangA({
      arrivalRatePerHour: input.arrivalRatePerHour,
      meanServiceSeconds: input.meanServiceSeconds,
      agents,
      thresholdSeconds: input.thresholdSeconds,
      meanPatienceSeconds: input.meanPatienceSeconds,
    });
  const meets = (agents: number): boolean => {
    const r = evaluate(agents);
    return (
      r.serviceLevel >= input.targetServiceLevel &&
      (input.maxAsaSeconds === undefined || r.asa <= input.maxAsaSeconds) &&
      (input.maxAbandonRate === undefined || r.pAbandon <= input.maxAbandonRate) &&
      (input.maxOccupancy === undefined || r.occupancy <= input.maxOccupancy)
    );
  };
  const guess = Math.max(1, Math.ceil(load));
  const agents = smallestMeeting(meets, 1, guess, maxAgents);
  if (agents === undefined) return tooMany(maxAgents);
  return { feasible: true, agents, achieved: evaluate(agents) };
}

function tooMany(maxAgents: number): ErlangStaffingInfeasible {
  return { feasible: false, reason: `no staffing up to maxAgents = ${maxAgents} meets the targets` };
}
