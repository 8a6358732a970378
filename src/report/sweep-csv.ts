/**
 * A sweep as CSV: one row per grid point, its parameter values, then every
 * KPI of all calls over the whole horizon with its interval, rounded as
 * csvNumber says (sweep.json keeps every digit).
 */
import type { SweepSummary } from '../experiment/sweep.js';
import { KPIS } from '../model/kpis.js';
import { csvCell, csvNumber } from './kpi-csv.js';

export function sweepCsv(result: SweepSummary): string {
  const paths = result.parameters.map((p) => p.path);
  const header = ['point', ...paths];
  for (const k of KPIS) header.push(k.name, `${k.name}_lo`, `${k.name}_hi`);
  const lines = [header.map(csvCell).join(',')];
  for (const point of result.points) {
    const cells: Array<string | number | null> = [point.index, ...paths.map((p) => point.parameters[p])];
    for (const k of KPIS) {
      const e = point.total[k.name];
      cells.push(csvNumber(e?.mean, k.unit), csvNumber(e?.lo, k.unit), csvNumber(e?.hi, k.unit));
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
