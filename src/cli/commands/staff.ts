/**
 * `ccsim staff <scenario> --target 80/20 [--max-abandon 5%] [--max-asa 30s]
 * [--max-occupancy 90%]`: agents required per interval and group, by
 * simulation (see src/planning/staff.ts); `--volume +10% --aht +5%`
 * re-plans a what-if and shows the difference.
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { CCSIM_VERSION } from '../../experiment/version.js';
import type { StaffResult, StaffTargets } from '../../planning/staff.js';
import { parseChange, parseFraction, parseServiceTarget, staff } from '../../planning/staff.js';
import { formatEstimate, table } from '../../report/format.js';
import {
  requirementChart,
  staffCsv,
  staffMarkdown,
  staffPage,
  targetText,
} from '../../report/staff-report.js';
import { chartFiles, slug, writeFiles } from '../../report/write-report.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';
import { UsageError, checkWhole, durationOption } from '../io.js';
import { progressBar } from '../progress.js';

export interface StaffArgs extends AllowReadArgs {
  scenario: string;
  target: string;
  maxAbandon?: string;
  maxAsa?: string;
  maxOccupancy?: string;
  fractional: boolean;
  volume?: string;
  aht?: string;
  reps?: number;
  seed?: number;
  threads?: number;
  json: boolean;
  format: 'table' | 'md';
  out?: string;
  report: boolean;
  quiet: boolean;
}

export function staffOptions<T>(y: Argv<T>) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
    .option('target', {
      type: 'string',
      demandOption: true,
      describe: 'service level X/T: 80/20 is 80% answered within 20 s',
    })
    .option('max-abandon', { type: 'string', describe: 'highest abandonment, e.g. 5%' })
    .option('max-asa', { type: 'string', describe: 'highest ASA, e.g. 30s' })
    .option('max-occupancy', { type: 'string', describe: 'highest occupancy of each group, e.g. 90%' })
    .option('fractional', {
      type: 'boolean',
      default: false,
      describe: 'also give fractional requirements (for aggregating)',
    })
    .option('volume', { type: 'string', describe: 'what-if: arrival volumes changed by this, e.g. +10%' })
    .option('aht', { type: 'string', describe: 'what-if: handle times changed by this, e.g. +5%' })
    .option('reps', {
      alias: 'r',
      type: 'number',
      describe: "replications per evaluation (default: the scenario's)",
    })
    .option('seed', { alias: 's', type: 'number', describe: "seed (default: the scenario's)" })
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
      describe: 'report folder (default: reports/<scenario>-staff)',
    })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'write the report folder (--no-report to skip)',
    })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar' })
    .example('$0 staff scenarios/default.yaml --target 80/20', 'agents per interval and group for 80/20')
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

function targetsOf(args: StaffArgs): StaffTargets {
  return usage(() => {
    const sl = parseServiceTarget(args.target);
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

export async function staffCommand(args: StaffArgs, io: CliIo): Promise<StaffResult> {
  const targets = targetsOf(args);
  const volume = args.volume === undefined ? 1 : usage(() => parseChange(args.volume as string, '--volume'));
  const aht = args.aht === undefined ? 1 : usage(() => parseChange(args.aht as string, '--aht'));
  checkWhole('reps', args.reps, 1);
  checkWhole('seed', args.seed, 0);
  checkWhole('threads', args.threads, 1);
  const whatIf = volume !== 1 || aht !== 1;
  const progress = progressBar(io, args.quiet, 'staffing');
  const common = {
    targets,
    replications: args.reps,
    seed: args.seed,
    threads: args.threads ?? ('auto' as const),
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
  const out = args.out ?? join('reports', `${slug(plan.scenario.name)}-staff`);
  let page: string | undefined;
  if (args.report) {
    const chart = requirementChart(
      plan,
      plan.byInterval.map((b) => b.kpis.offered?.mean ?? null),
    );
    const warnings: string[] = [];
    const rendered = await chartFiles([chart], (w) => warnings.push(w));
    for (const w of warnings) io.stderr(`warning: ${w}\n`);
    const written = writeFiles(out, [
      ['index.html', staffPage(plan, chart, CCSIM_VERSION)],
      ...rendered,
      ['requirements.csv', staffCsv(plan)],
      ['plan.json', `${JSON.stringify(plan, null, 2)}\n`],
    ]);
    page = join(written.directory, 'index.html');
  }
  if (args.json) {
    io.stdout(
      `${JSON.stringify(basePlan === undefined ? plan : { ...plan, base: summaryOf(basePlan) }, null, 2)}\n`,
    );
  } else if (args.format === 'md') {
    io.stdout(staffMarkdown(plan));
  } else {
    io.stdout(staffText(plan, basePlan));
  }
  if (page !== undefined)
    (args.json || args.format === 'md' ? io.stderr : io.stdout)(
      `Report: ${page} (requirements.csv, plan.json, charts/)\n`,
    );
  return plan;
}

function summaryOf(plan: StaffResult) {
  return {
    cost: plan.cost,
    agentHours: plan.agentHours,
    requirements: plan.requirements.map((r) => ({ interval: r.interval, group: r.group, agents: r.agents })),
  };
}

function staffText(plan: StaffResult, base: StaffResult | undefined): string {
  let out = `${plan.scenario.name}: agents on duty per interval and group for ${targetText(plan.targets)}\n`;
  out += `By simulation in time order (calls carried over count), ${plan.replications} replications per evaluation, seed ${plan.seed}; targets judged on the means, ${Math.round(plan.confidenceLevel * 100)}% intervals shown.\n\n`;
  const baseOf = new Map(base?.requirements.map((r) => [`${r.interval}/${r.group}`, r.agents]) ?? []);
  const header = [
    'interval',
    'group',
    'agents',
    ...(base ? ['change'] : []),
    ...(plan.requirements.some((r) => r.fractional !== undefined) ? ['fractional'] : []),
    'Erlang C',
    'Erlang A',
    'headcount',
    'service level (interval)',
    'abandoned',
    'occupancy',
  ];
  const fractional = header.includes('fractional');
  out += table(
    header,
    plan.requirements.map((r) => {
      const before = baseOf.get(`${r.interval}/${r.group}`);
      return [
        r.interval,
        r.group,
        String(r.agents),
        ...(base ? [before === undefined ? '' : signed(r.agents - before)] : []),
        ...(fractional ? [String(r.fractional ?? '')] : []),
        r.erlangC === null ? '–' : String(r.erlangC),
        r.erlangA === null ? '–' : String(r.erlangA),
        String(r.headcount),
        formatEstimate(r.kpis.serviceLevel, 'fraction'),
        formatEstimate(r.kpis.abandonRate, 'fraction'),
        formatEstimate(r.kpis.occupancy, 'fraction'),
      ];
    }),
  );
  const missed = plan.byInterval.filter((b) => !b.meets).map((b) => b.interval);
  out += `\nCost ${plan.cost.toFixed(2)} (${plan.agentHours} agent-hours on duty); ${plan.evaluations} scenario runs.\n`;
  if (base !== undefined) {
    out += `What-if (volume × ${plan.whatIf.volume}, handle time × ${plan.whatIf.aht}): ${signed(plan.agentHours - base.agentHours)} agent-hours, cost ${signed(plan.cost - base.cost)} (from ${base.cost.toFixed(2)} to ${plan.cost.toFixed(2)}).\n`;
  }
  if (missed.length > 0) out += `Not met within the search limit: ${missed.join(', ')}.\n`;
  return out;
}

function signed(x: number): string {
  const r = Math.round(x * 100) / 100;
  return r > 0 ? `+${r}` : String(r);
}
