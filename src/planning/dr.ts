/**
 * Disaster recovery: N-1 analysis of a multi-site network, and sizing the
 * surviving sites for it.
 *
 * `drAnalysis` runs the scenario once without failure (the baseline) and
 * once per site with that site failed: a full outage (agents, lines, IVR)
 * at one start time for one duration, detected after a delay. The
 * scenario's own outages (scheduled and random) are replaced by that one
 * failure, so every run shows a single site failing; but the scenario's
 * recovery plan is kept: where one of its outages of a site has a
 * `restore` (e.g. agents working from home through another site), the
 * injected failure of that site gets the same restore (restore mode
 * `scenario`, the default; `none` tests the failure without it). Every
 * run uses the same seed and replication indices (common random numbers):
 * the failures and the baseline see the same calls.
 *
 * KPIs come per phase of the outage: before, during and after, each a set
 * of whole KPI intervals (see Phase in model/scenario/compile.ts); the
 * baseline gets the same phases through a "null" outage (scope agents,
 * fraction 0: nothing fails), so its columns cover exactly the same
 * intervals. Where no start is given, the outage starts with the busiest
 * interval: the one with the most offered calls in the baseline.
 *
 * `sizeForDr` finds extra agents (and lines) per site so that during any
 * single-site failure the network's service level (during phase; judged on
 * the mean over replications, or on the lower bound of its confidence
 * interval) meets a DR target and no surviving site blocks more than
 * 0.5% of its offered calls. The search is greedy (see sizeForDr); its
 * result is locally minimal: no single agent or line can be taken away
 * from a site without breaking the target in at least one failure, on the
 * same seed and replications.
 */
import { performance } from 'node:perf_hooks';
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { Estimate } from '../experiment/estimate.js';
import type { Runner } from '../experiment/replication-runner.js';
import { ReplicationRunner } from '../experiment/replication-runner.js';
import type { RunResult } from '../experiment/run-result.js';
import { simulate } from '../experiment/simulate.js';
import type { CompiledScenario, LoadedScenario } from '../model/scenario/index.js';
import { DEFAULT_SERVICE_LEVEL_TARGET } from '../model/scenario/compile.js';
import {
  formatClockTime,
  intervalClockStart,
  intervalLength,
  parseClockTime,
} from '../model/scenario/index.js';
import type { BaseScenario, Json, ScenarioFile } from './scenario-variant.js';
import { compileVariant, readBaseScenario } from './scenario-variant.js';

/** The KPIs a DR analysis keeps, per phase, per site and for the whole horizon. */
export const DR_KPIS: readonly string[] = [
  'offered',
  'answered',
  'abandoned',
  'blocked',
  'failed',
  'dropped',
  'callsLost',
  'serviceLevel',
  'asa',
  'abandonRate',
  'timeToRecover',
];

/** Bad DR input (one site, an outage outside the horizon, a bad target …). */
export class DrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DrError';
  }
}

/** A scenario file, or its text with a name for messages. */
export type DrSource = ScenarioFile;

/** Part of a failed site's agents resuming work at another site (an outage's `restore`). */
export interface DrRestore {
  /** Fraction of the failed site's agents. */
  readonly fraction: number;
  /** The site they work from. */
  readonly to: string;
  /** Seconds from the failure until they are back at work. */
  readonly after: number;
}

/** `scenario`: each failure gets the scenario's restore plan for its site, if any; `none`: no restore. */
export type DrRestoreMode = 'scenario' | 'none';
export const DR_RESTORE_MODES: readonly DrRestoreMode[] = ['scenario', 'none'];

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

export interface DrPhase {
  readonly phase: 'before' | 'during' | 'after';
  /** Clock times of the phase's first interval start and last interval end; null when empty. */
  readonly from: string | null;
  readonly to: string | null;
  /** All calls (DR_KPIS; timeToRecover in the during phase only). */
  readonly kpis: KpiEstimates;
  readonly bySite: Record<string, KpiEstimates>;
}

/** One KPI interval of a run, for timelines. */
export interface DrTimelinePoint {
  readonly interval: string;
  readonly end: string;
  /** Interval start and end in seconds since midnight. */
  readonly startSeconds: number;
  readonly endSeconds: number;
  readonly offered: Estimate;
  readonly serviceLevel: Estimate;
  readonly queueLength: Estimate;
}

export interface DrCase {
  /** `baseline` or `<site> fails`. */
  readonly label: string;
  /** The failed site; null for the baseline. */
  readonly failedSite: string | null;
  /** The restore plan applied to the failure (the scenario's for that site); null: none. */
  readonly restore: DrRestore | null;
  /** Whole horizon, all calls. */
  readonly total: KpiEstimates;
  /** Whole horizon, per site. */
  readonly bySite: Record<string, KpiEstimates>;
  /** Before, during, after. */
  readonly phases: readonly DrPhase[];
  readonly timeline: readonly DrTimelinePoint[];
  readonly simulatedCalls: number;
  readonly wallSeconds: number;
}

