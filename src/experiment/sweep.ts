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
import type { LoadedScenario, LoadOptions, ScenarioSource, SharedReads } from '../model/scenario/index.js';
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
import type { RunResult } from './run-result.js';
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
  /** The full result of the point (per interval, per view). */
  readonly result: RunResult;
}

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

/** All combinations, the first parameter varying slowest. */
export function gridOf(parameters: readonly SweepParameter[]): GridPoint[] {
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
  (node as Record<string, unknown>)[last] = value;
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
  if (node !== null && typeof node === 'object' && segment in node)
    return (node as Record<string, unknown>)[segment];
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
  /** Called with the opened database, e.g. to commit it when interrupted. */
  readonly onStore?: (store: ResultsStore) => void;
  /** Called after each replication of each point. */
  readonly onProgress?: (event: {
    point: number;
    points: number;
    replicationsDone: number;
    replicationsTotal: number;
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
  const loaded = grid.map((point) => loadPoint(file, base, point));
  const models = loaded.map((point) => compileScenario(point));
  // The text and every file the points read (the digest of the text alone when they read none).
  const inputs = new Map(loaded.flatMap((point) => point.inputs ?? []).map((i) => [i.path, i]));
  const baseHash = scenarioHash(base.text, undefined, [...inputs.values()]);
  const seed = options.seed ?? models[0].seed;
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
  try {
    for (let index = 0; index < grid.length; index++) {
      await store?.addPoint(index, grid[index], models[index]);
      const result = await simulate(models[index], {
        ...options,
        seed,
        runner,
        store: store && { store, point: index },
        onProgress: (e) =>
          options.onProgress?.({
            point: index,
            points: grid.length,
            replicationsDone: e.replicationsDone,
            replicationsTotal: e.replicationsTotal,
          }),
      });
      points.push({
        index,
        parameters: grid[index],
        total: result.total,
        byCallType: result.byCallType,
        byAgentGroup: result.byAgentGroup,
        result,
      });
    }
    await store?.markFinished();
  } finally {
    if (options.runner === undefined) await runner.close();
    store?.close();
  }
  const first = models[0];
  return {
    scenario: { name: first.name, file, hash: baseHash },
    seed,
    replications: points[0]?.result.replications ?? 0,
    confidenceLevel: options.confidenceLevel ?? 0.95,
    parameters,
    points,
  };
}
