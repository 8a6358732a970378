/**
 * The tables of a DR analysis, shared by its text, Markdown and HTML: the
 * KPIs side by side during the outage, per site, before and after, and the
 * sizing's extras and checks; with the sentences that introduce them.
 */
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { Estimate } from '../experiment/estimate.js';
import type { Unit } from '../model/kpis.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import { formatDuration } from '../model/scenario/index.js';
import type { DrCase, DrResult, DrSizing, DrSizingCheck } from '../results/dr.js';
import { DR_KPIS } from '../results/dr.js';
import { duringOf } from './charts/dr-charts.js';
import { formatValue } from './format.js';

/** The KPIs of the side-by-side table, in order: every KPI the DR analysis keeps. */
export const SIDE_BY_SIDE = DR_KPIS;

/** The KPIs per site (means). */
export const PER_SITE = [
  'offered',
  'answered',
  'abandoned',
  'blocked',
  'failed',
  'dropped',
  'serviceLevel',
  'asa',
] as const;

export function unitOf(kpi: string): Unit {
  return KPI_BY_NAME.get(kpi)?.unit ?? 'calls';
}

export function labelOf(kpi: string): string {
  return KPI_BY_NAME.get(kpi)?.label ?? kpi;
}

/** A value in the KPI's unit (times to recover as durations, `2h03m`, as in `ccsim run`). */
export function value(kpi: string, x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  return formatValue(x, unitOf(kpi));
}

export function estimate(kpi: string, e: Estimate | undefined): string {
  if (e === undefined || e.mean === null) return '–';
  const mean = value(kpi, e.mean);
  if (e.lo === null || e.hi === null) return mean;
  return `${mean} [${value(kpi, e.lo)}, ${value(kpi, e.hi)}]`;
}

export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`;
}

export function cases(result: DrResult): DrCase[] {
  return [result.baseline, ...result.failures];
}

export function phase(c: DrCase, name: 'before' | 'during' | 'after'): KpiEstimates | undefined {
  return c.phases.find((p) => p.phase === name)?.kpis;
}

// ------------------------------------------------------------------ tables as cells

export interface Tab {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

export function sideBySide(result: DrResult, withCi: boolean): Tab {
  const all = cases(result);
  return {
    title: `During the outage (${result.outage.at}–${result.outage.end}), all calls`,
    header: ['KPI', ...all.map((c) => c.label)],
    rows: SIDE_BY_SIDE.map((kpi) => [
      labelOf(kpi),
      ...all.map((c) => {
        const e = duringOf(c)?.kpis[kpi];
        return withCi ? estimate(kpi, e) : value(kpi, e?.mean);
      }),
    ]),
  };
}

export function perSite(result: DrResult): Tab {
  const rows: string[][] = [];
  for (const c of cases(result)) {
    const during = duringOf(c);
    for (const site of result.sites) {
      const k = during?.bySite[site];
      rows.push([
        c.label,
        site === c.failedSite ? `${site} (down)` : site,
        ...PER_SITE.map((kpi) => value(kpi, k?.[kpi]?.mean)),
      ]);
    }
  }
  return {
    title: 'Per site, during the outage (means)',
    header: ['Run', 'Site', ...PER_SITE.map(labelOf)],
    rows,
  };
}

export function phases(result: DrResult): Tab {
  const all = cases(result);
  const rows: string[][] = [];
  for (const name of ['before', 'after'] as const) {
    const p = result.baseline.phases.find((x) => x.phase === name);
    const span = p?.from === null || p?.from === undefined ? '' : ` (${p.from}–${p.to})`;
    rows.push([
      `${labelOf('serviceLevel')} ${name}${span}`,
      ...all.map((c) => value('serviceLevel', phase(c, name)?.serviceLevel?.mean)),
    ]);
    rows.push([
      `${labelOf('callsLost')} ${name}`,
      ...all.map((c) => value('callsLost', phase(c, name)?.callsLost?.mean)),
    ]);
  }
  rows.push([
    `${labelOf('serviceLevel')}, whole horizon`,
    ...all.map((c) => value('serviceLevel', c.total.serviceLevel?.mean)),
  ]);
  rows.push([
    `${labelOf('callsLost')}, whole horizon`,
    ...all.map((c) => value('callsLost', c.total.callsLost?.mean)),
  ]);
  return { title: 'Before and after the outage (means)', header: ['KPI', ...all.map((c) => c.label)], rows };
}

export function sizingSites(sizing: DrSizing): Tab {
  const rows = sizing.sites.map((s) => [
    s.site,
    String(s.agents),
    `+${s.extraAgents}`,
    Object.entries(s.byGroup)
      .map(([g, n]) => `${g} +${n}`)
      .join(', '),
    s.lines === null ? 'unlimited' : String(s.lines),
    s.lines === null ? '–' : `+${s.extraLines}`,
    s.cost.toFixed(2),
  ]);
  const agents = sizing.sites.reduce((a, s) => a + s.agents, 0);
  const limited = sizing.sites.filter((s) => s.lines !== null);
  rows.push([
    'total',
    String(agents),
    `+${sizing.totalExtraAgents}`,
    '',
    limited.length === 0 ? 'unlimited' : String(limited.reduce((a, s) => a + (s.lines ?? 0), 0)),
    limited.length === 0 ? '–' : `+${sizing.totalExtraLines}`,
    sizing.cost.total.toFixed(2),
  ]);
  return {
    title: 'Extra agents and lines per site',
    header: ['Site', 'Agents', 'Extra agents', 'Per group', 'Lines', 'Extra lines', 'Cost of extras'],
    rows,
  };
}

export function checkRows(sizing: DrSizing, withCi: boolean): Tab {
  const rows = sizing.after.map((after) => {
    const before = sizing.before.find((b) => b.failedSite === after.failedSite);
    const blocked = (c: DrSizingCheck | undefined) =>
      pct(Math.max(0, ...Object.values(c?.sites ?? {}).map((s) => s.blockedShare ?? 0)));
    return [
      `${after.failedSite} fails`,
      pct(before?.serviceLevel),
      withCi ? estimate('serviceLevel', after.serviceLevelCi) : pct(after.serviceLevel),
      blocked(before),
      blocked(after),
      after.meetsServiceLevel && after.meetsBlocking ? 'yes' : 'no',
    ];
  });
  return {
    title: `Service level within ${sizing.target.threshold}s during each outage (network), without and with the extras`,
    header: ['Failure', 'Without', 'With extras', 'Most blocked, without', 'with', 'Meets'],
    rows,
  };
}

// ------------------------------------------------------------------ words

export function introLines(result: DrResult): string[] {
  const o = result.outage;
  const when =
    o.chosen === 'busiest'
      ? `from the start of the busiest interval, ${formatValue(o.busiest.offered, 'calls')} calls offered in the baseline`
      : 'start as given';
  const removed =
    result.removedOutages > 0
      ? ` The scenario's own ${result.removedOutages === 1 ? 'outage is' : `${result.removedOutages} outages are`} left out.`
      : '';
  const target = result.serviceLevel.target;
  const below = result.baselineBelowTarget;
  const baselineNote =
    below.intervals > 0
      ? ` Without any failure the service level is already below target in ${below.intervals} of the ${below.of} interval(s) of the outage window: a failure's time to recover counts those too.`
      : '';
  return [
    `DR analysis of ${result.scenario.name}: ${result.sites.length} sites (${result.sites.join(', ')}); ${result.replications} replication(s) per run, seed ${result.seed}, common random numbers; ${Math.round(result.confidenceLevel * 100)}% confidence intervals.`,
    `Each site fails in turn: full outage (agents, lines, IVR) ${o.at}–${o.end} (${formatDuration(o.duration)}, ${when}), detected after ${formatDuration(o.detectionDelay)}; calls in progress there are dropped, and until detection its arrivals fail.${removed}`,
    restoreLine(result),
    `Service level: answered within ${result.serviceLevel.threshold}s; phases are whole KPI intervals; time to recover is measured against ${target === null ? 'the default 80%' : `the ${pct(target)}`} target (none for the baseline: it has no outage).${baselineNote}`,
  ];
}

