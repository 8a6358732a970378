/**
 * Reading an interval report from files: its mapping (`kind: intervals`),
 * then the report through it, then the day filter.
 */
import type { DayFilter } from './day-filter.js';
import { describeFilter, keepsDay } from './day-filter.js';
import type { IntervalRow } from './interval-report.js';
import { parseIntervalReport } from './interval-report.js';
import type { Mapping } from './mapping.js';
import { DataInputError } from './problems.js';
import type { ReadCallLogOptions } from './read-call-log.js';
import { MAX_LOG_BYTES, readDataFile, readMappingFile } from './read-call-log.js';

export interface IntervalReport {
  readonly file: string;
  readonly mappingFile: string;
  /** The rows of the days the filter keeps, in file order. */
  readonly rows: IntervalRow[];
  /** The dates (`YYYY-MM-DD`) of those rows, in order. */
  readonly dates: string[];
  /** The interval length, seconds. */
  readonly intervalLength: number;
}

/** Reads an interval report through a mapping file, keeping the days `filter` keeps. */
export function readIntervalReport(
  file: string,
  mappingFile: string,
  filter: DayFilter = {},
  options: ReadCallLogOptions = {},
): IntervalReport {
  const mapping = readMappingFile(mappingFile);
  const text = readDataFile(file, MAX_LOG_BYTES, 'interval report');
  return intervalReportFromText(text, mapping, { file, ...options }, filter);
}

/** An interval report from its text (the pure part of {@link readIntervalReport}). */
export function intervalReportFromText(
  text: string,
  mapping: Mapping,
  source: { file: string } & ReadCallLogOptions,
  filter: DayFilter = {},
): IntervalReport {
  if (mapping.kind !== 'intervals') {
    throw new DataInputError([
      {
        file: mapping.file,
        field: 'kind',
        message:
          'this mapping reads call-by-call logs: expected an interval-report mapping (kind: intervals)',
      },
    ]);
  }
  const parsed = parseIntervalReport(text, mapping.spec, {
    file: source.file,
    mappingFile: mapping.file,
    ...(source.logDate === undefined ? {} : { logDate: source.logDate }),
  });
  if (parsed.problems.length > 0) throw new DataInputError(parsed.problems, parsed.unlisted);
  const rows = parsed.rows.filter((r) => keepsDay(filter, r.date, r.weekday));
  if (rows.length === 0) {
    const all = [...new Set(parsed.rows.map((r) => r.date))].sort();
    throw new DataInputError([
      {
        file: source.file,
        message:
          all.length === 0
            ? 'the report has no rows: expected rows after the header'
            : `no row on the days asked for (${describeFilter(filter)}): the report covers ${all[0]} to ${all[all.length - 1]}`,
      },
    ]);
  }
  return {
    file: source.file,
    mappingFile: mapping.file,
    rows,
    dates: [...new Set(rows.map((r) => r.date))].sort(),
    intervalLength: mapping.spec.intervalLength,
  };
}
