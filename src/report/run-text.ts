/**
 * The text `ccsim run` prints: the headline KPIs of all calls and per call
 * type, then agent groups, tiers, entry points, sites, outages and
 * availability where the scenario has them, the KPIs by interval, and the
 * work done.
 */
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { RunResult } from '../experiment/run-result.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import { formatDuration } from '../model/scenario/index.js';
import { kpiApplies } from './caller-kpis.js';
import { AVAILABILITY_HEADER, availabilityRows, formatEstimate, table } from './format.js';
import { precisionShortfall } from './precision-note.js';

const HEADLINE = [
  'offered',
  'answered',
  'abandoned',
  'blocked',
  'failed',
  'dropped',
  'serviceLevel',
  'serviceLevelOfAnswered',
  'asa',
  'meanWait',
  'waitP90',
  'abandonRate',
  'answerRate',
  'occupancy',
  'queueLength',
  'uniqueCallers',
  'redials',
  'repeatCalls',
  'dueServiceLevel',
  'backlog',
  'cost',
  'costPerContact',
];
/** Shown only when they are not all zero or undefined. */
const OPTIONAL = new Set([
  'blocked',
  'failed',
  'dropped',
  'redials',
  'repeatCalls',
  'dueServiceLevel',
  'cost',
  'costPerContact',
]);
/** Shown only together with another KPI that is present. */
const SHOWN_WITH: Readonly<Record<string, readonly string[]>> = {
  uniqueCallers: ['redials', 'repeatCalls'],
  backlog: ['dueServiceLevel'],
};
const INTERVAL_COLUMNS = [
  'offered',
  'answered',
  'abandoned',
  'serviceLevel',
  'asa',
  'abandonRate',
  'occupancy',
];

function kpiLabel(name: string): string {
  return KPI_BY_NAME.get(name)?.label ?? name;
}

function kpiUnit(name: string) {
  return KPI_BY_NAME.get(name)?.unit ?? 'calls';
}

function present(views: ReadonlyArray<KpiEstimates>, kpi: string): boolean {
  return views.some((v) => v[kpi] !== undefined && v[kpi].mean !== null && v[kpi].mean !== 0);
}

/** One row per view (tier, entry point, site …), one column per KPI. */
function viewTable(
  what: string,
  views: ReadonlyArray<readonly [string, KpiEstimates]>,
  columns: readonly string[],
): string {
  return table(
    [what, ...columns.map(kpiLabel)],
    views.map(([name, k]) => [name, ...columns.map((c) => formatEstimate(k[c], kpiUnit(c)))]),
  );
}

