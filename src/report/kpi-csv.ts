/**
 * KPIs as CSV: one row per (period, view), one column triple (mean, lo, hi)
 * per KPI. Period `all` is the whole horizon; otherwise the interval's
 * clock time. RFC 4180 quoting. Numbers are rounded (csvNumber): the JSON
 * keeps every digit. A caller KPI of a call type reached through an IVR is
 * empty (see caller-kpis.ts).
 */
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { RunResult } from '../experiment/run-result.js';
import type { Unit, ViewKind } from '../model/kpis.js';
import { KPIS } from '../model/kpis.js';
import { kpiApplies } from './caller-kpis.js';

type Views = Pick<RunResult, 'byCallType' | 'byTier' | 'byAgentGroup' | 'byEntryPoint' | 'bySite'>;

interface Row {
  readonly period: string;
  readonly view: ViewKind;
  readonly name: string;
  readonly kpis: KpiEstimates;
}

function rowsOf(result: RunResult): Row[] {
  const rows: Row[] = [];
  const push = (period: string, all: KpiEstimates, views: Views) => {
    rows.push({ period, view: 'all', name: '', kpis: all });
    const byKind: ReadonlyArray<readonly [ViewKind, Record<string, KpiEstimates>]> = [
      ['callType', views.byCallType],
      ['tier', views.byTier],
      ['agentGroup', views.byAgentGroup],
      ['entryPoint', views.byEntryPoint],
      ['site', views.bySite],
    ];
    for (const [view, byName] of byKind) {
      for (const [name, kpis] of Object.entries(byName)) rows.push({ period, view, name, kpis });
    }
  };
  push('all', result.total, result);
  for (const iv of result.byInterval) push(iv.interval, iv.kpis, iv);
  return rows;
}

/** One CSV cell (RFC 4180 quoting); empty for null. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * A number as a CSV shows it: 6 significant digits, which is finer than any
 * confidence interval here, but never rounding away whole units (1234567.5
 * gives 1234568), and money to the cent. `0.8741234567890123` gives 0.874123.
 */
export function csvNumber(value: number | null | undefined, unit?: Unit): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value) || value === 0) return value;
  const whole = Math.max(0, Math.floor(Math.log10(Math.abs(value))) + 1);
  return Number(value.toPrecision(Math.min(100, Math.max(6, whole + (unit === 'cost' ? 2 : 0)))));
}

export function kpiCsv(result: RunResult): string {
  const header = ['period', 'view', 'name'];
  for (const k of KPIS) header.push(`${k.name}`, `${k.name}_lo`, `${k.name}_hi`);
  const lines = [header.join(',')];
  for (const row of rowsOf(result)) {
    const cells: Array<string | number | null> = [row.period, row.view, row.name];
    for (const k of KPIS) {
      const e = kpiApplies(row.kpis, k.name) ? row.kpis[k.name] : undefined;
      cells.push(csvNumber(e?.mean, k.unit), csvNumber(e?.lo, k.unit), csvNumber(e?.hi, k.unit));
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
