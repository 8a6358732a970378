/**
 * What a call log holds, in counts: the check a planner runs on a new
 * mapping before calibrating from it (`ccsim log`).
 */
import type { CallOutcome } from './call-record.js';
import type { CallLog } from './read-call-log.js';

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
