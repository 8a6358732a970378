/**
 * Reading a scenario: file → text → YAML/JSON document → validated
 * {@link Scenario}. Every problem found is collected and thrown together in
 * one {@link ScenarioError}; nothing is half-loaded.
 */
import { createHash } from 'node:crypto';
import { basename, dirname, extname, isAbsolute, join } from 'node:path';
import type { Document } from 'yaml';
import { isAlias, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import type { CsvForecastProblem, CsvTable, IntervalGrid } from './csv-forecast.js';
import { columnVolumes, readCsvTable } from './csv-forecast.js';
import type { InputFile, LoadOptions, TextFile } from './input-files.js';
import {
  formatBytes,
  InputFileError,
  MAX_CSV_BYTES,
  MAX_SCENARIO_BYTES,
  MAX_SCENARIO_ENTRIES,
  readTextFile,
  resolveInputPath,
} from './input-files.js';
import { checkSemantics, intervalCountOf } from './semantics.js';
import type { FieldPath, ScenarioProblem, SourceLocator } from './problems.js';
import {
  formatPath,
  problemAt,
  problemsFromZod,
  ScenarioError,
  schemaFieldNames,
  yamlLocator,
} from './problems.js';
import type { ArrivalsSpec, Scenario } from './schema/index.js';
import { scenarioSchema } from './schema/index.js';

export interface LoadedScenario {
  /** Validated scenario, times in seconds; `name` filled from the file name when absent. */
  readonly scenario: Scenario & { readonly name: string };
  /** Where it came from (a path, or a label such as `<inline>`). */
  readonly file: string;
  /** The source text as read. */
  readonly text: string;
  /**
   * SHA-256 of what the results depend on: the source text, the variant
   * (a sweep point's overrides) and the content of every file read. With no
   * variant and no file read, the digest of the text alone.
   */
  readonly hash: string;
  /**
   * The files the scenario read (CSV forecasts), in the order read, each
   * once. Absent on a scenario rebuilt from a compiled model.
   */
  readonly inputs?: readonly InputFile[];
}

/** Reads and validates a scenario file (YAML, or JSON, which YAML reads too). */
export function loadScenarioFile(file: string, options: LoadOptions = {}): LoadedScenario {
  return parseScenarioText(readScenarioFileText(file), file, options);
}

/**
 * The text of a scenario file; a ScenarioError when it is not a regular
 * file of at most {@link MAX_SCENARIO_BYTES} of UTF-8 text.
 */
export function readScenarioFileText(file: string): string {
  try {
    return readTextFile(file, MAX_SCENARIO_BYTES).text;
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new ScenarioError([{ file, path: [], message: `cannot read the scenario file: ${error.message}` }]);
  }
}

/** Validates scenario source text; `file` names it in messages, and CSV paths are relative to its folder. */
export function parseScenarioText(
  text: string,
  file = '<inline>',
  options: LoadOptions = {},
): LoadedScenario {
  const { input, locator } = readScenarioText(text, file);
  return validateScenarioInput(input, { file, text, locator, ...options });
}

/** A scenario file's text parsed (not yet validated), with a way to find fields in it. */
export interface ScenarioSource {
  readonly input: Record<string, unknown>;
  readonly locator: SourceLocator;
}

/**
 * The yaml package's limit on alias expansion (uses of an anchor × the
 * aliases inside it): ample for a scenario, far too little for an alias bomb.
 */
const MAX_ALIAS_COUNT = 100;

/** Parses YAML or JSON text into a plain object; syntax errors are ScenarioErrors. */
export function readScenarioText(text: string, file: string): ScenarioSource {
  const tooLong =
    text.length > MAX_SCENARIO_BYTES
      ? `the scenario is longer than the limit of ${formatBytes(MAX_SCENARIO_BYTES)}`
      : entriesOf(text) > MAX_SCENARIO_ENTRIES
        ? `the scenario has more than ${MAX_SCENARIO_ENTRIES.toLocaleString('en')} lines and list entries, ` +
          'the limit: give long series of volumes as a CSV forecast (arrivals: { csv: … })'
        : undefined;
  if (tooLong !== undefined) throw new ScenarioError([{ file, path: [], message: tooLong }]);
  const { value: input, locator } = readYamlDocument(text, file, 'YAML/JSON');
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ScenarioError([
      { file, path: [], message: 'expected a scenario: a mapping with horizon, callTypes, agentGroups …' },
    ]);
  }
  return { input: input as Record<string, unknown>, locator };
}

/**
 * YAML (or JSON) text parsed into plain data with a way to find fields in
 * it: syntax errors, keys given twice, undefined aliases and alias bombs are
 * ScenarioErrors with their positions, every one at once. `language` names
 * the format in messages. Scenario files, shift templates and plans read
 * through it.
 */
