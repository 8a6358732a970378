/**
 * Mapping files: how an ACD's export is read, column by column (the
 * README's "Importing a call log (mapping files)" says the same to users).
 *
 * A mapping (YAML) names the log's delimiter, header, date and time formats,
 * and which column gives each field of a {@link CallRecord} (`kind: calls`)
 * or of an {@link IntervalRow} (`kind: intervals`), with the values that
 * mean "absent" and the translation of outcome and call-type codes.
 * Problems are reported like a scenario's: file, line, field path, what was
 * expected, every one at once.
 */
import { z } from 'zod';
import { readYamlDocument } from '../model/scenario/load.js';
import {
  formatPath,
  problemAt,
  problemsFromZod,
  ScenarioError,
  schemaFieldNames,
} from '../model/scenario/problems.js';
import type { FieldPath, ScenarioProblem, SourceLocator } from '../model/scenario/problems.js';
import { describeValue, duration } from '../model/scenario/schema/primitives.js';
import type { CallOutcome } from './call-record.js';
import { DataInputError } from './problems.js';
import { DATE_FORMATS, DURATION_FORMATS, parseDate, TIME_FORMATS } from './time-formats.js';

/** Largest mapping file read. */
export const MAX_MAPPING_BYTES = 1024 * 1024;

const CALL_OUTCOMES = [
  'served',
  'abandoned',
  'ivr',
  'blocked',
  'ignored',
] as const satisfies readonly CallOutcome[];

/** Conditions an outcome code may depend on (see {@link OutcomeRule}). */
export const OUTCOME_CONDITIONS = ['waited', 'answered', 'queued'] as const;
export type OutcomeCondition = (typeof OUTCOME_CONDITIONS)[number];

/**
 * What an outcome code means: an outcome, or one that depends on the call:
 * `{ when: waited, then: abandoned, else: ivr }`. `waited`: its wait is
 * above 0; `answered`: it has a service start; `queued`: it has a queue
 * entry time. Rules nest (`else` may be another rule).
 */
export type OutcomeRule =
  CallOutcome | { readonly when: OutcomeCondition; readonly then: OutcomeRule; readonly else: OutcomeRule };

/** A column: its header name, or its position counted from 1 (the only way when `header: false`). */
const column = z.union([z.string().min(1, { error: 'expected a column name' }), z.number().int().min(1)], {
  error: 'expected a column: its name in the header, or its position (1 for the first)',
});

const absent = z.array(z.string(), {
  error: 'expected a list of values that mean "absent", e.g. ["0:00:00"]',
});

/** A column given alone (`arrival: vru_entry`) stands for `{ column: vru_entry }`. */
function shorthand(value: unknown): unknown {
  return typeof value === 'string' || typeof value === 'number' ? { column: value } : value;
}

/** A field read from a column: the name alone, or `{ column, absent, format }`. */
function columnField<F extends z.ZodType>(format?: F) {
  return z.preprocess(
    shorthand,
    z.strictObject(
      {
        column,
        absent: absent.optional(),
        ...(format === undefined ? {} : { format: format.optional() }),
      },
      { error: 'expected a column name (or position), or { column, absent, format }' },
    ),
  );
}

const timeFormat = z.enum(TIME_FORMATS, { error: `expected a time format: ${TIME_FORMATS.join(', ')}` });
const durationFormat = z.enum(DURATION_FORMATS, {
  error: `expected a duration format: ${DURATION_FORMATS.join(', ')}`,
});

const timeField = columnField(timeFormat);
const durationField = columnField(durationFormat);
const textField = columnField();

const EXPECTED_RULE = `expected an outcome (${CALL_OUTCOMES.join(', ')}) or { when: waited|answered|queued, then: …, else: … }`;

