/**
 * A call-by-call log's text read through a mapping into {@link CallRecord}s.
 *
 * How fields are derived when the log does not give them directly (the
 * README's "Importing a call log" says the same):
 * - a time more than 12 hours earlier than the call's arrival is on the next
 *   day (+86,400 s): the call crossed midnight. A time earlier by less is a
 *   clock error and kept as written (logs have clocks a second or a minute
 *   apart);
 * - queue entry (served and abandoned calls): the queue-entry column; else
 *   the IVR exit; else the arrival. A served call with no queue-entry time
 *   was answered at once: its queue entry is no later than its answer;
 * - wait: the wait column; else queue exit − queue entry; else (served)
 *   service start − queue entry; never below 0 (clocks off by a second
 *   would give −1);
 * - a served call without a service start was answered when it left the
 *   queue (queue entry + wait);
 * - handle time: the service-time column, else service end − service start.
 * Records of outcome `ignored` keep only their date, arrival and call type.
 */
import { excerpt } from '../model/scenario/problems.js';
import type { CallOutcome, CallRecord } from './call-record.js';
import type { CallMappingSpec, OutcomeRule } from './mapping.js';
import { columnSpec } from './mapping.js';
import type { DataProblem } from './problems.js';
import { ProblemList } from './problems.js';
import type { CallTypeReader, DayReader } from './record-parts.js';
import { callTypeReader, dayReader } from './record-parts.js';
import { RowValues } from './row-values.js';
import type { ResolvedColumn } from './table.js';
import { Table } from './table.js';
import type { Day } from './time-formats.js';
import { SECONDS_PER_DAY } from './time-formats.js';

/** A correction made to rows that the log's quirks call for, counted (not a problem). */
export interface DataRepair {
  readonly message: string;
  readonly count: number;
  /** The first line it was made on. */
  readonly firstLine: number;
}

/** A log read: every record (including `ignored` ones), or the problems found (then no record). */
export interface ParsedCallLog {
  readonly records: CallRecord[];
  readonly problems: readonly DataProblem[];
  /** Problems found beyond those listed. */
  readonly unlisted: number;
  readonly repairs: readonly DataRepair[];
}

export interface ParseCallLogOptions {
  /** The log's name in messages. */
  readonly file: string;
  /** The mapping's name in messages. */
  readonly mappingFile: string;
  /** The date of every row when the mapping has no date column and no fixed date (`YYYY-MM-DD`). */
  readonly logDate?: string;
}

/** A time more than this much earlier than the arrival is on the next day. */
const NEXT_DAY_THRESHOLD = SECONDS_PER_DAY / 2;

const REPAIRS = {
  nextDay: 'times earlier than the arrival by more than 12 h read as the next day (midnight crossed)',
  negativeWait: 'waits below 0 (clocks out of step) read as 0',
  noServiceStart: 'served calls without a service start taken as answered when they left the queue',
} as const;

/** Reads every row of a call log with a (validated) call mapping. */
export function parseCallLog(
  text: string,
  spec: CallMappingSpec,
  options: ParseCallLogOptions,
): ParsedCallLog {
  const problems = new ProblemList();
  const table = new Table(text, spec, options.file, options.mappingFile, problems);
  const reader = CallRowReader.open(table, spec, options, problems);
  const records: CallRecord[] = [];
  if (problems.count === 0 && reader !== undefined) {
    table.forEachRow((cells, line) => {
      const record = reader.read(cells, line);
      if (record !== undefined) records.push(record);
    });
  }
  const failed = problems.count > 0;
  return {
    records: failed ? [] : records,
    problems: problems.listed,
    unlisted: problems.unlisted,
    repairs: failed || reader === undefined ? [] : reader.repairs.list(),
  };
}

/** What a row gives for a call that wanted an agent, in seconds (times after midnight of its date). */
export interface QueuedCallTimes {
  readonly arrival: number;
  readonly ivrExit: number | null;
  readonly queueEntry: number | null;
  readonly queueExit: number | null;
  /** The wait column's value. */
  readonly wait: number | null;
  readonly serviceStart: number | null;
  readonly serviceEnd: number | null;
  /** The service-time column's value. */
  readonly serviceTime: number | null;
}

/** What is derived for a served or abandoned call; or the field that is missing or wrong. */
export type QueuedCall =
  | {
      readonly queueEntry: number;
      readonly wait: number;
      readonly serviceStart: number | null;
      readonly serviceTime: number;
      /** Corrections made (keys of the repairs), for the counts. */
      readonly repaired: ReadonlyArray<'negativeWait' | 'noServiceStart'>;
    }
  | { readonly missing: 'wait' | 'serviceTime' }
  | { readonly negativeServiceTime: number };

