/** What a user is told when a replication cannot go on: the scenario is at fault, not the engine. */
import type { ZeroTimeCycleError } from '../../kernel/simulator.js';
import type { CompiledScenario } from '../scenario/compile.js';
import { ScenarioError } from '../scenario/problems.js';
import { formatClockTime } from '../scenario/units.js';
import type { CallCapacityError } from './call-store.js';

function whenOf(model: CompiledScenario, time: number): string {
  const { clock } = model;
  return time < clock.measureStart
    ? 'during the warm-up'
    : `at ${formatClockTime(clock.start + time - clock.measureStart)}`;
}

/** Calls piled up beyond what memory allows. */
export function tooManyCalls(model: CompiledScenario, error: CallCapacityError, now: number): ScenarioError {
  return new ScenarioError([
    {
      file: model.source.file,
      path: [],
      message:
        `more than ${error.capacity.toLocaleString('en')} calls were in the center at once ${whenOf(model, now)}, ` +
        `the most one replication may hold (see "Limits" in the README): far too few agents for the ` +
        `arrivals; add agents, or give callers a patience or the call types a maxQueue`,
    },
  ]);
}

/** Calls kept repeating at one instant (validation should have prevented it). */
export function stalled(model: CompiledScenario, error: ZeroTimeCycleError): ScenarioError {
  return new ScenarioError([
    {
      file: model.source.file,
      path: [],
      message:
        `the simulation stopped advancing ${whenOf(model, error.time)}: ${error.events.toLocaleString('en')} events in a row ` +
        `at that instant (among them '${error.kind}'); look for zero durations that let calls repeat ` +
        `at once (handle time, after-call work, redial or callback delays)`,
    },
  ]);
}
