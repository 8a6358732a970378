/**
 * From requirements to a simulated roster: read the requirements `ccsim
 * staff` wrote (plan.json, or a CSV of interval,group,agents), plan the
 * shifts, then run the scenario with those shifts to show what they achieve
 * in every interval (the proof that the plan works).
 */
import { basename, extname } from 'node:path';
import { simulate } from '../experiment/simulate.js';
import { formatClockTime, ScenarioError } from '../model/scenario/index.js';
import type { RosterResult } from '../results/shifts.js';
import type { RequirementsFile, WhatIf } from './requirements-file.js';
import { readRequirements } from './requirements-file.js';
import { readInputFile } from './input-file.js';
import { compileVariant, readBaseScenario, withWhatIfs } from './scenario-variant.js';
import type { Json } from './scenario-variant.js';
import type { ShiftTemplate } from './shifts.js';
import { parseTemplates, planShifts } from './shifts.js';

export type { RequirementsFile, WhatIf } from './requirements-file.js';
export { readRequirements } from './requirements-file.js';

export type { AchievedInterval, RosterResult } from '../results/shifts.js';

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
  // Both files are read before either's problems are thrown: every problem at once.
  const [req, templates] = bothOrProblems(
    () => readRequirements(requirementsFile),
    () => readTemplates(templatesFile),
  );
  const plan = await planShifts(req.groups, templates);
  const scenarioFile = options.scenario ?? req.scenario;
  const about = { requirementsFile, templatesFile };
  if (scenarioFile === undefined)
    return {
      name: req.scenarioName ?? basename(requirementsFile, extname(requirementsFile)),
      ...about,
      ...plan,
      templates,
    };

  // Simulate the roster on the load it was planned for: the plan's what-if applied to the scenario,
  // each planned group working the planned shifts (on duty: no shrinkage on top).
  const base = readBaseScenario({ file: scenarioFile, allowRead: options.allowRead });
  const whatIf: WhatIf = req.whatIf ?? { volume: 1, aht: 1 };
  const notes = notesOn(req, base.loaded.hash, scenarioFile);
  const input =
    whatIf.volume === 1 && whatIf.aht === 1
      ? structuredClone(base.input)
      : scaled(base.input, whatIf, requirementsFile);
  const groups = input.agentGroups as Json[];
  const missing = req.groups.filter((g) => !groups.some((x) => x.name === g.group)).map((g) => g.group);
  if (missing.length > 0) {
    const known = groups.map((x) => String(x.name)).join(', ');
    throw new ScenarioError(
      missing.map((group) => ({
        file: requirementsFile,
        path: [],
        message: `group "${group}" is not in ${scenarioFile} (its groups: ${known})`,
      })),
    );
  }
  for (const g of req.groups) {
    const raw = groups.find((x) => x.name === g.group) as Json;
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
  const model = compileVariant(base, input, JSON.stringify({ roster: plan.shifts, whatIf }));
  const seed = options.seed ?? req.seed ?? model.seed;
  const replications = options.replications ?? req.replications ?? model.replications;
  const result = await simulate(model, { replications, seed, threads: options.threads ?? 'auto' });
  // The plan's target, else the scenario's own.
  const threshold = result.serviceLevel.threshold;
  const scenarioTarget = base.loaded.scenario.serviceLevel.target;
  const target =
    req.targets ?? (scenarioTarget !== undefined ? { serviceLevel: scenarioTarget, threshold } : null);
  return {
    name: req.scenarioName ?? model.name,
    ...about,
    ...plan,
    templates,
    achieved: {
      scenario: scenarioFile,
      replications,
      seed,
      confidenceLevel: result.confidenceLevel,
      target,
      threshold,
      whatIf,
      notes,
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

/** Both results, or one ScenarioError with the problems of both. */
function bothOrProblems<A, B>(a: () => A, b: () => B): [A, B] {
  const attempt = <T>(f: () => T): T | ScenarioError => {
    try {
      return f();
    } catch (error) {
      if (error instanceof ScenarioError) return error;
      throw error;
    }
  };
  const x = attempt(a);
  const y = attempt(b);
  const problems = [x, y].flatMap((r) => (r instanceof ScenarioError ? r.problems : []));
  if (problems.length > 0) throw new ScenarioError(problems);
  return [x as A, y as B];
}

function readTemplates(file: string): ShiftTemplate[] {
  return parseTemplates(readInputFile(file, 'the shift templates'), file);
}

/** The scenario with the plan's what-if; a what-if the scenario cannot take is the requirements' problem. */
function scaled(input: Json, whatIf: WhatIf, requirementsFile: string): Json {
  try {
    return withWhatIfs(input, whatIf.volume, whatIf.aht);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    throw new ScenarioError([
      {
        file: requirementsFile,
        path: ['whatIf'],
        message: `the plan's what-if cannot be applied: ${error.message}`,
      },
    ]);
  }
}

function notesOn(req: RequirementsFile, hash: string, scenarioFile: string): string[] {
  const notes: string[] = [];
  if (req.scenarioHash !== undefined && req.scenarioHash !== hash)
    notes.push(
      `${scenarioFile} is not the scenario the plan was made from (its text has changed since, or it is another file): the roster is proven on it as it is now`,
    );
  if (req.whatIf === undefined)
    notes.push(
      'the requirements record no what-if (plan.json whatIf, or CSV columns volume_factor and aht_factor): the roster is simulated on the scenario as written',
    );
  return notes;
}
