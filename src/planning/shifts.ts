/**
 * Shift planning: how many agents start each allowed shift so that the
 * agents on duty cover the requirement in every interval at the least cost.
 *
 * An integer program, solved exactly by HiGHS (the `highs` package: the
 * HiGHS LP/MIP solver compiled to WebAssembly):
 *
 *   minimise   Σ_s cost_s · x_s
 *   subject to Σ_s a_{s,t} · x_s ≥ r_t   for every interval t
 *              x_s ≥ 0, integer
 *
 * where x_s is the number of agents working shift s (a template at one
 * start time), r_t the agents required in interval t, and a_{s,t} the
 * fraction of interval t that shift s is on duty (not on a break). Each
 * group is planned on its own.
 */
import type { LegacyHighs } from 'highs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { formatClockTime, parseClockTime, parseDurationString } from '../model/scenario/index.js';

export interface ShiftTemplate {
  readonly name: string;
  /** Seconds. */
  readonly length: number;
  /** Allowed start times, seconds since midnight. */
  readonly starts: readonly number[];
  /** Breaks: offset from the shift start and length, seconds. */
  readonly breaks: ReadonlyArray<{ readonly after: number; readonly length: number }>;
  /** Cost of one agent working the shift for an hour (breaks paid). */
  readonly costPerHour: number;
}

export interface ShiftOption {
  readonly template: string;
  /** Seconds since midnight. */
  readonly start: number;
  readonly length: number;
  readonly breaks: ReadonlyArray<{ readonly at: number; readonly length: number }>;
  readonly cost: number;
}

export interface PlannedShift {
  readonly group: string;
  readonly template: string;
  readonly start: string;
  readonly length: string;
  readonly count: number;
  readonly breaks: ReadonlyArray<{ readonly at: string; readonly length: string }>;
}

export interface Coverage {
  readonly interval: string;
  readonly group: string;
  readonly required: number;
  readonly onDuty: number;
}

export interface ShiftPlan {
  readonly shifts: readonly PlannedShift[];
  readonly cost: number;
  readonly coverage: readonly Coverage[];
  /** Per group: the solver's status and the number of shift options considered. */
  readonly solver: ReadonlyArray<{
    readonly group: string;
    readonly status: string;
    readonly options: number;
  }>;
}

/** Requirement of one group: agents per interval from `start` (seconds since midnight) in steps of `interval`. */
export interface GroupRequirement {
  readonly group: string;
  readonly start: number;
  readonly interval: number;
  readonly required: readonly number[];
}

const durationText = z.union([z.number().nonnegative(), z.string()]);

/** The shift template file's shape (`ccsim schema shift-templates` prints it as JSON Schema). */
export const shiftTemplatesSchema = z.strictObject({
  shifts: z
    .array(
      z.strictObject({
        name: z.string().min(1),
        length: durationText,
        /** Allowed starts: a list of clock times, or a window { from, to, every }. */
        start: z.union([
          z.array(z.string()).min(1),
          z.strictObject({ from: z.string(), to: z.string(), every: durationText }),
        ]),
        breaks: z.array(z.strictObject({ after: durationText, length: durationText })).default([]),
        costPerHour: z.number().nonnegative().default(1),
      }),
      { error: 'expected a list of shift templates' },
    )
    .min(1, { error: 'expected at least one shift template' }),
});

function seconds(value: number | string, where: string): number {
  const s = typeof value === 'number' ? value : parseDurationString(value);
  if (s === undefined || !(s >= 0))
    throw new RangeError(`${where}: expected a duration such as 8h or 30m, got "${value}"`);
  return s;
}

function clock(value: string, where: string): number {
  const s = parseClockTime(value);
  if (s === undefined) throw new RangeError(`${where}: expected a clock time "HH:MM", got "${value}"`);
  return s;
}

