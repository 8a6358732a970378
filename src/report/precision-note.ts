/** The sentence that says sequential precision stopped short of its targets. */
import type { RunResult } from '../experiment/run-result.js';
import { KPI_BY_NAME } from '../model/kpis.js';

/** A half-width, finer than the tables show: 0.0123 → `1.23 points`, to three significant digits for a fraction. */
function halfWidthText(value: number, unit: string): string {
  const short = (x: number) => String(Number(x.toPrecision(3)));
  if (unit === 'fraction') return `${short(value * 100)} points`;
  if (unit === 'seconds') return `${short(value)}s`;
  return short(value);
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
