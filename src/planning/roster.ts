/**
 * From requirements to a simulated roster: read the requirements `ccsim
 * staff` wrote (plan.json, or a CSV of interval,group,agents), plan the
 * shifts, then run the scenario with those shifts to show what they achieve
 * in every interval (the proof that the plan works).
 */
import { readFileSync } from 'node:fs';
import type { KpiEstimates } from '../experiment/aggregate.js';
import { simulate } from '../experiment/simulate.js';
import { formatClockTime, parseClockTime } from '../model/scenario/index.js';
import { compileVariant, readBaseScenario } from './scenario-variant.js';
import type { Json } from './scenario-variant.js';
import type { GroupRequirement, ShiftPlan, ShiftTemplate } from './shifts.js';
import { parseTemplates, planShifts } from './shifts.js';

export interface RequirementsFile {
  readonly groups: readonly GroupRequirement[];
  /** From plan.json: the scenario planned, its targets, seed and replications. */
  readonly scenario?: string;
  readonly targets?: { readonly serviceLevel: number; readonly threshold: number };
  readonly seed?: number;
  readonly replications?: number;
}

interface Row {
  readonly interval: string;
  readonly group: string;
  readonly agents: number;
}

function groupsOf(rows: readonly Row[], file: string): GroupRequirement[] {
  const labels = [...new Set(rows.map((r) => r.interval))];
  const times = labels.map((l) => {
    const t = parseClockTime(l);
    if (t === undefined)
      throw new RangeError(`${file}: expected intervals as clock times "HH:MM", got "${l}"`);
    return t;
  });
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length === 0) throw new RangeError(`${file}: no requirements`);
  const interval = sorted.length > 1 ? sorted[1] - sorted[0] : 1800;
  const start = sorted[0];
  const count = Math.round((sorted[sorted.length - 1] - start) / interval) + 1;
  const names = [...new Set(rows.map((r) => r.group))];
  return names.map((group) => {
    const required = new Array<number>(count).fill(0);
    for (const r of rows.filter((x) => x.group === group)) {
      const t = parseClockTime(r.interval) as number;
      const k = Math.round((t - start) / interval);
      if (Math.abs(start + k * interval - t) > 1e-6)
        throw new RangeError(
          `${file}: interval ${r.interval} is not on the ${interval / 60}-minute grid from ${formatClockTime(start)}`,
        );
      required[k] = r.agents;
    }
    return { group, start, interval, required };
  });
}

/** Requirements from plan.json (`ccsim staff` output) or a CSV with columns interval, group, agents. */
export function readRequirements(file: string): RequirementsFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new RangeError(`${file}: cannot read: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (text.trimStart().startsWith('{')) {
    let doc: Json;
    try {
      doc = JSON.parse(text) as Json;
    } catch (error) {
      throw new RangeError(
        `${file}: not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const reqs = doc.requirements;
    if (!Array.isArray(reqs))
      throw new RangeError(`${file}: requirements: expected a list (the output of ccsim staff --json)`);
    const rows = reqs.map((r: Json, i) => {
      if (typeof r.interval !== 'string' || typeof r.group !== 'string' || typeof r.agents !== 'number')
        throw new RangeError(`${file}: requirements.${i}: expected { interval: "HH:MM", group, agents }`);
      return { interval: r.interval, group: r.group, agents: r.agents };
    });
    const scenario = (doc.scenario as Json | undefined)?.file;
    const targets = doc.targets as RequirementsFile['targets'];
    return {
      groups: groupsOf(rows, file),
      ...(typeof scenario === 'string' ? { scenario } : {}),
      ...(targets !== undefined ? { targets } : {}),
      ...(typeof doc.seed === 'number' ? { seed: doc.seed } : {}),
      ...(typeof doc.replications === 'number' ? { replications: doc.replications } : {}),
    };
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines[0] ?? '').split(',').map((h) => h.trim());
  const col = (name: string) => header.indexOf(name);
  const agentsCol = col('agents') >= 0 ? col('agents') : col('required');
  if (col('interval') < 0 || col('group') < 0 || agentsCol < 0)
    throw new RangeError(`${file}:1: expected a header with interval, group and agents (or required)`);
  const rows = lines.slice(1).map((line, i) => {
    const cells = line.split(',').map((c) => c.trim());
    const agents = Number(cells[agentsCol]);
    if (!(Number.isFinite(agents) && agents >= 0))
      throw new RangeError(`${file}:${i + 2}: agents: expected a number ≥ 0, got "${cells[agentsCol]}"`);
    return { interval: cells[col('interval')], group: cells[col('group')], agents };
  });
  return { groups: groupsOf(rows, file) };
}

