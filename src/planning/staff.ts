/**
 * Staffing by simulation: the agents each group needs in each interval to
 * meet the targets.
 *
 * 1. A baseline run of the scenario as written (at least 40 replications)
 *    gives each interval's offered calls per call type (redials and IVR
 *    transfers included).
 * 2. Closed forms give the starting point: per interval and voice call type,
 *    Erlang C and Erlang A (patience as an exponential of the call type's
 *    mean patience) at that load; each call type's requirement is split over
 *    the groups that take it at their best level, in proportion to their
 *    agents in the scenario, so that a multi-skilled agent is never counted
 *    in full for every skill. Chat and e-mail (no Erlang model) start from
 *    their load ÷ 0.85 (chats ÷ concurrency).
 * 3. Then, interval by interval in time order, simulation corrects it with
 *    common random numbers (every evaluation uses the same seed and
 *    replications): the scenario runs with the staffing found so far for
 *    the earlier intervals and the candidate for this one, without arrivals
 *    after it, so that calls carried over from earlier intervals count and
 *    later ones do not. While a target is missed, one agent goes to the
 *    group furthest below its share (of step 2's split) among those that
 *    serve the call type with the largest gap; then agents are given back,
 *    one at a time from the group furthest above its share, while the
 *    targets hold. Choosing by share rather than by simulated occupancy
 *    keeps the split stable: identical intervals get the same split, the
 *    noise moving only the total. An interval with about the same load as
 *    the previous one starts from its plan.
 *
 * Targets are judged on the means over the replications; the KPIs are
 * reported with their confidence intervals.
 */
import type { Runner } from '../experiment/replication-runner.js';
import { ReplicationRunner } from '../experiment/replication-runner.js';
import type { RunResult } from '../experiment/run-result.js';
import { simulate } from '../experiment/simulate.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import { formatClockTime, intervalClockStart, intervalLength } from '../model/scenario/index.js';
import type { IntervalOutcome, Requirement, StaffResult, StaffTargets } from '../results/staff.js';
import type { BaseScenario, Json, ScenarioFile } from './scenario-variant.js';
import { closedForms, firstChoiceGroups, scheduledAgents } from './staff-closed-forms.js';
import { resolveTargets } from './staff-targets.js';
import { compileVariant, readBaseScenario, withStaffing, withWhatIfs } from './scenario-variant.js';

export type { IntervalOutcome, Requirement, StaffResult, StaffTargets } from '../results/staff.js';
export {
  MAX_CHANGE_FACTOR,
  parseChange,
  parseFraction,
  parseServiceTarget,
  resolveTargets,
} from './staff-targets.js';

export interface StaffOptions {
  /**
   * The targets. Without a service level (`serviceLevel` and `threshold`),
   * the scenario's own apply (serviceLevel.target and threshold, and its
   * `targets:`), each field given here overriding the scenario's.
   */
  readonly targets?: Partial<StaffTargets>;
  /** Replications per evaluation (default: the scenario's). */
  readonly replications?: number;
  readonly seed?: number;
  readonly confidenceLevel?: number;
  readonly threads?: number | 'auto';
  /** Also give each requirement as a fraction, interpolated between n − 1 and n agents. */
  readonly fractional?: boolean;
  /** What-ifs: arrival volumes and handle times multiplied by these. */
  readonly volume?: number;
  readonly aht?: number;
  readonly onProgress?: (event: { interval: number; intervals: number; evaluations: number }) => void;
}

/** A what-if plan with its baseline: the base summary, and per interval and group the change in agents. */
export function compareWithBase(plan: StaffResult, base: StaffResult): StaffResult {
  const before = new Map(base.requirements.map((r) => [`${r.interval}\u0000${r.group}`, r.agents]));
  return {
    ...plan,
    requirements: plan.requirements.map((r) => {
      const baseAgents = before.get(`${r.interval}\u0000${r.group}`);
      return baseAgents === undefined ? r : { ...r, baseAgents, change: r.agents - baseAgents };
    }),
    base: {
      cost: base.cost,
      agentHours: base.agentHours,
      requirements: base.requirements.map((r) => ({
        interval: r.interval,
        group: r.group,
        agents: r.agents,
      })),
    },
  };
}

