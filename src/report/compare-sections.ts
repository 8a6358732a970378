/**
 * The sections of a comparison, shared by its text, Markdown and HTML:
 * per call type, each KPI of every scenario with its difference from the
 * baseline; and how a difference is judged (better, worse, changed, same)
 * and written.
 */
import type { CompareResult, KpiDifference } from '../experiment/compare.js';
import { COMPARED_KPIS, estimatesOf } from '../experiment/compare.js';
import type { Estimate } from '../experiment/estimate.js';
import type { Unit } from '../model/kpis.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import { formatValue } from './format.js';

/** Which way is better, for colouring significant differences; KPIs not listed are neither. */
const BETTER: Readonly<Record<string, 'higher' | 'lower'>> = {
  answered: 'higher',
  serviceLevel: 'higher',
  asa: 'lower',
  waitP90: 'lower',
  abandonRate: 'lower',
  blocked: 'lower',
  cost: 'lower',
};

/** Shown only when some scenario has a non-zero value. */
const OPTIONAL = new Set(['blocked', 'cost']);

export type Verdict = 'better' | 'worse' | 'changed' | 'same';

/** Whether a difference is a significant improvement, deterioration, or change without a better way. */
export function verdictOf(d: KpiDifference): Verdict {
  if (!d.significant || d.difference.mean === null) return 'same';
  const better = BETTER[d.kpi];
  if (better === undefined) return 'changed';
  return d.difference.mean > 0 === (better === 'higher') ? 'better' : 'worse';
}

/** A difference with its sign, in its unit (fractions in percentage points); without the unit's suffix when `bare`. */
export function formatDifference(value: number | null, unit: Unit, bare = false): string {
  if (value === null) return '–';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  const size = Math.abs(value);
  if (unit === 'fraction') return `${sign}${(100 * size).toFixed(1)}${bare ? '' : ' pp'}`;
  if (unit === 'seconds') return `${sign}${size.toFixed(1)}${bare ? '' : 's'}`;
  return `${sign}${formatValue(size, unit)}`;
}

/** `+18.4 pp [+15.3, +21.6]`: the difference with its interval. */
export function formatDifferenceEstimate(e: Estimate, unit: Unit): string {
  if (e.mean === null) return '–';
  const mean = formatDifference(e.mean, unit);
  if (e.lo === null || e.hi === null) return mean;
  return `${mean} [${formatDifference(e.lo, unit, true)}, ${formatDifference(e.hi, unit, true)}]`;
}

/** `yes (p < 0.001)`, `no (p = 0.42)`, or `–` without an interval. */
export function formatSignificance(d: KpiDifference | undefined): string {
  if (d === undefined || d.difference.lo === null) return '–';
  const word = d.significant ? 'yes' : 'no';
  if (d.pValue === null) return word;
  return `${word} (p ${d.pValue < 0.001 ? '< 0.001' : `= ${d.pValue.toFixed(3)}`})`;
}

export interface CompareRow {
  readonly kpi: string;
  readonly label: string;
  readonly unit: Unit;
  readonly baseline: Estimate | undefined;
  /** One per scenario after the baseline; undefined where it lacks the view. */
  readonly others: ReadonlyArray<{
    readonly value: Estimate | undefined;
    readonly difference: KpiDifference | undefined;
  }>;
}

export interface CompareSection {
  /** "All calls" or "Call type <name>". */
  readonly title: string;
  readonly callType: string | null;
  readonly rows: readonly CompareRow[];
}

/**
 * The tables of a comparison: all calls, then (with more than one call
 * type) each call type of the baseline. Optional KPIs (blocked, cost) only
 * when some scenario has them.
 */
export function compareSections(result: CompareResult): CompareSection[] {
  const [base, ...others] = result.scenarios;
  // Call types of the baseline that some other scenario has too (own keys: a call type may be
  // named like an object property, `toString`, which a plain lookup would find on the prototype).
  const callTypes = Object.keys(base.result.byCallType).filter((name) =>
    others.some((s) => Object.hasOwn(s.result.byCallType, name)),
  );
  const views: Array<string | null> = [null, ...(callTypes.length > 1 ? callTypes : [])];
  return views.map((callType) => {
    const all = result.scenarios.map((s) => estimatesOf(s, callType));
    const rows: CompareRow[] = [];
    for (const kpi of COMPARED_KPIS) {
      const def = KPI_BY_NAME.get(kpi);
      const baseline = all[0]?.[kpi];
      if (def === undefined || baseline === undefined) continue;
      if (OPTIONAL.has(kpi) && !all.some((e) => (e?.[kpi]?.mean ?? 0) !== 0)) continue;
      rows.push({
        kpi,
        label: def.label,
        unit: def.unit,
        baseline,
        others: others.map((s, k) => ({
          value: all[k + 1]?.[kpi],
          difference: result.differences.find(
            (d) => d.scenario === s.label && d.callType === callType && d.kpi === kpi,
          ),
        })),
      });
    }
    return { title: callType === null ? 'All calls' : `Call type ${callType}`, callType, rows };
  });
}
