/**
 * KPIs as CSV: one row per (period, view), one column triple (mean, lo, hi)
 * per KPI. Period `all` is the whole horizon; otherwise the interval's
 * clock time. RFC 4180 quoting.
 */
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { RunResult } from '../experiment/run-result.js';
import type { ViewKind } from '../model/kpis.js';
import { KPIS } from '../model/kpis.js';

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

export function kpiCsv(result: RunResult): string {
  const header = ['period', 'view', 'name'];
  for (const k of KPIS) header.push(`${k.name}`, `${k.name}_lo`, `${k.name}_hi`);
  const lines = [header.join(',')];
  for (const row of rowsOf(result)) {
    const cells: Array<string | number | null> = [row.period, row.view, row.name];
    for (const k of KPIS) {
      const e = row.kpis[k.name];
      cells.push(e?.mean ?? null, e?.lo ?? null, e?.hi ?? null);
    }
    lines.push(cells.map(csvCell).join(','));
  }
  return `${lines.join('\n')}\n`;
}