/** An outcome rule, checked by hand so that each mistake is reported at its own path. */
const outcomeRule = z.unknown().transform((value, ctx): OutcomeRule => {
  const check = (rule: unknown, path: Array<string | number>): boolean => {
    if (typeof rule === 'string' && (CALL_OUTCOMES as readonly string[]).includes(rule)) return true;
    if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
      ctx.addIssue({ code: 'custom', path, message: `${EXPECTED_RULE}, got ${describeValue(rule)}` });
      return false;
    }
    let ok = true;
    const fields = rule as Record<string, unknown>;
    for (const key of Object.keys(fields)) {
      if (key !== 'when' && key !== 'then' && key !== 'else') {
        ctx.addIssue({
          code: 'custom',
          path: [...path, key],
          message: `unknown field "${key}": expected when, then, else`,
        });
        ok = false;
      }
    }
    if (!(OUTCOME_CONDITIONS as readonly unknown[]).includes(fields.when)) {
      const got = fields.when === undefined ? 'nothing' : describeValue(fields.when);
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'when'],
        message: `expected a condition: ${OUTCOME_CONDITIONS.join(', ')}, got ${got}`,
      });
      ok = false;
    }
    for (const branch of ['then', 'else'] as const) ok = check(fields[branch], [...path, branch]) && ok;
    return ok;
  };
  return check(value, []) ? (value as OutcomeRule) : z.NEVER;
});

/** The call type: a column (with optional code → name translation) or one fixed name. */
const callTypeField = z.preprocess(
  shorthand,
  z.strictObject(
    {
      column: column.optional(),
      absent: absent.optional(),
      /** Code → name; codes not listed are kept as written, or refused with `unknown: refuse`. */
      codes: z.record(z.string(), z.string().min(1)).optional(),
      unknown: z.enum(['keep', 'refuse'], { error: 'expected keep or refuse' }).optional(),
      /** The call type of every row, for a log of one queue. */
      fixed: z.string().min(1).optional(),
    },
    { error: 'expected a column name (or position), { column, codes, unknown }, or { fixed: <name> }' },
  ),
);

const dateSpec = z.strictObject({
  column: column.optional(),
  format: z.enum(DATE_FORMATS, { error: `expected a date format: ${DATE_FORMATS.join(', ')}` }).optional(),
  /** The date of every row, for a log without a date column (`YYYY-MM-DD`). */
  fixed: z.string().optional(),
});

/** A delimiter: one character, or tab, comma, semicolon, pipe, space. */
const NAMED_DELIMITERS: Readonly<Record<string, string>> = {
  tab: '\t',
  comma: ',',
  semicolon: ';',
  pipe: '|',
  space: ' ',
};
const delimiter = z
  .string({ error: 'expected a delimiter: one character, or tab, comma, semicolon, pipe' })
  .refine((d) => d in NAMED_DELIMITERS || (d.length === 1 && d !== '"' && d !== '\n' && d !== '\r'), {
    error: 'expected a delimiter: one character (not a quote or line break), or tab, comma, semicolon, pipe',
  })
  .transform((d) => NAMED_DELIMITERS[d] ?? d);

const common = {
  /** Absent: detected from the header line (tab, comma, semicolon or pipe). */
  delimiter: delimiter.optional(),
  /** Whether the first line (after `skipLines`) names the columns; default true. */
  header: z.boolean({ error: 'expected true or false' }).optional(),
  /** Lines before the header (or the first row) to skip: a report's title, for example. */
  skipLines: z.number().int().min(0).optional(),
  date: dateSpec.optional(),
  /** How every time column is written unless its field says otherwise; default clock. */
  times: timeFormat.optional(),
};

const callFields = z.strictObject({
  arrival: timeField,
  outcome: z.preprocess(
    shorthand,
    z.strictObject(
      {
        column,
        codes: z.record(z.string(), outcomeRule, {
          error: 'expected the outcome codes the log uses, translated: { AGENT: served, HANG: abandoned, … }',
        }),
      },
      { error: 'expected { column, codes: { <code>: served|abandoned|ivr|blocked|ignored, … } }' },
    ),
  ),
  callType: callTypeField.optional(),
  priority: textField.optional(),
  ivrExit: timeField.optional(),
  queueEntry: timeField.optional(),
  queueExit: timeField.optional(),
  wait: durationField.optional(),
  serviceStart: timeField.optional(),
  serviceEnd: timeField.optional(),
  serviceTime: durationField.optional(),
  agent: textField.optional(),
  customer: textField.optional(),
});

