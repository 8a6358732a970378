/**
 * Shift template files (`ccsim shifts --templates`): the shapes an employer
 * may roster. Read to the scenario's standard: every problem at once, each
 * with file:line:column, the field path and, for a misspelled field, the
 * name it probably meant (the scenario's own machinery in
 * src/model/scenario/problems.ts).
 *
 * Kept apart from the solver (shifts.ts, which loads HiGHS) so that `ccsim
 * validate` can check a template file without loading it.
 */
import { z } from 'zod';
import type { FieldPath, ScenarioProblem, SourceLocator } from '../model/scenario/problems.js';
import { problemAt, problemsFromZod, ScenarioError } from '../model/scenario/problems.js';
import {
  formatClockTime,
  parseClockTime,
  parseDurationString,
  readYamlDocument,
} from '../model/scenario/index.js';
import type { ShiftTemplate } from '../results/shifts.js';

export type { ShiftTemplate } from '../results/shifts.js';

/** Limits that keep the covering problem solvable in seconds: beyond them a file is surely a mistake. */
export const SHIFT_LIMITS = {
  /** Longest shift. */
  maxLength: 24 * 3600,
  /** Start times of all templates together (each is a column of the integer program). */
  maxOptions: 2000,
  maxCostPerHour: 1e6,
  /** Breaks of one template. */
  maxBreaks: 50,
} as const;

const DURATION = 'a duration such as 8h, 30m or 1h30m (or seconds as a number)';
const CLOCK = 'a clock time "HH:MM"';

/** A duration written as seconds or "8h", "30m", "1h30m": seconds after parsing, within [min, max]. */
function durationField(what: string, bounds: { positive?: boolean; max?: number } = {}) {
  return z
    .union([z.number(), z.string()], { error: `expected ${DURATION}` })
    .transform((value, ctx): number => {
      const s =
        typeof value === 'number' ? (Number.isFinite(value) ? value : undefined) : parseDurationString(value);
      const ok =
        s !== undefined && (bounds.positive === true ? s > 0 : s >= 0) && s <= (bounds.max ?? Infinity);
      if (!ok) {
        const range = `${bounds.positive === true ? 'positive' : 'non-negative'} ${what}${bounds.max !== undefined ? ` of at most ${bounds.max / 3600}h` : ''}`;
        ctx.addIssue({
          code: 'custom',
          message:
            s === undefined
              ? `expected ${DURATION}, got ${JSON.stringify(value)}`
              : `expected a ${range}, got ${JSON.stringify(value)}`,
        });
        return z.NEVER;
      }
      return s;
    });
}