export interface DrOutage {
  /** Clock time of the failure, and of its end (clamped to the horizon's end in the phases). */
  readonly at: string;
  readonly end: string;
  readonly atSeconds: number;
  readonly endSeconds: number;
  readonly duration: number;
  readonly detectionDelay: number;
  readonly scope: 'full';
  /** Whether the start was given (`--at`) or is the busiest interval's. */
  readonly chosen: 'given' | 'busiest';
  /** The interval with the most offered calls in the baseline (mean over replications). */
  readonly busiest: { readonly interval: string; readonly offered: number };
}

export interface DrResult {
  readonly scenario: { readonly name: string; readonly file: string; readonly hash: string };
  readonly seed: number;
  readonly replications: number;
  readonly confidenceLevel: number;
  readonly sites: readonly string[];
  readonly serviceLevel: { readonly threshold: number; readonly target: number | null };
  readonly outage: DrOutage;
  /** The scenario's own outages, left out of every run (their restore plans are kept unless restore is `none`). */
  readonly removedOutages: number;
  readonly restore: DrRestoreMode;
  /**
   * KPI intervals of the outage window (the during phase) in which the
   * baseline, without any failure, is already below the service-level
   * target (mean): a failure's time to recover counts those too.
   */
  readonly baselineBelowTarget: { readonly intervals: number; readonly of: number };
  readonly baseline: DrCase;
  /** One per site, in the scenario's order. */
  readonly failures: readonly DrCase[];
  readonly wallSeconds: number;
}

// ------------------------------------------------------------------ scenario variants

/** The scenario as written and validated (its own outages are replaced in every variant). */
type Base = BaseScenario;

/** What a run changes in the scenario. */
interface Variant {
  /** The failed site (scope full), 'null' for the baseline's null outage. */
  readonly fail: string | 'null';
  readonly at: number;
  readonly duration: number;
  readonly detection: number;
  /** The failed site's restore plan (none for the baseline). */
  readonly restore?: DrRestore | null;
  /** Extra agents and lines per site (by index). */
  readonly agents?: readonly number[];
  readonly lines?: readonly number[];
  /** Service level definition for the run (sizing: the DR target's threshold). */
  readonly serviceLevel?: { readonly threshold: number; readonly target: number };
}

/** Extra agents of a site spread over its groups in proportion to their size (largest remainders; ties to the first). */
export function spreadOverGroups(extra: number, sizes: readonly number[]): number[] {
  const out = sizes.map(() => 0);
  if (extra <= 0 || sizes.length === 0) return out;
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total <= 0) {
    out[0] = extra;
    return out;
  }
  const exact = sizes.map((s) => (extra * s) / total);
  let given = 0;
  exact.forEach((x, i) => {
    out[i] = Math.floor(x);
    given += out[i];
  });
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; given < extra; k++, given++) out[order[k % order.length].i]++;
  return out;
}

/** A group's size: its agents; the most agents of any interval; or the agents of all its shifts. */
function groupSize(g: LoadedScenario['scenario']['agentGroups'][number]): number {
  if (g.agents !== undefined) return g.agents;
  if (g.perInterval !== undefined) return Math.max(0, ...g.perInterval);
  return (g.shifts ?? []).reduce((sum, s) => sum + s.count, 0);
}

interface SiteInfo {
  readonly name: string;
  /** Indices of its agent groups. */
  readonly groups: readonly number[];
  readonly groupSizes: readonly number[];
  readonly agents: number;
  /** Null when unlimited. */
  readonly lines: number | null;
  readonly costPerLineHour: number;
}

function sitesOf(base: Base): SiteInfo[] {
  const s = base.loaded.scenario;
  return s.sites.map((site) => {
    const groups: number[] = [];
    s.agentGroups.forEach((g, i) => {
      if ((g.site ?? s.sites[0].name) === site.name) groups.push(i);
    });
    const groupSizes = groups.map((g) => groupSize(s.agentGroups[g]));
    return {
      name: site.name,
      groups,
      groupSizes,
      agents: groupSizes.reduce((a, b) => a + b, 0),
      lines: site.lines ?? null,
      costPerLineHour: site.costPerLineHour,
    };
  });
}

