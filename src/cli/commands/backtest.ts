/**
 * `ccsim backtest <scenario> <log> --mapping m.yaml`: does the scenario reproduce the log? The log's
 * KPIs per interval against the simulated mean and its prediction band, with Erlang C and A beside.
 */
import { basename, join } from 'node:path';
import type { Argv } from 'yargs';
import { backtest } from '../../planning/backtest.js';
import { compileVariant, readBaseScenario } from '../../planning/scenario-variant.js';
import { backtestText, writeBacktestReport } from '../../report/backtest-report.js';
import { slug } from '../../report/write-report.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import { interruptible } from '../interrupt.js';
import type { CliIo } from '../io.js';
import { checkWhole, UsageError } from '../io.js';
import type { LogArgs } from '../log-options.js';
import { logOptions, readLogFromArgs } from '../log-options.js';

export interface BacktestArgs extends LogArgs, AllowReadArgs {
  scenario: string;
  perDay: boolean;
  json: boolean;
  out?: string;
  report: boolean;
  blocks?: number;
  reps?: number;
  threads?: number;
}

export function backtestOptions<T>(y: Argv<T>) {
  return logOptions(
    y
      .positional('scenario', {
        type: 'string',
        demandOption: true,
        describe: 'the scenario to test (e.g. from ccsim calibrate)',
      })
      .positional('log', { type: 'string', demandOption: true, describe: 'the call log to test it against' }),
  )
    .option('per-day', {
      type: 'boolean',
      default: false,
      describe: "replay each day of the log with that day's arrivals and inferred staffing",
    })
    .option('json', { type: 'boolean', default: false, describe: 'print the back-test as JSON on stdout' })
    .option('out', {
      alias: 'o',
      type: 'string',
      describe: 'report folder (default: reports/<scenario>-backtest)',
    })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'write the report folder (--no-report to skip)',
    })
    .option('blocks', {
      type: 'number',
      describe: 'average mode: simulated pseudo-logs for the band (default 40)',
    })
    .option('reps', { type: 'number', describe: 'per-day mode: replications of each day (default 100)' })
    .option('threads', {
      alias: 't',
      type: 'number',
      describe: 'worker threads (default 1); results do not depend on it',
    })
    .example(
      '$0 backtest scenarios/anonymous-bank.yaml data/anonymous-bank/calls-1999-02-01-to-14.tsv --mapping data/mappings/anonymous-bank.yaml --days sun-thu',
      'the bundled bank model against its log',
    );
}

export async function backtestCommand(args: BacktestArgs, io: CliIo): Promise<void> {
  checkWhole('blocks', args.blocks, 2);
  checkWhole('reps', args.reps, 2);
  checkWhole('threads', args.threads, 1);
  if (args.blocks !== undefined && args.perDay)
    throw new UsageError('--blocks: only without --per-day (use --reps)');
  if (args.reps !== undefined && !args.perDay)
    throw new UsageError('--reps: only with --per-day (use --blocks)');
  const base = readBaseScenario({ file: args.scenario, ...loadOptionsOf(args) });
  const model = compileVariant(base, base.input, 'backtest');
  const log = readLogFromArgs(args);
  const result = await interruptible(io, undefined, async (signal) => {
    try {
      return await backtest(base, model, log.records, {
        perDay: args.perDay,
        ...(args.blocks === undefined ? {} : { blocks: args.blocks }),
        ...(args.reps === undefined ? {} : { replicationsPerDay: args.reps }),
        threads: args.threads ?? 1,
        signal,
      });
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    }
  });
  const source = { scenario: args.scenario, log: args.log, mapping: args.mapping };
  const out =
    args.out ?? join('reports', `${slug(basename(args.scenario).replace(/\.[^.]+$/, ''))}-backtest`);
  const report = args.report ? await writeBacktestReport(result, source, out) : undefined;
  if (args.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(backtestText(result, source));
  if (report !== undefined)
    (args.json ? io.stderr : io.stdout)(`Report: ${join(report.directory, 'index.html')}\n`);
}
