/**
 * The ccsim command line: parse, call a library function, print.
 * Exit codes: 0 ok, 1 internal failure, 2 bad input (arguments or scenario).
 */
import yargs from 'yargs';
import { ScenarioError } from '../model/scenario/index.js';
import { compareCommand, compareOptions } from './commands/compare.js';
import { drCommand, drOptions } from './commands/dr.js';
import { erlangCommands } from './commands/erlang.js';
import { exportCommand, exportOptions, queryCommand, queryOptions } from './commands/results.js';
import { runCommand, runOptions } from './commands/run.js';
import { sweepCommand, sweepOptions } from './commands/sweep.js';
import { staffCommand, staffOptions } from './commands/staff.js';
import { shiftsCommand, shiftsOptions } from './commands/shifts.js';
import { validateCommand, validateOptions } from './commands/validate.js';
import { workerCommand, workerOptions } from './commands/worker.js';
import { DistributedJobError } from '../experiment/distributed-runner.js';
import { RedisUnavailableError } from '../experiment/queue.js';
import { ResultsStoreError } from '../experiment/results-store.js';
import type { CliIo } from './io.js';
import { Interrupted } from './interrupt.js';
import { ExitCode, processIo, UsageError } from './io.js';

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const parser = yargs([...argv])
    .scriptName('ccsim')
    .usage('$0 <command> [options]\n\nCall-center simulation and capacity planning.')
    .command(
      'run <scenario>',
      'simulate a scenario and print its KPIs with confidence intervals',
      (y) => runOptions(y),
      async (args) => runCommand(args, io),
    )
    .command(
      'validate <scenarios..>',
      'check scenario files and report every problem',
      (y) => validateOptions(y),
      (args) => {
        if (validateCommand(args, io).length > 0) exitCode = ExitCode.badInput;
      },
    )
    .command(
      'sweep <scenario>',
      'run a grid of what-ifs (agents, handle times …) on the same calls',
      (y) => sweepOptions(y),
      async (args) => sweepCommand(args, io),
    )
    .command(
      'compare <scenarios..>',
      'compare scenarios on the same calls: KPIs side by side, paired differences, significance',
      (y) => compareOptions(y),
      async (args) => {
        await compareCommand(args, io);
      },
    )
    .command(
      'dr <scenario>',
      'N-1 disaster recovery: fail each site in turn, KPIs side by side; --size: extra agents so any outage meets a target',
      (y) => drOptions(y),
      async (args) => {
        await drCommand(args, io);
      },
    )
    .command(
      'staff <scenario>',
      'agents required per interval and group by simulation, for a service-level target',
      (y) => staffOptions(y),
      async (args) => {
        await staffCommand(args, io);
      },
    )
    .command(
      'shifts <requirements>',
      'the cheapest shift plan that covers a requirement (exact, HiGHS), simulated',
      (y) => shiftsOptions(y),
      async (args) => {
        await shiftsCommand(args, io);
      },
    )
    .command(
      'query <db> <sql>',
      'run SQL on a results database',
      (y) => queryOptions(y),
      async (args) => queryCommand(args, io),
    )
    .command(
      'export <db>',
      'export a results database to CSV or Parquet',
      (y) => exportOptions(y),
      async (args) => exportCommand(args, io),
    )
    .command(
      'worker',
      'run replications for sweeps and runs given --redis, on this machine, until stopped',
      (y) => workerOptions(y),
      async (args) => workerCommand(args, io),
    )
    .command('erlang', 'closed forms: Erlang B, C, A and staffing', (y) => erlangCommands(y, io))
    .demandCommand(
      1,
      'name a command: run, sweep, compare, dr, staff, shifts, worker, validate, query, export or erlang (see --help)',
    )
    .option('allow-read', {
      type: 'string',
      array: true,
      nargs: 1,
      global: true,
      describe:
        "let scenarios read files (CSV forecasts) under this folder too, besides their own folder's (repeatable)",
    })
    .strict()
    .recommendCommands()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });

  try {
    let output = '';
    await parser.parseAsync([...argv], {}, (_err, _args, text) => {
      output = text;
    });
    if (output) io.stdout(`${output}\n`);
  } catch (error) {
    return reportError(error, io);
  }
  return exitCode;
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof Interrupted) return ExitCode.interrupted;
  if (error instanceof RedisUnavailableError || error instanceof DistributedJobError) {
    io.stderr(`ccsim: ${error.message}\n`);
    return ExitCode.failure;
  }
  if (error instanceof ResultsStoreError) {
    io.stderr(`ccsim: ${error.message}\n`);
    return ExitCode.badInput;
  }
  if (error instanceof ScenarioError) {
    io.stderr(`${error.message}\n`);
    return ExitCode.badInput;
  }
  if (error instanceof UsageError || (error instanceof Error && error.name === 'YError')) {
    io.stderr(`ccsim: ${error.message}\nRun 'ccsim --help' for usage.\n`);
    return ExitCode.badInput;
  }
  if (error instanceof RangeError) {
    io.stderr(`ccsim: ${error.message}\n`);
    return ExitCode.badInput;
  }
  io.stderr(
    `ccsim: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return ExitCode.failure;
}
