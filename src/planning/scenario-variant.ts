/**
 * Variants of a scenario for the planner: the file as written (raw input)
 * with some fields changed, validated and compiled again, so that every
 * variant is an ordinary scenario (worker threads compile it the same way)
 * and shares the scenario's random streams (common random numbers).
 */
import type { CompiledScenario, LoadedScenario, LoadOptions, SharedReads } from '../model/scenario/index.js';
import {
  compileScenario,
  formatClockTime,
  parseDurationString,
  readScenarioFileText,
  readScenarioText,
  sharedReads,
  validateScenarioInput,
} from '../model/scenario/index.js';

export type Json = Record<string, unknown>;

/** A scenario file as written, and as validated. */
export interface BaseScenario {
  readonly file: string;
  readonly text: string;
  readonly input: Json;
  readonly locator: ReturnType<typeof readScenarioText>['locator'];
  readonly loaded: LoadedScenario;
  /** How it reads the files it names: its variants read the same files, once. */
  readonly reads: SharedReads;
}

/**
 * A scenario file's path; or its path with the folders it may read files
 * from besides its own (`allowRead`) and, when already read, its text.
 */
export type ScenarioFile = string | ({ readonly file: string; readonly text?: string } & LoadOptions);

export function readBaseScenario(source: ScenarioFile): BaseScenario {
  const { file, text: given, ...options } = typeof source === 'string' ? { file: source } : source;
  const text = given ?? readScenarioFileText(file);
  const parsed = readScenarioText(text, file);
  const reads = sharedReads(options);
  const loaded = validateScenarioInput(parsed.input, { file, text, locator: parsed.locator, ...reads });
  return { file, text, input: parsed.input as Json, locator: parsed.locator, loaded, reads };
}

/** Validates and compiles a changed copy of the raw input; `label` names the variant in the cache key. */
export function compileVariant(base: BaseScenario, input: Json, label: string): CompiledScenario {
  const { file, text, locator, reads } = base;
  return compileScenario(validateScenarioInput(input, { file, text, locator, variant: label, ...reads }));
}

/** Seconds of a duration as written (a number of seconds or "5m"). */
function seconds(value: unknown): number {
  if (typeof value === 'number') return value;
  const s = typeof value === 'string' ? parseDurationString(value) : undefined;
  if (s === undefined) throw new Error(`internal: not a duration: ${String(value)}`);
  return s;
}

/** A distribution as written, its times multiplied by `factor`. */
export function scaleDistribution(spec: Json, factor: number): Json {
  const out: Json = { ...spec };
  for (const key of ['mean', 'value', 'min', 'max']) {
    if (out[key] !== undefined) out[key] = seconds(out[key]) * factor;
  }
  if (Array.isArray(out.points)) {
    out.points = (out.points as Array<[unknown, number]>).map(([v, p]) => [seconds(v) * factor, p]);
  }
  return out;
}

/** Arrivals as written, their volume multiplied by `factor` (a replayed trace cannot be scaled). */
function scaleArrivals(arrivals: Json, factor: number, where: string): Json {
  const out: Json = { ...arrivals };
  if (typeof out.ratePerHour === 'number') out.ratePerHour = out.ratePerHour * factor;
  else if (Array.isArray(out.perInterval))
    out.perInterval = (out.perInterval as number[]).map((v) => v * factor);
  else throw new RangeError(`--volume cannot scale the arrivals of ${where} (a trace or a CSV forecast)`);
  return out;
}

/** What-ifs: every arrival volume × `volume`, every handle time × `aht`. */
export function withWhatIfs(input: Json, volume: number, aht: number): Json {
  const out = structuredClone(input);
  if (volume !== 1) {
    for (const e of (out.entryPoints as Json[] | undefined) ?? []) {
      e.arrivals = scaleArrivals(e.arrivals as Json, volume, `entry point ${String(e.name)}`);
    }
    for (const c of out.callTypes as Json[]) {
      if (c.arrivals !== undefined)
        c.arrivals = scaleArrivals(c.arrivals as Json, volume, `call type ${String(c.name)}`);
    }
  }
  if (aht !== 1) {
    for (const c of out.callTypes as Json[]) c.handleTime = scaleDistribution(c.handleTime as Json, aht);
  }
  return out;
}

/**
 * Staffing per interval for the named groups (the others keep theirs), no
 * arrivals after the first `intervals` intervals (a surge of factor 0: the
 * calls already there finish, so the last interval kept sees its carry-over
 * and its drain), and the service-level threshold and target set.
 */
export function withStaffing(
  base: BaseScenario,
  input: Json,
  staffing: ReadonlyMap<number, readonly number[]>,
  intervals: number,
  serviceLevel: { threshold: number; target: number },
): Json {
  const out = structuredClone(input);
  const s = base.loaded.scenario;
  const groups = out.agentGroups as Json[];
  for (const [g, counts] of staffing) {
    const raw = groups[g];
    delete raw.agents;
    delete raw.shifts;
    raw.perInterval = [...counts];
    // The planner's counts are agents on duty: no shrinkage on top.
    raw.shrinkage = 0;
  }
  const cut = s.start + intervals * s.interval;
  const end = s.start + s.horizon;
  if (cut < end) {
    const silence = { from: formatClockTime(cut), to: formatClockTime(end), factor: 0 };
    const silenced = (a: Json) => ({
      ...a,
      surges: [...((a.surges as unknown[] | undefined) ?? []), silence],
    });
    for (const e of (out.entryPoints as Json[] | undefined) ?? []) e.arrivals = silenced(e.arrivals as Json);
    for (const c of out.callTypes as Json[])
      if (c.arrivals !== undefined) c.arrivals = silenced(c.arrivals as Json);
  }
  out.serviceLevel = { ...((out.serviceLevel as Json | undefined) ?? {}), ...serviceLevel };
  return out;
}