interface Planner {
  readonly base: BaseScenario;
  readonly input: Json;
  readonly model: CompiledScenario;
  readonly targets: StaffTargets;
  readonly targetsFrom: StaffResult['targetsFrom'];
  readonly runner: Runner;
  /** Per call type (index): the groups that take it at their best level. */
  readonly firstChoice: readonly number[][];
  readonly seed: number;
  readonly replications: number;
  readonly level: number;
  evaluations: number;
}

/** A run of the scenario with this staffing and no arrivals after interval `upTo`. */
async function evaluate(p: Planner, staffing: number[][], upTo: number): Promise<RunResult> {
  const G = p.model.agentGroups.length;
  const counts = new Map<number, number[]>();
  // Intervals after `upTo` have no arrivals; the calls still waiting at its end meet the same
  // staffing as `upTo` (their own is not planned yet).
  for (let g = 0; g < G; g++)
    counts.set(
      g,
      staffing.map((row, i) => (i <= upTo ? row : staffing[upTo])[g]),
    );
  const input = withStaffing(p.base, p.input, counts, upTo + 1, {
    threshold: p.targets.threshold,
    target: p.targets.serviceLevel,
  });
  const label = JSON.stringify({ staff: staffing.slice(0, upTo + 1), upTo });
  const model = compileVariant(p.base, input, label);
  p.evaluations++;
  return simulate(model, {
    replications: p.replications,
    seed: p.seed,
    confidenceLevel: p.level,
    runner: p.runner,
  });
}

interface Verdict {
  readonly meets: boolean;
  /** Per call type (index), how far it is from its targets (0 when met). */
  readonly gaps: number[];
}

function judge(p: Planner, result: RunResult, i: number, staffing: readonly number[]): Verdict {
  const row = result.byInterval[i];
  const t = p.targets;
  const gaps = p.model.callTypes.map((type) => {
    const k = row.byCallType[type.name];
    if (k === undefined || !((k.offered?.mean ?? 0) > 0)) return 0;
    let gap = 0;
    const sl = k.serviceLevel?.mean;
    if (sl !== null && sl !== undefined) gap = Math.max(gap, t.serviceLevel - sl);
    const ab = k.abandonRate?.mean;
    if (t.maxAbandonRate !== undefined && ab !== null && ab !== undefined)
      gap = Math.max(gap, ab - t.maxAbandonRate);
    const asa = k.asa?.mean;
    if (t.maxAsa !== undefined && asa !== null && asa !== undefined)
      gap = Math.max(gap, (asa - t.maxAsa) / Math.max(t.maxAsa, 1));
    return gap;
  });
  let meets = gaps.every((g) => g <= 0);
  if (t.maxOccupancy !== undefined) {
    p.model.agentGroups.forEach((group, g) => {
      const occ = row.byAgentGroup[group.name]?.occupancy?.mean;
      if (staffing[g] > 0 && occ !== null && occ !== undefined && occ > (t.maxOccupancy as number))
        meets = false;
    });
  }
  return { meets, gaps };
}

/**
 * How far a group is above its share: its agents over its share of the
 * closed forms' requirement (the split in proportion to the scenario's
 * agents). Growing the group furthest below its share, and shrinking the one
 * furthest above, keeps the split stable: on a flat forecast every interval
 * gets the same split, give or take the one agent the simulation's noise
 * decides. (Choosing by simulated occupancy, as before, let that noise pick
 * the group: the split jittered by 2-3 agents between identical intervals.)
 */
function shareRatio(staffing: readonly number[], share: readonly number[], g: number): number {
  return staffing[g] / Math.max(share[g], 0.5);
}

/**
 * The group to add an agent to: of the first-choice groups of the call type
 * with the largest gap, the one furthest below its share (ties: the first).
 * When only an occupancy ceiling is broken, the group above it.
 */
function groupToGrow(
  p: Planner,
  result: RunResult,
  i: number,
  verdict: Verdict,
  staffing: readonly number[],
  share: readonly number[],
): number {
  let worst = 0;
  verdict.gaps.forEach((gap, t) => {
    if (gap > verdict.gaps[worst]) worst = t;
  });
  if (verdict.gaps[worst] <= 0) {
    const row = result.byInterval[i];
    let busiest = 0;
    let high = -Infinity;
    p.model.agentGroups.forEach((group, g) => {
      const occ = row.byAgentGroup[group.name]?.occupancy?.mean ?? 0;
      if (staffing[g] > 0 && occ > high) [busiest, high] = [g, occ];
    });
    return busiest;
  }
  const candidates = p.firstChoice[worst];
  let best = candidates[0] ?? 0;
  for (const g of candidates)
    if (shareRatio(staffing, share, g) < shareRatio(staffing, share, best)) best = g;
  return best;
}

