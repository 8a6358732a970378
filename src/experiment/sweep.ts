/**
 * Sweeps: the grid of all combinations of parameter values, each grid point
 * the base scenario with fields overridden, simulated with the same seed
 * and replication indices (common random numbers: every point sees the
 * same calls).
 *
 * Paths address fields by names: `agentGroups.team.agents`,
 * `callTypes.sales.handleTime.mean`, `ivr.welcome.duration.mean`; a list
 * element is found by its `name` (or by its index). Values are lists
 * (`200s,240s,280s`) or ranges (`40..60:2`, step 1 when omitted).
 */
import { layoutOf } from '../model/engine/replication.js';
import type {
  CompiledScenario,
  LoadedScenario,
  LoadOptions,
  ScenarioSource,
  SharedReads,
} from '../model/scenario/index.js';
import {
  compileScenario,
  readScenarioFileText,
  readScenarioText,
  scenarioHash,
  sharedReads,
  validateScenarioInput,
} from '../model/scenario/index.js';
import type { KpiEstimates } from './aggregate.js';
import type { Runner } from './replication-runner.js';
import { ReplicationRunner } from './replication-runner.js';
import { ResultsStore } from './results-store.js';
import type { PrecisionOutcome, RunResult } from './run-result.js';
import type { SimulateOptions } from './simulate.js';
import { simulate } from './simulate.js';

export type ParameterValue = number | string;

export interface SweepParameter {
  readonly path: string;
  readonly values: readonly ParameterValue[];
}

/** One grid point: a value for each parameter. */
export type GridPoint = Readonly<Record<string, ParameterValue>>;

export interface SweepPointResult {
  readonly index: number;
  readonly parameters: GridPoint;
  readonly total: KpiEstimates;
  readonly byCallType: Record<string, KpiEstimates>;
  readonly byAgentGroup: Record<string, KpiEstimates>;
  /** With precision targets: the replications this point took, and whether its targets were met. */
  readonly replications?: number;
  readonly precision?: PrecisionOutcome;
  /** The full result of the point (per interval, per view). */
  readonly result: RunResult;
}

/**
 * The most grid points a sweep runs: every point is validated, compiled and
 * its full result kept in memory, so a larger grid is refused before any of
 * that (split it into several sweeps).
 */
export const MAX_GRID_POINTS = 10_000;

/**
 * The most KPI records (points × periods × views) a sweep keeps in memory,
 * about 1 KB each in the results: half a million is about 0.5 GB.
 */
export const MAX_SWEEP_RECORDS = 500_000;

export interface SweepResult {
  readonly scenario: { readonly name: string; readonly file: string; readonly hash: string };
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  readonly parameters: readonly SweepParameter[];
  readonly points: readonly SweepPointResult[];
}

/** A sweep without each point's full result: what sweep.json and sweep.csv hold. */
export interface SweepSummary extends Omit<SweepResult, 'points'> {
  readonly points: ReadonlyArray<Omit<SweepPointResult, 'result'>>;
}

export function summarizeSweep(result: SweepResult): SweepSummary {
  return { ...result, points: result.points.map(({ result: _full, ...point }) => point) };
}

/** `path=values`, e.g. `agentGroups.team.agents=40..60:2` or `callTypes.sales.handleTime.mean=200s,240s`. */
export function parseSet(text: string): SweepParameter {
  const eq = text.indexOf('=');
  if (eq <= 0 || eq === text.length - 1) {
    throw new RangeError(
      `--set: expected <path>=<values>, e.g. agentGroups.team.agents=40..60:2, got "${text}"`,
    );
  }
  return { path: text.slice(0, eq).trim(), values: parseValues(text.slice(eq + 1).trim(), text) };
}

const RANGE = /^(-?[0-9]*\.?[0-9]+)\.\.(-?[0-9]*\.?[0-9]+)(?::([0-9]*\.?[0-9]+))?$/;