export function formatRunResult(result: RunResult, clock: { warmup: number; horizon: number }): string {
  const pct = `${Math.round(result.confidenceLevel * 100)}%`;
  let out = `${result.scenario.name}: ${result.replications} replication(s), seed ${result.seed}, ${pct} confidence intervals\n`;
  const first = result.byInterval[0]?.interval ?? '';
  const last = result.byInterval[result.byInterval.length - 1]?.end ?? '';
  out += `Measured ${first}–${last} (${formatDuration(clock.horizon)})`;
  out += clock.warmup > 0 ? ` after a ${formatDuration(clock.warmup)} warm-up` : '';
  out += `; service level: answered within ${formatDuration(result.serviceLevel.threshold)}\n\n`;

  const names = Object.keys(result.byCallType);
  const typeViews = names.map((n) => result.byCallType[n]);
  const header = ['KPI', 'all calls', ...(names.length > 1 ? names : [])];
  const all = [result.total, ...typeViews];
  const rows = HEADLINE.filter((k) => !OPTIONAL.has(k) || present(all, k))
    .filter((k) => SHOWN_WITH[k] === undefined || SHOWN_WITH[k].some((other) => present(all, other)))
    .filter((k) => result.total[k] !== undefined)
    .map((k) => [
      kpiLabel(k),
      formatEstimate(result.total[k], kpiUnit(k)),
      ...(names.length > 1
        ? typeViews.map((v) => (kpiApplies(v, k) ? formatEstimate(v[k], kpiUnit(k)) : '–'))
        : []),
    ]);
  out += table(header, rows);

  const groups = Object.entries(result.byAgentGroup);
  if (groups.length > 1 || present([result.total], 'cost')) {
    const withCost = present([result.total], 'cost');
    out += '\n';
    out += table(
      ['Agent group', 'agents', 'occupancy', 'answered', ...(withCost ? ['cost'] : [])],
      groups.map(([name, k]) => [
        name,
        formatEstimate(k.agents, 'agents'),
        formatEstimate(k.occupancy, 'fraction'),
        formatEstimate(k.answered, 'calls'),
        ...(withCost ? [formatEstimate(k.cost, 'cost')] : []),
      ]),
    );
  }

  const tiers = Object.entries(result.byTier);
  if (tiers.length > 0) {
    const columns = ['offered', 'serviceLevel', 'asa', 'abandonRate'];
    out += `\n${viewTable('Tier', tiers, columns)}`;
  }

  const entries = Object.entries(result.byEntryPoint);
  if (entries.length > 0) {
    const columns = [
      'ivrOffered',
      'ivrBlocked',
      'ivrContained',
      'ivrContainment',
      'ivrHangups',
      'ivrTransferred',
    ];
    out += `\n${viewTable('Entry point', entries, columns)}`;
  }

  const allSites = Object.entries(result.bySite);
  if (allSites.length > 1) {
    const columns = [
      'offered',
      'answered',
      'serviceLevel',
      'asa',
      'abandonRate',
      'blocked',
      'failed',
      'dropped',
    ];
    out += `\n${viewTable('Site', allSites, columns)}`;
  }
  if (result.byPhase !== undefined && result.byPhase.length > 0) {
    const columns = [
      'offered',
      'serviceLevel',
      'asa',
      'abandonRate',
      'blocked',
      'failed',
      'dropped',
      'callsLost',
    ];
    out += '\nOutages by phase (whole KPI intervals; network)\n';
    out += table(
      ['outage', 'phase', 'from–to', ...columns.map(kpiLabel), 'Time to recover'],
      result.byPhase.map((p) => [
        `${p.outage} (${p.site})`,
        p.phase,
        p.from === null ? '–' : `${p.from}–${p.to}`,
        ...columns.map((c) => formatEstimate(p.kpis[c], kpiUnit(c))),
        p.phase === 'during' ? formatEstimate(p.kpis.timeToRecover, kpiUnit('timeToRecover')) : '',
      ]),
    );
  }
  const availability = availabilityRows(result.bySite, result.total);
  if (availability.length > 0) {
    out += '\nOutages and availability over the horizon (outages that began in it)\n';
    out += table(AVAILABILITY_HEADER, availability);
  }
  const sites = allSites.filter(
    ([, k]) => present([k], 'lineUtilisation') || present([k], 'portUtilisation'),
  );
  if (sites.length > 0) {
    out += '\n';
    out += table(
      ['Site', 'Line utilisation', 'IVR port utilisation'],
      sites.map(([name, k]) => [
        name,
        formatEstimate(k.lineUtilisation, 'fraction'),
        formatEstimate(k.portUtilisation, 'fraction'),
      ]),
    );
  }

  out += '\nBy interval (means)\n';
  out += table(
    ['interval', ...INTERVAL_COLUMNS.map(kpiLabel)],
    result.byInterval.map((iv) => [
      iv.interval,
      ...INTERVAL_COLUMNS.map((k) => formatEstimate({ ...iv.kpis[k], lo: null, hi: null }, kpiUnit(k))),
    ]),
  );
  if (result.precision !== undefined && !result.precision.reached)
    out += `\nWarning: ${precisionShortfall(result)}\n`;
  out += `\n${workDone(result)}\n`;
  return out;
}

/** What this invocation simulated; no throughput for replications reused from the results database. */
function workDone(result: RunResult): string {
  const perf = result.performance;
  const seconds = `${perf.wallSeconds.toFixed(2)} s`;
  if (perf.reusedReplications >= result.replications)
    return `No calls simulated: all ${result.replications} replication(s) reused from the results database (${seconds})`;
  const reused =
    perf.reusedReplications > 0
      ? `; ${perf.reusedReplications} of ${result.replications} replications reused from the results database`
      : '';
  return `${perf.simulatedCalls} calls simulated in ${seconds} (${perf.callsPerSecond} calls/s)${reused}`;
}
