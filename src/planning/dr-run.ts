/**
 * What a DR analysis and a DR sizing share: their options, the checks of
 * those options against the scenario, the clock time of the failure, and
 * the runner both reuse for all their runs.
 */
import type { Runner } from '../experiment/replication-runner.js';
import { ReplicationRunner } from '../experiment/replication-runner.js';
import type { RunResult } from '../experiment/run-result.js';
import { formatClockTime, parseClockTime } from '../model/scenario/index.js';
import type { DrRestore, DrRestoreMode } from '../results/dr.js';
import { DR_RESTORE_MODES } from '../results/dr.js';
import type { Base, SiteInfo } from './dr-variants.js';
import { sitesOf } from './dr-variants.js';
import type { ScenarioFile } from './scenario-variant.js';
import { readBaseScenario } from './scenario-variant.js';

/** Bad DR input (one site, an outage outside the horizon, a bad target …). */
export class DrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrError';
  }
}

/** A scenario file, or its text with a name for messages. */
export type DrSource = ScenarioFile;

export interface DrProgress {
  readonly stage: 'analysis' | 'sizing';
  /** What is running: `baseline`, `north fails` … */
  readonly label: string;
  readonly replicationsDone: number;
  readonly replicationsTotal: number;
  readonly simulatedCalls: number;
}

export interface DrRunOptions {
  /** Replications of every run (default: the scenario's). */
  readonly replications?: number;
  /** Seed of every run (default: the scenario's). */
  readonly seed?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidenceLevel?: number;
  /** Worker threads or 'auto' (default 1); results do not depend on it. */
  readonly threads?: number | 'auto';
  /** A runner to use and leave open; otherwise one is made and closed. */
  readonly runner?: Runner;
  readonly signal?: AbortSignal;
  /** Outage start, as a clock time `"HH:MM"` or seconds since midnight (default: the busiest interval's start). */
  readonly at?: string | number;
  /** Outage duration in seconds (default 2 h). */
  readonly duration?: number;
  /** Seconds until the failure is detected and its arrivals re-routed (default 5 min). */
  readonly detection?: number;
  /** Whether failures get the scenario's restore plans (default `scenario`). */
  readonly restore?: DrRestoreMode;
  readonly onProgress?: (event: DrProgress) => void;
}

export type DrOptions = DrRunOptions;

/** `"10:30"` or seconds since midnight → seconds; DrError when it is neither. */
export function clockSecondsOf(at: string | number): number {
  if (typeof at === 'number') {
    if (!Number.isFinite(at) || at < 0) throw new DrError(`--at: expected a clock time HH:MM, got ${at}`);
    return at;
  }
  const seconds = parseClockTime(at);
  if (seconds === undefined) throw new DrError(`--at: expected a clock time HH:MM, e.g. 10:30, got "${at}"`);
  return seconds;
}

export interface Resolved {
  readonly base: Base;
  readonly sites: SiteInfo[];
  readonly duration: number;
  readonly detection: number;
  readonly replications: number;
  readonly seed: number;
  readonly level: number;
  readonly restoreMode: DrRestoreMode;
  /** Per site name: the restore plan its failures get. */
  readonly restores: ReadonlyMap<string, DrRestore>;
}

/** Per site, the restore plan of the scenario's first outage of that site that has one. */
function restorePlans(base: Base): Map<string, DrRestore> {
  const plans = new Map<string, DrRestore>();
  for (const o of base.loaded.scenario.outages) {
    if (o.restore === undefined || plans.has(o.site)) continue;
    plans.set(o.site, { fraction: o.restore.fraction, to: o.restore.to, after: o.restore.after });
  }
  return plans;
}

export function resolve(source: DrSource, options: DrRunOptions): Resolved {
  const base = readBaseScenario(source);
  const sites = sitesOf(base);
  if (sites.length < 2) {
    throw new DrError(
      `${base.file}: a DR analysis needs at least two sites (it fails each in turn); this scenario has ${sites.length === 1 ? `one site ("${sites[0].name}")` : 'none'}`,
    );
  }
  const duration = options.duration ?? 7200;
  const detection = options.detection ?? 300;
  if (!(Number.isFinite(duration) && duration > 0))
    throw new DrError(`--duration: expected a positive duration, got ${duration}`);
  if (!(Number.isFinite(detection) && detection >= 0))
    throw new DrError(`--detection: expected a duration ≥ 0, got ${detection}`);
  const s = base.loaded.scenario;
  const replications = options.replications ?? s.replications;
  if (!Number.isInteger(replications) || replications < 1)
    throw new DrError(`replications must be a whole number ≥ 1, got ${replications}`);
  const level = options.confidenceLevel ?? 0.95;
  if (!(level > 0 && level < 1)) throw new DrError(`confidence level must be in (0, 1), got ${level}`);
  const restoreMode = options.restore ?? 'scenario';
  if (!DR_RESTORE_MODES.includes(restoreMode))
    throw new DrError(`--restore: expected scenario or none, got "${String(restoreMode)}"`);
  const restores = restoreMode === 'scenario' ? restorePlans(base) : new Map<string, DrRestore>();
  return {
    base,
    sites,
    duration,
    detection,
    replications,
    seed: options.seed ?? s.seed,
    level,
    restoreMode,
    restores,
  };
}

/** Checks that a start lies in the measured horizon. */
export function checkStart(base: Base, at: number): void {
  const s = base.loaded.scenario;
  if (at < s.start || at >= s.start + s.horizon) {
    throw new DrError(
      `--at ${formatClockTime(at)}: the outage must start within the measured horizon, ${formatClockTime(s.start)}–${formatClockTime(s.start + s.horizon)}`,
    );
  }
}

/** The interval with the most offered calls (the first of equals). */
export function busiestOf(result: RunResult): { index: number; interval: string; offered: number } {
  let index = 0;
  let most = -Infinity;
  result.byInterval.forEach((iv, i) => {
    const offered = iv.kpis.offered?.mean ?? 0;
    if (offered > most) {
      most = offered;
      index = i;
    }
  });
  return { index, interval: result.byInterval[index]?.interval ?? '', offered: Math.max(0, most) };
}

export async function withRunner<T>(options: DrRunOptions, work: (runner: Runner) => Promise<T>): Promise<T> {
  const runner = options.runner ?? new ReplicationRunner({ threads: options.threads ?? 1 });
  try {
    return await work(runner);
  } finally {
    if (options.runner === undefined) await runner.close();
  }
}
