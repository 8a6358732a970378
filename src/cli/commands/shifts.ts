/**
 * `ccsim shifts <requirements> --templates shifts.yaml [--scenario s.yaml]`:
 * the cheapest shift plan covering the requirement in every interval
 * (HiGHS), then the scenario simulated with it (under the plan's what-if).
 * Writes reports/<name>-shifts/: index.html, roster.csv, coverage.csv,
 * shifts.json and charts/.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { CCSIM_VERSION } from '../../experiment/version.js';
import type { RosterResult } from '../../planning/roster.js';
import { rosterFromRequirements } from '../../planning/roster.js';
import { formatEstimate, table } from '../../report/format.js';
import {
  coverageCsv,
  rosterCsv,
  shiftsCharts,
  shiftsMarkdown,
  shiftsPage,
  whatIfText,
} from '../../report/shifts-report.js';
import { chartFiles, slug, writeFiles } from '../../report/write-report.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { checkWhole } from '../io.js';

export interface ShiftsArgs extends AllowReadArgs {
  requirements: string;
  templates: string;
  scenario?: string;
  reps?: number;
  seed?: number;
  threads?: number;
  json: boolean;
  format: 'table' | 'md';
  out?: string;
  report: boolean;
}

export function shiftsOptions<T>(y: Argv<T>) {
  return y
    .positional('requirements', {
      type: 'string',
      demandOption: true,
      describe: 'requirements: plan.json from ccsim staff, or a CSV with interval,group,agents',
    })
    .option('templates', {
      type: 'string',
      demandOption: true,
      describe: 'shift templates (YAML): lengths, start windows, breaks, cost per hour',
    })
    .option('scenario', {
      type: 'string',
      describe: 'simulate the roster on this scenario (default: the one plan.json names)',
    })
    .option('reps', { alias: 'r', type: 'number', describe: 'replications of the roster run' })
    .option('seed', { alias: 's', type: 'number', describe: 'seed of the roster run' })
    .option('threads', { alias: 't', type: 'number', describe: 'worker threads (default: auto)' })
    .option('json', { type: 'boolean', default: false, describe: 'print the plan as JSON on stdout' })
    .option('format', {
      type: 'string',
      choices: ['table', 'md'] as const,
      default: 'table' as const,
      describe: 'stdout: an aligned table or markdown',
    })
    .option('out', {
      alias: 'o',
      type: 'string',
      describe: 'report folder (default: reports/<scenario>-shifts)',
    })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'write the report folder (--no-report to skip)',
    })
    .example(
      '$0 shifts reports/planner-day-staff/plan.json --templates scenarios/shifts/shift-templates.yaml',
      'the cheapest roster, and what it achieves',
    );
}

export async function shiftsCommand(args: ShiftsArgs, io: CliIo): Promise<RosterResult> {
  checkWhole('reps', args.reps, 1);
  checkWhole('seed', args.seed, 0);
  checkWhole('threads', args.threads, 1);
  // Bad files are ScenarioErrors and an unsolvable plan a RangeError: both exit 2 with their message.
  const result = await rosterFromRequirements(args.requirements, args.templates, {
    scenario: args.scenario,
    replications: args.reps,
    seed: args.seed,
    threads: args.threads ?? 'auto',
    ...loadOptionsOf(args),
  });
  let page: string | undefined;
  if (args.report) {
    const out = args.out ?? join('reports', `${slug(result.name)}-shifts`);
    const charts = shiftsCharts(result);
    const warnings: string[] = [];
    // Everything is rendered before the first file is written.
    const rendered = await chartFiles(charts, (w) => warnings.push(w));
    for (const w of warnings) io.stderr(`warning: ${w}\n`);
    const written = writeFiles(out, [
      ['index.html', shiftsPage(result, charts, CCSIM_VERSION)],
      ...rendered,
      ['roster.csv', rosterCsv(result)],
      ['coverage.csv', coverageCsv(result)],
      ['shifts.json', `${JSON.stringify(result, null, 2)}\n`],
    ]);
    page = join(written.directory, 'index.html');
  }
  if (args.json) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (args.format === 'md') io.stdout(shiftsMarkdown(result));
  else io.stdout(shiftsText(result));
  if (page !== undefined)
    (args.json || args.format === 'md' ? io.stderr : io.stdout)(
      `Report: ${page} (roster.csv, coverage.csv, shifts.json, charts/)\n`,
    );
  return result;
}

function shiftsText(result: RosterResult): string {
  let out = `Shift plan (HiGHS, exact integer optimum): cost ${result.cost.toFixed(2)}\n`;
  for (const s of result.solver) out += `  ${s.group}: ${s.status} over ${s.options} shift options\n`;
  out += '\n';
  out += table(
    ['group', 'shift', 'start', 'length', 'agents', 'breaks'],
    result.shifts.map((s) => [
      s.group,
      s.template,
      s.start,
      s.length,
      String(s.count),
      s.breaks.map((b) => `${b.at} (${b.length})`).join(', '),
    ]),
  );
  const achieved = new Map(result.achieved?.byInterval.map((a) => [a.interval, a]) ?? []);
  out += `\nCoverage${result.achieved ? ' and what the roster achieves (simulated)' : ''}\n`;
  out += table(
    ['interval', 'group', 'required', 'on duty', 'service level (all calls)', 'abandoned', 'meets'],
    result.coverage.map((c) => {
      const a = achieved.get(c.interval);
      return [
        c.interval,
        c.group,
        String(c.required),
        String(c.onDuty),
        a === undefined ? '' : formatEstimate(a.kpis.serviceLevel, 'fraction'),
        a === undefined ? '' : formatEstimate(a.kpis.abandonRate, 'fraction'),
        a === undefined || a.meets === null ? '' : a.meets ? 'yes' : 'no',
      ];
    }),
  );
  if (result.achieved !== undefined) {
    const a = result.achieved;
    out += `\nRoster simulated on ${a.scenario} (${a.replications} replications, seed ${a.seed}; what-if: ${whatIfText(a.whatIf)}): service level ${formatEstimate(a.total.serviceLevel, 'fraction')} over the day`;
    out +=
      a.target === null
        ? '.\n'
        : `; target ${Math.round(a.target.serviceLevel * 100)}% within ${a.target.threshold} s.\n`;
    for (const note of a.notes) out += `Note: ${note}.\n`;
  }
  return out;
}
