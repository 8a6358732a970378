/**
 * Caller KPIs (unique callers, redials, repeat calls) count each attempt
 * where the caller dialled: at the entry point when an IVR routes the call,
 * else at its call type. A call type reached only through an IVR therefore
 * has none of them; showing its zeros would read as "no redials" when the
 * measure does not apply there.
 */
import type { KpiEstimates } from '../experiment/aggregate.js';

const CALLER_KPIS: ReadonlySet<string> = new Set(['uniqueCallers', 'redials', 'repeatCalls']);

/** False for a caller KPI of a view where no caller dialled directly (its unique callers are zero). */
export function kpiApplies(kpis: KpiEstimates, kpi: string): boolean {
  if (!CALLER_KPIS.has(kpi)) return true;
  const callers = kpis.uniqueCallers?.mean;
  return callers !== undefined && callers !== null && callers > 0;
}