export interface AchievedInterval {
  readonly interval: string;
  readonly kpis: KpiEstimates;
  readonly meets: boolean | null;
}

export interface RosterResult extends ShiftPlan {
  readonly templates: readonly ShiftTemplate[];
  /** The scenario run with the planned shifts (absent without a scenario). */
  readonly achieved?: {
    readonly scenario: string;
    readonly replications: number;
    readonly seed: number;
    readonly target: { readonly serviceLevel: number; readonly threshold: number } | null;
    readonly byInterval: readonly AchievedInterval[];
    readonly total: KpiEstimates;
  };
}

export async function rosterFromRequirements(
  requirementsFile: string,
  templatesFile: string,
  options: {
    scenario?: string;
    replications?: number;
    seed?: number;
    threads?: number | 'auto';
    allowRead?: readonly string[];
  } = {},
): Promise<RosterResult> {
  const req = readRequirements(requirementsFile);
  let templatesText: string;
  try {
    templatesText = readFileSync(templatesFile, 'utf8');
  } catch (error) {
    throw new RangeError(
      `${templatesFile}: cannot read: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const templates = parseTemplates(templatesText, templatesFile);
  const plan = await planShifts(req.groups, templates);
  const scenarioFile = options.scenario ?? req.scenario;
  if (scenarioFile === undefined) return { ...plan, templates };

  // Simulate the roster: each planned group works the planned shifts (on duty: no shrinkage on top).
  const base = readBaseScenario({ file: scenarioFile, allowRead: options.allowRead });
  const input = structuredClone(base.input);
  const groups = input.agentGroups as Json[];
  for (const g of req.groups) {
    const raw = groups.find((x) => x.name === g.group);
    if (raw === undefined)
      throw new RangeError(`${requirementsFile}: group "${g.group}" is not in ${scenarioFile}`);
    delete raw.agents;
    delete raw.perInterval;
    raw.shrinkage = 0;
    raw.shifts = plan.shifts
      .filter((s) => s.group === g.group)
      .map((s) => ({ start: s.start, length: s.length, count: s.count, breaks: s.breaks }));
    // The warm-up is staffed as the first interval is (as `ccsim staff` assumes), so that the roster
    // does not start its day with the queue of a warm-up nobody answered.
    const { start, warmup } = base.loaded.scenario;
    const first = plan.coverage.find((c) => c.group === g.group);
    if (warmup > 0 && start - warmup >= 0 && first !== undefined && first.onDuty > 0) {
      (raw.shifts as unknown[]).push({
        start: formatClockTime(start - warmup),
        length: warmup,
        count: Math.ceil(first.onDuty - 1e-9),
      });
    }
    if ((raw.shifts as unknown[]).length === 0) {
      delete raw.shifts;
      raw.agents = 0;
    }
  }
  if (req.targets !== undefined) {
    input.serviceLevel = {
      ...((input.serviceLevel as Json | undefined) ?? {}),
      threshold: req.targets.threshold,
      target: req.targets.serviceLevel,
    };
  }
  const model = compileVariant(base, input, JSON.stringify({ roster: plan.shifts }));
  const seed = options.seed ?? req.seed ?? model.seed;
  const replications = options.replications ?? req.replications ?? model.replications;
  const result = await simulate(model, { replications, seed, threads: options.threads ?? 'auto' });
  const target = req.targets ?? null;
  return {
    ...plan,
    templates,
    achieved: {
      scenario: scenarioFile,
      replications,
      seed,
      target,
      total: result.total,
      byInterval: result.byInterval.map((row) => {
        const sl = row.kpis.serviceLevel?.mean;
        return {
          interval: row.interval,
          kpis: {
            offered: row.kpis.offered,
            serviceLevel: row.kpis.serviceLevel,
            asa: row.kpis.asa,
            abandonRate: row.kpis.abandonRate,
            agents: row.kpis.agents,
          },
          meets: target === null || sl === null || sl === undefined ? null : sl >= target.serviceLevel,
        };
      }),
    },
  };
}
