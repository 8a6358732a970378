/**
 * `ccsim forecast <log> --mapping m.yaml [--horizon 14d] [--holdout 7d] [--interval 1h]`: offered
 * calls per day, interval and call type after the log, with 80% and 95% prediction intervals
 * (src/data/forecast.ts); `--holdout` scores a forecast of the log's own last days. The log may
 * be an interval report too (a `kind: intervals` mapping): its offered calls are forecast.
 */
import type { Argv } from 'yargs';
import { ForecastError } from '../../data/forecast.js';
import type { LogForecast } from '../../data/forecast-log.js';
import { forecastCounts, forecastLog } from '../../data/forecast-log.js';
import type { IntervalSeconds } from '../../data/interval-counts.js';
import { countOfferedIntervals, INTERVAL_SECONDS } from '../../data/interval-counts.js';
import { parseDurationString } from '../../model/scenario/units.js';
import { forecastDocument, forecastFiles, forecastText } from '../../report/forecast-output.js';
import { writeFiles } from '../../report/write-report.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import type { LogArgs } from '../log-options.js';
import { dayFilterFromArgs, logOptions, readDataFromArgs } from '../log-options.js';

/** Longest horizon or holdout: a year (the method is for weeks ahead, not for long-range planning). */
const MAX_DAYS = 366;

export interface ForecastArgs extends LogArgs {
  readonly horizon: string;
  readonly holdout?: string;
  readonly interval: string;
  readonly json: boolean;
  readonly out?: string;
}

export function forecastOptions<T>(y: Argv<T>) {
  return logOptions(
    y.positional('log', {
      type: 'string',
      demandOption: true,
      describe: 'the call-by-call log exported by the ACD',
    }),
  )
    .option('horizon', {
      type: 'string',
      default: '14d',
      describe: 'days forecast after the log: 14d, 2w (only the days --days keeps)',
    })
    .option('holdout', {
      type: 'string',
      describe: "forecast the log's last days (7d) from the days before them and report the accuracy",
    })
    .option('interval', { type: 'string', default: '1h', describe: 'interval length: 15m, 30m or 1h' })
    .option('json', { type: 'boolean', default: false, describe: 'print the forecast as JSON' })
    .option('out', {
      type: 'string',
      describe: 'write forecast.csv, daily.csv, one arrivals CSV per day and arrivals.yaml here',
    })
    .example(
      '$0 forecast data/anonymous-bank/calls-1999-02-01-to-14.tsv --mapping data/mappings/anonymous-bank.yaml --horizon 14d --holdout 7d',
      'the two weeks after the log, and how well its second week is forecast from its first',
    );
}

export function forecastCommand(args: ForecastArgs, io: CliIo): LogForecast {
  const problems: string[] = [];
  const horizonDays = days('horizon', args.horizon, problems);
  const holdoutDays = args.holdout === undefined ? undefined : days('holdout', args.holdout, problems);
  const intervalSeconds = interval(args.interval, problems);
  let selection;
  try {
    selection = dayFilterFromArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    problems.push(error.message);
  }
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  const data = readDataFromArgs(args);
  const request = {
    intervalSeconds,
    horizonDays,
    ...(holdoutDays === undefined ? {} : { holdoutDays }),
    ...(selection === undefined ? {} : { selection }),
  };
  let result: LogForecast;
  try {
    result =
      data.kind === 'calls'
        ? forecastLog(data.log.records, request)
        : forecastCounts(countOfferedIntervals(data.report.rows, intervalSeconds, selection), request);
  } catch (error) {
    if (error instanceof ForecastError || error instanceof RangeError)
      throw new UsageError(`${args.log}: ${error.message}`);
    throw error;
  }
  // Through a staging folder renamed into place: a failure leaves the previous files whole.
  if (args.out !== undefined) writeFiles(args.out, forecastFiles(result));
  io.stdout(
    args.json ? `${JSON.stringify(forecastDocument(result), null, 2)}\n` : forecastText(result, args.log),
  );
  if (args.out !== undefined && !args.json) io.stdout(`Written to ${args.out}/\n`);
  return result;
}

/** A number of days: `14d`, `2w` or `14`, from 1 to MAX_DAYS. */
function days(flag: string, text: string, problems: string[]): number {
  const match = /^\s*(\d+)\s*(d|days?|w|weeks?)?\s*$/i.exec(text);
  const value = match === null ? NaN : Number(match[1]) * (match[2]?.toLowerCase().startsWith('w') ? 7 : 1);
  if (Number.isInteger(value) && value >= 1 && value <= MAX_DAYS) return value;
  problems.push(
    `--${flag}: expected a number of days from 1 to ${MAX_DAYS}, such as 14d or 2w, got "${text}"`,
  );
  return 0;
}

function interval(text: string, problems: string[]): IntervalSeconds {
  const trimmed = text.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : parseDurationString(trimmed);
  const found = INTERVAL_SECONDS.find((s) => s === seconds);
  if (found !== undefined) return found;
  problems.push(`--interval: expected 15m, 30m or 1h, got "${text}"`);
  return 3600;
}
