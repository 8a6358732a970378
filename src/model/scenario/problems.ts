/**
 * User-facing messages about scenario input, all in one place.
 *
 * Every problem names the file, the path of the field
 * (`callTypes[0].handleTime.mean`), where it is in the file when known
 * (line:column), and what was expected.
 */
import type { Document, LineCounter, Pair, YAMLMap } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import { z } from 'zod';
import { describeValue } from './schema/index.js';

export type FieldPath = ReadonlyArray<string | number>;

export interface ScenarioProblem {
  readonly file: string;
  readonly path: FieldPath;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
}

/** Thrown when a scenario cannot be read, parsed or validated; holds every problem found. */
export class ScenarioError extends Error {
  readonly problems: readonly ScenarioProblem[];

  constructor(problems: readonly ScenarioProblem[]) {
    // Messages quote the input: make them safe to print whatever the file held.
    const safe = problems.map((p) => ({
      ...p,
      file: safeText(p.file, Infinity),
      path: p.path.map((part) => (typeof part === 'string' ? safeText(part, MAX_NAME_LENGTH) : part)),
      message: safeText(p.message, MAX_MESSAGE_LENGTH),
    }));
    super(safe.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
    this.problems = safe;
  }
}

/** Longest message of one problem; longer ones (long lists, long quoted values) are cut. */
const MAX_MESSAGE_LENGTH = 400;
/** Longest field name shown in a path. */
const MAX_NAME_LENGTH = 80;

/**
 * `text` made safe to print and short: control characters (terminal escape
 * sequences, NUL, line breaks) shown as `\u…` escapes, and anything past
 * `max` characters replaced by `…`.
 */
export function safeText(text: string, max: number): string {
  const cut = text.length > max ? `${text.slice(0, max - 1)}…` : text;
  return cut.replace(
    /[\p{Cc}\u2028\u2029]/gu,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** A short, printable quotation of a value read from a file: `"08:3x"`, `"a very long…"`. */
export function excerpt(text: string, max = 32): string {
  return `"${safeText(text, max)}"`;
}

/** `callTypes[0].handleTime.mean` from `['callTypes', 0, 'handleTime', 'mean']`. */
export function formatPath(path: FieldPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text;
}

/** One line: `file:line:col: path: message`. */
export function formatProblem(problem: ScenarioProblem): string {
  const where =
    problem.line === undefined ? problem.file : `${problem.file}:${problem.line}:${problem.column ?? 1}`;
  const path = formatPath(problem.path);
  return path === '' ? `${where}: ${problem.message}` : `${where}: ${path}: ${problem.message}`;
}

/** Where a problem at `path` is in the source: the deepest node along the path that exists. */
export interface SourceLocator {
  /** With `atKey`, the position of the last key itself rather than its value. */
  locate(path: FieldPath, atKey?: boolean): { line: number; column: number } | undefined;
}

export function yamlLocator(doc: Document, lines: LineCounter): SourceLocator {
  // Each mapping's keys indexed on first use: locating N problems in a
  // mapping of N keys stays linear.
  const indexes = new WeakMap<YAMLMap, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, key: unknown): Pair | undefined => {
    let index = indexes.get(map);
    if (index === undefined) {
      index = new Map();
      for (const p of map.items) {
        if (isPair(p) && isScalar(p.key) && !index.has(p.key.value)) index.set(p.key.value, p);
      }
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return {
    locate(path, atKey = false) {
      let node: unknown = doc.contents;
      let offset: number | undefined = rangeStart(node);
      for (let i = 0; i < path.length; i++) {
        const key = path[i];
        let next: unknown;
        if (isMap(node)) {
          const pair = pairOf(node, key);
          if (pair === undefined) break;
          offset = rangeStart(pair.key) ?? offset;
          if (atKey && i === path.length - 1) break;
          next = pair.value;
        } else if (isSeq(node) && typeof key === 'number') {
          next = node.items[key];
        } else break;
        if (next === undefined || next === null) break;
        node = next;
        offset = rangeStart(node) ?? offset;
      }
      if (offset === undefined) return undefined;
      const pos = lines.linePos(offset);
      return { line: pos.line, column: pos.col };
    },
  };
}

function rangeStart(node: unknown): number | undefined {
  if (node !== null && typeof node === 'object' && 'range' in node) {
    const range = (node as { range?: [number, number, number] | null }).range;
    return range ? range[0] : undefined;
  }
  return undefined;
}

/** A problem located in the source when possible. */
export function problemAt(
  file: string,
  path: FieldPath,
  message: string,
  locator: SourceLocator | undefined,
  atKey = false,
): ScenarioProblem {
  const where = locator?.locate(path, atKey);
  return where === undefined ? { file, path, message } : { file, path, message, ...where };
}

/** Translates zod's issues into problems, one per issue (one per unknown key). */
export function problemsFromZod(
  issues: readonly z.core.$ZodIssue[],
  input: unknown,
  file: string,
  locator: SourceLocator | undefined,
  knownFields: ReadonlySet<string>,
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const hintFor = suggester(knownFields);
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = hintFor(key);
        // The known names are every field of the format: one known elsewhere is misplaced, not misspelled.
        const message =
          hint === key
            ? `unknown field "${key}" here ("${key}" is a field elsewhere in the format: is it indented at the wrong level?)`
            : `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
        problems.push(problemAt(file, [...path, key], message, locator, true));
      }
      continue;
    }
    problems.push(problemAt(file, path, messageOf(issue, valueAt(input, path)), locator));
  }
  return problems;
}

function messageOf(issue: z.core.$ZodIssue, value: unknown): string {
  if (issue.code === 'invalid_type' && value === undefined) {
    const expected = issue.message.startsWith('expected') ? issue.message : `expected ${issue.expected}`;
    return `missing: ${expected}`;
  }
  let message = issue.message;
  if (!message.startsWith('expected')) {
    // zod's default wording ("Too small: expected number to be >0") made plainer.
    message = message.replace(/^[A-Za-z ]+: /, '');
  }
  if (issue.code !== 'custom' && !/\bgot\b/.test(message) && (value === null || typeof value !== 'object')) {
    message += `, got ${describeValue(value)}`;
  }
  return message;
}

function valueAt(input: unknown, path: FieldPath): unknown {
  let value = input;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** The known name closest to `word`, if it is close enough to be a likely typo. */
export function suggest(word: string, known: Iterable<string>): string | undefined {
  return suggester(known)(word);
}

/**
 * {@link suggest} for many words against the same names: the names are
 * prepared once and each word looked up once.
 */
export function suggester(known: Iterable<string>): (word: string) => string | undefined {
  const names = [...known];
  const lower = names.map((n) => n.toLowerCase());
  const width = lower.reduce((m, n) => Math.max(m, n.length), 0) + 1;
  const rows: DistanceRows = [new Int32Array(width), new Int32Array(width), new Int32Array(width)];
  const counts = new Int32Array(128);
  const hints = new Map<string, string | undefined>();
  return (word) => {
    if (hints.has(word)) return hints.get(word);
    const target = word.toLowerCase();
    // Up to a third of the letters may be wrong; only strictly closer names replace the best so far.
    let bestDistance = Math.max(1, Math.floor(word.length / 3)) + 1;
    let best: string | undefined;
    for (let k = 0; k < names.length; k++) {
      // The length difference alone is a lower bound of the distance.
      if (Math.abs(lower[k].length - target.length) >= bestDistance) continue;
      if (letterDifference(target, lower[k], counts) >= bestDistance) continue;
      const d = editDistance(target, lower[k], bestDistance - 1, rows);
      if (d < bestDistance) {
        bestDistance = d;
        best = names[k];
      }
    }
    hints.set(word, best);
    return best;
  };
}

/**
 * A lower bound of the edit distance, cheap to compute: how many letters
 * one word has that the other lacks (each edit changes at most one; letters
 * are counted modulo 128, which only lowers the bound). `counts` is zero
 * before and after.
 */
function letterDifference(a: string, b: string, counts: Int32Array): number {
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 127]++;
  for (let i = 0; i < b.length; i++) counts[b.charCodeAt(i) & 127]--;
  let surplus = 0;
  let lack = 0;
  const tally = (code: number) => {
    const n = counts[code & 127];
    if (n > 0) surplus += n;
    else lack -= n;
    counts[code & 127] = 0;
  };
  for (let i = 0; i < a.length; i++) tally(a.charCodeAt(i));
  for (let i = 0; i < b.length; i++) tally(b.charCodeAt(i));
  return Math.max(surplus, lack);
}

/** Three rows of the distance table, long enough for the longest known name. */
type DistanceRows = [Int32Array, Int32Array, Int32Array];

/**
 * Levenshtein distance with adjacent transpositions counted as one edit, or
 * `max + 1` as soon as it is known to exceed `max`.
 */
function editDistance(a: string, b: string, max: number, rows: DistanceRows): number {
  const cols = b.length + 1;
  // Three rolling rows: a transposition reaches back two rows.
  let [before, previous, current] = rows;
  for (let j = 0; j < cols; j++) previous[j] = j;
  let previousMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < cols; j++) {
      const bj = b.charCodeAt(j - 1);
      let d = previous[j - 1] + (ai === bj ? 0 : 1);
      if (previous[j] + 1 < d) d = previous[j] + 1;
      if (current[j - 1] + 1 < d) d = current[j - 1] + 1;
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj && before[j - 2] + 1 < d) d = before[j - 2] + 1;
      current[j] = d;
      if (d < rowMin) rowMin = d;
    }
    // Every later cell builds on this row or the one before: past max in both, it stays past max.
    if (rowMin > max && previousMin > max) return max + 1;
    previousMin = rowMin;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[cols - 1], max + 1);
}

/** Every field name the schemas know (their JSON Schema's `properties`), for "did you mean" hints. */
export function schemaFieldNames(schemas: readonly z.ZodType[]): ReadonlySet<string> {
  const names = new Set<string>();
  for (const schema of schemas) {
    collectPropertyNames(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), names);
  }
  return names;
}

function collectPropertyNames(node: unknown, names: Set<string>): void {
  if (Array.isArray(node)) {
    for (const item of node) collectPropertyNames(item, names);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'properties' && value !== null && typeof value === 'object') {
        for (const name of Object.keys(value)) names.add(name);
      }
      collectPropertyNames(value, names);
    }
  }
}
