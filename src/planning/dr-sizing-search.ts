/**
 * The search of sizeForDr (see dr-sizing.ts): evaluating every single-site
 * failure for a candidate set of extras (cached: the refinement revisits
 * candidates), judging the checks against the target and the blocking
 * rule, growing the extras until the target is met, and refining them down.
 */
import type { Runner } from '../experiment/replication-runner.js';
import { simulate } from '../experiment/simulate.js';
import type { DrJudge, DrShortfall, DrSizingCheck, DrSizingStep, DrTarget } from '../results/dr.js';
import { NONE } from './dr-analysis.js';
import type { DrProgress, Resolved } from './dr-run.js';
import type { SiteInfo } from './dr-variants.js';
import { compileDrVariant } from './dr-variants.js';

/** Extra agents and lines per site (by index). */
export interface State {
  readonly agents: readonly number[];
  readonly lines: readonly number[];
}

const keyOf = (s: State) => `${s.agents.join(',')}|${s.lines.join(',')}`;

export function withValue(state: State, kind: 'agents' | 'lines', site: number, value: number): State {
  const values = [...state[kind]];
  values[site] = value;
  return kind === 'agents' ? { agents: values, lines: state.lines } : { agents: state.agents, lines: values };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function pct(x: number | null): string {
  return x === null ? '–' : `${(100 * x).toFixed(1)}%`;
}

/** What the search is for, and how it steps. */
export interface SizingSettings {
  readonly target: DrTarget;
  readonly judge: DrJudge;
  readonly maxBlocked: number;
  readonly stepFraction: number;
  readonly maxIterations: number;
}

/** Runs all N failures for a state, once per distinct state (same seed and replications every time). */
export class FailureEvaluator {
  private readonly cache = new Map<string, DrSizingCheck[]>();
  /** Distinct states simulated. */
  evaluations = 0;

  constructor(
    private readonly r: Resolved,
    private readonly settings: SizingSettings,
    private readonly at: number,
    private readonly runner: Runner,
    private readonly signal: AbortSignal | undefined,
    private readonly onProgress: ((event: DrProgress) => void) | undefined,
  ) {}

  async evaluate(state: State): Promise<DrSizingCheck[]> {
    const key = keyOf(state);
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    this.evaluations++;
    const { r, settings } = this;
    const { sites } = r;
    const { target, judge, maxBlocked } = settings;
    const checks: DrSizingCheck[] = [];
    let calls = 0;
    for (const [f, failed] of sites.entries()) {
      const model = compileDrVariant(r.base, sites, {
        fail: failed.name,
        at: this.at,
        duration: r.duration,
        detection: r.detection,
        agents: state.agents,
        lines: state.lines,
        restore: r.restores.get(failed.name) ?? null,
        serviceLevel: { threshold: target.threshold, target: target.serviceLevel },
      });
      const before = calls;
      const evaluation = this.evaluations;
      const result = await simulate(model, {
        replications: r.replications,
        seed: r.seed,
        confidenceLevel: r.level,
        runner: this.runner,
        signal: this.signal,
        onProgress: (e) => {
          calls = before + e.simulatedCalls;
          this.onProgress?.({
            stage: 'sizing',
            label: `evaluation ${evaluation} (${failed.name} fails)`,
            replicationsDone: f * r.replications + e.replicationsDone,
            replicationsTotal: sites.length * r.replications,
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
    this.cache.set(key, checks);
    return checks;
  }
}

/**
 * Whether checks meet the target and the blocking rule. Sites whose
 * blocking more lines did not reduce (the queue limit blocks) are left out
 * of the blocking rule: the growth names them in `ignored`.
 */
export class SizingJudge {
  readonly ignored = new Set<number>();

  constructor(
    private readonly sites: readonly SiteInfo[],
    private readonly settings: SizingSettings,
  ) {}

  blockedShareOf(checks: readonly DrSizingCheck[], s: number): number {
    return Math.max(0, ...checks.map((c) => c.sites[this.sites[s].name]?.blockedShare ?? 0));
  }

  blockingOk(checks: readonly DrSizingCheck[], s: number): boolean {
    return (
      this.sites[s].lines === null ||
      this.ignored.has(s) ||
      this.blockedShareOf(checks, s) <= this.settings.maxBlocked
    );
  }

  meets(checks: readonly DrSizingCheck[]): boolean {
    return checks.every((c) => c.meetsServiceLevel) && this.sites.every((_, s) => this.blockingOk(checks, s));
  }

  /** The judged service level; a failure without calls counts as met. */
  judgedOf(c: DrSizingCheck): number {
    return c.serviceLevel === null ? 1 : (c.judged ?? 0);
  }

  /** The worst failure of the checks, for the steps' log. */
  summaryOf(checks: readonly DrSizingCheck[]): DrSizingStep['worst'] {
    const w = checks.reduce((worst, c) => (this.judgedOf(c) < this.judgedOf(worst) ? c : worst), checks[0]);
    return { failedSite: w.failedSite, serviceLevel: w.judged };
  }

  /** The failures that miss, and by how much; with the reason text (for a search stopped short). */
  shortfalls(
    checks: readonly DrSizingCheck[],
    iterations: number,
  ): { shortfalls: DrShortfall[]; reason: string } {
    const { target, maxBlocked, judge, maxIterations } = this.settings;
    const shortfalls = checks.flatMap((c): DrShortfall[] => {
      const blocking: Record<string, number> = {};
      this.sites.forEach((x, s) => {
        const share = c.sites[x.name]?.blockedShare ?? null;
        if (x.lines !== null && !this.ignored.has(s) && share !== null && share > maxBlocked)
          blocking[x.name] = share;
      });
      const short = c.meetsServiceLevel ? 0 : target.serviceLevel - this.judgedOf(c);
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
    const reason = `stopped after ${plural(iterations, 'growth step')} (at most ${maxIterations}): ${misses.join(' | ')}`;
    return { shortfalls, reason };
  }
}

export interface Growth {
  readonly state: State;
  readonly checks: DrSizingCheck[];
  readonly iterations: number;
}

/**
 * Steps 2 and 3 of sizeForDr: add agents (and lines) where failures miss
 * the target, then lines where surviving sites block too much, until every
 * failure meets it or `maxIterations` steps are taken.
 */
export async function grow(
  sites: readonly SiteInfo[],
  settings: SizingSettings,
  judge: SizingJudge,
  evaluator: FailureEvaluator,
  first: DrSizingCheck[],
  steps: DrSizingStep[],
): Promise<Growth> {
  const { target, maxBlocked, stepFraction, maxIterations } = settings;
  const agentStep = sites.map((s) => Math.max(1, Math.round(stepFraction * s.agents)));
  const lineStep = sites.map((s) => Math.max(1, Math.round(stepFraction * (s.lines ?? 0))));
  let state: State = { agents: sites.map(() => 0), lines: sites.map(() => 0) };
  let checks = first;
  let iterations = 0;
  const streak = sites.map(() => 0);
  let lastShares: number[] | null = null;
  while (!judge.meets(checks) && iterations < maxIterations) {
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
        const gap = target.serviceLevel - judge.judgedOf(c);
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
      const shares = sites.map((_, s) => judge.blockedShareOf(checks, s));
      if (lastShares !== null) {
        const previous = lastShares;
        shares.forEach((b, s) => {
          if (previous[s] > maxBlocked && b >= previous[s]) judge.ignored.add(s);
        });
      }
      const added: string[] = [];
      shares.forEach((_, s) => {
        if (judge.blockingOk(checks, s)) return;
        state = withValue(state, 'lines', s, state.lines[s] + lineStep[s]);
        added.push(`+${plural(lineStep[s], 'line')} at ${sites[s].name}`);
      });
      streak.fill(0);
      lastShares = shares;
      if (added.length === 0) break; // only sites whose blocking lines do not cure are left
      action = added.join(', ');
    }
    steps.push({ iteration: iterations, worst: judge.summaryOf(checks), action });
    checks = await evaluator.evaluate(state);
  }
  return { state, checks, iterations };
}

/**
 * Step 4 of sizeForDr: bisect each site's extras down, agents then lines,
 * until nothing changes; the state returned still meets the target.
 */
export async function refine(
  sites: readonly SiteInfo[],
  judge: SizingJudge,
  evaluator: FailureEvaluator,
  start: State,
  iterations: number,
  steps: DrSizingStep[],
): Promise<State> {
  let state = start;
  const meetsAt = async (s: State) => judge.meets(await evaluator.evaluate(s));
  for (let pass = 0; pass < 10; pass++) {
    let changed = false;
    for (const kind of ['agents', 'lines'] as const) {
      for (let s = 0; s < sites.length; s++) {
        const current = state[kind][s];
        if (current === 0) continue;
        // Usually one agent less already fails (a second pass, small steps): try that first.
        if (!(await meetsAt(withValue(state, kind, s, current - 1)))) continue;
        let lo = -1; // the largest value found not to meet the target (−1: none)
        let hi = current - 1; // the smallest value found to meet it
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (await meetsAt(withValue(state, kind, s, mid))) hi = mid;
          else lo = mid;
        }
        if (hi === current) continue;
        state = withValue(state, kind, s, hi);
        changed = true;
        steps.push({
          iteration: iterations,
          worst: judge.summaryOf(await evaluator.evaluate(state)),
          action: `refined: ${kind} at ${sites[s].name} +${current} → +${hi}`,
        });
      }
    }
    if (!changed) break;
  }
  return state;
}
