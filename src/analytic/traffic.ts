import { requireNonNegative, requirePositive } from './validate.js';

/** Seconds in an hour: arrival rates are given per hour, times in seconds. */
export const SECONDS_PER_HOUR = 3600;

/** The offered traffic of one queue, in per-second units. */
export interface Traffic {
  /** Arrival rate λ, calls per second. */
  readonly lambda: number;
  /** Service rate μ = 1 / AHT of one agent, per second. */
  readonly mu: number;
  /** Offered load a = λ·AHT, in erlangs. */
  readonly load: number;
}

/**
 * Validates an arrival rate (calls per hour, ≥ 0) and a mean handle time
 * (seconds, > 0) and converts them to per-second rates and the offered load.
 */
export function toTraffic(where: string, arrivalRatePerHour: number, meanServiceSeconds: number): Traffic {
  requireNonNegative(where, 'arrivalRatePerHour', arrivalRatePerHour);
  requirePositive(where, 'meanServiceSeconds', meanServiceSeconds);
  const lambda = arrivalRatePerHour / SECONDS_PER_HOUR;
  const load = lambda * meanServiceSeconds;
  if (!Number.isFinite(load)) {
    throw new RangeError(`${where}: arrivalRatePerHour × meanServiceSeconds overflows (${String(load)})`);
  }
  return { lambda, mu: 1 / meanServiceSeconds, load };
}
