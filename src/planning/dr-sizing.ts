/**
 * Sizing the surviving sites for DR (see dr.ts): the fewest extra agents
 * and lines per site so that any single-site failure meets a DR target.
 * The search itself is in dr-sizing-search.ts; this module checks the
 * options, runs it, and prices what it found.
 */
import { performance } from 'node:perf_hooks';
import type { Runner } from '../experiment/replication-runner.js';
import { simulate } from '../experiment/simulate.js';
import { formatClockTime, intervalClockStart } from '../model/scenario/index.js';
import type { DrSiteSizing, DrSizing, DrSizingStep, DrTarget, DrJudge, DrShortfall } from '../results/dr.js';
import { DR_JUDGES } from '../results/dr.js';
import type { DrRunOptions, DrSource, Resolved } from './dr-run.js';
import { busiestOf, checkStart, clockSecondsOf, DrError, resolve, withRunner } from './dr-run.js';
import type { SizingSettings, State } from './dr-sizing-search.js';
import { FailureEvaluator, SizingJudge, grow, refine } from './dr-sizing-search.js';
import { compileDrVariant, spreadOverGroups, variantInput } from './dr-variants.js';

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

function settingsOf(r: Resolved, options: DrSizingOptions): SizingSettings {
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
  return {
    target,
    judge,
    maxBlocked: options.maxBlocked ?? 0.005,
    stepFraction: options.stepFraction ?? 0.05,
    maxIterations: options.maxIterations ?? 60,
  };
}

/** The failure's start: given, or the busiest interval of a baseline run (no failure). */
async function outageStart(r: Resolved, options: DrSizingOptions, runner: Runner): Promise<number> {
  if (options.at !== undefined) {
    const at = clockSecondsOf(options.at);
    checkStart(r.base, at);
    return at;
  }
  const scenario = r.base.loaded.scenario;
  const model = compileDrVariant(r.base, r.sites, {
    fail: 'null',
    at: scenario.start,
    duration: r.duration,
    detection: 0,
  });
  const result = await simulate(model, {
    replications: r.replications,
    seed: r.seed,
    runner,
    signal: options.signal,
  });
  return intervalClockStart(model.clock, busiestOf(result).index);
}

/** Extras per site and group, and their cost over the horizon. */
function extrasOf(r: Resolved, state: State): { sites: DrSiteSizing[]; cost: DrSizing['cost'] } {
  const scenario = r.base.loaded.scenario;
  const hours = scenario.horizon / 3600;
  let agentCost = 0;
  let lineCost = 0;
  let priced = false;
  const sites = r.sites.map((site, s): DrSiteSizing => {
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
  return { sites, cost: { agents: agentCost, lines: lineCost, total: agentCost + lineCost, hours, priced } };
}

/** The scenario as written plus the extras: its own outages kept. */
function sizedScenarioOf(r: Resolved, at: number, state: State): Record<string, unknown> {
  const sized = variantInput(r.base, r.sites, {
    fail: 'null',
    at,
    duration: r.duration,
    detection: r.detection,
    agents: state.agents,
    lines: state.lines,
  });
  if (r.base.input.outages === undefined) delete sized.outages;
  else sized.outages = structuredClone(r.base.input.outages);
  return sized;
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
  const settings = settingsOf(r, options);
  return withRunner(options, async (runner) => {
    const at = await outageStart(r, options, runner);
    const evaluator = new FailureEvaluator(r, settings, at, runner, options.signal, options.onProgress);
    const judge = new SizingJudge(r.sites, settings);
    const steps: DrSizingStep[] = [];
    const first = await evaluator.evaluate({ agents: r.sites.map(() => 0), lines: r.sites.map(() => 0) });
    const growth = await grow(r.sites, settings, judge, evaluator, first, steps);
    let { state, checks } = growth;
    const reached = judge.meets(checks);
    let reason: string | null = null;
    let shortfalls: DrShortfall[] = [];
    if (!reached) {
      ({ shortfalls, reason } = judge.shortfalls(checks, growth.iterations));
    } else {
      state = await refine(r.sites, judge, evaluator, state, growth.iterations, steps);
      checks = await evaluator.evaluate(state);
    }
    const extras = extrasOf(r, state);
    return {
      target: settings.target,
      judge: settings.judge,
      maxBlocked: settings.maxBlocked,
      reached,
      reason,
      shortfalls,
      iterations: growth.iterations,
      maxIterations: settings.maxIterations,
      evaluations: evaluator.evaluations,
      replications: r.replications,
      seed: r.seed,
      sites: extras.sites,
      totalExtraAgents: state.agents.reduce((a, b) => a + b, 0),
      totalExtraLines: state.lines.reduce((a, b) => a + b, 0),
      cost: extras.cost,
      before: first,
      after: checks,
      steps,
      blockingNotFromLines: [...judge.ignored].map((s) => r.sites[s].name),
      sizedScenario: sizedScenarioOf(r, at, state),
      outage: { at: formatClockTime(at), duration: r.duration, detectionDelay: r.detection },
      wallSeconds: (performance.now() - started) / 1000,
    };
  });
}