const countField = textField;

const intervalFields = z.strictObject({
  interval: timeField,
  callType: callTypeField.optional(),
  offered: countField,
  answered: countField,
  abandoned: countField,
  aht: durationField.optional(),
  asa: durationField.optional(),
  answeredWithin: z
    .strictObject({ column, absent: absent.optional(), threshold: duration({ positive: true }) })
    .optional(),
  agents: textField.optional(),
});

const callMappingSchema = z.strictObject({
  kind: z.literal('calls').optional(),
  ...common,
  fields: callFields,
});

const intervalMappingSchema = z.strictObject({
  kind: z.literal('intervals'),
  ...common,
  /** The length of each interval: `30m`, `15m`, `1h`. */
  intervalLength: duration({ positive: true }),
  fields: intervalFields,
});

export type CallMappingSpec = z.output<typeof callMappingSchema>;
export type IntervalMappingSpec = z.output<typeof intervalMappingSchema>;

/** A column field as the mapping gives it, however written. */
export interface ColumnSpec {
  readonly column: string | number;
  readonly absent: readonly string[];
  readonly format?: string;
}

/** A column field in its long form, or undefined when the mapping leaves the field out. */
export function columnSpec(
  field: string | number | { column: string | number; absent?: string[]; format?: unknown } | undefined,
): ColumnSpec | undefined {
  if (field === undefined) return undefined;
  if (typeof field !== 'object') return { column: field, absent: [] };
  const format = typeof field.format === 'string' ? { format: field.format } : {};
  return { column: field.column, absent: field.absent ?? [], ...format };
}

/** A validated mapping and the file it came from. */
export type Mapping =
  | { readonly kind: 'calls'; readonly file: string; readonly spec: CallMappingSpec }
  | { readonly kind: 'intervals'; readonly file: string; readonly spec: IntervalMappingSpec };

/** Parses and checks a mapping file's text; a DataInputError lists every problem. */
export function parseMappingText(text: string, file: string): Mapping {
  let value: unknown;
  let locator: SourceLocator;
  try {
    ({ value, locator } = readYamlDocument(text, file, 'YAML'));
  } catch (error) {
    if (error instanceof ScenarioError) throw dataErrorOf(error.problems);
    throw error;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new DataInputError([
      { file, message: 'expected a mapping: delimiter, date, fields: { arrival: …, outcome: … } …' },
    ]);
  }
  const kind = (value as { kind?: unknown }).kind;
  if (kind !== undefined && kind !== 'calls' && kind !== 'intervals') {
    throw dataErrorOf([
      problemAt(
        file,
        ['kind'],
        'expected calls (a call-by-call log) or intervals (an interval report)',
        locator,
      ),
    ]);
  }
  const schema = kind === 'intervals' ? intervalMappingSchema : callMappingSchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    // Every field name of both kinds of mapping, for "did you mean" hints (worked out only when there are problems).
    const known = schemaFieldNames([callMappingSchema, intervalMappingSchema]);
    throw dataErrorOf(problemsFromZod(parsed.error.issues, value, file, locator, known));
  }
  const mapping: Mapping =
    kind === 'intervals'
      ? { kind: 'intervals', file, spec: parsed.data as IntervalMappingSpec }
      : { kind: 'calls', file, spec: parsed.data as CallMappingSpec };
  const problems = checkMapping(mapping).map((p) => problemAt(file, p.path, p.message, locator));
  if (problems.length > 0) throw dataErrorOf(problems);
  return mapping;
}

/** Scenario-style problems (field paths) as data problems. */
function dataErrorOf(problems: readonly ScenarioProblem[]): DataInputError {
  return new DataInputError(
    problems.map((p) => ({
      file: p.file,
      ...(p.line === undefined ? {} : { line: p.line }),
      ...(p.path.length === 0 ? {} : { field: formatPath(p.path) }),
      message: p.message,
    })),
  );
}

