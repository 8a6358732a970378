/**
 * `ccsim shifts <requirements> --templates shifts.yaml [--scenario s.yaml]`:
 * the cheapest shift plan covering the requirement in every interval
 * (HiGHS), then the scenario simulated with it (under the plan's what-if).
 * Writes reports/<name>-shifts/: index.html, roster.csv, coverage.csv,
 * shifts.json and charts/.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { RosterResult } from '../../planning/roster.js';
import { rosterFromRequirements } from '../../planning/roster.js';
import { defaultShiftsDirectory, shiftsMarkdown, writeShiftsReport } from '../../report/shifts-report.js';
import { shiftsText } from '../../report/shifts-text.js';
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
    const written = await writeShiftsReport(result, args.out ?? defaultShiftsDirectory(result));
    for (const w of written.warnings ?? []) io.stderr(`warning: ${w}\n`);
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
