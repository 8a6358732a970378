/**
 * `ccsim sweep <scenario> --set <path>=<values> ...`: the grid of all
 * combinations, every KPI with its interval per grid point.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { Argv } from 'yargs';
import type { SweepParameter, SweepResult } from '../../experiment/sweep.js';
import { checkGrid, parseSet, parseValues, summarizeSweep, sweep } from '../../experiment/sweep.js';
import { readScenarioFileText } from '../../model/scenario/index.js';
import { sweepMarkdown } from '../../report/markdown.js';
import { formatSweep, sweepShortfall } from '../../report/sweep-text.js';
import { sweepVerdict } from '../../report/sweep-best.js';
import type { ReportFolder } from '../../report/write-report.js';
import { discardReportFolder, openReportFolder, slug, writeSweepReport } from '../../report/write-report.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';
import type {
  ConfidenceArgs,
  OutputArgs,
  PrecisionArgs,
  QuietArgs,
  SimulationArgs,
} from '../shared-options.js';
import {
  confidenceOption,
  outputOptions,
  precisionOptions,
  quietOption,
  readSimulationArgs,
  redisOption,
  replicationOptions,
  threadsOption,
} from '../shared-options.js';
import type { ResultsStore } from '../../experiment/results-store.js';
import { interruptible } from '../interrupt.js';
import { reportReuse } from '../results-database.js';
import { progressBar } from '../progress.js';
import { distributedRunner } from './worker.js';

export interface SweepArgs
  extends AllowReadArgs, SimulationArgs, ConfidenceArgs, PrecisionArgs, OutputArgs, QuietArgs {
  scenario: string;
  set?: string[];
  sweep?: string;
  redis?: string;
}

export function sweepOptions<T>(y: Argv<T>) {
  const grid = y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
    .option('set', {
      type: 'string',
      array: true,
      describe: 'a parameter and its values: path=a,b,c or path=from..to:step (repeat for a grid)',
    })
    .option('sweep', { type: 'string', describe: 'a sweep file: YAML with `set: { <path>: <values> }`' });
  const simulation = replicationOptions(grid, {
    reps: "replications per point (default: the scenario's)",
    seed: "seed (default: the scenario's)",
  });
  const distributed = redisOption(threadsOption(confidenceOption(simulation)));
  const output = outputOptions(precisionOptions(distributed, 'at every point, ', ' per point'), {
    json: 'print machine-readable results on stdout',
    out: 'report folder (default: reports/<scenario name>-sweep)',
  });
  return quietOption(output)
    .example(
      '$0 sweep scenarios/inbound-sales.yaml --set agentGroups.team.agents=46..54:2',
      'five staffing levels',
    )
    .example(
      '$0 sweep scenarios/inbound-sales.yaml --set agentGroups.team.agents=48,50 --set callTypes.sales.handleTime.mean=220s,240s,260s',
      'a 2 × 3 grid',
    );
}

/** Parameters from --set and from a sweep file, in that order. */
function parametersOf(args: SweepArgs): SweepParameter[] {
  const parameters = (args.set ?? []).map((s) => parseSet(s));
  if (args.sweep !== undefined) {
    let doc: unknown;
    try {
      doc = parseYaml(readFileSync(args.sweep, 'utf8'));
    } catch (error) {
      throw new UsageError(
        `${args.sweep}: cannot read the sweep file: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const set = (doc as { set?: unknown } | null)?.set;
    if (set === null || typeof set !== 'object' || Array.isArray(set)) {
      throw new UsageError(`${args.sweep}: expected a mapping "set: { <path>: <values> }"`);
    }
    for (const [path, values] of Object.entries(set as Record<string, unknown>)) {
      const list = Array.isArray(values) ? values.join(',') : String(values);
      parameters.push({ path, values: parseValues(list, `${path} in ${args.sweep}`) });
    }
  }
  if (parameters.length === 0) throw new UsageError('name at least one parameter with --set or --sweep');
  return parameters;
}

export async function sweepCommand(args: SweepArgs, io: CliIo): Promise<void> {
  const settings = readSimulationArgs(args);
  const parameters = parametersOf(args);
  checkGrid(parameters);
  const progress = progressBar(io, args.quiet, 'sweep');
  const name = readScenarioName(args.scenario);
  const out = args.out ?? join('reports', `${slug(name)}-sweep`);
  // The folder is made only once every grid point is valid: a refused sweep leaves nothing.
  let folder: ReportFolder | undefined;
  let store: ResultsStore | undefined;
  let result: SweepResult;
  let failed = true;
  const runner = args.redis === undefined ? undefined : await distributedRunner(args.redis, io, args.quiet);
  try {
    result = await interruptible(
      io,
      () => store,
      (signal) =>
        sweep(args.scenario, parameters, {
          ...loadOptionsOf(args),
          ...settings,
          runner,
          signal,
          database: args.report ? join(out, 'results.duckdb') : undefined,
          onValidated: () => {
            if (args.report) folder = openReportFolder(out);
          },
          onStore: (s) => (store = s),
          onProgress: (e) =>
            progress.update({
              replicationsDone: e.point * e.replicationsTotal + e.replicationsDone,
              replicationsTotal: e.points * e.replicationsTotal,
              simulatedCalls: e.simulatedCalls,
            }),
        }),
    );
    failed = false;
  } finally {
    progress.stop();
    await runner?.close();
    // sweep() keeps a database with replications to resume and deletes an empty one.
    if (failed && folder !== undefined && !existsSync(join(out, 'results.duckdb')))
      discardReportFolder(folder);
  }
  if (store !== undefined)
    reportReuse(
      io,
      store,
      result.points.map((p) => p.result),
    );
  const short = result.points.filter((p) => p.precision !== undefined && !p.precision.reached);
  if (short.length > 0 && (args.json || args.format === 'md'))
    io.stderr(
      `warning: ${sweepShortfall(
        short.map((p) => p.index),
        result.points.length,
      )}\n`,
    );
  const lean = summarizeSweep(result);
  const report = args.report ? await writeSweepReport(result, out) : undefined;
  for (const warning of report?.warnings ?? []) io.stderr(`warning: ${warning}\n`);
  const page = report && join(report.directory, 'index.html');
  if (args.json) io.stdout(`${JSON.stringify(lean, null, 2)}\n`);
  else if (args.format === 'md') io.stdout(sweepMarkdown(result, sweepVerdict(result), page));
  else io.stdout(formatSweep(result));
  if (report !== undefined && args.format !== 'md') {
    const charts = report.files.filter((f) => f.endsWith('.svg')).length;
    (args.json ? io.stderr : io.stdout)(
      `Report: ${page} (${charts} charts in charts/; sweep.json, sweep.csv, results.duckdb)\n`,
    );
  }
}

/** The scenario's name for the default folder (the file name when it has none). */
function readScenarioName(file: string): string {
  try {
    const doc = parseYaml(readScenarioFileText(file)) as { name?: unknown } | null;
    if (typeof doc?.name === 'string') return doc.name;
  } catch {
    // Unreadable or invalid: sweep() reports it properly.
  }
  return basename(file).replace(/\.[^.]*$/, '');
}
