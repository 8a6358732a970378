/**
 * `ccsim shifts <requirements> --templates shifts.yaml [--scenario s.yaml]`:
 * the cheapest shift plan covering the requirement in every interval
 * (HiGHS), then the scenario simulated with it.
 */
import type { Argv } from 'yargs';
import type { RosterResult } from '../../planning/roster.js';
import { rosterFromRequirements } from '../../planning/roster.js';
import { formatEstimate, table } from '../../report/format.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';

export interface ShiftsArgs extends AllowReadArgs {
  requirements: string;
  templates: string;
  scenario?: string;
  reps?: number;
  seed?: number;
  threads?: number;
  json: boolean;
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
    .option('json', { type: 'boolean', default: false, describe: 'print the plan as JSON' })
    .example(
      '$0 shifts reports/two-queue-inbound-center-staff/plan.json --templates scenarios/shifts/shift-templates.yaml',
      'the cheapest roster, and what it achieves',
    );
}

export async function shiftsCommand(args: ShiftsArgs, io: CliIo): Promise<RosterResult> {
  let result: RosterResult;
  try {
    result = await rosterFromRequirements(args.requirements, args.templates, {
      scenario: args.scenario,
      replications: args.reps,
      seed: args.seed,
      threads: args.threads ?? 'auto',
      ...loadOptionsOf(args),
    });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
  if (args.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return result;
  }
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
  out += '\nCoverage and what the roster achieves (simulated)\n';
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
    out += `\nRoster simulated on ${a.scenario} (${a.replications} replications, seed ${a.seed}): service level ${formatEstimate(a.total.serviceLevel, 'fraction')} over the day`;
    out +=
      a.target === null
        ? '.\n'
        : `; target ${Math.round(a.target.serviceLevel * 100)}% within ${a.target.threshold} s.\n`;
  }
  io.stdout(out);
  return result;
}
