/**
 * Plain-text tables and numbers for people reading a terminal.
 */
import type { Estimate } from '../experiment/estimate.js';
import type { Unit } from '../model/kpis.js';

/** A value in its unit: fractions as percentages, seconds with one decimal, counts as needed. */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '–';
  switch (unit) {
    case 'fraction':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return `${value.toFixed(1)}s`;
    case 'cost':
      return value.toFixed(2);
    default:
      return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
  }
}

/** `mean [lo, hi]` in the KPI's unit. */
export function formatEstimate(estimate: Estimate | undefined, unit: Unit): string {
  if (estimate === undefined || estimate.mean === null) return '–';
  const mean = formatValue(estimate.mean, unit);
  if (estimate.lo === null || estimate.hi === null) return mean;
  return `${mean} [${formatValue(estimate.lo, unit)}, ${formatValue(estimate.hi, unit)}]`;
}

/** Left-aligned first column, right-aligned others, two spaces apart. */
export function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}
