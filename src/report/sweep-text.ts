/**
 * The text `ccsim sweep` prints: one row per grid point with its
 * parameters and headline KPIs, and where --precision stopped short.
 */
import type { SweepResult } from '../experiment/sweep.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import { formatEstimate, table } from './format.js';

/** Which grid points stopped at --max-reps short of --precision. */
export function sweepShortfall(indices: readonly number[], points: number): string {
  return `precision not reached at ${indices.length} of ${points} grid point(s) (${indices.join(', ')}): they stopped at the most replications allowed (--max-reps); see "precision" in sweep.json`;
}

const COLUMNS = ['serviceLevel', 'asa', 'abandonRate', 'occupancy', 'cost'];

export function formatSweep(result: SweepResult): string {
  const paths = result.parameters.map((p) => p.path);
  const columns = COLUMNS.filter(
    (k) => k !== 'cost' || result.points.some((p) => (p.total.cost?.mean ?? 0) > 0),
  );
  const reps = result.points.some((p) => p.precision !== undefined)
    ? 'replications until the precision'
    : `${result.replications} replication(s)`;
  let out = `${result.scenario.name}: ${result.points.length} grid point(s) × ${reps}, seed ${result.seed}; the same calls at every point\n\n`;
  const precise = result.points.some((p) => p.precision !== undefined);
  out += table(
    [
      'point',
      ...paths,
      ...columns.map((k) => KPI_BY_NAME.get(k)?.label ?? k),
      ...(precise ? ['replications', 'precision'] : []),
    ],
    result.points.map((p) => [
      String(p.index),
      ...paths.map((path) => String(p.parameters[path])),
      ...columns.map((k) => formatEstimate(p.total[k], KPI_BY_NAME.get(k)?.unit ?? 'calls')),
      ...(precise ? [String(p.replications), p.precision?.reached ? 'reached' : 'NOT reached'] : []),
    ]),
  );
  const short = result.points.filter((p) => p.precision !== undefined && !p.precision.reached);
  if (short.length > 0)
    out += `\nWarning: ${sweepShortfall(
      short.map((p) => p.index),
      result.points.length,
    )}\n`;
  return out;
}
