/**
 * Sequential precision: targets on the half-width of KPIs' confidence
 * intervals. Replications are added one at a time, in order, until every
 * target is met, so the number run depends only on the results, never on
 * how many ran in parallel.
 */
import { KPI_BY_NAME } from '../model/kpis.js';

export interface PrecisionTarget {
  /** KPI name, for the view of all calls over the whole horizon. */
  readonly kpi: string;
  /** Largest acceptable half-width: absolute, or relative to the mean. */
  readonly halfWidth: number;
  readonly relative: boolean;
}

/**
 * Parses `serviceLevel=0.01` (absolute, in the KPI's unit: a fraction here)
 * or `asa=5%` (relative to the mean).
 */
export function parsePrecision(text: string): PrecisionTarget {
  const match = /^([A-Za-z0-9]+)=([0-9]*\.?[0-9]+)(%?)$/.exec(text.trim());
  if (match === null) {
    throw new RangeError(
      `--precision: expected <kpi>=<half-width>, e.g. serviceLevel=0.01 or asa=5%, got "${text}"`,
    );
  }
  const [, kpi, value, percent] = match;
  if (!KPI_BY_NAME.has(kpi)) {
    throw new RangeError(`--precision: unknown KPI "${kpi}"; KPIs are ${[...KPI_BY_NAME.keys()].join(', ')}`);
  }
  const halfWidth = Number(value) / (percent === '%' ? 100 : 1);
  if (!(halfWidth > 0))
    throw new RangeError(`--precision: expected a half-width > 0 for ${kpi}, got ${value}`);
  return { kpi, halfWidth, relative: percent === '%' };
}

/** Whether an interval meets a target (false while it has no half-width yet). */
export function meets(target: PrecisionTarget, mean: number | null, halfWidth: number | null): boolean {
  if (halfWidth === null || mean === null) return false;
  return target.relative ? halfWidth <= target.halfWidth * Math.abs(mean) : halfWidth <= target.halfWidth;
}
