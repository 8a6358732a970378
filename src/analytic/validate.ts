/**
 * Input checks shared by the analytic formulas. Each throws a RangeError
 * naming the function, the field and what was expected, so a bad number
 * never turns into a silent NaN further down.
 */

function describe(value: number): string {
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/** A finite number ≥ 0. */
export function requireNonNegative(where: string, field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${where}: ${field} must be a finite number ≥ 0, got ${describe(value)}`);
  }
}

/** A finite number > 0. */
export function requirePositive(where: string, field: string, value: number): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new RangeError(`${where}: ${field} must be a finite number > 0, got ${describe(value)}`);
  }
}

/** An integer ≥ min. */
export function requireInteger(where: string, field: string, value: number, min: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) {
    throw new RangeError(`${where}: ${field} must be an integer ≥ ${min}, got ${describe(value)}`);
  }
}

/** A number in [lo, hi]. */
export function requireInRange(where: string, field: string, value: number, lo: number, hi: number): void {
  if (typeof value !== 'number' || Number.isNaN(value) || value < lo || value > hi) {
    throw new RangeError(`${where}: ${field} must be in [${lo}, ${hi}], got ${describe(value)}`);
  }
}