/** The derivations of the module comment, for one served or abandoned call. */
export function deriveQueuedCall(outcome: 'served' | 'abandoned', t: QueuedCallTimes): QueuedCall {
  const served = outcome === 'served';
  let entry = t.queueEntry ?? t.ivrExit ?? t.arrival;
  // Answered at once, logged a second before the IVR exit: it asked for an agent no later than its answer.
  if (served && t.queueEntry === null && t.serviceStart !== null && t.serviceStart < entry)
    entry = t.serviceStart;
  const rawWait =
    t.wait ??
    (t.queueExit !== null && t.queueEntry !== null ? t.queueExit - t.queueEntry : null) ??
    (served && t.serviceStart !== null ? t.serviceStart - entry : null);
  if (rawWait === null) return { missing: 'wait' };
  const repaired: Array<'negativeWait' | 'noServiceStart'> = [];
  if (rawWait < 0) repaired.push('negativeWait');
  const wait = Math.max(0, rawWait);
  if (!served) return { queueEntry: entry, wait, serviceStart: null, serviceTime: 0, repaired };
  let serviceStart = t.serviceStart;
  if (serviceStart === null) {
    repaired.push('noServiceStart');
    serviceStart = entry + wait;
  }
  const serviceTime = t.serviceTime ?? (t.serviceEnd === null ? null : t.serviceEnd - serviceStart);
  if (serviceTime === null) return { missing: 'serviceTime' };
  if (serviceTime < 0) return { negativeServiceTime: serviceTime };
  return { queueEntry: entry, wait, serviceStart, serviceTime, repaired };
}

type CallColumns = Record<
  Exclude<keyof CallMappingSpec['fields'], 'outcome' | 'callType'>,
  ResolvedColumn | undefined
>;

/** Reads rows into records with the columns the mapping names, found in the table. */
class CallRowReader {
  readonly repairs = new Repairs();
  private readonly codeList: string;
  private readonly expectedCode: string;

  private constructor(
    private readonly values: RowValues,
    private readonly columns: CallColumns & { arrival: ResolvedColumn },
    private readonly outcome: ResolvedColumn,
    private readonly rules: ReadonlyMap<string, OutcomeRule>,
    private readonly callType: CallTypeReader,
    private readonly day: DayReader,
  ) {
    this.codeList = [...rules.keys()].join(', ');
    this.expectedCode = `an outcome code (${this.codeList})`;
  }

  /** The reader of a table's rows; undefined when the table lacks what the mapping names (problems added). */
  static open(
    table: Table,
    spec: CallMappingSpec,
    options: ParseCallLogOptions,
    problems: ProblemList,
  ): CallRowReader | undefined {
    const values = new RowValues(
      options.file,
      problems,
      spec.date?.format ?? 'YYYY-MM-DD',
      spec.times ?? 'clock',
      table.delimiter === ';',
    );
    const f = spec.fields;
    const col = (name: keyof CallColumns) => table.column(`fields.${name}`, columnSpec(f[name]));
    const columns: CallColumns = {
      arrival: col('arrival'),
      ivrExit: col('ivrExit'),
      queueEntry: col('queueEntry'),
      queueExit: col('queueExit'),
      wait: col('wait'),
      serviceStart: col('serviceStart'),
      serviceEnd: col('serviceEnd'),
      serviceTime: col('serviceTime'),
      agent: col('agent'),
      customer: col('customer'),
      priority: col('priority'),
    };
    const outcome = table.column('fields.outcome', columnSpec(f.outcome.column));
    const callType = callTypeReader(f.callType, table, values);
    const day = dayReader(
      spec,
      table,
      values,
      columns.arrival,
      options.logDate,
      problems,
      options.mappingFile,
    );
    table.listColumnsIfMissing();
    const arrival = columns.arrival;
    if (arrival === undefined || outcome === undefined || callType === undefined || day === undefined) {
      return undefined;
    }
    const rules = new Map(Object.entries(f.outcome.codes));
    return new CallRowReader(values, { ...columns, arrival }, outcome, rules, callType, day);
  }