/** The scenario input of a variant: its one outage, extra agents and lines, service level. */
function variantInput(base: Base, sites: readonly SiteInfo[], v: Variant): Json {
  const input = structuredClone(base.input) as Json;
  const scenario = base.loaded.scenario;
  const at = formatClockTime(v.at);
  input.outages = [
    v.fail === 'null'
      ? { site: sites[0].name, at, duration: v.duration, scope: 'agents', fraction: 0 }
      : {
          site: v.fail,
          at,
          duration: v.duration,
          detectionDelay: v.detection,
          scope: 'full',
          ...(v.restore == null ? {} : { restore: { ...v.restore } }),
        },
  ];
  const groups = input.agentGroups as Json[];
  sites.forEach((site, s) => {
    const extra = v.agents?.[s] ?? 0;
    const perGroup = spreadOverGroups(extra, site.groupSizes);
    site.groups.forEach((g, k) => {
      const add = perGroup[k];
      if (add === 0) return;
      const raw = groups[g];
      const spec = scenario.agentGroups[g];
      if (spec.agents !== undefined) raw.agents = spec.agents + add;
      else if (spec.perInterval !== undefined) raw.perInterval = spec.perInterval.map((n) => n + add);
      else {
        // A shift covering the warm-up and the horizon.
        const from = Math.max(0, scenario.start - scenario.warmup);
        const shift = {
          start: formatClockTime(from),
          length: scenario.start + scenario.horizon - from,
          count: add,
        };
        raw.shifts = [...((raw.shifts as unknown[] | undefined) ?? []), shift];
      }
    });
    const lines = v.lines?.[s] ?? 0;
    if (lines > 0 && site.lines !== null) {
      const rawSites = input.sites as Json[];
      rawSites[s].lines = site.lines + lines;
    }
  });
  if (v.serviceLevel !== undefined) {
    const raw = (input.serviceLevel ?? {}) as Json;
    input.serviceLevel = { ...raw, threshold: v.serviceLevel.threshold, target: v.serviceLevel.target };
  }
  return input;
}

function compileDrVariant(base: Base, sites: readonly SiteInfo[], v: Variant): CompiledScenario {
  return compileVariant(base, variantInput(base, sites, v), JSON.stringify({ dr: v }));
}

// ------------------------------------------------------------------ analysis

function pick(estimates: KpiEstimates | undefined): KpiEstimates {
  const out: KpiEstimates = {};
  if (estimates === undefined) return out;
  for (const k of DR_KPIS) if (estimates[k] !== undefined) out[k] = estimates[k];
  return out;
}

function pickSites(bySite: Record<string, KpiEstimates>): Record<string, KpiEstimates> {
  return Object.fromEntries(Object.entries(bySite).map(([name, e]) => [name, pick(e)]));
}

const NONE: Estimate = { mean: null, lo: null, hi: null };

function caseOf(
  label: string,
  failedSite: string | null,
  restore: DrRestore | null,
  result: RunResult,
  model: CompiledScenario,
): DrCase {
  const phases: DrPhase[] = (result.byPhase ?? [])
    .filter((p) => p.outage === 1)
    .map((p) => ({
      phase: p.phase,
      from: p.from,
      to: p.to,
      kpis: pick(p.kpis),
      bySite: pickSites(p.bySite),
    }));
  const timeline = result.byInterval.map((iv, i): DrTimelinePoint => {
    const start = intervalClockStart(model.clock, i);
    return {
      interval: iv.interval,
      end: iv.end,
      startSeconds: start,
      endSeconds: start + intervalLength(model.clock, i),
      offered: iv.kpis.offered ?? NONE,
      serviceLevel: iv.kpis.serviceLevel ?? NONE,
      queueLength: iv.kpis.queueLength ?? NONE,
    };
  });
  const total = { ...pick(result.total) };
  delete total.timeToRecover;
  return {
    label,
    failedSite,
    restore,
    total,
    bySite: pickSites(result.bySite),
    phases,
    timeline,
    simulatedCalls: result.performance.simulatedCalls,
    wallSeconds: result.performance.wallSeconds,
  };
}

/** `"10:30"` or seconds since midnight → seconds; DrError when it is neither. */
function clockSecondsOf(at: string | number): number {
  if (typeof at === 'number') {
    if (!Number.isFinite(at) || at < 0) throw new DrError(`--at: expected a clock time HH:MM, got ${at}`);
    return at;
  }
  const seconds = parseClockTime(at);
  if (seconds === undefined) throw new DrError(`--at: expected a clock time HH:MM, e.g. 10:30, got "${at}"`);
  return seconds;
}