/** A list `a,b,c` or a range `from..to[:step]` (inclusive; numbers rounded to 12 significant digits). */
export function parseValues(text: string, context = text): ParameterValue[] {
  const range = RANGE.exec(text);
  if (range !== null) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    const step = range[3] === undefined ? 1 : Number(range[3]);
    if (!(step > 0) || to < from) {
      throw new RangeError(`--set ${context}: expected a range from..to:step with to ≥ from and step > 0`);
    }
    const count = Math.floor((to - from) / step + 1e-9) + 1;
    if (count > 10000)
      throw new RangeError(`--set ${context}: ${count} values is too many for one parameter`);
    return Array.from({ length: count }, (_, k) => Number((from + k * step).toPrecision(12)));
  }
  const values = text.split(',').map((v) => v.trim());
  if (values.some((v) => v === ''))
    throw new RangeError(`--set ${context}: expected values separated by commas`);
  return values.map((v) => (/^-?[0-9]*\.?[0-9]+(e-?[0-9]+)?$/.test(v) ? Number(v) : v));
}

/**
 * Refuses a grid that names a parameter twice or has more than
 * MAX_GRID_POINTS points, before any point is built.
 */
export function checkGrid(parameters: readonly SweepParameter[]): void {
  const seen = new Set<string>();
  for (const p of parameters) {
    if (seen.has(p.path)) throw new RangeError(`--set ${p.path}: the parameter is given twice`);
    seen.add(p.path);
  }
  const size = parameters.reduce((product, p) => product * p.values.length, 1);
  if (size > MAX_GRID_POINTS) {
    const shape = parameters.map((p) => p.values.length).join(' × ');
    throw new RangeError(
      `the grid has ${size.toLocaleString('en')} points (${shape}); a sweep runs at most ${MAX_GRID_POINTS.toLocaleString('en')}: split it into several sweeps or use fewer values`,
    );
  }
}

/** All combinations, the first parameter varying slowest (see checkGrid for the limits). */
export function gridOf(parameters: readonly SweepParameter[]): GridPoint[] {
  checkGrid(parameters);
  let points: Array<Record<string, ParameterValue>> = [{}];
  for (const p of parameters) {
    points = points.flatMap((point) => p.values.map((v) => ({ ...point, [p.path]: v })));
  }
  return points;
}