/** Which failures got the scenario's restore plan (agents resuming work at another site). */
export function restoreLine(result: DrResult): string {
  if (result.restore === 'none')
    return "Restore plans: none (--restore none): the failed site's agents stay off.";
  const plans = result.failures.filter((f) => f.restore !== null);
  if (plans.length === 0) return "Restore plans: the scenario has none: the failed site's agents stay off.";
  const text = plans.map((f) => {
    const r = f.restore;
    return r === null
      ? ''
      : `${f.label}: ${pct(r.fraction)} of its agents work from ${r.to} after ${formatDuration(r.after)}`;
  });
  const without = result.failures.filter((f) => f.restore === null).map((f) => f.label);
  return `Restore plans from the scenario: ${text.join('; ')}${without.length > 0 ? `; none for ${without.join(', ')}` : ''} (--restore none to test without).`;
}

export function sizingLines(sizing: DrSizing): { head: string; cost: string; search: string } {
  const judged =
    sizing.judge === 'lower'
      ? `lower bound of the confidence interval over ${sizing.replications} replications`
      : `mean of ${sizing.replications} replications`;
  const head = `DR sizing: the fewest extra agents (and lines) so that during any single-site outage ${pct(sizing.target.serviceLevel)} of calls are answered within ${sizing.target.threshold}s (network, during the outage, ${judged}) and no surviving site with limited lines blocks more than ${pct(sizing.maxBlocked)} of its calls.`;
  const c = sizing.cost;
  const cost = c.priced
    ? `Cost of the extras over the ${formatDuration(c.hours * 3600)} horizon: ${c.total.toFixed(2)} (agents ${c.agents.toFixed(2)}, lines ${c.lines.toFixed(2)}).`
    : `Cost: 0, unpriced: the scenario gives no costPerHour for these agent groups and no costPerLineHour for these sites.`;
  const outcome = sizing.reached
    ? 'Greedy search: no single agent or line can be taken from a site without missing the target in some failure (same seed and replications); another mix may cost less.'
    : `NOT REACHED: ${sizing.reason ?? 'the target was not met'}. The extras shown are where the search stopped.`;
  const ignored =
    sizing.blockingNotFromLines.length > 0
      ? ` More lines did not reduce blocking at ${sizing.blockingNotFromLines.join(', ')} (its queue limit blocks): left out of the blocking rule.`
      : '';
  const search = `${outcome}${ignored} ${sizing.iterations} growth iteration(s), ${sizing.evaluations} evaluations of the ${sizing.after.length} failures, ${sizing.wallSeconds.toFixed(1)}s.`;
  return { head, cost, search };
}