  /** The row's record; undefined when it has problems (added to the list, every one of the row). */
  read(cells: readonly string[], line: number): CallRecord | undefined {
    const { values, columns } = this;
    values.line = line;
    const before = values.problemCount;
    const code = values.required(this.outcome, cells, this.expectedCode);
    const rule = code === null ? undefined : this.rules.get(code);
    if (code !== null && rule === undefined) {
      values.problem(
        this.outcome,
        `expected an outcome code the mapping lists (${this.codeList}), got ${excerpt(code)}`,
      );
    }
    const day = this.day(cells);
    const callType = this.callType(cells);
    const arrival = values.time(columns.arrival, cells, day);
    if (arrival === null) values.problem(columns.arrival, 'expected the arrival time, got an empty cell');
    if (rule === 'ignored') {
      const ok = values.problemCount === before && day !== undefined && callType !== null && arrival !== null;
      return ok ? record(line, day, callType, 0, arrival, 'ignored', null, null, null) : undefined;
    }
    // Every other field is read even when the row is already bad: all its problems at once.
    const at = arrival ?? NaN;
    const later = (column: ResolvedColumn | undefined) =>
      this.later(values.time(column, cells, day), at, column, line);
    const times: QueuedCallTimes = {
      arrival: at,
      ivrExit: later(columns.ivrExit),
      queueEntry: later(columns.queueEntry),
      queueExit: later(columns.queueExit),
      wait: values.duration(columns.wait, cells),
      serviceStart: later(columns.serviceStart),
      serviceEnd: later(columns.serviceEnd),
      serviceTime: values.duration(columns.serviceTime, cells),
    };
    const priority = values.count(columns.priority, cells, true) ?? 0;
    const agent = values.text(columns.agent, cells);
    const customer = values.text(columns.customer, cells);
    if (values.problemCount > before || rule === undefined || day === undefined || callType === null) {
      return undefined;
    }
    const waitKnown =
      times.wait ??
      (times.queueExit !== null && times.queueEntry !== null ? times.queueExit - times.queueEntry : 0);
    const outcome = decide(rule, waitKnown > 0, times.serviceStart !== null, times.queueEntry !== null);
    if (outcome === 'ignored') return record(line, day, callType, 0, at, 'ignored', null, null, null);
    if (outcome !== 'served' && outcome !== 'abandoned') {
      return record(line, day, callType, priority, at, outcome, agent, customer, null);
    }
    const call = deriveQueuedCall(outcome, times);
    if ('missing' in call) {
      values.problem(
        call.missing === 'wait'
          ? (columns.wait ?? columns.queueExit)
          : (columns.serviceTime ?? columns.serviceEnd),
        call.missing === 'wait'
          ? 'expected the wait of an abandoned call, got an empty cell'
          : 'expected the handle time of a served call, got an empty cell',
      );
      return undefined;
    }
    if ('negativeServiceTime' in call) {
      values.problem(
        columns.serviceTime ?? columns.serviceEnd,
        `expected a handle time ≥ 0, got ${call.negativeServiceTime} s`,
      );
      return undefined;
    }
    for (const repair of call.repaired) this.repairs.note(REPAIRS[repair], line);
    return record(line, day, callType, priority, at, outcome, agent, customer, call);
  }

  /** A later time of the same record: past midnight when far earlier than the arrival. */
  private later(
    t: number | null,
    arrival: number,
    column: ResolvedColumn | undefined,
    line: number,
  ): number | null {
    if (
      t === null ||
      column === undefined ||
      this.values.isDatetime(column) ||
      t >= arrival - NEXT_DAY_THRESHOLD
    ) {
      return t;
    }
    this.repairs.note(REPAIRS.nextDay, line);
    return t + SECONDS_PER_DAY;
  }
}

/**
 * A record, always built by this one literal: every record then has the
 * same hidden class in V8, which keeps months of calls compact and fast.
 */
function record(
  line: number,
  day: Day,
  callType: string,
  priority: number,
  arrival: number,
  outcome: CallOutcome,
  agent: string | null,
  customer: string | null,
  queued: { queueEntry: number; wait: number; serviceStart: number | null; serviceTime: number } | null,
): CallRecord {
  return {
    line,
    date: day.iso,
    weekday: day.weekday,
    callType,
    priority,
    arrival,
    queueEntry: queued === null ? null : queued.queueEntry,
    wait: queued === null ? 0 : queued.wait,
    outcome,
    serviceStart: queued === null ? null : queued.serviceStart,
    serviceTime: queued === null ? 0 : queued.serviceTime,
    agent,
    customer,
  };
}

/** The outcome an outcome code's rule gives for a call. */
export function decide(rule: OutcomeRule, waited: boolean, answered: boolean, queued: boolean): CallOutcome {
  let r = rule;
  while (typeof r !== 'string') {
    const holds = r.when === 'waited' ? waited : r.when === 'answered' ? answered : queued;
    r = holds ? r.then : r.else;
  }
  return r;
}

/** Counts of each kind of repair, in the order first made. */
class Repairs {
  private readonly made = new Map<string, { count: number; firstLine: number }>();

  note(message: string, line: number): void {
    const seen = this.made.get(message);
    if (seen === undefined) this.made.set(message, { count: 1, firstLine: line });
    else seen.count++;
  }

  list(): DataRepair[] {
    return [...this.made].map(([message, { count, firstLine }]) => ({ message, count, firstLine }));
  }
}
