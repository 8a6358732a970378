/**
 * `ccsim dr <scenario>`: N-1 analysis. Each site fails in turn (a full
 * outage at the busiest interval, or --at), the KPIs before, during and
 * after side by side with the baseline; with --size, the fewest extra
 * agents (and lines) per site so that any single-site outage meets a DR
 * service-level target, and their cost. A sizing that stops short of its
 * target exits with ExitCode.targetNotReached (3) and says which failures
 * miss it, by how much.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { DrJudge, DrProgress, DrResult, DrRestoreMode, DrSizing, DrTarget } from '../../planning/dr.js';
import {
  DR_JUDGES,
  DR_RESTORE_MODES,
  DrError,
  drAnalysis,
  parseDrTarget,
  sizeForDr,
} from '../../planning/dr.js';
import { ReplicationRunner } from '../../experiment/replication-runner.js';
import { loadScenarioFile } from '../../model/scenario/index.js';
import { defaultDrDirectory, drJson, drMarkdown, drText, writeDrReport } from '../../report/dr-report.js';
import { interruptible } from '../interrupt.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { UsageError, checkWhole, durationOption } from '../io.js';
import { progressBar } from '../progress.js';
import type { ConfidenceArgs, OutputArgs, QuietArgs, SimulationArgs } from '../shared-options.js';
import {
  confidenceOption,
  outputOptions,
  quietOption,
  readSimulationArgs,
  replicationOptions,
  threadsOption,
} from '../shared-options.js';

export interface DrArgs extends AllowReadArgs, SimulationArgs, ConfidenceArgs, OutputArgs, QuietArgs {
  scenario: string;
  at?: string;
  duration: string;
  detection: string;
  restore: string;
  size: boolean;
  judge: string;
  target?: string;
  maxIterations?: number;
}

export function drOptions<T>(y: Argv<T>) {
  const analysis = y
    .positional('scenario', {
      type: 'string',
      demandOption: true,
      describe: 'scenario file with two or more sites (YAML or JSON)',
    })
    .option('at', {
      type: 'string',
      describe: 'outage start, clock time HH:MM (default: the start of the busiest interval)',
    })
    .option('duration', { type: 'string', default: '2h', describe: 'outage duration, e.g. 2h, 90m' })
    .option('detection', {
      type: 'string',
      default: '5m',
      describe: 'time until the failure is detected and its calls re-routed, e.g. 5m, 0s',
    })
    .option('restore', {
      type: 'string',
      choices: DR_RESTORE_MODES,
      default: 'scenario',
      describe:
        "scenario: a failed site's agents resume work elsewhere as the scenario's outage of that site says (its restore); none: they stay off",
    })
    .option('size', {
      type: 'boolean',
      default: false,
      describe:
        'find the fewest extra agents (and lines) per site meeting --target in any single-site outage',
    })
    .option('target', {
      type: 'string',
      describe:
        "DR target for --size: <service level>/<seconds>, e.g. 60/30 or 0.8/20 (default: the scenario's target and threshold); implies --size",
    })
    .option('judge', {
      type: 'string',
      choices: DR_JUDGES,
      default: 'mean',
      describe:
        'with --size: judge the service level on its mean, or on the lower bound of its confidence interval (stricter; needs 2+ replications)',
    })
    .option('max-iterations', {
      type: 'number',
      describe: 'with --size: the most growth steps of the search (default 60)',
    });
  const simulation = replicationOptions(analysis, {
    reps: "replications of every run (default: the scenario's)",
    seed: "seed of every run (default: the scenario's)",
  });
  const output = outputOptions(threadsOption(confidenceOption(simulation)), {
    json: 'print the analysis as JSON on stdout',
    out: 'report folder (default: reports/<scenario name>-dr)',
  });
  return quietOption(output)
    .example(
      '$0 dr scenarios/two-site-bank-dr.yaml',
      "fail each site at the busiest interval for 2 h, with the scenario's work-from-home restore plan",
    )
    .example(
      '$0 dr scenarios/three-site-n-plus-1.yaml --at 10:00 --duration 90m --detection 0s --size --target 60/30',
      'and size the survivors for 60% within 30 s during any outage (exit 3 if not reached)',
    );
}

function usage<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (error instanceof DrError) throw new UsageError(error.message);
    throw error;
  }
}

export interface DrCommandResult {
  readonly result: DrResult;
  readonly sizing?: DrSizing;
}

export async function drCommand(args: DrArgs, io: CliIo): Promise<DrCommandResult> {
  const { replications, seed, confidenceLevel, threads } = readSimulationArgs(args);
  checkWhole('max-iterations', args.maxIterations, 1);
  const duration = durationOption('duration', args.duration, true);
  const detection = durationOption('detection', args.detection, false);
  // Reads and validates the scenario (ScenarioError: exit 2) before anything runs.
  const source = { file: args.scenario, ...loadOptionsOf(args) };
  const scenario = loadScenarioFile(source.file, source).scenario;
  const sites = scenario.sites.length;
  if (sites < 2) {
    throw new UsageError(
      `${args.scenario}: ccsim dr fails each site in turn and needs at least two sites; this scenario has one ("${scenario.sites[0].name}"). Add sites (and agent groups at them) under sites:`,
    );
  }
  const size = args.size || args.target !== undefined;
  let target: DrTarget | undefined;
  if (size) {
    if (args.target !== undefined) {
      const text = args.target;
      target = usage(() => parseDrTarget(text, scenario.serviceLevel.threshold));
    } else if (scenario.serviceLevel.target !== undefined) {
      target = { serviceLevel: scenario.serviceLevel.target, threshold: scenario.serviceLevel.threshold };
    } else {
      throw new UsageError(
        '--size: give the DR target with --target, e.g. --target 60/30 (60% within 30 s); the scenario sets no serviceLevel.target',
      );
    }
  }

  const interactive = io.interactive && !args.quiet;
  const progress = progressBar(io, args.quiet, 'dr');
  const runner = new ReplicationRunner({ threads });
  let result: DrResult;
  let sizing: DrSizing | undefined;
  let lastLabel = '';
  const onProgress = (e: DrProgress) => {
    if (e.stage === 'analysis') {
      progress.update(e);
    } else if (interactive && e.label !== lastLabel && e.replicationsDone === 1) {
      lastLabel = e.label;
      io.stderr(`\rsizing: ${e.label}…${' '.repeat(20)}`);
    }
  };
  try {
    const common = {
      replications,
      seed,
      confidenceLevel,
      runner,
      duration,
      detection,
      restore: args.restore as DrRestoreMode,
      onProgress,
    };
    result = await interruptible(io, undefined, (signal) =>
      drAnalysis(source, { ...common, at: args.at, signal }),
    );
    progress.stop();
    if (target !== undefined) {
      const dr = target;
      sizing = await interruptible(io, undefined, (signal) =>
        sizeForDr(source, {
          ...common,
          at: result.outage.at,
          target: dr,
          judge: args.judge as DrJudge,
          maxIterations: args.maxIterations,
          signal,
        }),
      );
      if (interactive) io.stderr(`\r${' '.repeat(70)}\r`);
    }
  } catch (error) {
    if (error instanceof DrError) throw new UsageError(error.message);
    throw error;
  } finally {
    progress.stop();
    await runner.close();
  }

  if (args.json) io.stdout(`${JSON.stringify(drJson(result, sizing), null, 2)}\n`);
  else io.stdout(args.format === 'md' ? drMarkdown(result, sizing) : drText(result, sizing));
  if (args.report) {
    const report = await writeDrReport(result, sizing, args.out ?? defaultDrDirectory(result));
    for (const warning of report.warnings ?? []) io.stderr(`warning: ${warning}\n`);
    const charts = report.files.filter((f) => f.endsWith('.svg')).length;
    (args.json || args.format === 'md' ? io.stderr : io.stdout)(
      `Report: ${join(report.directory, 'index.html')} (${charts} charts as SVG, PNG and Vega-Lite in charts/; dr.json${sizing === undefined ? '' : ', sized-scenario.yaml'})\n`,
    );
  }
  if (sizing !== undefined && !sizing.reached) {
    io.stderr(
      `ccsim: DR target not reached (exit code 3): ${sizing.reason ?? 'some failure misses it'}. Try --max-iterations, or check that the surviving sites can carry the load at all.\n`,
    );
  }
  return { result, sizing };
}
