/**
 * Step 2 of the staffing plan (see staff.ts): the closed forms' starting
 * point per interval and group, from the baseline run's load: Erlang C and
 * Erlang A per voice call type, load ÷ 0.85 for chat and e-mail, each call
 * type's requirement split over its first-choice groups in proportion to
 * their scheduled agents.
 */
import { staffErlangA, staffErlangC } from '../analytic/staffing.js';
import type { RunResult } from '../experiment/run-result.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import { intervalLength } from '../model/scenario/index.js';
import { Channel } from '../model/scenario/compile.js';
import type { StaffTargets } from '../results/staff.js';

/** Groups (indices) that take call type t at their best level. */
export function firstChoiceGroups(model: CompiledScenario, t: number): number[] {
  const routes = model.callTypes[t].routes;
  if (routes.length === 0) return [];
  const best = Math.min(...routes.map((r) => r.level));
  return routes.filter((r) => r.level === best).map((r) => r.group);
}

/** Agents a group has on duty in interval i in the scenario as written (before shrinkage). */
export function scheduledAgents(model: CompiledScenario, g: number, i: number): number {
  const { schedule } = model.agentGroups[g];
  const t = model.clock.measureStart + i * model.clock.intervalLength;
  let k = 0;
  while (k + 1 < schedule.times.length && schedule.times[k + 1] <= t) k++;
  return schedule.counts[k];
}

/** Per interval and group: the closed forms' requirement (shares of each call type's). */
export function closedForms(
  model: CompiledScenario,
  baseline: RunResult,
  targets: StaffTargets,
): {
  erlangC: Array<Array<number | null>>;
  erlangA: Array<Array<number | null>>;
  /** Per interval and group, the unrounded requirement the split gives it (Erlang A, else C): its share. */
  shares: number[][];
} {
  const G = model.agentGroups.length;
  const erlangC: Array<Array<number | null>> = [];
  const erlangA: Array<Array<number | null>> = [];
  const shares: number[][] = [];
  const firstChoice = model.callTypes.map((_, t) => firstChoiceGroups(model, t));
  baseline.byInterval.forEach((row, i) => {
    const c: Array<number | null> = new Array<number | null>(G).fill(0);
    const a: Array<number | null> = new Array<number | null>(G).fill(0);
    const hours = intervalLength(model.clock, i) / 3600;
    model.callTypes.forEach((type, t) => {
      const offered = row.byCallType[type.name]?.offered?.mean ?? 0;
      if (!(offered > 0)) return;
      const groups = firstChoice[t];
      const rate = offered / hours;
      const aht = type.handleTime.mean;
      let needC: number | null;
      let needA: number | null;
      if (type.channel === Channel.voice) {
        const input = {
          arrivalRatePerHour: rate,
          meanServiceSeconds: aht,
          thresholdSeconds: targets.threshold,
          targetServiceLevel: targets.serviceLevel,
          maxAsaSeconds: targets.maxAsa,
          maxOccupancy: targets.maxOccupancy,
        };
        const ec = staffErlangC(input);
        needC = ec.feasible ? ec.agents : null;
        const patience = type.patience?.mean;
        if (patience !== undefined && Number.isFinite(patience) && patience > 0) {
          const ea = staffErlangA({
            ...input,
            meanPatienceSeconds: patience,
            maxAbandonRate: targets.maxAbandonRate,
          });
          needA = ea.feasible ? ea.agents : null;
        } else needA = needC;
      } else {
        // No Erlang model for chats and e-mails: their load at 85% occupancy (chats share an agent).
        const concurrency = groups.length > 0 ? model.agentGroups[groups[0]].concurrency : 1;
        const load = (rate * aht) / 3600 / (type.channel === Channel.chat ? concurrency : 1);
        needC = needA = Math.ceil(load / 0.85);
      }
      const weights = groups.map((g) => scheduledAgents(model, g, i));
      const total = weights.reduce((x, y) => x + y, 0);
      groups.forEach((g, k) => {
        const share = total > 0 ? weights[k] / total : 1 / groups.length;
        c[g] = c[g] === null || needC === null ? null : (c[g] as number) + share * needC;
        a[g] = a[g] === null || needA === null ? null : (a[g] as number) + share * needA;
      });
    });
    shares.push(a.map((x, g) => x ?? c[g] ?? scheduledAgents(model, g, i)));
    erlangC.push(c.map((x) => (x === null ? null : Math.ceil(x - 1e-9))));
    erlangA.push(a.map((x) => (x === null ? null : Math.ceil(x - 1e-9))));
  });
  return { erlangC, erlangA, shares };
}
