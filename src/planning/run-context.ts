/**
 * A run made ready for its report (see src/results/run-context.ts): the
 * scenario facts the charts and the inputs section read, and the Erlang
 * requirement per interval, taken from the compiled scenario here.
 */
import type { RunResult } from '../experiment/run-result.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import { Channel, DEFAULT_SERVICE_LEVEL_TARGET } from '../model/scenario/compile.js';
import type { ReportedRun, ScenarioFacts } from '../results/run-context.js';
import { erlangRequirements } from './erlang-requirement.js';

export function scenarioFacts(model: CompiledScenario): ScenarioFacts {
  return {
    name: model.name,
    text: model.source.text,
    clock: model.clock,
    serviceLevel: {
      threshold: model.serviceLevel.threshold,
      target: model.serviceLevel.target ?? DEFAULT_SERVICE_LEVEL_TARGET,
    },
    sites: model.sites.map((site) => site.name),
    callTypes: model.callTypes.length,
    nonVoice: model.callTypes.some((c) => c.channel !== Channel.voice),
    withPatience: model.callTypes.some((c) => c.patience !== null),
    entryPoints: model.entryPoints.length,
    scheduledOutages: model.outages.flatMap((o) =>
      o.at === null
        ? []
        : [
            {
              site: model.sites[o.site].name,
              at: o.at,
              duration: o.duration,
              detectionDelay: o.detectionDelay,
            },
          ],
    ),
  };
}

export function reportedRun(result: RunResult, model: CompiledScenario): ReportedRun {
  return { result, scenario: scenarioFacts(model), requirement: erlangRequirements(result, model) };
}