export function readYamlDocument(
  text: string,
  file: string,
  language: string,
): { value: unknown; locator: SourceLocator } {
  const lines = new LineCounter();
  // Duplicate keys are found below, in linear time (the parser's own check is quadratic).
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: false });
  const at = (offset: number | undefined) => {
    const pos = offset === undefined ? undefined : lines.linePos(offset);
    return pos ? { line: pos.line, column: pos.col } : {};
  };
  const syntax: ScenarioProblem[] = doc.errors.map((e) => ({
    file,
    path: [],
    message: `not valid ${language}: ${yamlErrorMessage(e.message)}`,
    ...at(e.pos[0]),
  }));
  if (syntax.length === 0) {
    for (const d of duplicateKeys(doc)) {
      syntax.push({
        file,
        path: [],
        message: `not valid ${language}: the key "${d.key}" appears twice in this mapping (first on line ${lines.linePos(d.first).line})`,
        ...at(d.offset),
      });
    }
  }
  if (syntax.length > 0) throw new ScenarioError(syntax);
  let input: unknown;
  try {
    input = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    // The yaml package throws (a ReferenceError) for undefined aliases and alias bombs.
    throw new ScenarioError([aliasProblem(doc, file, error, at, language)]);
  }
  return { value: input, locator: yamlLocator(doc, lines) };
}

/** Line breaks plus commas: at least the number of YAML nodes, give or take the last line. */
function entriesOf(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 44) n++;
  }
  return n;
}

/** The parser's first line, in plainer words where it is cryptic. */
function yamlErrorMessage(message: string): string {
  const first = message.split('\n')[0];
  if (/call stack/i.test(first)) return 'nested too deeply';
  return first;
}

/** Keys that appear twice in one mapping, with the offset of each and of the first. */
function duplicateKeys(doc: Document): Array<{ key: string; offset: number; first: number }> {
  const found: Array<{ key: string; offset: number; first: number }> = [];
  visit(doc, {
    Map(_, map) {
      const firsts = new Map<unknown, number>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const offset = pair.key.range?.[0] ?? 0;
        const first = firsts.get(pair.key.value);
        if (first === undefined) firsts.set(pair.key.value, offset);
        else found.push({ key: String(pair.key.value), offset, first });
      }
    },
  });
  return found;
}

/** A scenario problem for an alias the document cannot expand. */
function aliasProblem(
  doc: Document,
  file: string,
  error: unknown,
  at: (offset: number | undefined) => { line?: number; column?: number },
  language: string,
): ScenarioProblem {
  const text = error instanceof Error ? error.message : String(error);
  if (/excessive alias count/i.test(text)) {
    return {
      file,
      path: [],
      message: `not valid ${language}: its aliases (*name) expand to too much data: write the values out`,
    };
  }
  // Undefined alias: point at the first alias whose anchor is not set before it.
  const anchors = new Set<string>();
  let unresolved: { source: string; offset?: number } | undefined;
  visit(doc, (_, node) => {
    if (unresolved !== undefined) return visit.BREAK;
    if (isAlias(node)) {
      if (!anchors.has(node.source)) unresolved = { source: node.source, offset: node.range?.[0] };
    } else if (
      node !== null &&
      typeof node === 'object' &&
      'anchor' in node &&
      typeof node.anchor === 'string'
    ) {
      anchors.add(node.anchor);
    }
    return undefined;
  });
  return {
    file,
    path: [],
    message:
      unresolved === undefined
        ? `not valid ${language}: an alias (*name) cannot be expanded`
        : `not valid ${language}: the alias *${unresolved.source} names no anchor (&${unresolved.source}) set before it`,
    ...at(unresolved?.offset),
  };
}

/**
 * How the variants of one scenario (sweep points, planner's what-ifs) read
 * the files it names: from the same folders, and each file once, so that
 * they all see the same content even if the file changes meanwhile.
 */
export interface SharedReads extends LoadOptions {
  /** Files read so far, by the path read. */
  readonly files: Map<string, TextFile>;
}

/** A new {@link SharedReads} for a scenario loaded with `options`. */
export function sharedReads(options: LoadOptions = {}): SharedReads {
  return { ...options, files: new Map() };
}

/**
 * Validates a scenario object (as read from `file`, possibly edited, e.g. by
 * a sweep's overrides, which `variant` describes and which enter the hash).
 * CSV forecasts are read from the file's folder (or an allowed one).
 */