/** A clock time "HH:MM": seconds since midnight after parsing. */
const clockField = z.string({ error: `expected ${CLOCK}` }).transform((value, ctx): number => {
  const s = parseClockTime(value);
  if (s === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected ${CLOCK}, got ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return s;
});

/** The shift template file's shape (durations and clock times checked after parsing, with their positions). */
export const shiftTemplatesSchema = z.strictObject({
  shifts: z
    .array(
      z.strictObject({
        /** Shown in the roster. */
        name: z.string({ error: 'expected a template name (text)' }).min(1, { error: 'expected a name' }),
        /** Paid length, breaks included: `8h`, `4h30m`. */
        length: durationField('length', { positive: true, max: SHIFT_LIMITS.maxLength }),
        /** Allowed starts: a list of clock times, or a window { from, to, every }. */
        start: z.union(
          [
            z.array(clockField).min(1, { error: 'expected at least one start time' }),
            z.strictObject({
              from: clockField,
              to: clockField,
              every: durationField('step', { positive: true }),
            }),
          ],
          { error: 'expected a list of start times ["08:00", …] or a window { from, to, every }' },
        ),
        /** Unpaid-for-coverage breaks: `after` from the shift start, and `length`. */
        breaks: z
          .array(z.strictObject({ after: durationField('offset'), length: durationField('break length') }), {
            error: 'expected a list of breaks { after, length }',
          })
          .max(SHIFT_LIMITS.maxBreaks, { error: `expected at most ${SHIFT_LIMITS.maxBreaks} breaks` })
          .default([]),
        /** Cost of one agent on this shift for one paid hour (default 1: the cost is paid hours). */
        costPerHour: z
          .number({ error: 'expected a cost per paid hour (a number ≥ 0)' })
          .min(0, { error: 'expected a cost per paid hour ≥ 0' })
          .max(SHIFT_LIMITS.maxCostPerHour, {
            error: `expected a cost per paid hour of at most ${SHIFT_LIMITS.maxCostPerHour}`,
          })
          .default(1),
      }),
      { error: 'expected a list of shift templates' },
    )
    .min(1, { error: 'expected at least one shift template' }),
});

export type ShiftTemplatesInput = z.input<typeof shiftTemplatesSchema>;

/** Every field name of the format, for "did you mean" hints. */
const KNOWN_FIELDS: ReadonlySet<string> = new Set([
  'shifts',
  'name',
  'length',
  'start',
  'from',
  'to',
  'every',
  'breaks',
  'after',
  'costPerHour',
]);

/** Problems sorted by line and column (problems without a position first), as a reader goes through the file. */
export function inFileOrder(problems: readonly ScenarioProblem[]): ScenarioProblem[] {
  return [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/**
 * A start that matches neither a list nor a window gets the problems of the
 * form it was written in (a list's bad clock time, a window's bad step),
 * not "expected a list or a window".
 */
function withUnionsResolved(issues: readonly z.core.$ZodIssue[], input: unknown): z.core.$ZodIssue[] {
  return issues.flatMap((issue) => {
    if (issue.code !== 'invalid_union' || issue.errors.length !== 2) return [issue];
    const value = valueAt(input, issue.path);
    const form = Array.isArray(value) ? 0 : value !== null && typeof value === 'object' ? 1 : -1;
    if (form < 0) return [issue];
    const nested = issue.errors[form].map((e) => ({ ...e, path: [...issue.path, ...e.path] }));
    return withUnionsResolved(nested, input);
  });
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

/** True when a parsed YAML document looks like a shift template file rather than a scenario. */
export function looksLikeShiftTemplates(doc: unknown): boolean {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return false;
  const keys = Object.keys(doc);
  return keys.includes('shifts') && !keys.some((k) => ['callTypes', 'agentGroups', 'horizon'].includes(k));
}

/** The YAML text parsed, with a locator; syntax and alias errors are problems with their positions. */
function readYaml(text: string, file: string): { doc: unknown; locator: SourceLocator } {
  const { value, locator } = readYamlDocument(text, file, 'YAML');
  return { doc: value, locator };
}

/**
 * Shift templates from YAML text; `file` names it in messages. Every
 * problem is collected and thrown together in one ScenarioError.
 */
export function parseTemplates(text: string, file: string): ShiftTemplate[] {
  const { doc, locator } = readYaml(text, file);
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ScenarioError([
      { file, path: [], message: 'expected shift templates: a mapping with a list `shifts:`' },
    ]);
  }
  const parsed = shiftTemplatesSchema.safeParse(doc);
  if (!parsed.success) {
    const issues = withUnionsResolved(parsed.error.issues, doc);
    throw new ScenarioError(inFileOrder(problemsFromZod(issues, doc, file, locator, KNOWN_FIELDS)));
  }
  const problems: ScenarioProblem[] = [];
  const at = (path: FieldPath, message: string) => problems.push(problemAt(file, path, message, locator));
  const names = new Map<string, number>();
  let options = 0;
  const templates = parsed.data.shifts.map((t, i): ShiftTemplate => {
    const path = ['shifts', i];
    const first = names.get(t.name);
    if (first !== undefined)
      at([...path, 'name'], `duplicate template name "${t.name}" (also shifts[${first}])`);
    else names.set(t.name, i);
    let starts: number[] = [];
    if (Array.isArray(t.start)) starts = t.start;
    else {
      const { from, to, every } = t.start;
      const count = Math.floor((to - from) / every + 1e-9) + 1;
      if (to < from)
        at(
          [...path, 'start'],
          `expected from ≤ to, got from ${formatClockTime(from)} to ${formatClockTime(to)}`,
        );
      else if (options + count > SHIFT_LIMITS.maxOptions)
        at(
          [...path, 'start'],
          `expected at most ${SHIFT_LIMITS.maxOptions} start times over all templates, got ${options + count}: use a longer step`,
        );
      else for (let k = 0; k < count; k++) starts.push(from + k * every);
    }
    options += starts.length;
    t.breaks.forEach((b, k) => {
      if (b.after + b.length > t.length)
        at(
          [...path, 'breaks', k],
          'expected the break to lie within the shift (after + length ≤ the shift length)',
        );
    });
    return { name: t.name, length: t.length, starts, breaks: t.breaks, costPerHour: t.costPerHour };
  });
  if (options > SHIFT_LIMITS.maxOptions && problems.length === 0)
    at(
      ['shifts'],
      `expected at most ${SHIFT_LIMITS.maxOptions} start times over all templates, got ${options}`,
    );
  if (problems.length > 0) throw new ScenarioError(inFileOrder(problems));
  return templates;
}
