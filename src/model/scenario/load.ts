/**
 * Reading a scenario: file → text → YAML/JSON document → validated
 * {@link Scenario}. Every problem found is collected and thrown together in
 * one {@link ScenarioError}; nothing is half-loaded.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { readCsvForecast } from './csv-forecast.js';
import { checkSemantics, intervalCountOf } from './semantics.js';
import type { FieldPath, ScenarioProblem, SourceLocator } from './problems.js';
import { formatPath, problemAt, problemsFromZod, ScenarioError, yamlLocator } from './problems.js';
import type { ArrivalsSpec, Scenario } from './schema/index.js';
import { scenarioSchema } from './schema/index.js';

export interface LoadedScenario {
  /** Validated scenario, times in seconds; `name` filled from the file name when absent. */
  readonly scenario: Scenario & { readonly name: string };
  /** Where it came from (a path, or a label such as `<inline>`). */
  readonly file: string;
  /** The source text as read. */
  readonly text: string;
  /** SHA-256 of the source text. */
  readonly hash: string;
}

/** Reads and validates a scenario file (YAML, or JSON, which YAML reads too). */
export function loadScenarioFile(file: string): LoadedScenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? describeFsError(error) : String(error);
    throw new ScenarioError([{ file, path: [], message: `cannot read the scenario file: ${reason}` }]);
  }
  return parseScenarioText(text, file);
}

/** Validates scenario source text; `file` names it in messages. */
export function parseScenarioText(text: string, file = '<inline>'): LoadedScenario {
  const { input, locator } = readScenarioText(text, file);
  return validateScenarioInput(input, { file, text, locator });
}

/** A scenario file's text parsed (not yet validated), with a way to find fields in it. */
export interface ScenarioSource {
  readonly input: Record<string, unknown>;
  readonly locator: SourceLocator;
}

/** Parses YAML or JSON text into a plain object; syntax errors are ScenarioErrors. */
export function readScenarioText(text: string, file: string): ScenarioSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new ScenarioError(
      doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        const message = `not valid YAML/JSON: ${e.message.split('\n')[0]}`;
        return pos
          ? { file, path: [], message, line: pos.line, column: pos.col }
          : { file, path: [], message };
      }),
    );
  }
  const input: unknown = doc.toJS();
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError([
      { file, path: [], message: 'expected a scenario: a mapping with horizon, callTypes, agentGroups …' },
    ]);
  }
  return { input: input as Record<string, unknown>, locator: yamlLocator(doc, lines) };
}

/**
 * Validates a scenario object (as read from `file`, possibly edited, e.g. by
 * a sweep's overrides, which `variant` describes and which enter the hash).
 */
export function validateScenarioInput(
  input: unknown,
  source: { file: string; text: string; locator?: SourceLocator; variant?: string },
): LoadedScenario {
  const { file, text, locator } = source;
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    throw new ScenarioError(problemsFromZod(parsed.error.issues, input, file, locator, knownFieldNames()));
  }
  const scenario = parsed.data;
  const csvProblems = resolveCsvForecasts(scenario, file, locator);
  if (csvProblems.length > 0) throw new ScenarioError(csvProblems);
  const semantic: ScenarioProblem[] = checkSemantics(scenario).map((p) =>
    problemAt(file, p.path, p.message, locator),
  );
  if (semantic.length > 0) throw new ScenarioError(semantic);
  const name = scenario.name ?? basename(file, extname(file));
  const hash = createHash('sha256').update(text);
  if (source.variant !== undefined) hash.update(`\u0000${source.variant}`);
  return { scenario: { ...scenario, name }, file, text, hash: hash.digest('hex') };
}

/** Replaces every `csv` forecast by the per-interval volumes it holds (in place). */
function resolveCsvForecasts(
  scenario: Scenario,
  file: string,
  locator: SourceLocator | undefined,
): ScenarioProblem[] {
  const problems: ScenarioProblem[] = [];
  const starts = Array.from(
    { length: intervalCountOf(scenario) },
    (_, i) => scenario.start + i * scenario.interval,
  );
  const sources: Array<{ name: string; arrivals: ArrivalsSpec | undefined; path: FieldPath }> = [
    ...scenario.callTypes.map((c, i) => ({
      name: c.name,
      arrivals: c.arrivals,
      path: ['callTypes', i, 'arrivals'],
    })),
    ...scenario.entryPoints.map((e, i) => ({
      name: e.name,
      arrivals: e.arrivals,
      path: ['entryPoints', i, 'arrivals'],
    })),
  ];
  for (const { name, arrivals, path } of sources) {
    if (arrivals?.csv === undefined) continue;
    const result = readCsvForecast(file, arrivals.csv, arrivals.column ?? name, starts);
    if ('volumes' in result) {
      arrivals.perInterval = result.volumes;
      delete arrivals.csv;
      delete arrivals.column;
      continue;
    }
    for (const p of result.problems) {
      if (p.file === undefined) problems.push(problemAt(file, [...path, 'csv'], p.message, locator));
      else
        problems.push({
          file: p.file,
          path: [],
          message: `${p.message} (forecast for ${formatPath(path)})`,
          ...(p.line ? { line: p.line, column: 1 } : {}),
        });
    }
  }
  return problems;
}

function describeFsError(error: Error & { code?: unknown }): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return error.message;
  }
}

let knownFields: ReadonlySet<string> | undefined;

/** Every field name the format knows, for "did you mean" hints. */
function knownFieldNames(): ReadonlySet<string> {
  if (knownFields === undefined) {
    const names = new Set<string>();
    collectPropertyNames(z.toJSONSchema(scenarioSchema, { io: 'input', unrepresentable: 'any' }), names);
    knownFields = names;
  }
  return knownFields;
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
