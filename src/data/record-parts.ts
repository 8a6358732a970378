/**
 * The parts of a row both call logs and interval reports read the same way:
 * its day (a date column, a fixed date, or the date of its datetimes) and
 * its call type (a column with optional code → name translation, or fixed).
 */
import type { CallMappingSpec, IntervalMappingSpec } from './mapping.js';
import type { ProblemList } from './problems.js';
import type { RowValues } from './row-values.js';
import type { ResolvedColumn, Table } from './table.js';
import type { Day } from './time-formats.js';
import { parseDate } from './time-formats.js';
import { excerpt } from '../model/scenario/problems.js';

/** Reads a row's day; undefined (with a problem) when it has none. */
export type DayReader = (cells: readonly string[]) => Day | undefined;

/**
 * Where rows get their day: the date column, else the mapping's fixed
 * date, else the date of the `timeColumn`'s datetimes, else the date given
 * on the command line (`logDate`). A problem when none of these exists.
 */
export function dayReader(
  spec: CallMappingSpec | IntervalMappingSpec,
  table: Table,
  values: RowValues,
  timeColumn: ResolvedColumn | undefined,
  logDate: string | undefined,
  problems: ProblemList,
  mappingFile: string,
): DayReader | undefined {
  const date = spec.date;
  if (date?.column !== undefined) {
    const column = table.column('date.column', { column: date.column, absent: [] });
    return column === undefined ? undefined : (cells) => values.day(column, cells);
  }
  if (date?.fixed === undefined && timeColumn !== undefined && values.isDatetime(timeColumn)) {
    return (cells) => {
      const day = values.dayOfDatetime(timeColumn, cells);
      if (day === undefined)
        values.problem(timeColumn, 'expected a date and time: it gives the row its date');
      return day;
    };
  }
  const fixedText = date?.fixed ?? logDate;
  if (fixedText !== undefined) {
    const fixed = parseDate(fixedText, 'YYYY-MM-DD');
    if (fixed === undefined) {
      // The mapping's date is checked with the mapping: this one came from the command line.
      problems.add({
        file: mappingFile,
        message: `expected the log's date as YYYY-MM-DD, got ${excerpt(fixedText)}`,
      });
      return undefined;
    }
    return () => fixed;
  }
  if (timeColumn === undefined) return undefined;
  problems.add({
    file: mappingFile,
    field: 'date',
    message:
      'the rows have no date: expected date.column (the column of dates), date.fixed (one date for the whole file), ' +
      'times: datetime, or the date on the command line (--log-date YYYY-MM-DD)',
  });
  return undefined;
}

/** Reads a row's call type; null (with a problem) when it has none. */
export type CallTypeReader = (cells: readonly string[]) => string | null;

/** Call type of rows without a call-type field. */
export const DEFAULT_CALL_TYPE = 'calls';

export function callTypeReader(
  field: CallMappingSpec['fields']['callType'],
  table: Table,
  values: RowValues,
): CallTypeReader | undefined {
  if (field === undefined) return () => DEFAULT_CALL_TYPE;
  const fixed = field.fixed;
  if (fixed !== undefined) return () => fixed;
  if (field.column === undefined) return undefined; // the mapping's check refuses it
  const column = table.column('fields.callType', { column: field.column, absent: field.absent ?? [] });
  if (column === undefined) return undefined;
  const codes = field.codes ?? {};
  const names = new Map(Object.entries(codes));
  const refuse = field.unknown === 'refuse';
  const known = [...names.keys()].join(', ');
  return (cells) => {
    const code = values.required(column, cells, 'a call type');
    if (code === null) return null;
    const name = names.get(code);
    if (name !== undefined) return name;
    if (refuse) {
      values.problem(column, `expected a call type the mapping lists (${known}), got ${excerpt(code)}`);
      return null;
    }
    return code;
  };
}