/** Problems of the mapping as a whole: fields that need each other. */
function checkMapping(mapping: Mapping): Array<{ path: FieldPath; message: string }> {
  const problems: Array<{ path: FieldPath; message: string }> = [];
  const { spec } = mapping;
  const header = spec.header ?? true;
  const fields = spec.fields as Record<string, unknown>;
  for (const [name, field] of Object.entries(fields)) {
    const col = typeof field === 'object' && field !== null && 'column' in field ? field.column : undefined;
    if (!header && typeof col === 'string') {
      problems.push({
        path: ['fields', name, 'column'],
        message: `expected a column position (1 for the first): with header: false, columns have no names, got "${col}"`,
      });
    }
  }
  const date = spec.date;
  if (date?.column !== undefined && date.fixed !== undefined) {
    problems.push({
      path: ['date', 'fixed'],
      message: 'expected either date.column or date.fixed, not both',
    });
  }
  if (date?.fixed !== undefined && parseDate(date.fixed, 'YYYY-MM-DD') === undefined) {
    problems.push({ path: ['date', 'fixed'], message: `expected a date YYYY-MM-DD, got "${date.fixed}"` });
  }
  if (!header && typeof date?.column === 'string') {
    problems.push({
      path: ['date', 'column'],
      message: 'expected a column position (1 for the first): with header: false, columns have no names',
    });
  }
  const callType = spec.fields.callType;
  if (callType !== undefined && (callType.column === undefined) === (callType.fixed === undefined)) {
    problems.push({
      path: ['fields', 'callType'],
      message: 'expected either column (the column of call types) or fixed (one name for every row)',
    });
  }
  if (mapping.kind === 'calls') problems.push(...checkCallFields(mapping.spec));
  return problems;
}

/** The outcomes a rule can give, and the conditions it tests. */
function ruleParts(rule: OutcomeRule, outcomes: Set<CallOutcome>, conditions: Set<OutcomeCondition>): void {
  if (typeof rule === 'string') {
    outcomes.add(rule);
    return;
  }
  conditions.add(rule.when);
  ruleParts(rule.then, outcomes, conditions);
  ruleParts(rule.else, outcomes, conditions);
}

function checkCallFields(spec: CallMappingSpec): Array<{ path: FieldPath; message: string }> {
  const problems: Array<{ path: FieldPath; message: string }> = [];
  const f = spec.fields;
  const outcome = f.outcome;
  const outcomes = new Set<CallOutcome>();
  const conditions = new Set<OutcomeCondition>();
  for (const rule of Object.values(outcome.codes)) ruleParts(rule, outcomes, conditions);
  const codes = ['fields', 'outcome', 'codes'];
  const waitKnown = f.wait !== undefined || (f.queueExit !== undefined && f.queueEntry !== undefined);
  if (conditions.has('waited') && !waitKnown) {
    problems.push({
      path: codes,
      message: 'a code depends on "waited": expected fields.wait (or fields.queueEntry and fields.queueExit)',
    });
  }
  if (conditions.has('answered') && f.serviceStart === undefined) {
    problems.push({ path: codes, message: 'a code depends on "answered": expected fields.serviceStart' });
  }
  if (conditions.has('queued') && f.queueEntry === undefined) {
    problems.push({ path: codes, message: 'a code depends on "queued": expected fields.queueEntry' });
  }
  if (outcomes.has('served')) {
    if (f.serviceStart === undefined) {
      problems.push({ path: ['fields'], message: 'calls can be served: expected fields.serviceStart' });
    }
    if (f.serviceTime === undefined && f.serviceEnd === undefined) {
      problems.push({
        path: ['fields'],
        message: 'calls can be served: expected fields.serviceTime (or fields.serviceEnd)',
      });
    }
  }
  if (outcomes.has('abandoned') && !waitKnown) {
    problems.push({
      path: ['fields'],
      message: 'calls can be abandoned: expected fields.wait (or fields.queueEntry and fields.queueExit)',
    });
  }
  return problems;
}
