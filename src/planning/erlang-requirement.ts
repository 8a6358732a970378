/**
 * The closed-form staffing requirement per interval, drawn against the
 * agents on duty: what a spreadsheet with Erlang C (or Erlang A, with the
 * call type's mean patience) would ask for, given the load the simulation
 * saw in each interval.
 *
 * Per interval and voice call type: λ = offered calls ÷ interval length
 * (redials included: they are load), AHT = the call type's simulated mean
 * talk time over the horizon, T and the target from the scenario (80% when
 * the scenario sets none). Call types are staffed each on its own and the
 * requirements added, as a planner does queue by queue; pooled cross-skilled
 * agents need fewer. Chat and e-mail have no Erlang model and are left out.
 */
import { staffErlangA, staffErlangC } from '../analytic/staffing.js';
import type { RunResult } from '../experiment/run-result.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import type { IntervalRequirement } from '../results/run-context.js';
import { Channel, DEFAULT_SERVICE_LEVEL_TARGET, intervalLength } from '../model/scenario/compile.js';

export function erlangRequirements(result: RunResult, model: CompiledScenario): IntervalRequirement[] {
  const target = model.serviceLevel.target ?? DEFAULT_SERVICE_LEVEL_TARGET;
  const threshold = model.serviceLevel.threshold;
  const voice = model.callTypes.filter((c) => c.channel === Channel.voice);
  return result.byInterval.map((row, i) => {
    const hours = intervalLength(model.clock, i) / 3600;
    let erlangC: number | null = 0;
    let erlangA: number | null = 0;
    for (const type of voice) {
      const offered = row.byCallType[type.name]?.offered?.mean ?? 0;
      const aht = result.byCallType[type.name]?.aht?.mean ?? type.handleTime.mean;
      if (!(offered > 0) || !(aht !== null && aht > 0)) continue;
      const base = {
        arrivalRatePerHour: offered / hours,
        meanServiceSeconds: aht,
        thresholdSeconds: threshold,
        targetServiceLevel: target,
      };
      const c = staffErlangC(base);
      erlangC = erlangC === null || !c.feasible ? null : erlangC + c.agents;
      const patience = type.patience?.mean;
      const a =
        patience !== undefined && Number.isFinite(patience) && patience > 0
          ? staffErlangA({ ...base, meanPatienceSeconds: patience })
          : c;
      erlangA = erlangA === null || !a.feasible ? null : erlangA + a.agents;
    }
    return { interval: i, erlangC, erlangA };
  });
}
