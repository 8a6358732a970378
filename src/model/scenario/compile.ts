/**
 * Compiling a validated scenario into the runtime model: indices instead of
 * names, samplers built once, the clock laid out. The hot loop reads only
 * this, never the scenario. Only {@link compileScenario} makes a
 * {@link CompiledScenario}, so an unvalidated scenario cannot reach a run.
 */
import type { Distribution } from '../../kernel/distributions.js';
import { fromSpec } from '../../kernel/distributions.js';
import type { LoadedScenario } from './load.js';
import type { Scenario } from './schema.js';

/** How calls of a type arrive: Poisson at a constant rate, or at listed times (simulation time). */
export type ArrivalSpec =
  | { readonly kind: 'poisson'; readonly ratePerSecond: number }
  | { readonly kind: 'trace'; readonly times: readonly number[] };

declare const compiledBrand: unique symbol;

export interface CompiledCallType {
  readonly index: number;
  readonly name: string;
  readonly arrivals: ArrivalSpec;
  readonly handleTime: Distribution;
  /** Null: callers never abandon. */
  readonly patience: Distribution | null;
  /** Groups that have this skill, in scenario order. */
  readonly groups: readonly number[];
}

export interface CompiledAgentGroup {
  readonly index: number;
  readonly name: string;
  readonly agents: number;
  /** Call types this group serves, in the order of its skills list. */
  readonly skills: readonly number[];
}

/**
 * The clock. Simulation time 0 is the start of the warm-up; the measured
 * window is [warmup, warmup + horizon), cut into intervals [start, end)
 * of `intervalLength` (the last one shorter when the horizon is not a
 * multiple).
 */
export interface Clock {
  /** Clock time of the first measured instant, seconds since midnight. */
  readonly start: number;
  readonly warmup: number;
  readonly horizon: number;
  readonly intervalLength: number;
  readonly intervalCount: number;
  /** Simulation time at which measurement starts (= warmup). */
  readonly measureStart: number;
  /** Simulation time at which measurement ends and arrivals stop. */
  readonly measureEnd: number;
}

export interface CompiledScenario {
  readonly [compiledBrand]: true;
  readonly name: string;
  readonly seed: number;
  readonly replications: number;
  readonly clock: Clock;
  readonly serviceLevel: {
    readonly threshold: number;
    readonly shortAbandon: number;
    readonly target?: number;
  };
  readonly callTypes: readonly CompiledCallType[];
  readonly agentGroups: readonly CompiledAgentGroup[];
  /** The validated scenario it was compiled from (times in seconds). */
  readonly scenario: Scenario & { readonly name: string };
  readonly source: { readonly file: string; readonly hash: string; readonly text: string };
}

export function compileScenario(loaded: LoadedScenario): CompiledScenario {
  const s = loaded.scenario;
  const callTypeIndex = new Map(s.callTypes.map((c, i) => [c.name, i]));
  const agentGroups: CompiledAgentGroup[] = s.agentGroups.map((g, index) => ({
    index,
    name: g.name,
    agents: g.agents,
    skills: g.skills.map((skill) => mustGet(callTypeIndex, skill)),
  }));
  const callTypes: CompiledCallType[] = s.callTypes.map((c, index) => ({
    index,
    name: c.name,
    arrivals:
      c.arrivals.times !== undefined
        ? { kind: 'trace', times: c.arrivals.times.map((t) => s.warmup + t) }
        : { kind: 'poisson', ratePerSecond: (c.arrivals.ratePerHour ?? 0) / 3600 },
    handleTime: fromSpec(c.handleTime),
    patience: c.patience === undefined ? null : fromSpec(c.patience),
    groups: agentGroups.filter((g) => g.skills.includes(index)).map((g) => g.index),
  }));
  const clock: Clock = {
    start: s.start,
    warmup: s.warmup,
    horizon: s.horizon,
    intervalLength: s.interval,
    intervalCount: Math.ceil(s.horizon / s.interval - 1e-9),
    measureStart: s.warmup,
    measureEnd: s.warmup + s.horizon,
  };
  const compiled = {
    name: s.name,
    seed: s.seed,
    replications: s.replications,
    clock,
    serviceLevel: s.serviceLevel,
    callTypes,
    agentGroups,
    scenario: s,
    source: { file: loaded.file, hash: loaded.hash, text: loaded.text },
  };
  return compiled as unknown as CompiledScenario;
}

/** Start of measured interval `i` as seconds since midnight (for labels). */
export function intervalClockStart(clock: Clock, i: number): number {
  return clock.start + i * clock.intervalLength;
}

/** Length of measured interval `i` (the last may be shorter). */
export function intervalLength(clock: Clock, i: number): number {
  return Math.min(clock.intervalLength, clock.horizon - i * clock.intervalLength);
}

function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`internal: unresolved reference ${String(key)}`);
  return value;
}