/** Loads closer than this (relative, per group) count as the same: the baseline's noise is a few percent. */
const SAME_LOAD = 0.05;

/** True when the closed forms give intervals a and b the same requirement, within SAME_LOAD, for every group. */
function sameLoad(shares: readonly number[][], a: number, b: number): boolean {
  return shares[a].every((x, g) => Math.abs(x - shares[b][g]) <= SAME_LOAD * Math.max(x, shares[b][g], 1));
}

/** Service level of the call type with the smallest one in the interval (the binding one). */
function bindingServiceLevel(result: RunResult, i: number): number | null {
  let low: number | null = null;
  for (const k of Object.values(result.byInterval[i].byCallType)) {
    const sl = k.serviceLevel?.mean;
    if ((k.offered?.mean ?? 0) > 0 && sl !== null && sl !== undefined)
      low = low === null ? sl : Math.min(low, sl);
  }
  return low;
}

const MAX_STEPS = 400;
/** Fewest replications of the baseline run (see plan()). */
const BASELINE_REPLICATIONS = 40;
/** Whole-plan checks after the interval-by-interval pass. */
const MAX_CHECKS = 5;

export async function staff(source: ScenarioFile, options: StaffOptions = {}): Promise<StaffResult> {
  const base = readBaseScenario(source);
  const targets = resolveTargets(options.targets, base.loaded.scenario);
  const volume = options.volume ?? 1;
  const aht = options.aht ?? 1;
  const input = withWhatIfs(base.input, volume, aht);
  const model = compileVariant(base, input, JSON.stringify({ volume, aht }));
  const runner = new ReplicationRunner({ threads: options.threads ?? 'auto' });
  const p: Planner = {
    base,
    input,
    model,
    ...targets,
    runner,
    firstChoice: model.callTypes.map((_, t) => firstChoiceGroups(model, t)),
    seed: options.seed ?? model.seed,
    replications: options.replications ?? model.replications,
    level: options.confidenceLevel ?? 0.95,
    evaluations: 0,
  };
  try {
    return await plan(p, options);
  } finally {
    await runner.close();
  }
}

