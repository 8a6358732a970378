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
  readonly records: readonly CallRecord[];
  readonly problems: readonly DataProblem[];
  /** Problems found beyond those listed. */
  readonly unlisted: number;
  readonly repairs: readonly DataRepair[];
  readonly delimiter: string;
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

/** Reads every row of a call log with a (validated) call mapping. */
export function parseCallLog(
  text: string,
  spec: CallMappingSpec,
  options: ParseCallLogOptions,
): ParsedCallLog {
  const problems = new ProblemList();
  const table = new Table(text, spec, options.file, options.mappingFile, problems);
  const values = new RowValues(
    options.file,
    problems,
    spec.date?.format ?? 'YYYY-MM-DD',
    spec.times ?? 'clock',
    table.delimiter === ';',
  );
  const f = spec.fields;
  const col = (name: keyof CallMappingSpec['fields']) =>
    name === 'outcome' || name === 'callType'
      ? undefined
      : table.column(`fields.${name}`, columnSpec(f[name]));
  const arrival = col('arrival');
  const outcomeField = f.outcome as Exclude<CallMappingSpec['fields']['outcome'], string | number>;
  const outcome = table.column('fields.outcome', columnSpec(outcomeField.column));
  const columns = {
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
  const callType = callTypeReader(f.callType, table, values);
  const day = dayReader(spec, table, values, arrival, options.logDate, problems, options.mappingFile);
  table.listColumnsIfMissing();
  const repairs = new Repairs();
  // A later time of the same record: past midnight when far earlier than the arrival.
  const nextDay = (t: number | null, arrivalAt: number, column: ResolvedColumn | undefined, line: number) => {
    if (
      t === null ||
      column === undefined ||
      values.isDatetime(column) ||
      t >= arrivalAt - NEXT_DAY_THRESHOLD
    ) {
      return t;
    }
    repairs.note(
      'times earlier than the arrival by more than 12 h read as the next day (midnight crossed)',
      line,
    );
    return t + SECONDS_PER_DAY;
  };
  const records: CallRecord[] = [];
  if (problems.count === 0 && arrival !== undefined && outcome !== undefined && callType && day) {
    const rules = new Map(Object.entries(outcomeField.codes));
    const codeList = [...rules.keys()].join(', ');
    table.forEachRow((cells, line) => {
      values.line = line;
      const before = problems.count;
      const code = values.required(outcome, cells, `an outcome code (${codeList})`);
      const rule = code === null ? undefined : rules.get(code);
      if (code !== null && rule === undefined) {
        values.problem(
          outcome,
          `expected an outcome code the mapping lists (${codeList}), got ${excerpt(code)}`,
        );
      }
      const date = day(cells);
      const type = callType(cells);
      const arrivalAt = values.time(arrival, cells, date);
      if (arrivalAt === null) values.problem(arrival, 'expected the arrival time, got an empty cell');
      if (rule === 'ignored') {
        if (problems.count === before && date !== undefined && type !== null && arrivalAt !== null) {
          records.push(callRecord(line, date, type, 0, arrivalAt, null, 0, 'ignored', null, 0, null, null));
        }
        return;
      }
      // Every other field is read even when the row is already bad: all its problems at once.
      const arrivedAt = arrivalAt ?? NaN;
      const later = (column: ResolvedColumn | undefined) =>
        nextDay(values.time(column, cells, date), arrivedAt, column, line);
      const ivrExit = later(columns.ivrExit);
      const queueEntry = later(columns.queueEntry);
      const queueExit = later(columns.queueExit);
      let serviceStart = later(columns.serviceStart);
      const serviceEnd = later(columns.serviceEnd);
      const waitColumn = values.duration(columns.wait, cells);
      const serviceTimeColumn = values.duration(columns.serviceTime, cells);
      const priority = values.count(columns.priority, cells, true) ?? 0;
      const agent = values.text(columns.agent, cells);
      const customer = values.text(columns.customer, cells);
      const rawWait =
        waitColumn ?? (queueExit !== null && queueEntry !== null ? queueExit - queueEntry : null);
      if (problems.count > before || rule === undefined || date === undefined || type === null) return;
      const result = decide(
        rule,
        rawWait !== null && rawWait > 0,
        serviceStart !== null,
        queueEntry !== null,
      );
      if (result !== 'served' && result !== 'abandoned') {
        const kept = result === 'ignored' ? { agent: null, customer: null } : { agent, customer };
        records.push(
          callRecord(
            line,
            date,
            type,
            result === 'ignored' ? 0 : priority,
            arrivedAt,
            null,
            0,
            result,
            null,
            0,
            kept.agent,
            kept.customer,
          ),
        );
        return;
      }
      let entry = queueEntry ?? ivrExit ?? arrivedAt;
      if (result === 'served' && queueEntry === null && serviceStart !== null && serviceStart < entry) {
        entry = serviceStart; // answered at once, logged a second before the IVR exit
      }
      let wait = rawWait ?? (result === 'served' && serviceStart !== null ? serviceStart - entry : null);
      if (wait === null) {
        values.problem(
          columns.wait ?? columns.queueExit,
          'expected the wait of an abandoned call, got an empty cell',
        );
        return;
      }
      if (wait < 0) {
        repairs.note('waits below 0 (clocks out of step) read as 0', line);
        wait = 0;
      }
      if (result === 'abandoned') {
        records.push(
          callRecord(
            line,
            date,
            type,
            priority,
            arrivedAt,
            entry,
            wait,
            'abandoned',
            null,
            0,
            agent,
            customer,
          ),
        );
        return;
      }
      if (serviceStart === null) {
        repairs.note('served calls without a service start taken as answered when they left the queue', line);
        serviceStart = entry + wait;
      }
      const serviceTime = serviceTimeColumn ?? (serviceEnd === null ? null : serviceEnd - serviceStart);
      if (serviceTime === null || serviceTime < 0) {
        values.problem(
          columns.serviceTime ?? columns.serviceEnd,
          serviceTime === null
            ? 'expected the handle time of a served call, got an empty cell'
            : `expected a handle time ≥ 0, got ${serviceTime} s`,
        );
        return;
      }
      records.push(
        callRecord(
          line,
          date,
          type,
          priority,
          arrivedAt,
          entry,
          wait,
          'served',
          serviceStart,
          serviceTime,
          agent,
          customer,
        ),
      );
    });
  }
  const failed = problems.count > 0;
  return {
    records: failed ? [] : records,
    problems: problems.listed,
    unlisted: problems.unlisted,
    repairs: failed ? [] : repairs.list(),
    delimiter: table.delimiter,
  };
}

/** A record built in one shape (V8 keeps every record's fields in the same layout: months of calls). */
function callRecord(
  line: number,
  day: Day,
  callType: string,
  priority: number,
  arrival: number,
  queueEntry: number | null,
  wait: number,
  outcome: CallOutcome,
  serviceStart: number | null,
  serviceTime: number,
  agent: string | null,
  customer: string | null,
): CallRecord {
  return {
    line,
    date: day.iso,
    weekday: day.weekday,
    callType,
    priority,
    arrival,
    queueEntry,
    wait,
    outcome,
    serviceStart,
    serviceTime,
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
