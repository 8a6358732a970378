/**
 * The N-1 analysis (see dr.ts): the baseline and one run per failed site,
 * each kept as a DrCase of whole-horizon, per-phase and per-interval KPIs.
 */
import { performance } from 'node:perf_hooks';
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { Estimate } from '../experiment/estimate.js';
import type { RunResult } from '../experiment/run-result.js';
import { simulate } from '../experiment/simulate.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import { DEFAULT_SERVICE_LEVEL_TARGET } from '../model/scenario/compile.js';
import { formatClockTime, intervalClockStart, intervalLength } from '../model/scenario/index.js';
import type { DrCase, DrPhase, DrRestore, DrResult, DrTimelinePoint } from '../results/dr.js';
import { DR_KPIS } from '../results/dr.js';
import type { Variant } from './dr-variants.js';
import { compileDrVariant } from './dr-variants.js';
import type { DrOptions, DrSource } from './dr-run.js';
import { busiestOf, checkStart, clockSecondsOf, resolve, withRunner } from './dr-run.js';

function pick(estimates: KpiEstimates | undefined): KpiEstimates {
  const out: KpiEstimates = {};
  if (estimates === undefined) return out;
  for (const k of DR_KPIS) if (estimates[k] !== undefined) out[k] = estimates[k];
  return out;
}

function pickSites(bySite: Record<string, KpiEstimates>): Record<string, KpiEstimates> {
  return Object.fromEntries(Object.entries(bySite).map(([name, e]) => [name, pick(e)]));
}

/** No estimate (a KPI the run did not measure). */
export const NONE: Estimate = { mean: null, lo: null, hi: null };

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
