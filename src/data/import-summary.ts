/**
 * What a call log or an interval report holds, in counts: the check a
 * planner runs on a new mapping before calibrating from it (`ccsim log`).
 */
import type { CallOutcome } from './call-record.js';
import type { IntervalRow } from './interval-report.js';
import type { CallLog } from './read-call-log.js';
import type { IntervalReport } from './read-interval-report.js';

/** Calls of one call type (or of all) by outcome; `offered` = served + abandoned. */
export interface OutcomeCounts {
  readonly calls: number;
  readonly served: number;
  readonly abandoned: number;
  readonly ivr: number;
  readonly blocked: number;
  readonly offered: number;
}

export interface CallLogSummary {
  readonly file: string;
  readonly mappingFile: string;
  /** Rows of the days kept, ignored ones included. */
  readonly rows: number;
  readonly ignored: number;
  readonly days: number;
  readonly firstDate: string;
  readonly lastDate: string;
  /** Days kept per day of the week, Sunday first. */
  readonly daysByWeekday: readonly number[];
  readonly total: OutcomeCounts;
  /** By call type, in name order. */
  readonly byCallType: Readonly<Record<string, OutcomeCounts>>;
  /** Records by priority class. */
  readonly byPriority: Readonly<Record<string, number>>;
  readonly agents: number;
  readonly repairs: CallLog['repairs'];
}

type Tally = { -readonly [K in keyof OutcomeCounts]: number };

const empty = (): Tally => ({ calls: 0, served: 0, abandoned: 0, ivr: 0, blocked: 0, offered: 0 });

function count(tally: Tally, outcome: Exclude<CallOutcome, 'ignored'>): void {
  tally.calls++;
  tally[outcome]++;
  if (outcome === 'served' || outcome === 'abandoned') tally.offered++;
}

export function summarizeCallLog(log: CallLog): CallLogSummary {
  const total = empty();
  const byType = new Map<string, Tally>();
  const byPriority = new Map<number, number>();
  const agents = new Set<string>();
  for (const r of log.records) {
    if (r.outcome === 'ignored') continue;
    let tally = byType.get(r.callType);
    if (tally === undefined) byType.set(r.callType, (tally = empty()));
    count(tally, r.outcome);
    count(total, r.outcome);
    byPriority.set(r.priority, (byPriority.get(r.priority) ?? 0) + 1);
    if (r.agent !== null) agents.add(r.agent);
  }
  const daysByWeekday = [0, 0, 0, 0, 0, 0, 0];
  for (const date of log.dates) daysByWeekday[new Date(`${date}T00:00:00Z`).getUTCDay()]++;
  return {
    file: log.file,
    mappingFile: log.mappingFile,
    rows: log.records.length + log.ignored,
    ignored: log.ignored,
    days: log.dates.length,
    firstDate: log.dates[0],
    lastDate: log.dates[log.dates.length - 1],
    daysByWeekday,
    total,
    byCallType: Object.fromEntries([...byType].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    byPriority: Object.fromEntries([...byPriority].sort(([a], [b]) => a - b).map(([p, n]) => [String(p), n])),
    agents: agents.size,
    repairs: log.repairs,
  };
}

/** An interval report's totals for one call type (or all). */
export interface IntervalTotals {
  readonly intervals: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Answered-weighted mean of the AHTs given; null when none. */
  readonly aht: number | null;
  /** Answered-weighted mean of the ASAs given; null when none. */
  readonly asa: number | null;
  /** Answered within the threshold ÷ offered (ccsim's service level); null without that column. */
  readonly serviceLevel: number | null;
  /** Agent-hours staffed; null without that column. */
  readonly agentHours: number | null;
}

export interface IntervalReportSummary {
  readonly file: string;
  readonly mappingFile: string;
  readonly rows: number;
  readonly days: number;
  readonly firstDate: string;
  readonly lastDate: string;
  /** Seconds. */
  readonly intervalLength: number;
  readonly threshold: number | null;
  readonly total: IntervalTotals;
  readonly byCallType: Readonly<Record<string, IntervalTotals>>;
}

export function summarizeIntervalReport(report: IntervalReport): IntervalReportSummary {
  const groups = new Map<string, IntervalRow[]>();
  for (const row of report.rows) {
    let rows = groups.get(row.callType);
    if (rows === undefined) groups.set(row.callType, (rows = []));
    rows.push(row);
  }
  const threshold = report.rows.find((r) => r.threshold !== null)?.threshold ?? null;
  return {
    file: report.file,
    mappingFile: report.mappingFile,
    rows: report.rows.length,
    days: report.dates.length,
    firstDate: report.dates[0],
    lastDate: report.dates[report.dates.length - 1],
    intervalLength: report.intervalLength,
    threshold,
    total: intervalTotals(report.rows),
    byCallType: Object.fromEntries(
      [...groups]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, rows]) => [name, intervalTotals(rows)]),
    ),
  };
}

function intervalTotals(rows: readonly IntervalRow[]): IntervalTotals {
  let offered = 0;
  let answered = 0;
  let abandoned = 0;
  const weighted = { aht: [0, 0], asa: [0, 0] };
  let within: number | null = null;
  let agentSeconds: number | null = null;
  for (const r of rows) {
    offered += r.offered;
    answered += r.answered;
    abandoned += r.abandoned;
    if (r.aht !== null) weighted.aht = [weighted.aht[0] + r.aht * r.answered, weighted.aht[1] + r.answered];
    if (r.asa !== null) weighted.asa = [weighted.asa[0] + r.asa * r.answered, weighted.asa[1] + r.answered];
    if (r.answeredWithin !== null) within = (within ?? 0) + r.answeredWithin;
    if (r.agents !== null) agentSeconds = (agentSeconds ?? 0) + r.agents * r.length;
  }
  const mean = ([sum, n]: number[]) => (n > 0 ? sum / n : null);
  return {
    intervals: rows.length,
    offered,
    answered,
    abandoned,
    aht: mean(weighted.aht),
    asa: mean(weighted.asa),
    serviceLevel: within === null || offered === 0 ? null : within / offered,
    agentHours: agentSeconds === null ? null : agentSeconds / 3600,
  };
}
