/**
 * Writes report folders (run, sweep, and the shared writeFiles). A report
 * is written whole or not at all (see report-folder.ts).
 */
import { join } from 'node:path';
import { CCSIM_VERSION } from '../experiment/version.js';
import type { ReportedRun } from '../results/run-context.js';
import type { Chart } from './charts/common.js';
import { runCharts } from './charts/run-charts.js';
import type { WarningSink } from './render.js';
import { runPage } from './run-report.js';
import type { SweepResult } from '../experiment/sweep.js';
import { summarizeSweep } from '../experiment/sweep.js';
import { sweepCharts } from './charts/sweep-charts.js';
import { sweepVerdict } from './sweep-best.js';
import { sweepPage } from './sweep-report.js';
import { kpiCsv } from './kpi-csv.js';
import { sweepCsv } from './sweep-csv.js';
import { replaceReport } from './report-folder.js';

export { openReportFolder, discardReportFolder } from './report-folder.js';
export type { ReportFolder } from './report-folder.js';

export interface ReportFiles {
  readonly directory: string;
  readonly files: readonly string[];
  /** Problems Vega reported while drawing charts (the report is written anyway). */
  readonly warnings?: readonly string[];
}

/** A folder name from a scenario name: `Two-queue inbound center` → `two-queue-inbound-center`. */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'scenario' : s;
}

/** Each chart as its Vega-Lite spec, SVG and PNG, under `charts/`. */
export async function chartFiles(
  charts: readonly Chart[],
  onWarning?: WarningSink,
): Promise<Array<[string, string | Buffer]>> {
  const files: Array<[string, string | Buffer]> = [];
  // Loaded here, not at start-up: Vega and resvg are the heaviest libraries ccsim uses.
  const { renderSvg, svgToPng } = await import('./render.js');
  for (const chart of charts) {
    const svg = await renderSvg(chart.spec, chart.id, onWarning);
    files.push([`charts/${chart.id}.vl.json`, `${JSON.stringify(chart.spec, null, 2)}\n`]);
    files.push([`charts/${chart.id}.svg`, svg]);
    files.push([`charts/${chart.id}.png`, svgToPng(svg)]);
  }
  return files;
}

/**
 * A run's folder: index.html (self-contained), charts/ (SVG, PNG and
 * Vega-Lite spec of each chart), result.json and kpis.csv. Everything is
 * rendered before the first file is written.
 */
export async function writeRunReport(run: ReportedRun, directory: string): Promise<ReportFiles> {
  const { result } = run;
  const charts = runCharts(run);
  const warnings: string[] = [];
  const rendered = await chartFiles(charts, (w) => warnings.push(w));
  return withWarnings(
    warnings,
    writeFiles(directory, [
      ['index.html', runPage({ result, scenario: run.scenario, charts, version: CCSIM_VERSION })],
      ...rendered,
      ['result.json', `${JSON.stringify(result, null, 2)}\n`],
      ['kpis.csv', kpiCsv(result)],
    ]),
  );
}

/** A sweep's folder: index.html, charts/, sweep.json and sweep.csv (each point without its per-interval detail). */
export async function writeSweepReport(result: SweepResult, directory: string): Promise<ReportFiles> {
  const verdict = sweepVerdict(result);
  const charts = sweepCharts(result, verdict);
  const warnings: string[] = [];
  const rendered = await chartFiles(charts, (w) => warnings.push(w));
  const lean = summarizeSweep(result);
  return withWarnings(
    warnings,
    writeFiles(directory, [
      ['index.html', sweepPage({ result, verdict, charts, version: CCSIM_VERSION })],
      ...rendered,
      ['sweep.json', `${JSON.stringify(lean, null, 2)}\n`],
      ['sweep.csv', sweepCsv(lean)],
    ]),
  );
}

function withWarnings(warnings: readonly string[], files: ReportFiles): ReportFiles {
  return warnings.length === 0 ? files : { ...files, warnings };
}

/**
 * Writes `contents` (paths relative to `directory`) as the folder's report,
 * replacing the previous report's files together (see replaceReport).
 */
export function writeFiles(
  directory: string,
  contents: ReadonlyArray<readonly [string, string | Buffer]>,
): ReportFiles {
  replaceReport(directory, contents);
  return { directory, files: contents.map(([name]) => join(directory, name)) };
}
