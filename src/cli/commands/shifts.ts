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
import type { OutputArgs, SimulationArgs } from '../shared-options.js';
import { outputOptions, readSimulationArgs, replicationOptions, threadsOption } from '../shared-options.js';

export interface ShiftsArgs extends AllowReadArgs, SimulationArgs, OutputArgs {
  requirements: string;
  templates: string;
  scenario?: string;
}

export function shiftsOptions<T>(y: Argv<T>) {
  const plan = y
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
    });
  const simulation = replicationOptions(plan, {
    reps: 'replications of the roster run',
    seed: 'seed of the roster run',
  });
  return outputOptions(threadsOption(simulation), {
    json: 'print the plan as JSON on stdout',
    out: 'report folder (default: reports/<scenario>-shifts)',
  }).example(
    '$0 shifts reports/planner-day-staff/plan.json --templates scenarios/shifts/shift-templates.yaml',
    'the cheapest roster, and what it achieves',
  );
}

export async function shiftsCommand(args: ShiftsArgs, io: CliIo): Promise<RosterResult> {
  const { replications, seed, threads } = readSimulationArgs(args);
  // Bad files are ScenarioErrors and an unsolvable plan a RangeError: both exit 2 with their message.
  const result = await rosterFromRequirements(args.requirements, args.templates, {
    scenario: args.scenario,
    replications,
    seed,
    threads,
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
