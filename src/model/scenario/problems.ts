/**
 * User-facing messages about scenario input, all in one place.
 *
 * Every problem names the file, the path of the field
 * (`callTypes[0].handleTime.mean`), where it is in the file when known
 * (line:column), and what was expected.
 */
import type { Document, LineCounter } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from 'yaml';
import type { z } from 'zod';
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
  constructor(readonly problems: readonly ScenarioProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'ScenarioError';
  }
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
  return {
    locate(path, atKey = false) {
      let node: unknown = doc.contents;
      let offset: number | undefined = rangeStart(node);
      for (let i = 0; i < path.length; i++) {
        const key = path[i];
        let next: unknown;
        if (isMap(node)) {
          const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === key);
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
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const hint = suggest(key, knownFields);
        const message = `unknown field "${key}"${hint ? ` (did you mean "${hint}"?)` : ''}`;
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
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = candidate;
    }
  }
  const allowed = Math.max(1, Math.floor(word.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance with adjacent transpositions counted as one edit. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[rows - 1][cols - 1];
}
