/**
 * The requirement `ccsim shifts` covers: plan.json as `ccsim staff` writes
 * it, or a CSV with columns interval, group, agents (or required). Read to
 * the scenario's standard: every problem at once, each with file:line:column
 * and the field or column.
 *
 * A plan carries what it was planned for: the scenario (file and hash), the
 * targets, seed and replications, and its what-if (volume and handle-time
 * factors), so that the roster is proven on the same load. A CSV carries
 * the what-if in optional columns volume_factor and aht_factor.
 */
import { z } from 'zod';
import { formatClockTime, parseClockTime, readYamlDocument } from '../model/scenario/index.js';
import type { ScenarioProblem } from '../model/scenario/problems.js';
import { problemsFromZod, ScenarioError, suggest } from '../model/scenario/problems.js';
import type { WhatIf } from '../results/shifts.js';
import type { GroupRequirement } from './shifts.js';
import { inFileOrder } from './shift-templates.js';
import { readInputFile } from './input-file.js';

export type { WhatIf } from '../results/shifts.js';

export interface RequirementsFile {
  readonly groups: readonly GroupRequirement[];
  /** From plan.json: the scenario planned (its file and, when recorded, the hash of its text). */
  readonly scenario?: string;
  readonly scenarioHash?: string;
  readonly scenarioName?: string;
  readonly targets?: { readonly serviceLevel: number; readonly threshold: number };
  readonly seed?: number;
  readonly replications?: number;
  /** The what-if the requirement was planned for; absent: none recorded (the scenario as written). */
  readonly whatIf?: WhatIf;
}

/** Bounds that keep the covering problem small: beyond them a file is surely a mistake. */
export const REQUIREMENT_LIMITS = { maxAgents: 100_000, maxIntervals: 5_000, maxFactor: 100 } as const;

/** One requirement row and where its fields are in the file. */
interface Row {
  readonly interval: number;
  readonly label: string;
  readonly group: string;
  readonly agents: number;
  /** Position of the row's interval (for grid and duplicate problems). */
  readonly where: { line?: number; column?: number };
  readonly path: ReadonlyArray<string | number>;
}

function located(file: string, row: Row, message: string): ScenarioProblem {
  return { file, path: row.path, message, ...row.where };
}

/**
 * The interval length: the most frequent gap between a group's consecutive
 * interval starts (ties: the one that puts the most rows on its grid, then
 * the longer), so that a stray row is named as off the grid rather than
 * silently turning the plan into a finer grid padded with zeros.
 */
function gridOf(rows: readonly Row[], times: readonly number[]): number {
  const counts = new Map<number, number>();
  const tally = (sorted: readonly number[]) => {
    for (let k = 1; k < sorted.length; k++) {
      const gap = Math.round((sorted[k] - sorted[k - 1]) * 1000) / 1000;
      counts.set(gap, (counts.get(gap) ?? 0) + 1);
    }
  };
  for (const group of new Set(rows.map((r) => r.group)))
    tally([...new Set(rows.filter((r) => r.group === group).map((r) => r.interval))].sort((a, b) => a - b));
  if (counts.size === 0) tally(times);
  const onGrid = (gap: number) => times.filter((t) => Math.abs(((t - times[0]) / gap) % 1) < 1e-9).length;
  let best = 1800;
  let score = [-1, -1];
  for (const [gap, n] of counts) {
    const candidate = [n, onGrid(gap)];
    const better =
      candidate[0] > score[0] ||
      (candidate[0] === score[0] && (candidate[1] > score[1] || (candidate[1] === score[1] && gap > best)));
    if (better) [best, score] = [gap, candidate];
  }
  return best;
}