/** Shift templates from YAML text; problems are RangeErrors naming the file and field. */
export function parseTemplates(text: string, file: string): ShiftTemplate[] {
  let doc: unknown;
  try {
    doc = parseYaml(text);
  } catch (error) {
    throw new RangeError(
      `${file}: not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
      { cause: error },
    );
  }
  const parsed = shiftTemplatesSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RangeError(`${file}: ${issue.path.join('.') || '(top)'}: ${issue.message}`);
  }
  return parsed.data.shifts.map((t, i) => {
    const where = `${file}: shifts.${i}`;
    const length = seconds(t.length, `${where}.length`);
    if (!(length > 0)) throw new RangeError(`${where}.length: expected a positive duration`);
    let starts: number[];
    if (Array.isArray(t.start)) starts = t.start.map((s, k) => clock(s, `${where}.start.${k}`));
    else {
      const from = clock(t.start.from, `${where}.start.from`);
      const to = clock(t.start.to, `${where}.start.to`);
      const every = seconds(t.start.every, `${where}.start.every`);
      if (!(every > 0) || to < from) throw new RangeError(`${where}.start: expected from ≤ to and every > 0`);
      starts = [];
      for (let s = from; s <= to + 1e-9; s += every) starts.push(s);
    }
    const breaks = t.breaks.map((b, k) => ({
      after: seconds(b.after, `${where}.breaks.${k}.after`),
      length: seconds(b.length, `${where}.breaks.${k}.length`),
    }));
    for (const [k, b] of breaks.entries()) {
      if (b.after + b.length > length)
        throw new RangeError(`${where}.breaks.${k}: expected the break to lie within the shift`);
    }
    return { name: t.name, length, starts, breaks, costPerHour: t.costPerHour };
  });
}

/** Every (template, start) pair. */
export function shiftOptions(templates: readonly ShiftTemplate[]): ShiftOption[] {
  return templates.flatMap((t) =>
    t.starts.map((start) => ({
      template: t.name,
      start,
      length: t.length,
      breaks: t.breaks.map((b) => ({ at: start + b.after, length: b.length })),
      cost: (t.length / 3600) * t.costPerHour,
    })),
  );
}

/** Fraction of [from, to) during which the shift is on duty (not on a break). */
export function onDutyFraction(option: ShiftOption, from: number, to: number): number {
  const overlap = (a: number, b: number) => Math.max(0, Math.min(b, to) - Math.max(a, from));
  let on = overlap(option.start, option.start + option.length);
  for (const b of option.breaks) on -= overlap(b.at, b.at + b.length);
  return on / (to - from);
}

type Highs = LegacyHighs;
// Imported on first use, not at start-up. The package's types are written as ESM for a CommonJS package:
// under NodeNext the loader is the namespace's `default` (at run time the ESM build is loaded, whose
// default export it is).
const highsLoader = async (): Promise<Highs> =>
  ((await import('highs')) as unknown as { default: () => Promise<Highs> }).default();
let solver: Promise<Highs> | undefined;

/** The CPLEX-LP text of the covering problem. */
function lpOf(options: readonly ShiftOption[], req: GroupRequirement): string {
  const lines = [
    'Minimize',
    ` obj: ${options.map((o, s) => `${fmt(o.cost)} x${s}`).join(' + ') || '0 x0'}`,
    'Subject To',
  ];
  req.required.forEach((r, t) => {
    if (!(r > 0)) return;
    const from = req.start + t * req.interval;
    const terms = options
      .map((o, s) => ({ a: onDutyFraction(o, from, from + req.interval), s }))
      .filter((x) => x.a > 0)
      .map((x) => `${fmt(x.a)} x${x.s}`);
    // An interval no shift covers makes the problem infeasible, as it should.
    lines.push(` c${t}: ${terms.length > 0 ? terms.join(' + ') : '0 x0'} >= ${fmt(r)}`);
  });
  lines.push(
    'Bounds',
    ...options.map((_, s) => ` x${s} >= 0`),
    'General',
    ` ${options.map((_, s) => `x${s}`).join(' ')}`,
    'End',
  );
  return lines.join('\n');
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toPrecision(12);
}

/** Solves one group's covering problem: agents per option, and the solver's status. */
export async function solveCover(
  options: readonly ShiftOption[],
  req: GroupRequirement,
): Promise<{ counts: number[]; status: string }> {
  if (options.length === 0) throw new RangeError('expected at least one shift option');
  solver ??= highsLoader();
  const highs = await solver;
  const solution = highs.solve(lpOf(options, req), { time_limit: 60, mip_rel_gap: 0 });
  if (solution.Status !== 'Optimal') return { counts: options.map(() => 0), status: solution.Status };
  const counts = options.map((_, s) => Math.round(solution.Columns[`x${s}`]?.Primal ?? 0));
  return { counts, status: solution.Status };
}

/** Plans every group's shifts. */
export async function planShifts(
  requirements: readonly GroupRequirement[],
  templates: readonly ShiftTemplate[],
): Promise<ShiftPlan> {
  const options = shiftOptions(templates);
  const shifts: PlannedShift[] = [];
  const coverage: Coverage[] = [];
  const solverInfo: Array<{ group: string; status: string; options: number }> = [];
  let cost = 0;
  for (const req of requirements) {
    const uncovered = req.required
      .map((r, t) => ({ r, from: req.start + t * req.interval }))
      .filter(
        ({ r, from }) => r > 0 && options.every((o) => onDutyFraction(o, from, from + req.interval) === 0),
      )
      .map(({ from }) => formatClockTime(from));
    if (uncovered.length > 0) {
      throw new RangeError(
        `no shift template covers ${uncovered.join(', ')}, where ${req.group} needs agents: add start times or longer shifts`,
      );
    }
    const { counts, status } = await solveCover(options, req);
    if (status !== 'Optimal')
      throw new RangeError(`the shift problem of ${req.group} could not be solved: ${status}`);
    solverInfo.push({ group: req.group, status, options: options.length });
    options.forEach((o, s) => {
      if (counts[s] === 0) return;
      cost += counts[s] * o.cost;
      shifts.push({
        group: req.group,
        template: o.template,
        start: formatClockTime(o.start),
        length: formatHours(o.length),
        count: counts[s],
        breaks: o.breaks.map((b) => ({ at: formatClockTime(b.at), length: formatHours(b.length) })),
      });
    });
    req.required.forEach((r, t) => {
      const from = req.start + t * req.interval;
      const onDuty = options.reduce(
        (sum, o, s) => sum + counts[s] * onDutyFraction(o, from, from + req.interval),
        0,
      );
      coverage.push({
        interval: formatClockTime(from),
        group: req.group,
        required: r,
        onDuty: Math.round(onDuty * 100) / 100,
      });
    });
  }
  return { shifts, cost: Math.round(cost * 100) / 100, coverage, solver: solverInfo };
}

/** "8h", "4h30m", "45m". */
function formatHours(s: number): string {
  const h = Math.floor(s / 3600);
  const m = Math.round((s - h * 3600) / 60);
  return h > 0 ? (m > 0 ? `${h}h${m}m` : `${h}h`) : `${m}m`;
}
