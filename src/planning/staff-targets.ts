/**
 * The inputs of a staffing plan as a planner writes them: service-level
 * targets (`80/20`), fractions (`5%`), what-if changes (`+10%`, `x1.1`),
 * and the targets a plan is for (the options', else the scenario's own).
 */
import type { LoadedScenario } from '../model/scenario/index.js';
import type { StaffResult, StaffTargets } from '../results/staff.js';

/** `80/20` → service level 0.8 within 20 s; `0.8/20s` too. */
export function parseServiceTarget(text: string): { serviceLevel: number; threshold: number } {
  const m = /^\s*([\d.]+)\s*(%?)\s*\/\s*([\d.]+)\s*s?\s*$/.exec(text);
  if (m === null)
    throw new RangeError(`--target: expected X/T such as 80/20 (80% within 20 s), got "${text}"`);
  let level = Number(m[1]);
  if (m[2] === '%' || level > 1) level /= 100;
  const threshold = Number(m[3]);
  if (!(level > 0 && level < 1) || !(threshold >= 0))
    throw new RangeError(
      `--target: expected a service level between 0 and 100% and a threshold ≥ 0 s, got "${text}"`,
    );
  return { serviceLevel: level, threshold };
}

/** `5%` or `0.05` → 0.05. */
export function parseFraction(text: string, flag: string): number {
  const m = /^\s*([\d.]+)\s*(%?)\s*$/.exec(text);
  const value = m === null ? NaN : Number(m[1]) / (m[2] === '%' ? 100 : 1);
  if (!(value >= 0 && value <= 1))
    throw new RangeError(`${flag}: expected a fraction such as 5% or 0.05, got "${text}"`);
  return value;
}

/** The largest what-if factor accepted: beyond it a plan is surely a typo (and its runs would not end). */
export const MAX_CHANGE_FACTOR = 100;

/**
 * A what-if change → a multiplier: a signed percentage (`+10%`, `-5%`) or a
 * factor (`x1.1`, `×1.1`, `*1.1`). A bare number is refused: `+10` could
 * mean +10% or ×10.
 */
export function parseChange(text: string, flag: string): number {
  const trimmed = text.trim();
  const percent = /^([+-])\s*(\d+(?:\.\d+)?|\.\d+)\s*%$/.exec(trimmed);
  const factor = /^[x×*]\s*(\d+(?:\.\d+)?|\.\d+)$/i.exec(trimmed);
  const expected = `expected a signed percentage such as +10% or -5%, or a factor such as x1.1`;
  let value: number;
  if (percent !== null) value = 1 + (percent[1] === '-' ? -1 : 1) * (Number(percent[2]) / 100);
  else if (factor !== null) value = Number(factor[1]);
  else if (/^[+-]?(\d+(?:\.\d+)?|\.\d+)%?$/.test(trimmed))
    throw new RangeError(
      `${flag}: "${text}" is ambiguous (${trimmed.endsWith('%') ? 'a change or a level?' : 'a percentage or a factor?'}): ${expected}`,
    );
  else throw new RangeError(`${flag}: ${expected}, got "${text}"`);
  if (!(value > 0 && value <= MAX_CHANGE_FACTOR))
    throw new RangeError(
      `${flag}: expected a change leaving a factor above 0 and at most ×${MAX_CHANGE_FACTOR}, got "${text}"`,
    );
  return value;
}

/**
 * The targets to plan for: those given when they include a service level,
 * else the scenario's own (its service-level target and threshold, and its
 * `targets:`), any field given overriding the scenario's.
 */
export function resolveTargets(
  given: Partial<StaffTargets> | undefined,
  scenario: LoadedScenario['scenario'],
): { targets: StaffTargets; targetsFrom: StaffResult['targetsFrom'] } {
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  const threshold = given?.threshold ?? scenario.serviceLevel.threshold;
  if (given?.serviceLevel !== undefined)
    return {
      targets: { ...defined(given), serviceLevel: given.serviceLevel, threshold },
      targetsFrom: 'options',
    };
  const level = scenario.serviceLevel.target;
  if (level === undefined)
    throw new RangeError(
      'no service-level target: give --target X/T (such as 80/20), or set serviceLevel.target (and threshold) in the scenario',
    );
  if (!(level > 0 && level < 1))
    throw new RangeError(
      `the scenario's serviceLevel.target is ${level}: staffing needs a target between 0 and 1 (exclusive); give --target X/T`,
    );
  const own = scenario.targets;
  return {
    targets: {
      ...defined({ maxAbandonRate: own.maxAbandonRate, maxAsa: own.maxAsa, maxOccupancy: own.maxOccupancy }),
      ...defined(given ?? {}),
      serviceLevel: level,
      threshold,
    },
    targetsFrom: 'scenario',
  };
}