/** Rows → one requirement per group on a common interval grid; grid and duplicate problems are collected. */
function groupsOf(rows: readonly Row[], file: string, problems: ScenarioProblem[]): GroupRequirement[] {
  if (rows.length === 0) {
    problems.push({ file, path: [], message: 'no requirements: expected at least one row' });
    return [];
  }
  const times = [...new Set(rows.map((r) => r.interval))].sort((a, b) => a - b);
  const interval = gridOf(rows, times);
  const start = times[0];
  const count = Math.round((times[times.length - 1] - start) / interval) + 1;
  if (count > REQUIREMENT_LIMITS.maxIntervals) {
    problems.push({
      file,
      path: [],
      message: `expected at most ${REQUIREMENT_LIMITS.maxIntervals} intervals, got ${count} (${formatClockTime(start)} to ${formatClockTime(times[times.length - 1])} in steps of ${interval / 60} minutes)`,
    });
    return [];
  }
  const seen = new Map<string, Row>();
  const groups = new Map<string, number[]>();
  for (const row of rows) {
    const key = `${row.group}\u0000${row.interval}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        located(
          file,
          row,
          `duplicate requirement for ${row.group} at ${row.label}${first.where.line !== undefined ? ` (first at line ${first.where.line})` : ''}`,
        ),
      );
      continue;
    }
    seen.set(key, row);
    const k = Math.round((row.interval - start) / interval);
    if (Math.abs(start + k * interval - row.interval) > 1e-6) {
      problems.push(
        located(
          file,
          row,
          `interval ${row.label} is not on the ${interval / 60}-minute grid from ${formatClockTime(start)}`,
        ),
      );
      continue;
    }
    let required = groups.get(row.group);
    if (required === undefined) groups.set(row.group, (required = new Array<number>(count).fill(0)));
    required[k] = row.agents;
  }
  return [...groups].map(([group, required]) => ({ group, start, interval, required }));
}

/** Requirements from plan.json (`ccsim staff` output) or a CSV with columns interval, group, agents. */
export function readRequirements(file: string): RequirementsFile {
  const text = readInputFile(file, 'the requirements');
  return text.trimStart().startsWith('{') ? fromPlanJson(text, file) : fromCsv(text, file);
}

// ---------------------------------------------------------------- plan.json

const factor = z
  .number({ error: 'expected a factor (a number > 0)' })
  .positive({ error: 'expected a factor > 0' })
  .max(REQUIREMENT_LIMITS.maxFactor, {
    error: `expected a factor of at most ${REQUIREMENT_LIMITS.maxFactor}`,
  });

/** The parts of plan.json `ccsim shifts` reads (the rest is ignored). */
const planSchema = z.looseObject({
  scenario: z
    .looseObject({ name: z.string().optional(), file: z.string(), hash: z.string().optional() })
    .optional(),
  targets: z.looseObject({ serviceLevel: z.number().gt(0).lt(1), threshold: z.number().min(0) }).optional(),
  seed: z.number().int().min(0).optional(),
  replications: z.number().int().min(1).optional(),
  whatIf: z.looseObject({ volume: factor, aht: factor }).optional(),
  requirements: z.array(
    z.looseObject({
      interval: z.string({ error: 'expected an interval start "HH:MM"' }).superRefine((value, ctx) => {
        if (parseClockTime(value) === undefined)
          ctx.addIssue({
            code: 'custom',
            message: `expected an interval start "HH:MM", got ${JSON.stringify(value)}`,
          });
      }),
      group: z.string({ error: 'expected a group name' }).min(1, { error: 'expected a group name' }),
      agents: z
        .number({ error: 'expected a number of agents ≥ 0' })
        .min(0, { error: 'expected a number of agents ≥ 0' })
        .max(REQUIREMENT_LIMITS.maxAgents, {
          error: `expected at most ${REQUIREMENT_LIMITS.maxAgents} agents`,
        }),
    }),
    { error: 'expected a list of requirements (the plan.json ccsim staff writes)' },
  ),
});

const PLAN_FIELDS: ReadonlySet<string> = new Set([
  'scenario',
  'targets',
  'seed',
  'replications',
  'whatIf',
  'requirements',
  'interval',
  'group',
  'agents',
  'volume',
  'aht',
  'file',
  'hash',
]);

function fromPlanJson(text: string, file: string): RequirementsFile {
  const { value: doc, locator } = readYamlDocument(text, file, 'JSON');
  const parsed = planSchema.safeParse(doc);
  if (!parsed.success)
    throw new ScenarioError(
      inFileOrder(problemsFromZod(parsed.error.issues, doc, file, locator, PLAN_FIELDS)),
    );
  const plan = parsed.data;
  const problems: ScenarioProblem[] = [];
  const rows: Row[] = [];
  plan.requirements.forEach((r, i) => {
    // The schema checked every interval is a clock time.
    const path = ['requirements', i, 'interval'];
    const where = locator.locate(path) ?? {};
    rows.push({
      interval: parseClockTime(r.interval) ?? 0,
      label: r.interval,
      group: r.group,
      agents: r.agents,
      where,
      path,
    });
  });
  const groups = groupsOf(rows, file, problems);
  if (problems.length > 0) throw new ScenarioError(inFileOrder(problems));
  return {
    groups,
    ...(plan.scenario !== undefined ? { scenario: plan.scenario.file } : {}),
    ...(plan.scenario?.hash !== undefined ? { scenarioHash: plan.scenario.hash } : {}),
    ...(plan.scenario?.name !== undefined ? { scenarioName: plan.scenario.name } : {}),
    ...(plan.targets !== undefined
      ? { targets: { serviceLevel: plan.targets.serviceLevel, threshold: plan.targets.threshold } }
      : {}),
    ...(plan.seed !== undefined ? { seed: plan.seed } : {}),
    ...(plan.replications !== undefined ? { replications: plan.replications } : {}),
    ...(plan.whatIf !== undefined ? { whatIf: { volume: plan.whatIf.volume, aht: plan.whatIf.aht } } : {}),
  };
}

// ---------------------------------------------------------------- CSV

interface Cell {
  readonly text: string;
  /** 1-based column of the cell's first character. */
  readonly column: number;
}

function cellsOf(line: string, delimiter: string): Cell[] {
  const cells: Cell[] = [];
  let from = 0;
  for (const part of line.split(delimiter)) {
    const lead = part.length - part.trimStart().length;
    cells.push({ text: part.trim(), column: from + lead + 1 });
    from += part.length + 1;
  }
  return cells;
}

function fromCsv(text: string, file: string): RequirementsFile {
  const lines = text.split(/\r?\n/);
  // Blank lines and `#` comments are skipped; line numbers stay those of the file.
  const numbered = lines
    .map((line, i) => ({ line, number: i + 1 }))
    .filter(({ line }) => line.trim() !== '' && !line.trimStart().startsWith('#'));
  const headerLine = numbered[0];
  if (headerLine === undefined)
    throw new ScenarioError([
      {
        file,
        path: [],
        message: 'empty: expected a header interval,group,agents and one row per interval and group',
      },
    ]);
  const delimiter = !headerLine.line.includes(',') && headerLine.line.includes(';') ? ';' : ',';
  const header = cellsOf(headerLine.line, delimiter).map((c) => ({ ...c, name: c.text.toLowerCase() }));
  const index = (name: string) => header.findIndex((h) => h.name === name);
  const problems: ScenarioProblem[] = [];
  const agentsName = index('agents') >= 0 || index('required') < 0 ? 'agents' : 'required';
  for (const needed of ['interval', 'group', agentsName]) {
    if (index(needed) >= 0) continue;
    const near = header.find((h) => suggest(h.text, [needed]) !== undefined);
    const what = needed === 'agents' ? '"agents" (or "required")' : `"${needed}"`;
    problems.push({
      file,
      path: [],
      line: headerLine.number,
      column: near?.column ?? 1,
      message: `expected a column ${what} in the header${near !== undefined ? ` (did you mean "${needed}" for "${near.text}"?)` : ''}; got ${header.map((h) => h.text).join(delimiter)}`,
    });
  }
  if (problems.length > 0) throw new ScenarioError(inFileOrder(problems));
  const col = {
    interval: index('interval'),
    group: index('group'),
    agents: index(agentsName),
    volume: index('volume_factor'),
    aht: index('aht_factor'),
  };
  const rows: Row[] = [];
  const factors = { volume: new Map<number, number>(), aht: new Map<number, number>() };
  for (const { line, number } of numbered.slice(1)) {
    const cells = cellsOf(line, delimiter);
    const at = (c: number, name: string, message: string) =>
      problems.push({
        file,
        path: [name],
        line: number,
        column: cells[c]?.column ?? line.length + 1,
        message,
      });
    const needed = Math.max(col.interval, col.group, col.agents, col.volume, col.aht) + 1;
    if (cells.length < needed) {
      problems.push({
        file,
        path: [],
        line: number,
        column: line.length + 1,
        message: `expected at least ${needed} cells as in the header, got ${cells.length}`,
      });
      continue;
    }
    const label = cells[col.interval].text;
    const interval = parseClockTime(label);
    if (interval === undefined)
      at(col.interval, 'interval', `expected a clock time "HH:MM", got ${JSON.stringify(label)}`);
    const group = cells[col.group].text;
    if (group === '') at(col.group, 'group', 'expected a group name, got nothing');
    const agentsText = cells[col.agents].text;
    const agents = agentsText === '' ? NaN : Number(agentsText);
    if (!(agents >= 0 && agents <= REQUIREMENT_LIMITS.maxAgents))
      at(
        col.agents,
        agentsName,
        `expected a number of agents from 0 to ${REQUIREMENT_LIMITS.maxAgents}, got ${JSON.stringify(agentsText)}`,
      );
    for (const [which, c] of [
      ['volume', col.volume],
      ['aht', col.aht],
    ] as const) {
      if (c < 0) continue;
      const value = Number(cells[c].text);
      if (cells[c].text === '' || !(value > 0 && value <= REQUIREMENT_LIMITS.maxFactor))
        at(
          c,
          `${which}_factor`,
          `expected a factor above 0 and at most ${REQUIREMENT_LIMITS.maxFactor}, got ${JSON.stringify(cells[c].text)}`,
        );
      else if (!factors[which].has(value)) factors[which].set(value, number);
    }
    if (interval !== undefined && group !== '' && agents >= 0 && agents <= REQUIREMENT_LIMITS.maxAgents)
      rows.push({
        interval,
        label,
        group,
        agents,
        where: { line: number, column: cells[col.interval].column },
        path: ['interval'],
      });
  }
  for (const which of ['volume', 'aht'] as const) {
    if (factors[which].size > 1) {
      const found = [...factors[which]].map(([v, line]) => `${v} (line ${line})`).join(', ');
      problems.push({
        file,
        path: [`${which}_factor`],
        message: `expected one ${which}_factor for the whole plan, got ${found}`,
      });
    }
  }
  const groups = problems.length === 0 ? groupsOf(rows, file, problems) : [];
  if (problems.length > 0) throw new ScenarioError(inFileOrder(problems));
  const whatIf =
    col.volume >= 0 || col.aht >= 0
      ? { volume: [...factors.volume.keys()][0] ?? 1, aht: [...factors.aht.keys()][0] ?? 1 }
      : undefined;
  return { groups, ...(whatIf !== undefined ? { whatIf } : {}) };
}
