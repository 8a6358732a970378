/**
 * `ccsim run <scenario>`: simulate and print the KPIs.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { Runner } from '../../experiment/replication-runner.js';
import type { RunResult } from '../../experiment/run-result.js';
import { simulate } from '../../experiment/simulate.js';
import { ResultsStore } from '../../experiment/results-store.js';
import { interruptible } from '../interrupt.js';
import { precisionShortfall } from '../../report/precision-note.js';
import { formatRunResult } from '../../report/run-text.js';
import { closeStore, reportReuse } from '../results-database.js';
import { progressBar } from '../progress.js';
import { distributedRunner } from './worker.js';
import { DEFAULT_TRACE_LIMIT, TraceFile } from '../trace-file.js';
import { loadModel } from '../../model/scenario/index.js';
import { reportedRun } from '../../planning/run-context.js';
import { runMarkdown } from '../../report/markdown.js';
import { openReportFolder, slug, writeRunReport } from '../../report/write-report.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { UsageError, checkWhole } from '../io.js';
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

export interface RunArgs
  extends AllowReadArgs, SimulationArgs, ConfidenceArgs, PrecisionArgs, OutputArgs, QuietArgs {
  scenario: string;
  redis?: string;
  trace?: string;
  traceLimit?: number;
}

export function runOptions<T>(y: Argv<T>) {
  const scenario = y.positional('scenario', {
    type: 'string',
    demandOption: true,
    describe: 'scenario file (YAML or JSON)',
  });
  const simulation = replicationOptions(scenario, {
    reps: "replications (default: the scenario's)",
    seed: "seed (default: the scenario's)",
  });
  const distributed = redisOption(threadsOption(confidenceOption(simulation)));
  const output = outputOptions(precisionOptions(distributed), {
    json: 'print machine-readable results on stdout',
    out: 'report folder (default: reports/<scenario name>)',
  });
  return quietOption(output)
    .option('trace', {
      type: 'string',
      describe: 'write every simulated call, one CSV row each, to this file (see the README)',
    })
    .option('trace-limit', {
      type: 'number',
      describe: `with --trace: the most rows (default ${DEFAULT_TRACE_LIMIT.toLocaleString('en')})`,
    })
    .example(
      '$0 run scenarios/default.yaml',
      'simulate with the scenario’s seed and replications; report in reports/',
    )
    .example(
      '$0 run scenarios/default.yaml --reps 30 --seed 11 --json --no-report',
      'JSON results with 30 replications',
    )
    .example(
      '$0 run scenarios/default.yaml --precision serviceLevel=0.005 --max-reps 500',
      'replications until ±0.5 points',
    )
    .example('$0 run scenarios/default.yaml --reps 5 --trace calls.csv', 'and every call, as a log');
}

export async function runCommand(args: RunArgs, io: CliIo): Promise<void> {
  checkWhole('trace-limit', args.traceLimit, 1);
  if (args.traceLimit !== undefined && args.trace === undefined)
    throw new UsageError('--trace-limit: only with --trace <file>');
  const settings = readSimulationArgs(args);
  const model = loadModel(args.scenario, loadOptionsOf(args));
  const seed = args.seed ?? model.seed;
  const out = args.out ?? join('reports', slug(model.name));
  // The results database keeps every replication as it finishes: the same command resumes.
  const folder = args.report ? openReportFolder(out) : undefined;
  let store: ResultsStore | undefined;
  const progress = progressBar(io, args.quiet, model.name);
  let result: RunResult;
  let runner: Runner | undefined;
  let failed = true;
  let trace: TraceFile | undefined;
  try {
    const traceFile =
      args.trace === undefined
        ? undefined
        : TraceFile.open(args.trace, args.traceLimit ?? DEFAULT_TRACE_LIMIT, args.reps ?? model.replications);
    trace = traceFile;
    if (folder !== undefined) {
      store = await ResultsStore.open(
        join(out, 'results.duckdb'),
        { command: 'run', scenarioHash: model.source.hash, seed, grid: '[]' },
        model.source,
      );
      await store.addPoint(0, {}, model);
    }
    if (args.redis !== undefined) runner = await distributedRunner(args.redis, io, args.quiet);
    result = await interruptible(io, store, (signal) =>
      simulate(model, {
        ...settings,
        seed,
        runner,
        onProgress: progress.update,
        signal,
        store: store && { store, point: 0 },
        onTrace: traceFile && ((_, rows) => traceFile.append(rows)),
      }),
    );
    await store?.markFinished();
    trace?.commit();
    failed = false;
  } finally {
    if (failed) trace?.discard();
    progress.stop();
    try {
      await runner?.close();
    } finally {
      await closeStore(store, folder, failed);
    }
  }
  if (store !== undefined) reportReuse(io, store, [result]);
  if (!result.precision?.reached && result.precision !== undefined && (args.json || args.format === 'md'))
    io.stderr(`warning: ${precisionShortfall(result)}\n`);
  // The report is written first so that the markdown summary can name it.
  const report = args.report ? await writeRunReport(reportedRun(result, model), out) : undefined;
  for (const warning of report?.warnings ?? []) io.stderr(`warning: ${warning}\n`);
  const page = report && join(report.directory, 'index.html');
  if (args.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (args.format === 'md') io.stdout(runMarkdown(result, page));
  else io.stdout(formatRunResult(result, model.clock));
  if (trace !== undefined) {
    // Stdout carries only the JSON or the markdown summary: the trace is named on stderr then.
    (args.json || args.format === 'md' ? io.stderr : io.stdout)(
      `Trace: ${trace.path} (${trace.rowCount.toLocaleString('en')} calls of ${result.replications} replication(s))\n`,
    );
  }
  if (report !== undefined && args.format !== 'md') {
    const charts = report.files.filter((f) => f.endsWith('.svg')).length;
    // With --json, stdout carries only the JSON; the report path goes to stderr.
    (args.json ? io.stderr : io.stdout)(
      `Report: ${page} (${charts} charts as SVG, PNG and Vega-Lite in charts/; result.json, kpis.csv, results.duckdb)\n`,
    );
  }
}