/** A copy of `input` with the value at `path` (names or indices) set to `value`. */
export function withOverride(input: unknown, path: string, value: ParameterValue): unknown {
  const copy: unknown = structuredClone(input);
  const segments = path.split('.');
  let node: unknown = copy;
  for (let i = 0; i < segments.length - 1; i++)
    node = child(node, segments[i], segments.slice(0, i + 1).join('.'));
  const last = segments[segments.length - 1];
  if (node === null || typeof node !== 'object' || Array.isArray(node)) {
    throw new RangeError(`--set ${path}: "${segments.slice(0, -1).join('.')}" is not an object with fields`);
  }
  // An own data property whatever the name (`__proto__` included): never the prototype's.
  Object.defineProperty(node, last, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}

function child(node: unknown, segment: string, at: string): unknown {
  if (Array.isArray(node)) {
    const byName = node.find(
      (item) => item !== null && typeof item === 'object' && (item as { name?: unknown }).name === segment,
    );
    if (byName !== undefined) return byName;
    if (/^[0-9]+$/.test(segment) && Number(segment) < node.length) return node[Number(segment)];
    const names = node.map((item) => (item as { name?: unknown }).name).filter((n) => typeof n === 'string');
    throw new RangeError(`--set ${at}: no element named "${segment}" (names: ${names.join(', ')})`);
  }
  // Own fields only, looked up in a Map: `__proto__`, `constructor` … are not fields.
  const fields = node !== null && typeof node === 'object' ? new Map(Object.entries(node)) : undefined;
  if (fields?.has(segment)) return fields.get(segment);
  throw new RangeError(`--set ${at}: no field "${segment}" in the scenario`);
}

/** The base scenario file read once, ready to be varied; its points read the files it names once. */
export interface SweepBase {
  readonly text: string;
  readonly source: ScenarioSource;
  readonly reads: SharedReads;
}

export function readSweepBase(file: string, options: LoadOptions = {}): SweepBase {
  const text = readScenarioFileText(file);
  return { text, source: readScenarioText(text, file), reads: sharedReads(options) };
}

/** The validated scenario of one grid point (ScenarioError names the point on bad values). */
export function loadPoint(file: string, base: SweepBase, point: GridPoint): LoadedScenario {
  let input: unknown = base.source.input;
  for (const [path, value] of Object.entries(point)) input = withOverride(input, path, value);
  const variant = JSON.stringify(point);
  return validateScenarioInput(input, {
    file,
    text: base.text,
    locator: base.source.locator,
    variant,
    ...base.reads,
  });
}

export interface SweepOptions extends Omit<SimulateOptions, 'runner' | 'onProgress' | 'store'>, LoadOptions {
  /** Keep every replication in this results database (DuckDB file) and resume from it. */
  readonly database?: string;
  /**
   * Runs the replications of every point, e.g. a DistributedRunner; left
   * open. Default: a ReplicationRunner with `threads`, closed at the end.
   */
  readonly runner?: Runner;
  /** Called once every grid point is valid, before the database is opened (e.g. to create its folder). */
  readonly onValidated?: () => void;
  /** Called with the opened database, e.g. to commit it when interrupted. */
  readonly onStore?: (store: ResultsStore) => void;
  /** Called after each replication of each point. */
  readonly onProgress?: (event: {
    point: number;
    points: number;
    replicationsDone: number;
    replicationsTotal: number;
    /** Calls simulated so far, all points (replications reused from the database included). */
    simulatedCalls: number;
  }) => void;
}

/** Runs every grid point of `parameters` over the scenario in `file`. */
export async function sweep(
  file: string,
  parameters: readonly SweepParameter[],
  options: SweepOptions = {},
): Promise<SweepResult> {
  const base = readSweepBase(file, options);
  const grid = gridOf(parameters);
  // Validate every point before running any, so a bad value fails fast and nothing is half done.
  const loaded: LoadedScenario[] = [loadPoint(file, base, grid[0])];
  const first = compileScenario(loaded[0]);
  const records = grid.length * layoutOf(first).recordCount;
  if (records > MAX_SWEEP_RECORDS) {
    throw new RangeError(
      `the sweep would keep ${grid.length.toLocaleString('en')} points × ${layoutOf(first).recordCount} KPI records (periods × views) = ${records.toLocaleString('en')} in memory; at most ${MAX_SWEEP_RECORDS.toLocaleString('en')}: split it into several sweeps or use fewer values`,
    );
  }
  for (const point of grid.slice(1)) loaded.push(loadPoint(file, base, point));
  const models: CompiledScenario[] = [first, ...loaded.slice(1).map((point) => compileScenario(point))];
  // The text and every file the points read (the digest of the text alone when they read none).
  const inputs = new Map(loaded.flatMap((point) => point.inputs ?? []).map((i) => [i.path, i]));
  const baseHash = scenarioHash(base.text, undefined, [...inputs.values()]);
  const seed = options.seed ?? models[0].seed;
  options.onValidated?.();
  const store =
    options.database === undefined
      ? undefined
      : await ResultsStore.open(
          options.database,
          { command: 'sweep', scenarioHash: baseHash, seed, grid: JSON.stringify(parameters) },
          { file, text: base.text },
        );
  if (store !== undefined) options.onStore?.(store);
  const runner = options.runner ?? new ReplicationRunner({ threads: options.threads ?? 1 });
  const points: SweepPointResult[] = [];
  let callsBefore = 0;
  let failed = true;
  try {
    for (let index = 0; index < grid.length; index++) {
      await store?.addPoint(index, grid[index], models[index]);
      let calls = 0;
      const result = await simulate(models[index], {
        ...options,
        seed,
        runner,
        store: store && { store, point: index },
        onProgress: (e) => {
          calls = e.simulatedCalls;
          options.onProgress?.({
            point: index,
            points: grid.length,
            replicationsDone: e.replicationsDone,
            replicationsTotal: e.replicationsTotal,
            simulatedCalls: callsBefore + calls,
          });
        },
      });
      callsBefore += calls;
      points.push({
        index,
        parameters: grid[index],
        total: result.total,
        byCallType: result.byCallType,
        byAgentGroup: result.byAgentGroup,
        ...(result.precision !== undefined
          ? { replications: result.replications, precision: result.precision }
          : {}),
        result,
      });
    }
    await store?.markFinished();
    failed = false;
  } finally {
    try {
      if (options.runner === undefined) await runner.close();
    } finally {
      // A failed sweep leaves replications to resume, or no database.
      if (failed) await store?.closeAfterFailure();
      else await store?.close();
    }
  }
  return {
    scenario: { name: first.name, file, hash: baseHash },
    seed,
    replications: points[0]?.result.replications ?? 0,
    confidenceLevel: options.confidenceLevel ?? 0.95,
    parameters,
    points,
  };
}
