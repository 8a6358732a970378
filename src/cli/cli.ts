/**
 * The ccsim command line: parse, call a library function, print.
 * Exit codes: 0 ok, 1 internal failure, 2 bad input (arguments or scenario).
 */
import yargs from 'yargs';
import type { CliIo } from './io.js';
import { Interrupted } from './interrupt.js';
import { ExitCode, processIo, UsageError } from './io.js';

// Each command's module, and the libraries it uses, loads only when that command runs (or shows its
// help): `ccsim erlang …` or `ccsim --help` must not pay for the simulation, DuckDB or Vega.
const commands = {
  run: () => import('./commands/run.js'),
  validate: () => import('./commands/validate.js'),
  sweep: () => import('./commands/sweep.js'),
  compare: () => import('./commands/compare.js'),
  dr: () => import('./commands/dr.js'),
  staff: () => import('./commands/staff.js'),
  shifts: () => import('./commands/shifts.js'),
  results: () => import('./commands/results.js'),
  worker: () => import('./commands/worker.js'),
  erlang: () => import('./commands/erlang.js'),
  schema: () => import('./commands/schema.js'),
  log: () => import('./commands/log.js'),
  calibrate: () => import('./commands/calibrate.js'),
  backtest: () => import('./commands/backtest.js'),
  forecast: () => import('./commands/forecast.js'),
};

/** Runs the CLI on `argv` (without node and script); resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const parser = yargs([...argv])
    .scriptName('ccsim')
    .usage('$0 <command> [options]\n\nCall-center simulation and capacity planning.')
    .command(
      'run <scenario>',
      'simulate a scenario and print its KPIs with confidence intervals',
      async (y) => (await commands.run()).runOptions(y),
      async (args) => (await commands.run()).runCommand(args, io),
    )
    .command(
      'validate <scenarios..>',
      'check scenario files and report every problem',
      async (y) => (await commands.validate()).validateOptions(y),
      async (args) => {
        if ((await commands.validate()).validateCommand(args, io).length > 0) exitCode = ExitCode.badInput;
      },
    )
    .command(
      'sweep <scenario>',
      'run a grid of what-ifs (agents, handle times …) on the same calls',
      async (y) => (await commands.sweep()).sweepOptions(y),
      async (args) => (await commands.sweep()).sweepCommand(args, io),
    )
    .command(
      'compare <scenarios..>',
      'compare scenarios on the same calls: KPIs side by side, paired differences, significance',
      async (y) => (await commands.compare()).compareOptions(y),
      async (args) => {
        await (await commands.compare()).compareCommand(args, io);
      },
    )
    .command(
      'dr <scenario>',
      'N-1 disaster recovery: fail each site in turn, KPIs side by side; --size: extra agents so any outage meets a target',
      async (y) => (await commands.dr()).drOptions(y),
      async (args) => {
        const { sizing } = await (await commands.dr()).drCommand(args, io);
        if (sizing !== undefined && !sizing.reached) exitCode = ExitCode.targetNotReached;
      },
    )
    .command(
      'staff <scenario>',
      'agents required per interval and group by simulation, for a service-level target',
      async (y) => (await commands.staff()).staffOptions(y),
      async (args) => {
        await (await commands.staff()).staffCommand(args, io);
      },
    )
    .command(
      'shifts <requirements>',
      'the cheapest shift plan that covers a requirement (exact, HiGHS), simulated',
      async (y) => (await commands.shifts()).shiftsOptions(y),
      async (args) => {
        await (await commands.shifts()).shiftsCommand(args, io);
      },
    )
    .command(
      'query <db> <sql>',
      'run SQL on a results database',
      async (y) => (await commands.results()).queryOptions(y),
      async (args) => (await commands.results()).queryCommand(args, io),
    )
    .command(
      'export <db>',
      'export a results database to CSV or Parquet',
      async (y) => (await commands.results()).exportOptions(y),
      async (args) => (await commands.results()).exportCommand(args, io),
    )
    .command(
      'worker',
      'run replications for sweeps and runs given --redis, on this machine, until stopped',
      async (y) => (await commands.worker()).workerOptions(y),
      async (args) => (await commands.worker()).workerCommand(args, io),
    )
    .command('erlang', 'closed forms: Erlang B, C, A and staffing', async (y) =>
      (await commands.erlang()).erlangCommands(y, io),
    )
    .command(
      'schema [format]',
      'print the JSON Schema of scenario files (or shift templates), for editors',
      async (y) => (await commands.schema()).schemaOptions(y),
      async (args) => (await commands.schema()).schemaCommand(args, io),
    )
    .command(
      'log <log>',
      'import a call log through its mapping file and print what it holds, by call type and outcome',
      async (y) => (await commands.log()).logCommandOptions(y),
      async (args) => {
        (await commands.log()).logCommand(args, io);
      },
    )
    .command(
      'calibrate <log>',
      'a call log in, a scenario out: arrivals, handle times, patience and staffing fitted from the log',
      async (y) => (await commands.calibrate()).calibrateOptions(y),
      async (args) => (await commands.calibrate()).calibrateCommand(args, io),
    )
    .command(
      'backtest <scenario> <log>',
      'does the scenario reproduce the log? KPIs per interval against the simulated band, Erlang C and A beside',
      async (y) => (await commands.backtest()).backtestOptions(y),
      async (args) => (await commands.backtest()).backtestCommand(args, io),
    )
    .command(
      'forecast <log>',
      'forecast offered calls per day, interval and call type after a call log, with 80% and 95% intervals',
      async (y) => (await commands.forecast()).forecastOptions(y),
      async (args) => {
        (await commands.forecast()).forecastCommand(args, io);
      },
    )
    .demandCommand(
      1,
      'name a command: run, sweep, compare, dr, staff, shifts, worker, validate, query, export, erlang, schema, log, calibrate, backtest or forecast (see --help)',
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
    return await reportError(error, io);
  }
  return exitCode;
}

async function reportError(error: unknown, io: CliIo): Promise<number> {
  if (error instanceof Interrupted) return ExitCode.interrupted;
  // Loaded only now, not at start-up (already loaded when the command that threw used them).
  const [
    { DistributedJobError },
    { RedisUnavailableError },
    { ResultsStoreError },
    { ScenarioError },
    { DataInputError },
  ] = await Promise.all([
    import('../experiment/distributed-runner.js'),
    import('../experiment/queue.js'),
    import('../experiment/results-store.js'),
    import('../model/scenario/problems.js'),
    import('../data/problems.js'),
  ]);
  if (error instanceof RedisUnavailableError || error instanceof DistributedJobError) {
    io.stderr(`ccsim: ${error.message}\n`);
    return ExitCode.failure;
  }
  if (error instanceof ResultsStoreError) {
    io.stderr(`ccsim: ${error.message}\n`);
    return ExitCode.badInput;
  }
  if (error instanceof ScenarioError || error instanceof DataInputError) {
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
