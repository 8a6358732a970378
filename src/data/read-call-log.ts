/**
 * Reading a call log from files: the mapping, then the log through it,
 * then the day filter. Everything that can be wrong is a DataInputError
 * naming the file (and line and field), every problem at once.
 */
import { InputFileError, readTextFile } from '../model/scenario/input-files.js';
import type { CallRecord } from './call-record.js';
import type { DataRepair } from './call-log.js';
import { parseCallLog } from './call-log.js';
import type { DayFilter } from './day-filter.js';
import { describeFilter, keepsDay } from './day-filter.js';
import type { Mapping } from './mapping.js';
import { MAX_MAPPING_BYTES, parseMappingText } from './mapping.js';
import { DataInputError } from './problems.js';

/** Largest log read: about two million calls of the bank's format, a year of a mid-size center. */
export const MAX_LOG_BYTES = 256 * 1024 * 1024;

export interface CallLog {
  /** The log as the user named it. */
  readonly file: string;
  readonly mappingFile: string;
  /** The calls of the days the filter keeps, in file order, without the `ignored` ones. */
  readonly records: CallRecord[];
  /** How many `ignored` records (phantoms) those days held. */
  readonly ignored: number;
  /** The dates (`YYYY-MM-DD`) that hold at least one record the filter keeps (ignored ones too), in order. */
  readonly dates: string[];
  /** Corrections made for the log's quirks (negative waits, crossed midnights …), counted. */
  readonly repairs: readonly DataRepair[];
}

export interface ReadCallLogOptions {
  /** The date of every row for a log without dates (`YYYY-MM-DD`; `--log-date`). */
  readonly logDate?: string;
}

/** The text of a data file; a DataInputError naming it when it cannot be read. */
export function readDataFile(file: string, limit: number, what: string): string {
  try {
    return readTextFile(file, limit).text;
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new DataInputError([{ file, message: `cannot read the ${what}: ${error.message}` }]);
  }
}

/** Reads and checks a mapping file. */
export function readMappingFile(file: string): Mapping {
  return parseMappingText(readDataFile(file, MAX_MAPPING_BYTES, 'mapping file'), file);
}

/** Reads a call-by-call log through a mapping file, keeping the days `filter` keeps. */
export function readCallLog(
  file: string,
  mappingFile: string,
  filter: DayFilter = {},
  options: ReadCallLogOptions = {},
): CallLog {
  const mapping = readMappingFile(mappingFile);
  const text = readDataFile(file, MAX_LOG_BYTES, 'call log');
  return callLogFromText(text, mapping, { file, ...options }, filter);
}

/** A call log from its text (the pure part of {@link readCallLog}). */
export function callLogFromText(
  text: string,
  mapping: Mapping,
  source: { file: string } & ReadCallLogOptions,
  filter: DayFilter = {},
): CallLog {
  if (mapping.kind !== 'calls') {
    throw new DataInputError([
      {
        file: mapping.file,
        field: 'kind',
        message:
          'this mapping reads interval reports (kind: intervals): expected a call-log mapping (kind: calls)',
      },
    ]);
  }
  const parsed = parseCallLog(text, mapping.spec, {
    file: source.file,
    mappingFile: mapping.file,
    ...(source.logDate === undefined ? {} : { logDate: source.logDate }),
  });
  if (parsed.problems.length > 0) throw new DataInputError(parsed.problems, parsed.unlisted);
  const records: CallRecord[] = [];
  const dates = new Set<string>();
  let ignored = 0;
  for (const record of parsed.records) {
    if (!keepsDay(filter, record.date, record.weekday)) continue;
    dates.add(record.date);
    if (record.outcome === 'ignored') ignored++;
    else records.push(record);
  }
  if (dates.size === 0) {
    const all = [...new Set(parsed.records.map((r) => r.date))].sort();
    throw new DataInputError([
      {
        file: source.file,
        message:
          all.length === 0
            ? 'the log has no calls: expected rows after the header'
            : `no call on the days asked for (${describeFilter(filter)}): the log covers ${all[0]} to ${all[all.length - 1]}`,
      },
    ]);
  }
  return {
    file: source.file,
    mappingFile: mapping.file,
    records,
    ignored,
    dates: [...dates].sort(),
    repairs: parsed.repairs,
  };
}
