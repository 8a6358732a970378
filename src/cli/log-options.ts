/**
 * The options of every command that reads a call log (`log`, `calibrate`,
 * `backtest`, `forecast`), declared once: the mapping file, the days kept,
 * and the date of a log without dates. {@link readLogFromArgs} reads the log
 * they describe; its errors are DataInputErrors or UsageErrors (exit 2).
 */
import type { Argv } from 'yargs';
import type { DayFilter } from '../data/day-filter.js';
import { dayFilter, DayFilterError, parseDateOption } from '../data/day-filter.js';
import type { CallLog } from '../data/read-call-log.js';
import {
  callLogFromText,
  MAX_LOG_BYTES,
  readCallLog,
  readDataFile,
  readMappingFile,
} from '../data/read-call-log.js';
import type { IntervalReport } from '../data/read-interval-report.js';
import { intervalReportFromText } from '../data/read-interval-report.js';
import { UsageError } from './io.js';

export interface LogArgs {
  /** The log file (each command's positional `<log>`). */
  readonly log: string;
  readonly mapping: string;
  readonly days?: string;
  readonly from?: string;
  readonly to?: string;
  readonly 'log-date'?: string;
}

/** Adds --mapping (required), --days, --from, --to and --log-date. */
export function logOptions<T>(y: Argv<T>) {
  return y
    .option('mapping', {
      type: 'string',
      demandOption:
        'give the mapping file that describes the log\'s columns with --mapping (e.g. data/mappings/anonymous-bank.yaml; see the README, "Importing a call log")',
      describe:
        "the mapping file of the log's format (YAML): columns, time formats, outcome and call-type codes",
    })
    .option('days', {
      type: 'string',
      describe: 'days of the week to keep: sun-thu, mon,wed,fri, fri-sun (wraps round), all',
    })
    .option('from', { type: 'string', describe: 'first date to keep, YYYY-MM-DD (inclusive)' })
    .option('to', { type: 'string', describe: 'last date to keep, YYYY-MM-DD (inclusive)' })
    .option('log-date', {
      type: 'string',
      describe: 'the date of every call (YYYY-MM-DD), for a log without a date column',
    });
}

/** The day filter the options ask for; a UsageError naming the option when one is wrong. */
export function dayFilterFromArgs(args: Omit<LogArgs, 'log' | 'mapping'>): DayFilter {
  try {
    return dayFilter({
      ...(args.days === undefined ? {} : { days: args.days }),
      ...(args.from === undefined ? {} : { from: args.from }),
      ...(args.to === undefined ? {} : { to: args.to }),
    });
  } catch (error) {
    if (error instanceof DayFilterError) throw new UsageError(error.message);
    throw error;
  }
}

/** Reads the log the options name, through its mapping, keeping the days asked for. */
export function readLogFromArgs(args: LogArgs): CallLog {
  const filter = dayFilterFromArgs(args);
  const logDate = logDateFromArgs(args);
  return readCallLog(args.log, args.mapping, filter, logDate === undefined ? {} : { logDate });
}

/** What the options name: a call log, or an interval report when the mapping is `kind: intervals`. */
export type ImportedData =
  | { readonly kind: 'calls'; readonly log: CallLog }
  | { readonly kind: 'intervals'; readonly report: IntervalReport };

/** Reads the log or interval report the options name, as its mapping's kind says. */
export function readDataFromArgs(args: LogArgs): ImportedData {
  const filter = dayFilterFromArgs(args);
  const logDate = logDateFromArgs(args);
  const options = logDate === undefined ? {} : { logDate };
  const mapping = readMappingFile(args.mapping);
  if (mapping.kind === 'intervals') {
    const text = readDataFile(args.log, MAX_LOG_BYTES, 'interval report');
    return {
      kind: 'intervals',
      report: intervalReportFromText(text, mapping, { file: args.log, ...options }, filter),
    };
  }
  const text = readDataFile(args.log, MAX_LOG_BYTES, 'call log');
  return { kind: 'calls', log: callLogFromText(text, mapping, { file: args.log, ...options }, filter) };
}

/** The --log-date option, checked. */
export function logDateFromArgs(args: Pick<LogArgs, 'log-date'>): string | undefined {
  const text = args['log-date'];
  if (text === undefined) return undefined;
  try {
    return parseDateOption('log-date', text);
  } catch (error) {
    if (error instanceof DayFilterError) throw new UsageError(error.message);
    throw error;
  }
}
