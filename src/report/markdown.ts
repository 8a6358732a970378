/**
 * Markdown summaries (`--format md`) for people who paste results into
 * tickets: headline KPIs against targets, per call type, and for sweeps the
 * grid with the cheapest point meeting the targets.
 */
import type { RunResult } from '../experiment/run-result.js';
import type { SweepResult } from '../experiment/sweep.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import { formatEstimate, formatValue } from './format.js';
import type { HeadlineRow } from './headline.js';
import { headlineRows } from './headline.js';
import type { SweepVerdict } from './sweep-best.js';

/** A markdown table; `|` inside cells is escaped. */
export function markdownTable(
  header: readonly string[],
  rows: ReadonlyArray<readonly string[]>,
  align: ReadonlyArray<'l' | 'r'> = [],
): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;
  const rule = `|${header.map((_, c) => ((align[c] ?? (c === 0 ? 'l' : 'r')) === 'r' ? '---:' : ':---')).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n') + '\n';
}

function status(row: HeadlineRow): string {
  if (row.status === 'none') return '';
  const word = row.status === 'met' ? '✅ met' : '❌ missed';
  return row.uncertain ? `${word} (within the CI)` : word;
}

function ciText(row: HeadlineRow): string {
  const e = row.estimate;
  if (e === undefined || e.lo === null || e.hi === null) return '';
  return `${formatValue(e.lo, row.unit)} – ${formatValue(e.hi, row.unit)}`;
}

export function runMarkdown(result: RunResult, reportPath?: string): string {
  const level = `${Math.round(result.confidenceLevel * 100)}% CI`;
  const first = result.byInterval[0]?.interval ?? '';
  const last = result.byInterval[result.byInterval.length - 1]?.end ?? '';
  let out = `### ${result.scenario.name}\n\n`;
  out += `${result.replications} replications, seed ${result.seed}, ${first}–${last}; service level = answered within ${result.serviceLevel.threshold} s.\n\n`;
  out += markdownTable(
    ['KPI', 'Mean', level, 'Target', 'Status'],
    headlineRows(result).map((r) => [
      r.label,
      formatValue(r.estimate?.mean ?? null, r.unit),
      ciText(r),
      r.target ?? '',
      status(r),
    ]),
    ['l', 'r', 'r', 'r', 'l'],
  );
  const types = Object.entries(result.byCallType);
  if (types.length > 1) {
    out += '\n';
    out += markdownTable(
      ['Call type', 'Offered', 'Service level', 'ASA', 'Abandoned'],
      types.map(([name, k]) => [
        name,
        formatEstimate(k.offered, 'calls'),
        formatEstimate(k.serviceLevel, 'fraction'),
        formatEstimate(k.asa, 'seconds'),
        formatEstimate(k.abandonRate, 'fraction'),
      ]),
    );
  }
  if (reportPath !== undefined) out += `\nReport: \`${reportPath}\`\n`;
  return out;
}

const SWEEP_COLUMNS = ['serviceLevel', 'asa', 'abandonRate', 'occupancy', 'cost'] as const;

export function sweepMarkdown(result: SweepResult, verdict: SweepVerdict, reportPath?: string): string {
  const paths = result.parameters.map((p) => p.path);
  const priced = result.points.some((p) => (p.total.cost?.mean ?? 0) > 0);
  const columns = SWEEP_COLUMNS.filter((k) => k !== 'cost' || priced);
  const anyTarget = verdict.feasible.some((f) => f !== null);
  let out = `### ${result.scenario.name}: sweep\n\n`;
  out += `${result.points.length} grid points × ${result.replications} replications, seed ${result.seed}, the same calls at every point.`;
  if (verdict.best !== null) {
    const best = result.points[verdict.best];
    out += ` **Cheapest point meeting every target: ${paths.map((p) => `${p} = ${best.parameters[p]}`).join(', ')}.**`;
  } else if (anyTarget) out += ' **No grid point meets every target.**';
  out += '\n\n';
  out += markdownTable(
    ['#', ...paths, ...columns.map((k) => KPI_BY_NAME.get(k)?.label ?? k), ...(anyTarget ? ['Targets'] : [])],
    result.points.map((p, i) => [
      verdict.best === i ? `**${p.index}**` : String(p.index),
      ...paths.map((path) => String(p.parameters[path])),
      ...columns.map((k) => formatEstimate(p.total[k], KPI_BY_NAME.get(k)?.unit ?? 'calls')),
      ...(anyTarget ? [verdict.feasible[i] ? '✅' : '❌'] : []),
    ]),
  );
  if (reportPath !== undefined) out += `\nReport: \`${reportPath}\`\n`;
  return out;
}