interface Resolved {
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

function resolve(source: DrSource, options: DrRunOptions): Resolved {
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
function checkStart(base: Base, at: number): void {
  const s = base.loaded.scenario;
  if (at < s.start || at >= s.start + s.horizon) {
    throw new DrError(
      `--at ${formatClockTime(at)}: the outage must start within the measured horizon, ${formatClockTime(s.start)}–${formatClockTime(s.start + s.horizon)}`,
    );
  }
}

/** The interval with the most offered calls (the first of equals). */
function busiestOf(result: RunResult): { index: number; interval: string; offered: number } {
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

async function withRunner<T>(options: DrRunOptions, work: (runner: Runner) => Promise<T>): Promise<T> {
  const runner = options.runner ?? new ReplicationRunner({ threads: options.threads ?? 1 });
  try {
    return await work(runner);
  } finally {
    if (options.runner === undefined) await runner.close();
  }
}

/** The baseline and one run per failed site: whole-horizon, phase and per-interval KPIs. */
export async function drAnalysis(source: DrSource, options: DrOptions = {}): Promise<DrResult> {
  const started = performance.now();
  const r = resolve(source, options);
  const { base, sites } = r;
  const scenario = base.loaded.scenario;
  const given = options.at === undefined ? null : clockSecondsOf(options.at);
  if (given !== null) checkStart(base, given);
  let planned = (sites.length + 1) * r.replications;
  let done = 0;
  let calls = 0;
  return withRunner(options, async (runner) => {
    const run = async (label: string, model: CompiledScenario) => {
      const before = { done, calls };
      const result = await simulate(model, {
        replications: r.replications,
        seed: r.seed,
        confidenceLevel: r.level,
        runner,
        signal: options.signal,
        onProgress: (e) => {
          done = before.done + e.replicationsDone;
          calls = before.calls + e.simulatedCalls;
          options.onProgress?.({
            stage: 'analysis',
            label,
            replicationsDone: done,
            replicationsTotal: planned,
            simulatedCalls: calls,
          });
        },
      });
      return result;
    };
    const variant = (fail: string, at: number): Variant => ({
      fail,
      at,
      duration: r.duration,
      detection: r.detection,
      restore: r.restores.get(fail) ?? null,
    });
    // The baseline, with a null outage for its phases; once more if the busiest interval is elsewhere.
    let at = given ?? scenario.start;
    let baseModel = compileDrVariant(base, sites, variant('null', at));
    let baseResult = await run('baseline', baseModel);
    const busiest = busiestOf(baseResult);
    if (given === null) {
      const busiestStart = intervalClockStart(baseModel.clock, busiest.index);
      if (busiestStart !== at) {
        at = busiestStart;
        planned += r.replications;
        baseModel = compileDrVariant(base, sites, variant('null', at));
        baseResult = await run('baseline', baseModel);
      }
    }
    const failures: DrCase[] = [];
    for (const site of sites) {
      const label = `${site.name} fails`;
      const model = compileDrVariant(base, sites, variant(site.name, at));
      const restore = r.restores.get(site.name) ?? null;
      failures.push(caseOf(label, site.name, restore, await run(label, model), model));
    }
    const end = Math.min(at + r.duration, scenario.start + scenario.horizon);
    const baseline = caseOf('baseline', null, null, baseResult, baseModel);
    return {
      scenario: { name: scenario.name, file: base.file, hash: base.loaded.hash },
      seed: r.seed,
      replications: r.replications,
      confidenceLevel: r.level,
      sites: sites.map((s) => s.name),
      serviceLevel: {
        threshold: scenario.serviceLevel.threshold,
        target: scenario.serviceLevel.target ?? null,
      },
      outage: {
        at: formatClockTime(at),
        end: formatClockTime(end),
        atSeconds: at,
        endSeconds: end,
        duration: r.duration,
        detectionDelay: r.detection,
        scope: 'full',
        chosen: given === null ? 'busiest' : 'given',
        busiest: { interval: busiest.interval, offered: busiest.offered },
      },
      removedOutages: (base.input.outages as unknown[] | undefined)?.length ?? 0,
      restore: r.restoreMode,
      baselineBelowTarget: belowTargetDuring(baseline, scenario.serviceLevel.target, at, end),
      baseline,
      failures,
      wallSeconds: (performance.now() - started) / 1000,
    };
  });
}

/** The baseline's intervals overlapping the outage (the during phase) whose service level (mean) is below target. */
function belowTargetDuring(
  baseline: DrCase,
  target: number | undefined,
  at: number,
  end: number,
): { intervals: number; of: number } {
  const limit = target ?? DEFAULT_SERVICE_LEVEL_TARGET;
  const window = baseline.timeline.filter((p) => p.endSeconds > at && p.startSeconds < end);
  const below = window.filter((p) => p.serviceLevel.mean !== null && p.serviceLevel.mean < limit);
  return { intervals: below.length, of: window.length };
}

/** The phase of a case, by name. */
export function phaseOf(c: DrCase, phase: DrPhase['phase']): DrPhase | undefined {
  return c.phases.find((p) => p.phase === phase);
}

// ------------------------------------------------------------------ sizing

/** A DR service-level target: `fraction` of calls answered within `threshold` seconds. */
export interface DrTarget {
  readonly serviceLevel: number;
  readonly threshold: number;
}

/**
 * `60/30` or `0.6/30s`: 60% within 30 s. The fraction may be a percentage
 * (> 1) or a fraction, with an optional `%`; the threshold is seconds or a
 * duration (`30s`, `1m`). Without `/threshold`, `defaultThreshold` is used.
 */
export function parseDrTarget(text: string, defaultThreshold?: number): DrTarget {
  const m = /^\s*([0-9]*\.?[0-9]+)\s*(%?)\s*(?:\/\s*([0-9]*\.?[0-9]+)\s*(ms|s|m|h)?\s*)?$/.exec(text);
  const bad = () =>
    new DrError(`--target: expected <service level>/<seconds>, e.g. 60/30 or 0.8/20, got "${text}"`);
  if (m === null) throw bad();
  const x = Number(m[1]);
  const fraction = m[2] === '%' || x > 1 ? x / 100 : x;
  if (!(fraction > 0 && fraction <= 1)) throw bad();
  let threshold = defaultThreshold;
  if (m[3] !== undefined) {
    const unit = { ms: 0.001, s: 1, m: 60, h: 3600 }[m[4] ?? 's'] ?? 1;
    threshold = Number(m[3]) * unit;
  }
  if (threshold === undefined || !(threshold >= 0)) throw bad();
  return { serviceLevel: fraction, threshold };
}

/** What meets a DR target: the mean service level, or the lower bound of its confidence interval. */
export type DrJudge = 'mean' | 'lower';
export const DR_JUDGES: readonly DrJudge[] = ['mean', 'lower'];

export interface DrSizingOptions extends DrRunOptions {
  readonly target: DrTarget;
  /** Judge the service level on its mean (default) or on the lower bound of its interval (needs ≥ 2 replications). */
  readonly judge?: DrJudge;
  /** Most blocked calls at a surviving site with limited lines, as a share of its offered (default 0.005). */
  readonly maxBlocked?: number;
  /** Agents added at a time: this share of the site's agents, at least 1 (default 0.05). */
  readonly stepFraction?: number;
  /** Most evaluations of all N failures while growing (default 60). */
  readonly maxIterations?: number;
}

/** One failure evaluated during sizing: the network's during-phase service level at the DR threshold. */
export interface DrSizingCheck {
  readonly failedSite: string;
  /** Network, during phase, mean over replications (null: no call offered). */
  readonly serviceLevel: number | null;
  readonly serviceLevelCi: Estimate;
  /** What is judged against the target: the mean, or the lower bound of the interval (see DrJudge). */
  readonly judged: number | null;
  /** Per surviving site: during-phase service level, and blocked ÷ offered. */
  readonly sites: Record<
    string,
    { readonly serviceLevel: number | null; readonly blockedShare: number | null }
  >;
  readonly meetsServiceLevel: boolean;
  readonly meetsBlocking: boolean;
}

export interface DrSiteSizing {
  readonly site: string;
  /** The site's agents as scheduled (sum of its groups' sizes). */
  readonly agents: number;
  readonly extraAgents: number;
  /** Extra agents per agent group of the site. */
  readonly byGroup: Record<string, number>;
  /** Null when the site's lines are unlimited. */
  readonly lines: number | null;
  readonly extraLines: number;
  /** Cost of the extras over the horizon (0 when unpriced). */
  readonly cost: number;
}

/** A failure that misses the target with the extras found (when the search stopped short). */
export interface DrShortfall {
  readonly failedSite: string;
  /** The judged network service level during the failure, and how far below the target it is (0 when met). */
  readonly serviceLevel: number | null;
  readonly short: number;
  /** Surviving sites that block more than maxBlocked of their calls: their blocked share. */
  readonly blocking: Readonly<Record<string, number>>;
}

export interface DrSizingStep {
  readonly iteration: number;
  /** The worst failure's network during service level at the time. */
  readonly worst: { readonly failedSite: string; readonly serviceLevel: number | null };
  readonly action: string;
}

export interface DrSizing {
  readonly target: DrTarget;
  readonly judge: DrJudge;
  readonly maxBlocked: number;
  /** Every failure meets the target with the extras. */
  readonly reached: boolean;
  /** Why not, when not reached: every failure that misses, and by how much. */
  readonly reason: string | null;
  /** The failures that miss the target with the extras found (empty when reached). */
  readonly shortfalls: readonly DrShortfall[];
  readonly iterations: number;
  readonly maxIterations: number;
  /** Distinct variants simulated (each N failures × replications). */
  readonly evaluations: number;
  readonly replications: number;
  readonly seed: number;
  readonly sites: readonly DrSiteSizing[];
  readonly totalExtraAgents: number;
  readonly totalExtraLines: number;
  readonly cost: {
    readonly agents: number;
    readonly lines: number;
    readonly total: number;
    /** Hours of the measured horizon the extras are paid for. */
    readonly hours: number;
    /** False when neither agents nor lines of the sites that got extras have a cost. */
    readonly priced: boolean;
  };
  /** The failures without extras, and with them. */
  readonly before: readonly DrSizingCheck[];
  readonly after: readonly DrSizingCheck[];
  readonly steps: readonly DrSizingStep[];
  /** Sites whose blocking more lines did not reduce (the queue limit blocks, not lines): left out of the blocking rule. */
  readonly blockingNotFromLines: readonly string[];
  /** The scenario input as written plus the extras (its own outages kept), e.g. to write as YAML. */
  readonly sizedScenario: Record<string, unknown>;
  readonly outage: { readonly at: string; readonly duration: number; readonly detectionDelay: number };
  readonly wallSeconds: number;
}

interface State {
  readonly agents: readonly number[];
  readonly lines: readonly number[];
}

const keyOf = (s: State) => `${s.agents.join(',')}|${s.lines.join(',')}`;

function withValue(state: State, kind: 'agents' | 'lines', site: number, value: number): State {
  const values = [...state[kind]];
  values[site] = value;
  return kind === 'agents' ? { agents: values, lines: state.lines } : { agents: state.agents, lines: values };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * The fewest extra agents (and lines) per site, found greedily, so that
 * every single-site failure meets the DR target:
 *
 * 1. Start with no extras; evaluate all N failures (same seed and
 *    replications for every evaluation).
 * 2. While some failure's network during-phase service level (mean) is
 *    below the target: each such failure names its surviving site with the
 *    lowest service level, and each site named gets agents, in steps of
 *    max(1, stepFraction × its agents), doubling (up to 16×) while it stays
 *    the bottleneck of a failure more than 10 points short. A site with limited lines
 *    gets as many lines as agents (an agent talks on a line). A site's
 *    extra agents go to its groups in proportion to their size.
 * 3. When the service level is met but a surviving site with limited lines
 *    blocks more than `maxBlocked` of its offered calls in some failure:
 *    add lines there (steps of max(1, stepFraction × its lines)). A site
 *    whose blocking more lines do not reduce (its queue limit blocks) is
 *    left out of this rule and named in the result.
 * 4. Refine: per site, bisect its extra agents down to the fewest that
 *    still meet the target, then the same for lines; repeat until nothing
 *    changes. No single agent or line can then be taken from a site.
 *
 * Growth stops after `maxIterations` evaluations (then `reached` is false).
 */
export async function sizeForDr(source: DrSource, options: DrSizingOptions): Promise<DrSizing> {
  const started = performance.now();
  const r = resolve(source, options);
  const { base, sites } = r;
  const scenario = base.loaded.scenario;
  const target = options.target;
  if (!(target.serviceLevel > 0 && target.serviceLevel <= 1) || !(target.threshold >= 0)) {
    throw new DrError(`DR target: expected a service level in (0, 1] and a threshold ≥ 0`);
  }
  const judge = options.judge ?? 'mean';
  if (!DR_JUDGES.includes(judge))
    throw new DrError(`--judge: expected mean or lower, got "${String(judge)}"`);
  if (judge === 'lower' && r.replications < 2)
    throw new DrError(
      `--judge lower: the lower bound of a confidence interval needs at least 2 replications, got ${r.replications}`,
    );
  const maxBlocked = options.maxBlocked ?? 0.005;
  const stepFraction = options.stepFraction ?? 0.05;
  const maxIterations = options.maxIterations ?? 60;
  const N = sites.length;

  return withRunner(options, async (runner) => {
    let at: number;
    if (options.at !== undefined) {
      at = clockSecondsOf(options.at);
      checkStart(base, at);
    } else {
      const variant: Variant = { fail: 'null', at: scenario.start, duration: r.duration, detection: 0 };
      const model = compileDrVariant(base, sites, variant);
      const result = await simulate(model, {
        replications: r.replications,
        seed: r.seed,
        runner,
        signal: options.signal,
      });
      at = intervalClockStart(model.clock, busiestOf(result).index);
    }

    const cache = new Map<string, DrSizingCheck[]>();
    let evaluations = 0;
    const evaluate = async (state: State): Promise<DrSizingCheck[]> => {
      const key = keyOf(state);
      const hit = cache.get(key);
      if (hit !== undefined) return hit;
      evaluations++;
      const checks: DrSizingCheck[] = [];
      let calls = 0;
      for (const [f, failed] of sites.entries()) {
        const model = compileDrVariant(base, sites, {
          fail: failed.name,
          at,
          duration: r.duration,
          detection: r.detection,
          agents: state.agents,
          lines: state.lines,
          restore: r.restores.get(failed.name) ?? null,
          serviceLevel: { threshold: target.threshold, target: target.serviceLevel },
        });
        const before = calls;
        const result = await simulate(model, {
          replications: r.replications,
          seed: r.seed,
          confidenceLevel: r.level,
          runner,
          signal: options.signal,
          onProgress: (e) => {
            calls = before + e.simulatedCalls;
            options.onProgress?.({
              stage: 'sizing',
              label: `evaluation ${evaluations} (${failed.name} fails)`,
              replicationsDone: f * r.replications + e.replicationsDone,
              replicationsTotal: N * r.replications,
              simulatedCalls: calls,
            });
          },
        });
        const during = result.byPhase?.find((p) => p.outage === 1 && p.phase === 'during');
        const sl = during?.kpis.serviceLevel ?? NONE;
        const perSite: Record<string, { serviceLevel: number | null; blockedShare: number | null }> = {};
        let blockingOk = true;
        for (const site of sites) {
          if (site.name === failed.name) continue;
          const e = during?.bySite[site.name];
          const offered = e?.offered?.mean ?? 0;
          const blockedShare = offered > 0 ? (e?.blocked?.mean ?? 0) / offered : null;
          perSite[site.name] = { serviceLevel: e?.serviceLevel?.mean ?? null, blockedShare };
          if (site.lines !== null && blockedShare !== null && blockedShare > maxBlocked) blockingOk = false;
        }
        const judged = judge === 'mean' ? sl.mean : sl.lo;
        checks.push({
          failedSite: failed.name,
          serviceLevel: sl.mean,
          serviceLevelCi: sl,
          judged,
          sites: perSite,
          // No call offered: nothing to miss. A missing lower bound never meets the target.
          meetsServiceLevel: sl.mean === null || (judged !== null && judged >= target.serviceLevel - 1e-12),
          meetsBlocking: blockingOk,
        });
      }
      cache.set(key, checks);
      return checks;
    };

    /** Sites left out of the blocking rule: more lines did not reduce their blocking. */
    const ignored = new Set<number>();
    const blockedShareOf = (checks: readonly DrSizingCheck[], s: number) =>
      Math.max(0, ...checks.map((c) => c.sites[sites[s].name]?.blockedShare ?? 0));
    const blockingOk = (checks: readonly DrSizingCheck[], s: number) =>
      sites[s].lines === null || ignored.has(s) || blockedShareOf(checks, s) <= maxBlocked;
    const meets = (checks: readonly DrSizingCheck[]) =>
      checks.every((c) => c.meetsServiceLevel) && sites.every((_, s) => blockingOk(checks, s));
    const judgedOf = (c: DrSizingCheck) => (c.serviceLevel === null ? 1 : (c.judged ?? 0));
    const worstOf = (checks: readonly DrSizingCheck[]) =>
      checks.reduce((w, c) => (judgedOf(c) < judgedOf(w) ? c : w), checks[0]);
    const summaryOf = (checks: readonly DrSizingCheck[]) => {
      const w = worstOf(checks);
      return { failedSite: w.failedSite, serviceLevel: w.judged };
    };

    const agentStep = sites.map((s) => Math.max(1, Math.round(stepFraction * s.agents)));
    const lineStep = sites.map((s) => Math.max(1, Math.round(stepFraction * (s.lines ?? 0))));
    let state: State = { agents: sites.map(() => 0), lines: sites.map(() => 0) };
    const first = await evaluate(state);
    let checks = first;
    const steps: DrSizingStep[] = [];
    let iterations = 0;
    const streak = sites.map(() => 0);
    let lastShares: number[] | null = null;
    while (!meets(checks) && iterations < maxIterations) {
      iterations++;
      let action: string;
      if (checks.some((c) => !c.meetsServiceLevel)) {
        // Each failure below target names its surviving site with the lowest service level (one
        // without calls last); each site named gets a step, the larger the gap the site's failure has.
        const gaps = new Map<number, number>();
        for (const c of checks) {
          if (c.meetsServiceLevel) continue;
          let site = -1;
          let lowest = Infinity;
          sites.forEach((x, s) => {
            if (x.name === c.failedSite) return;
            const v = c.sites[x.name]?.serviceLevel ?? 2;
            if (v < lowest) {
              lowest = v;
              site = s;
            }
          });
          const gap = target.serviceLevel - judgedOf(c);
          gaps.set(site, Math.max(gaps.get(site) ?? 0, gap));
        }
        const added: string[] = [];
        sites.forEach((x, s) => {
          const gap = gaps.get(s);
          // Doubling while a site stays the bottleneck of a failure more than 10 points short.
          streak[s] = gap !== undefined && gap > 0.1 ? streak[s] + 1 : 0;
          if (gap === undefined) return;
          const k = agentStep[s] * 2 ** Math.min(Math.max(streak[s] - 1, 0), 4);
          state = withValue(state, 'agents', s, state.agents[s] + k);
          if (x.lines !== null) state = withValue(state, 'lines', s, state.lines[s] + k);
          added.push(
            `+${plural(k, 'agent')}${x.lines !== null ? ` and ${plural(k, 'line')}` : ''} at ${x.name}`,
          );
        });
        action = added.join(', ');
        lastShares = null;
      } else {
        // Service level met; some surviving site blocks too much: more lines there.
        const shares = sites.map((_, s) => blockedShareOf(checks, s));
        if (lastShares !== null) {
          const previous = lastShares;
          shares.forEach((b, s) => {
            if (previous[s] > maxBlocked && b >= previous[s]) ignored.add(s);
          });
        }
        const added: string[] = [];
        shares.forEach((_, s) => {
          if (blockingOk(checks, s)) return;
          state = withValue(state, 'lines', s, state.lines[s] + lineStep[s]);
          added.push(`+${plural(lineStep[s], 'line')} at ${sites[s].name}`);
        });
        streak.fill(0);
        lastShares = shares;
        if (added.length === 0) break; // only sites whose blocking lines do not cure are left
        action = added.join(', ');
      }
      steps.push({ iteration: iterations, worst: summaryOf(checks), action });
      checks = await evaluate(state);
    }

    const reached = meets(checks);
    let reason: string | null = null;
    let shortfalls: DrShortfall[] = [];
    if (!reached) {
      shortfalls = checks.flatMap((c): DrShortfall[] => {
        const blocking: Record<string, number> = {};
        sites.forEach((x, s) => {
          const share = c.sites[x.name]?.blockedShare ?? null;
          if (x.lines !== null && !ignored.has(s) && share !== null && share > maxBlocked)
            blocking[x.name] = share;
        });
        const short = c.meetsServiceLevel ? 0 : target.serviceLevel - judgedOf(c);
        if (short <= 0 && Object.keys(blocking).length === 0) return [];
        return [{ failedSite: c.failedSite, serviceLevel: c.judged, short: Math.max(0, short), blocking }];
      });
      const measure = judge === 'mean' ? 'mean' : 'lower bound';
      const misses = shortfalls.map((f) => {
        const parts: string[] = [];
        if (f.short > 0)
          parts.push(
            `service level ${pct(f.serviceLevel)} (${measure}), ${(100 * f.short).toFixed(1)} points below ${pct(target.serviceLevel)}`,
          );
        for (const [site, share] of Object.entries(f.blocking))
          parts.push(`${site} blocks ${pct(share)} of its calls (at most ${pct(maxBlocked)})`);
        return `${f.failedSite} fails: ${parts.join('; ')}`;
      });
      reason = `stopped after ${plural(iterations, 'growth step')} (at most ${maxIterations}): ${misses.join(' | ')}`;
    } else {
      // Refine: bisect each site's extras down, agents then lines, until nothing changes.
      for (let pass = 0; pass < 10; pass++) {
        let changed = false;
        for (const kind of ['agents', 'lines'] as const) {
          for (let s = 0; s < N; s++) {
            const current = state[kind][s];
            if (current === 0) continue;
            // Usually one agent less already fails (a second pass, small steps): try that first.
            if (!meets(await evaluate(withValue(state, kind, s, current - 1)))) continue;
            let lo = -1; // the largest value found not to meet the target (−1: none)
            let hi = current - 1; // the smallest value found to meet it
            while (hi - lo > 1) {
              const mid = Math.floor((lo + hi) / 2);
              if (meets(await evaluate(withValue(state, kind, s, mid)))) hi = mid;
              else lo = mid;
            }
            if (hi === current) continue;
            state = withValue(state, kind, s, hi);
            changed = true;
            steps.push({
              iteration: iterations,
              worst: summaryOf(await evaluate(state)),
              action: `refined: ${kind} at ${sites[s].name} +${current} → +${hi}`,
            });
          }
        }
        if (!changed) break;
      }
      checks = await evaluate(state);
    }

    // Extras per site and group, and their cost over the horizon.
    const hours = scenario.horizon / 3600;
    let agentCost = 0;
    let lineCost = 0;
    let priced = false;
    const siteResults: DrSiteSizing[] = sites.map((site, s) => {
      const perGroup = spreadOverGroups(state.agents[s], site.groupSizes);
      const byGroup: Record<string, number> = {};
      let cost = 0;
      site.groups.forEach((g, k) => {
        const spec = scenario.agentGroups[g];
        byGroup[spec.name] = perGroup[k];
        cost += perGroup[k] * spec.costPerHour * hours;
        if (perGroup[k] > 0 && spec.costPerHour > 0) priced = true;
      });
      const lines = state.lines[s] * site.costPerLineHour * hours;
      if (state.lines[s] > 0 && site.costPerLineHour > 0) priced = true;
      agentCost += cost;
      lineCost += lines;
      return {
        site: site.name,
        agents: site.agents,
        extraAgents: state.agents[s],
        byGroup,
        lines: site.lines,
        extraLines: state.lines[s],
        cost: cost + lines,
      };
    });
    const sized = variantInput(base, sites, {
      fail: 'null',
      at,
      duration: r.duration,
      detection: r.detection,
      agents: state.agents,
      lines: state.lines,
    });
    // The scenario as written plus the extras: its own outages kept.
    if (base.input.outages === undefined) delete sized.outages;
    else sized.outages = structuredClone(base.input.outages);
    return {
      target,
      judge,
      maxBlocked,
      reached,
      reason,
      shortfalls,
      iterations,
      maxIterations,
      evaluations,
      replications: r.replications,
      seed: r.seed,
      sites: siteResults,
      totalExtraAgents: state.agents.reduce((a, b) => a + b, 0),
      totalExtraLines: state.lines.reduce((a, b) => a + b, 0),
      cost: { agents: agentCost, lines: lineCost, total: agentCost + lineCost, hours, priced },
      before: first,
      after: checks,
      steps,
      blockingNotFromLines: [...ignored].map((s) => sites[s].name),
      sizedScenario: sized,
      outage: { at: formatClockTime(at), duration: r.duration, detectionDelay: r.detection },
      wallSeconds: (performance.now() - started) / 1000,
    };
  });
}

function pct(x: number | null): string {
  return x === null ? '–' : `${(100 * x).toFixed(1)}%`;
}
