/**
 * `ccsim compare <baseline> <scenario...>`: the same KPIs side by side, on
 * the same calls, with each scenario's paired difference from the baseline
 * and whether it is significant.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { CompareResult } from '../../experiment/compare.js';
import { compare } from '../../experiment/compare.js';
import { loadModel } from '../../model/scenario/index.js';
import { scenarioFacts } from '../../planning/run-context.js';
import {
  compareMarkdown,
  compareText,
  defaultCompareDirectory,
  writeCompareReport,
} from '../../report/compare-report.js';
import { interruptible } from '../interrupt.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import type { ConfidenceArgs, OutputArgs, QuietArgs, SimulationArgs } from '../shared-options.js';
import {
  confidenceOption,
  outputOptions,
  quietOption,
  readSimulationArgs,
  replicationOptions,
  threadsOption,
} from '../shared-options.js';
import { progressBar } from '../progress.js';

export interface CompareArgs extends AllowReadArgs, SimulationArgs, ConfidenceArgs, OutputArgs, QuietArgs {
  scenarios: string[];
}

export function compareOptions<T>(y: Argv<T>) {
  const scenarios = y.positional('scenarios', {
    type: 'string',
    array: true,
    demandOption: true,
    describe: 'scenario files: the baseline first, then the scenarios compared with it',
  });
  const simulation = replicationOptions(scenarios, {
    reps: "replications of every scenario (default: the baseline's)",
    seed: "seed of every scenario (default: the baseline's)",
  });
  const output = outputOptions(threadsOption(confidenceOption(simulation)), {
    json: 'print the comparison as JSON on stdout',
    out: 'report folder (default: reports/compare-<baseline>-vs-<scenario>)',
  });
  return quietOption(output)
    .example(
      '$0 compare scenarios/airline-golden-week.yaml scenarios/airline-golden-week-after.yaml',
      'before and after adding agents and lines',
    )
    .example(
      '$0 compare base.yaml more-agents.yaml shorter-aht.yaml --reps 50 --format md --no-report',
      'two what-ifs against one baseline, as Markdown',
    );
}

export async function compareCommand(args: CompareArgs, io: CliIo): Promise<CompareResult> {
  if (args.scenarios.length < 2) {
    throw new UsageError(
      `compare needs at least two scenario files (the baseline first), got ${args.scenarios.length}`,
    );
  }
  const { replications, seed, confidenceLevel, threads } = readSimulationArgs(args);
  const models = args.scenarios.map((file) => loadModel(file, loadOptionsOf(args)));
  const progress = progressBar(io, args.quiet, 'compare');
  let result: CompareResult;
  try {
    result = await interruptible(io, undefined, (signal) =>
      compare(models, {
        replications,
        seed,
        confidenceLevel,
        threads,
        onProgress: progress.update,
        signal,
      }),
    );
  } finally {
    progress.stop();
  }
  if (args.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else io.stdout(args.format === 'md' ? compareMarkdown(result) : compareText(result));
  if (args.report) {
    const report = await writeCompareReport(
      result,
      models.map(scenarioFacts),
      args.out ?? defaultCompareDirectory(result),
    );
    for (const warning of report.warnings ?? []) io.stderr(`warning: ${warning}\n`);
    const charts = report.files.filter((f) => f.endsWith('.svg')).length;
    // With --json or --format md, stdout carries only the comparison; the report path goes to stderr.
    (args.json || args.format === 'md' ? io.stderr : io.stdout)(
      `Report: ${join(report.directory, 'index.html')} (${charts} charts as SVG, PNG and Vega-Lite in charts/; compare.json, compare.csv)\n`,
    );
  }
  return result;
}
