/**
 * `ccsim staff <scenario> --target 80/20 [--max-abandon 5%] [--max-asa 30s]
 * [--max-occupancy 90%]`: agents required per interval and group, by
 * simulation (see src/planning/staff.ts); `--volume +10% --aht +5%`
 * re-plans a what-if and shows the difference.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import type { StaffResult, StaffTargets } from '../../planning/staff.js';
import {
  compareWithBase,
  parseChange,
  parseFraction,
  parseServiceTarget,
  staff,
} from '../../planning/staff.js';
import { staffMarkdown, writeStaffReport } from '../../report/staff-report.js';
import { staffText } from '../../report/staff-text.js';
import { slug } from '../../report/write-report.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { UsageError, durationOption } from '../io.js';
import { progressBar } from '../progress.js';
import type { OutputArgs, QuietArgs, SimulationArgs } from '../shared-options.js';
import {
  outputOptions,
  quietOption,
  readSimulationArgs,
  replicationOptions,
  threadsOption,
} from '../shared-options.js';

export interface StaffArgs extends AllowReadArgs, SimulationArgs, OutputArgs, QuietArgs {
  scenario: string;
  target?: string;
  maxAbandon?: string;
  maxAsa?: string;
  maxOccupancy?: string;
  fractional: boolean;
  volume?: string;
  aht?: string;
}

export function staffOptions<T>(y: Argv<T>) {
  const plan = y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
    .option('target', {
      type: 'string',
      describe:
        "service level X/T: 80/20 is 80% answered within 20 s (default: the scenario's serviceLevel.target and targets:)",
    })
    .option('max-abandon', { type: 'string', describe: 'highest abandonment, e.g. 5%' })
    .option('max-asa', { type: 'string', describe: 'highest ASA, e.g. 30s' })
    .option('max-occupancy', { type: 'string', describe: 'highest occupancy of each group, e.g. 90%' })
    .option('fractional', {
      type: 'boolean',
      default: false,
      describe: 'also give fractional requirements (for aggregating)',
    })
    .option('volume', {
      type: 'string',
      describe: 'what-if: arrival volumes changed by +10%, -5% or a factor x1.1',
    })
    .option('aht', {
      type: 'string',
      describe: 'what-if: handle times changed by +5%, -5% or a factor x1.05',
    });
  const simulation = replicationOptions(plan, {
    reps: "replications per evaluation (default: the scenario's)",
    seed: "seed (default: the scenario's)",
  });
  const output = outputOptions(threadsOption(simulation), {
    json: 'print the plan as JSON on stdout',
    out: 'report folder (default: reports/<scenario>-staff, or reports/<scenario>-staff-whatif-<change> for a what-if)',
  });
  return quietOption(output)
    .example('$0 staff scenarios/default.yaml --target 80/20', 'agents per interval and group for 80/20')
    .example('$0 staff scenarios/planner-day.yaml', "the same for the scenario's own targets")
    .example(
      '$0 staff scenarios/default.yaml --target 80/20 --max-abandon 5% --volume +10%',
      'what 10% more calls take, and the difference',
    );
}

function usage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

/** The targets given on the command line; without --target, the scenario's own fill the rest. */
function targetsOf(args: StaffArgs): Partial<StaffTargets> {
  return usage(() => {
    const sl = args.target === undefined ? {} : parseServiceTarget(args.target);
    const maxAsa = args.maxAsa === undefined ? undefined : durationOption('max-asa', args.maxAsa, false);
    return {
      ...sl,
      ...(args.maxAbandon !== undefined
        ? { maxAbandonRate: parseFraction(args.maxAbandon, '--max-abandon') }
        : {}),
      ...(maxAsa !== undefined ? { maxAsa } : {}),
      ...(args.maxOccupancy !== undefined
        ? { maxOccupancy: parseFraction(args.maxOccupancy, '--max-occupancy') }
        : {}),
    };
  });
}

/** A folder-name tag for a what-if: `volume+10`, `volume+10-aht-5`. */
export function whatIfTag(volume: number, aht: number): string {
  const part = (name: string, factor: number) => {
    const pct = Math.round((factor - 1) * 10_000) / 100;
    return factor === 1 ? [] : [`${name}${pct >= 0 ? '+' : ''}${pct}`];
  };
  return [...part('volume', volume), ...part('aht', aht)].join('-');
}

export async function staffCommand(args: StaffArgs, io: CliIo): Promise<StaffResult> {
  const targets = targetsOf(args);
  const volume = args.volume === undefined ? 1 : usage(() => parseChange(args.volume as string, '--volume'));
  const aht = args.aht === undefined ? 1 : usage(() => parseChange(args.aht as string, '--aht'));
  const { replications, seed, threads } = readSimulationArgs(args);
  const whatIf = volume !== 1 || aht !== 1;
  const progress = progressBar(io, args.quiet, 'staffing');
  const common = {
    targets,
    replications,
    seed,
    threads,
    fractional: args.fractional,
  };
  let plan: StaffResult;
  let basePlan: StaffResult | undefined;
  try {
    const onProgress = (e: { interval: number; intervals: number }) =>
      progress.update({ replicationsDone: e.interval, replicationsTotal: e.intervals, simulatedCalls: 0 });
    const source = { file: args.scenario, ...loadOptionsOf(args) };
    if (whatIf) basePlan = await usage(() => staff(source, { ...common, onProgress }));
    plan = await usage(() => staff(source, { ...common, volume, aht, onProgress }));
  } finally {
    progress.stop();
  }
  if (basePlan !== undefined) plan = compareWithBase(plan, basePlan);
  // A what-if has its own folder: the baseline plan's (reports/<name>-staff) is never overwritten.
  const out =
    args.out ??
    join('reports', `${slug(plan.scenario.name)}-staff${whatIf ? `-whatif-${whatIfTag(volume, aht)}` : ''}`);
  let page: string | undefined;
  if (args.report) {
    const written = await writeStaffReport(plan, basePlan, out);
    for (const w of written.warnings ?? []) io.stderr(`warning: ${w}\n`);
    page = join(written.directory, 'index.html');
  }
  if (args.json) io.stdout(`${JSON.stringify(plan, null, 2)}\n`);
  else if (args.format === 'md') io.stdout(staffMarkdown(plan));
  else io.stdout(staffText(plan));
  if (page !== undefined)
    (args.json || args.format === 'md' ? io.stderr : io.stdout)(
      `Report: ${page} (requirements.csv, plan.json, charts/${basePlan !== undefined ? ', baseline/' : ''})\n`,
    );
  return plan;
}
