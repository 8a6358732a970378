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
import { formatClockTime } from '../model/scenario/index.js';
import type { Coverage, PlannedShift, ShiftPlan } from '../results/shifts.js';
import type { ShiftTemplate } from './shift-templates.js';

export type { ShiftTemplate } from './shift-templates.js';
export type { Coverage, PlannedShift, ShiftPlan } from '../results/shifts.js';
export { parseTemplates, shiftTemplatesSchema } from './shift-templates.js';

export interface ShiftOption {
  readonly template: string;
  /** Seconds since midnight. */
  readonly start: number;
  readonly length: number;
  readonly breaks: ReadonlyArray<{ readonly at: number; readonly length: number }>;
  readonly cost: number;
}

/** Requirement of one group: agents per interval from `start` (seconds since midnight) in steps of `interval`. */
export interface GroupRequirement {
  readonly group: string;
  readonly start: number;
  readonly interval: number;
  readonly required: readonly number[];
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
// A plan loads one solver and uses it for all its groups (nothing is kept between plans).
const loadHighs = async (): Promise<Highs> =>
  ((await import('highs')) as unknown as { default: () => Promise<Highs> }).default();

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

/**
 * Solves one group's covering problem: agents per option, and the solver's
 * status. Without `solver`, HiGHS is loaded for this problem alone.
 */
export async function solveCover(
  options: readonly ShiftOption[],
  req: GroupRequirement,
  solver?: Highs,
): Promise<{ counts: number[]; status: string }> {
  if (options.length === 0) throw new RangeError('expected at least one shift option');
  const highs = solver ?? (await loadHighs());
  const solution = highs.solve(lpOf(options, req), { time_limit: 60, mip_rel_gap: 0 });
  if (solution.Status !== 'Optimal') return { counts: options.map(() => 0), status: solution.Status };
  const counts = options.map((_, s) => Math.round(solution.Columns[`x${s}`]?.Primal ?? 0));
  return { counts, status: solution.Status };
}

/** Largest covering problem solved (options × intervals): beyond it HiGHS would take minutes. */
export const MAX_COVER_SIZE = 1_000_000;

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
  let solver: Highs | undefined;
  for (const req of requirements) {
    if (options.length * req.required.length > MAX_COVER_SIZE)
      throw new RangeError(
        `the shift problem of ${req.group} is too large: ${options.length} shift options × ${req.required.length} intervals (at most ${MAX_COVER_SIZE.toLocaleString('en-US')}); use fewer start times or a shorter requirement`,
      );
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
    solver ??= await loadHighs();
    const { counts, status } = await solveCover(options, req, solver);
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
        cost: Math.round(counts[s] * o.cost * 100) / 100,
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
