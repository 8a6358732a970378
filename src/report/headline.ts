/**
 * The headline KPIs of a result, each with its target (from the scenario)
 * and whether it is met: the summary table of the HTML report and of
 * `--format md`.
 */
import type { Estimate } from '../experiment/estimate.js';
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { RunResult } from '../experiment/run-result.js';
import type { Unit } from '../model/kpis.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import { formatValue } from './format.js';

export type TargetStatus = 'met' | 'missed' | 'none';

export interface HeadlineRow {
  readonly kpi: string;
  readonly label: string;
  readonly unit: Unit;
  readonly estimate: Estimate | undefined;
  /** "≥ 80.0%", or null without a target. */
  readonly target: string | null;
  /** Met or missed by the mean; `none` without a target. */
  readonly status: TargetStatus;
  /** The confidence interval contains the target: more replications could change the verdict. */
  readonly uncertain: boolean;
}

const HEADLINE = [
  'offered',
  'answered',
  'serviceLevel',
  'asa',
  'abandonRate',
  'blocked',
  'occupancy',
  'agents',
  'cost',
  'costPerContact',
] as const;

/** A KPI's target in the scenario: a floor (service level) or a ceiling, or null without one. */
export type Bound = { kind: 'min' | 'max'; value: number } | null;

export function targetOf(result: RunResult, kpi: string): Bound {
  switch (kpi) {
    case 'serviceLevel':
      return result.serviceLevel.target === null ? null : { kind: 'min', value: result.serviceLevel.target };
    case 'asa':
      return result.targets.maxAsa === null ? null : { kind: 'max', value: result.targets.maxAsa };
    case 'abandonRate':
      return result.targets.maxAbandonRate === null
        ? null
        : { kind: 'max', value: result.targets.maxAbandonRate };
    case 'occupancy':
      return result.targets.maxOccupancy === null
        ? null
        : { kind: 'max', value: result.targets.maxOccupancy };
    default:
      return null;
  }
}

/** The headline rows of a set of estimates (the whole center, or one call type). */
export function headlineRows(result: RunResult, kpis: KpiEstimates = result.total): HeadlineRow[] {
  // Cost rows only when the scenario prices something (agents or lines).
  const priced = (kpis.cost?.mean ?? 0) > 0;
  const shown = HEADLINE.filter(
    (name) => kpis[name] !== undefined && (priced || (name !== 'cost' && name !== 'costPerContact')),
  );
  return shown.map((name) => {
    const def = KPI_BY_NAME.get(name);
    if (def === undefined) throw new Error(`internal: unknown KPI ${name}`);
    const estimate = kpis[name];
    const bound = targetOf(result, name);
    let status: TargetStatus = 'none';
    let uncertain = false;
    if (bound !== null && estimate?.mean !== null && estimate !== undefined) {
      const mean = estimate.mean as number;
      status = (bound.kind === 'min' ? mean >= bound.value : mean <= bound.value) ? 'met' : 'missed';
      uncertain =
        estimate.lo !== null &&
        estimate.hi !== null &&
        estimate.lo <= bound.value &&
        bound.value <= estimate.hi;
    }
    return {
      kpi: name,
      label: def.label,
      unit: def.unit,
      estimate,
      target:
        bound === null ? null : `${bound.kind === 'min' ? '≥' : '≤'} ${formatValue(bound.value, def.unit)}`,
      status,
      uncertain,
    };
  });
}

/** Whether every target of the result is met (by the mean); null when the scenario sets none. */
export function targetsMet(result: RunResult): boolean | null {
  const rows = headlineRows(result).filter((r) => r.status !== 'none');
  return rows.length === 0 ? null : rows.every((r) => r.status === 'met');
}