export function validateScenarioInput(
  input: unknown,
  source: { file: string; text: string; locator?: SourceLocator; variant?: string } & (
    LoadOptions | SharedReads
  ),
): LoadedScenario {
  const { file, text, locator } = source;
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) {
    // Every field name of the format, for "did you mean" hints (worked out only when there are problems).
    const known = schemaFieldNames([scenarioSchema]);
    throw new ScenarioError(problemsFromZod(parsed.error.issues, input, file, locator, known));
  }
  const scenario = parsed.data;
  const forecasts = resolveCsvForecasts(scenario, file, locator, source);
  // Problems of the CSV files and of the rest of the scenario, all at once.
  const problems: ScenarioProblem[] = [
    ...forecasts.problems,
    ...checkSemantics(scenario).map((p) => problemAt(file, p.path, p.message, locator)),
  ];
  if (problems.length > 0) throw new ScenarioError(problems);
  const name = scenario.name ?? basename(file, extname(file));
  const hash = scenarioHash(text, source.variant, forecasts.inputs);
  return {
    scenario: { ...scenario, name },
    file,
    text,
    hash,
    ...(forecasts.inputs.length > 0 ? { inputs: forecasts.inputs } : {}),
  };
}

/** The digest of a scenario's text, variant and input files (see {@link LoadedScenario.hash}). */
export function scenarioHash(
  text: string,
  variant: string | undefined,
  inputs: readonly InputFile[],
): string {
  const hash = createHash('sha256').update(text);
  if (variant !== undefined) hash.update(`\u0000${variant}`);
  for (const input of inputs) hash.update(`\u0000input\u0000${input.reference}\u0000${input.sha256}`);
  return hash.digest('hex');
}

/** Most problems reported for one CSV file; the rest are counted. */
const MAX_PROBLEMS_PER_CSV = 50;

/** A CSV file as read once for every call type and entry point that names it. */
interface CsvSource {
  readonly shown: string;
  readonly content?: TextFile;
  table?: CsvTable;
  /** The first problems found in it (at most MAX_PROBLEMS_PER_CSV from each check), and how many in all. */
  readonly problems: ScenarioProblem[];
  count: number;
}

/**
 * Replaces every `csv` forecast by the per-interval volumes it holds (in
 * place), and lists the files read; or the problems found.
 */
function resolveCsvForecasts(
  scenario: Scenario,
  file: string,
  locator: SourceLocator | undefined,
  options: LoadOptions | SharedReads,
): { problems: ScenarioProblem[]; inputs: InputFile[] } {
  const shared = 'files' in options ? options.files : undefined;
  const problems: ScenarioProblem[] = [];
  const inputs: InputFile[] = [];
  const grid: IntervalGrid = {
    start: scenario.start,
    interval: scenario.interval,
    count: intervalCountOf(scenario),
  };
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
  const files = new Map<string, CsvSource>();
  const inCsv = (csv: CsvSource, found: readonly CsvForecastProblem[], suffix = '') => {
    csv.count += found.length;
    for (const p of found.slice(0, MAX_PROBLEMS_PER_CSV)) {
      csv.problems.push({
        file: csv.shown,
        path: [],
        message: `${p.message}${suffix}`,
        ...(p.line === undefined ? {} : { line: p.line, column: p.column ?? 1 }),
      });
    }
  };
  for (const { name, arrivals, path } of sources) {
    if (arrivals?.csv === undefined) continue;
    const reference = arrivals.csv;
    const where = resolveInputPath(file, reference, options);
    if ('refused' in where) {
      const message = `cannot read the CSV forecast "${reference}": ${where.refused}`;
      problems.push(problemAt(file, [...path, 'csv'], message, locator));
      continue;
    }
    let csv = files.get(where.path);
    if (csv === undefined) {
      const shown =
        isAbsolute(reference) || file.startsWith('<') ? reference : join(dirname(file), reference);
      try {
        const content = shared?.get(where.path) ?? readTextFile(where.path, MAX_CSV_BYTES);
        shared?.set(where.path, content);
        csv = { shown, content, problems: [], count: 0 };
        inputs.push({ reference, path: where.path, sha256: content.sha256 });
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        problems.push(
          problemAt(
            file,
            [...path, 'csv'],
            `cannot read the CSV forecast "${reference}": ${error.message}`,
            locator,
          ),
        );
        csv = { shown, problems: [], count: 0 };
      }
      files.set(where.path, csv);
    }
    if (csv.content === undefined) continue;
    if (csv.table === undefined) {
      csv.table = readCsvTable(csv.content.text, grid);
      inCsv(csv, csv.table.problems);
    }
    const result = columnVolumes(csv.table, arrivals.column ?? name, grid);
    if ('volumes' in result) {
      arrivals.perInterval = result.volumes;
      delete arrivals.csv;
      delete arrivals.column;
      continue;
    }
    inCsv(csv, result.problems, ` (forecast for ${formatPath(path)})`);
  }
  for (const csv of files.values()) {
    // In the order of the file; problems of the file as a whole (missing rows) last.
    const sorted = [...csv.problems].sort(
      (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0),
    );
    problems.push(...sorted.slice(0, MAX_PROBLEMS_PER_CSV));
    if (csv.count > MAX_PROBLEMS_PER_CSV) {
      problems.push({
        file: csv.shown,
        path: [],
        message: `… and ${csv.count - MAX_PROBLEMS_PER_CSV} more problems in this file`,
      });
    }
  }
  return { problems, inputs };
}
