/** The sentence that says sequential precision stopped short of its targets. */
import type { RunResult } from '../experiment/run-result.js';
import { KPI_BY_NAME } from '../model/kpis.js';

/** A half-width, finer than the tables show: 0.0123 → `1.23 points` for a fraction. */
function halfWidthText(value: number, unit: string): string {
  if (unit === 'fraction') return `${(value * 100).toFixed(2)} points`;
  if (unit === 'seconds') return `${value.toFixed(2)}s`;
  return value.toPrecision(3);
}

/** Why the precision was not reached (call only when `result.precision.reached` is false). */
export function precisionShortfall(result: RunResult): string {
  const precision = result.precision;
  if (precision === undefined) return '';
  const missed = precision.targets
    .filter((t) => !t.met)
    .map((t) => {
      const unit = KPI_BY_NAME.get(t.kpi)?.unit ?? 'calls';
      const wanted = t.relative ? `${t.halfWidth * 100}% of the mean` : halfWidthText(t.halfWidth, unit);
      const got = t.achieved === null ? 'none yet' : halfWidthText(t.achieved, unit);
      return `${t.kpi} half-width ${got} (wanted at most ${wanted})`;
    });
  return `precision not reached: stopped at the most replications allowed (${precision.maxReplications}, --max-reps) with ${missed.join('; ')}`;
}
