/**
 * Plain-text tables and numbers for people reading a terminal.
 */
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { Estimate } from '../experiment/estimate.js';
import type { Unit } from '../model/kpis.js';

/**
 * A value in its unit: fractions as percentages, seconds with one decimal,
 * durations as `45s`, `26m15s` or `2h03m`, counts as needed.
 */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null) return '–';
  switch (unit) {
    case 'fraction':
      return `${(value * 100).toFixed(1)}%`;
    case 'seconds':
      return `${value.toFixed(1)}s`;
    case 'duration':
      return formatSpan(value);
    case 'cost':
      return value.toFixed(2);
    default:
      return Math.abs(value) >= 100 ? value.toFixed(0) : value.toFixed(2);
  }
}

/**
 * A span of the clock in seconds, rounded to the second: `0s`, `45s`,
 * `26m15s`; from an hour on, to the minute: `2h03m`, `26h00m`.
 */
export function formatSpan(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const s = Math.round(Math.abs(seconds));
  const two = (n: number) => String(n).padStart(2, '0');
  if (s < 60) return `${sign}${s}s`;
  if (s < 3600) return `${sign}${Math.floor(s / 60)}m${two(s % 60)}s`;
  const minutes = Math.round(s / 60);
  return `${sign}${Math.floor(minutes / 60)}h${two(minutes % 60)}m`;
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

/** The columns of {@link availabilityRows}. */
export const AVAILABILITY_HEADER = ['Site', 'Outages', 'Downtime', 'Availability'] as const;

/**
 * Per site, then the network: outages begun, downtime and availability over
 * the horizon, with intervals; empty when no site had an outage in effect.
 */
export function availabilityRows(
  bySite: Readonly<Record<string, KpiEstimates>>,
  total: KpiEstimates,
): string[][] {
  const sites = Object.entries(bySite);
  const hadOutage = sites.some(([, k]) => (k.outages?.mean ?? 0) > 0 || (k.downtime?.mean ?? 0) > 0);
  if (!hadOutage) return [];
  const row = (name: string, k: KpiEstimates) => [
    name,
    formatEstimate(k.outages, 'outages'),
    formatEstimate(k.downtime, 'duration'),
    formatEstimate(k.availability, 'fraction'),
  ];
  return [...sites.map(([name, k]) => row(name, k)), ...(sites.length > 1 ? [row('network', total)] : [])];
}
