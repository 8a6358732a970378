/**
 * An interval report (the export most planners have: per interval and
 * queue, calls offered, answered, abandoned, AHT, ASA, and where present
 * the calls answered within a threshold and the agents staffed) read through
 * a `kind: intervals` mapping into {@link IntervalRow}s.
 *
 * Rows are checked as a planner would: counts are whole numbers ≥ 0,
 * answered + abandoned ≤ offered, answered within the threshold ≤ answered,
 * interval starts on the grid of the mapping's `intervalLength` (counted
 * from midnight), and no interval given twice for the same call type.
 */
import type { IntervalMappingSpec } from './mapping.js';
import { columnSpec } from './mapping.js';
import type { DataProblem } from './problems.js';
import { ProblemList } from './problems.js';
import { callTypeReader, dayReader } from './record-parts.js';
import { RowValues } from './row-values.js';
import { Table } from './table.js';
import { formatClockTime, formatDuration } from '../model/scenario/units.js';

export interface IntervalRow {
  /** The report's line (1-based, counting the header), for messages. */
  readonly line: number;
  /** `YYYY-MM-DD`. */
  readonly date: string;
  /** 0 = Sunday … 6 = Saturday. */
  readonly weekday: number;
  /** Seconds after midnight of `date` the interval starts. */
  readonly start: number;
  /** Its length, seconds (the mapping's `intervalLength`). */
  readonly length: number;
  readonly callType: string;
  /** Calls offered to the queue in the interval. */
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Average handle time of the answered calls, seconds; null when the report leaves it out. */
  readonly aht: number | null;
  /** Average speed of answer (mean wait of the answered calls), seconds; null when left out. */
  readonly asa: number | null;
  /** Calls answered within `threshold` seconds; null without that column. */
  readonly answeredWithin: number | null;
  readonly threshold: number | null;
  /** Agents staffed (a mean over the interval: may be fractional); null without that column. */
  readonly agents: number | null;
}

export interface ParsedIntervalReport {
  readonly rows: IntervalRow[];
  readonly problems: readonly DataProblem[];
  readonly unlisted: number;
}

export function parseIntervalReport(
  text: string,
  spec: IntervalMappingSpec,
  options: { file: string; mappingFile: string; logDate?: string },
): ParsedIntervalReport {
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
  const start = table.column('fields.interval', columnSpec(f.interval));
  const offered = table.column('fields.offered', columnSpec(f.offered));
  const answered = table.column('fields.answered', columnSpec(f.answered));
  const abandoned = table.column('fields.abandoned', columnSpec(f.abandoned));
  const aht = table.column('fields.aht', columnSpec(f.aht));
  const asa = table.column('fields.asa', columnSpec(f.asa));
  const within = table.column(
    'fields.answeredWithin',
    f.answeredWithin === undefined
      ? undefined
      : { column: f.answeredWithin.column, absent: f.answeredWithin.absent ?? [] },
  );
  const agents = table.column('fields.agents', columnSpec(f.agents));
  const callType = callTypeReader(f.callType, table, values);
  const day = dayReader(spec, table, values, start, options.logDate, problems, options.mappingFile);
  table.listColumnsIfMissing();
  const length = spec.intervalLength;
  const threshold = f.answeredWithin?.threshold ?? null;
  const rows: IntervalRow[] = [];
  const seen = new Map<string, number>();
  if (problems.count === 0 && start && offered && answered && abandoned && callType && day) {
    table.forEachRow((cells, line) => {
      values.line = line;
      const before = problems.count;
      const date = day(cells);
      const type = callType(cells);
      const at = values.time(start, cells, date);
      if (at === null) values.problem(start, 'expected the start of the interval, got an empty cell');
      const count = (column: typeof offered, what: string) => {
        const n = values.count(column, cells, true);
        if (n === null) values.problem(column, `expected the number of calls ${what}, got an empty cell`);
        return n ?? NaN;
      };
      const nOffered = count(offered, 'offered');
      const nAnswered = count(answered, 'answered');
      const nAbandoned = count(abandoned, 'abandoned');
      const nWithin = values.count(within, cells, true);
      const meanHandle = values.duration(aht, cells);
      const meanAnswer = values.duration(asa, cells);
      const staffed = values.count(agents, cells, false);
      if (problems.count > before || date === undefined || type === null || at === null) return;
      if (nAnswered + nAbandoned > nOffered) {
        values.problem(
          offered,
          `expected at least the answered + abandoned calls (${nAnswered} + ${nAbandoned}), got ${nOffered}`,
        );
      }
      if (nWithin !== null && nWithin > nAnswered) {
        values.problem(within, `expected at most the answered calls (${nAnswered}), got ${nWithin}`);
      }
      for (const [column, value, what] of [
        [aht, meanHandle, 'an average handle time'],
        [asa, meanAnswer, 'an average speed of answer'],
      ] as const) {
        if (value !== null && value < 0) values.problem(column, `expected ${what} ≥ 0, got ${value}`);
      }
      if (Math.abs(at / length - Math.round(at / length)) > 1e-9) {
        values.problem(
          start,
          `expected the start of a ${formatDuration(length)} interval (counted from midnight), got ${formatClockTime(at)}`,
        );
      }
      const key = `${date.iso} ${at} ${type}`;
      const first = seen.get(key);
      if (first !== undefined) {
        values.problem(
          start,
          `the interval ${date.iso} ${formatClockTime(at)} of ${type} is given twice (first on line ${first})`,
        );
      } else seen.set(key, line);
      if (problems.count > before) return;
      rows.push({
        line,
        date: date.iso,
        weekday: date.weekday,
        start: at,
        length,
        callType: type,
        offered: nOffered,
        answered: nAnswered,
        abandoned: nAbandoned,
        aht: meanHandle,
        asa: meanAnswer,
        answeredWithin: nWithin,
        threshold: nWithin === null ? null : threshold,
        agents: staffed,
      });
    });
  }
  const failed = problems.count > 0;
  return { rows: failed ? [] : rows, problems: problems.listed, unlisted: problems.unlisted };
}