async function plan(p: Planner, options: StaffOptions): Promise<StaffResult> {
  const { model } = p;
  const I = model.clock.intervalCount;
  const G = model.agentGroups.length;
  // The baseline's offered calls set each group's share of the work: with few replications their
  // noise alone moves a share by an agent between identical intervals, so it runs at least
  // BASELINE_REPLICATIONS (the first `replications` of them are those of every evaluation).
  const baseline = await simulate(model, {
    replications: Math.max(p.replications, BASELINE_REPLICATIONS),
    seed: p.seed,
    confidenceLevel: p.level,
    runner: p.runner,
  });
  p.evaluations++;
  const forms = closedForms(model, baseline, p.targets);
  const { shares } = forms;
  // Start every interval at the Erlang A estimate (Erlang C where A has none).
  const staffing: number[][] = Array.from({ length: I }, (_, i) =>
    Array.from(
      { length: G },
      (_, g) => forms.erlangA[i][g] ?? forms.erlangC[i][g] ?? scheduledAgents(model, g, i),
    ),
  );
  const finals: RunResult[] = [];
  const fractional: number[][] = Array.from({ length: I }, () => new Array<number>(G).fill(NaN));
  let steps = 0;
  for (let i = 0; i < I; i++) {
    // Hysteresis: an interval whose closed forms ask for about what the previous one's did starts from
    // the previous interval's plan, so that a flat forecast gives a flat plan (the search below
    // still adds or gives back agents as the simulation requires).
    if (i > 0 && sameLoad(shares, i - 1, i)) staffing[i] = [...staffing[i - 1]];
    let result = await evaluate(p, staffing, i);
    let verdict = judge(p, result, i, staffing[i]);
    const share = shares[i];
    while (!verdict.meets && steps++ < MAX_STEPS) {
      const g = groupToGrow(p, result, i, verdict, staffing[i], share);
      staffing[i][g]++;
      result = await evaluate(p, staffing, i);
      verdict = judge(p, result, i, staffing[i]);
    }
    // Give back agents while the targets hold, one at a time from the group furthest above its
    // share (ties: the first); a group that cannot give one back is done. The mirror of the growth
    // above: the split follows the shares, and the simulation's noise moves the total, not the split.
    const done = new Set<number>();
    while (steps++ < MAX_STEPS) {
      let g = -1;
      for (let k = 0; k < G; k++) {
        if (staffing[i][k] === 0 || done.has(k)) continue;
        if (g < 0 || shareRatio(staffing[i], share, k) > shareRatio(staffing[i], share, g)) g = k;
      }
      if (g < 0) break;
      staffing[i][g]--;
      const trial = await evaluate(p, staffing, i);
      if (judge(p, trial, i, staffing[i]).meets) {
        result = trial;
        continue;
      }
      if (options.fractional === true) {
        const below = bindingServiceLevel(trial, i);
        const at = bindingServiceLevel(result, i);
        const n = staffing[i][g] + 1;
        fractional[i][g] =
          below !== null && at !== null && at > below
            ? n - 1 + Math.min(1, Math.max(0, (p.targets.serviceLevel - below) / (at - below)))
            : n;
      }
      staffing[i][g]++;
      done.add(g);
    }
    finals.push(result);
    options.onProgress?.({ interval: i + 1, intervals: I, evaluations: p.evaluations });
  }
  // Check the whole plan in one run: each interval's calls carried into the next now meet that
  // interval's planned staffing. Where one falls short, add an agent as above, and check again.
  let whole = await evaluate(p, staffing, I - 1);
  for (let round = 0; round < MAX_CHECKS; round++) {
    let changed = false;
    for (let i = 0; i < I; i++) {
      const verdict = judge(p, whole, i, staffing[i]);
      if (verdict.meets) continue;
      staffing[i][groupToGrow(p, whole, i, verdict, staffing[i], shares[i])]++;
      changed = true;
    }
    if (!changed) break;
    whole = await evaluate(p, staffing, I - 1);
  }
  finals.fill(whole);
  return summarize(p, staffing, forms, finals, fractional, options);
}

function summarize(
  p: Planner,
  staffing: number[][],
  forms: ReturnType<typeof closedForms>,
  finals: readonly RunResult[],
  fractional: number[][],
  options: StaffOptions,
): StaffResult {
  const { model } = p;
  const requirements: Requirement[] = [];
  const byInterval: IntervalOutcome[] = [];
  let cost = 0;
  let agentHours = 0;
  staffing.forEach((row, i) => {
    const label = formatClockTime(intervalClockStart(model.clock, i));
    const hours = intervalLength(model.clock, i) / 3600;
    const result = finals[i];
    const interval = result.byInterval[i];
    byInterval.push({ interval: label, kpis: interval.kpis, meets: judge(p, result, i, row).meets });
    model.agentGroups.forEach((group, g) => {
      const shrinkage = p.base.loaded.scenario.agentGroups[g].shrinkage;
      const k = interval.byAgentGroup[group.name] ?? {};
      requirements.push({
        interval: label,
        group: group.name,
        agents: row[g],
        ...(options.fractional === true
          ? { fractional: Number.isNaN(fractional[i][g]) ? row[g] : Math.round(fractional[i][g] * 100) / 100 }
          : {}),
        erlangC: forms.erlangC[i][g],
        erlangA: forms.erlangA[i][g],
        headcount: Math.ceil(row[g] / (1 - shrinkage) - 1e-9),
        kpis: {
          serviceLevel: interval.kpis.serviceLevel,
          asa: interval.kpis.asa,
          abandonRate: interval.kpis.abandonRate,
          occupancy: k.occupancy,
          answered: k.answered,
        },
      });
      cost += row[g] * hours * group.costPerHour;
      agentHours += row[g] * hours;
    });
  });
  return {
    scenario: { name: model.name, file: p.base.file, hash: p.base.loaded.hash },
    targets: p.targets,
    targetsFrom: p.targetsFrom,
    seed: p.seed,
    replications: p.replications,
    confidenceLevel: p.level,
    whatIf: { volume: options.volume ?? 1, aht: options.aht ?? 1 },
    requirements,
    byInterval,
    cost: model.agentGroups.some((g) => g.costPerHour > 0) ? Math.round(cost * 100) / 100 : null,
    agentHours: Math.round(agentHours * 100) / 100,
    evaluations: p.evaluations,
  };
}
