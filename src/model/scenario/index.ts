export type { Scenario, CallTypeSpec, AgentGroupSpec, DistributionInput } from './schema/index.js';
export { scenarioSchema } from './schema/index.js';
export type { LoadedScenario } from './load.js';
export { loadScenarioFile, parseScenarioText } from './load.js';
export type { CompiledScenario, CompiledCallType, CompiledAgentGroup, Clock } from './compile.js';
export { compileScenario, intervalClockStart, intervalLength } from './compile.js';
export type { ScenarioProblem, FieldPath } from './problems.js';
export { ScenarioError, formatProblem, formatPath } from './problems.js';
export { formatClockTime, formatDuration, parseClockTime, parseDurationString } from './units.js';

import { compileScenario } from './compile.js';
import type { CompiledScenario } from './compile.js';
import { loadScenarioFile, parseScenarioText } from './load.js';

/** Reads, validates and compiles a scenario file; throws ScenarioError on bad input. */
export function loadModel(file: string): CompiledScenario {
  return compileScenario(loadScenarioFile(file));
}

/** Validates and compiles scenario text (YAML or JSON); throws ScenarioError on bad input. */
export function modelFromText(text: string, label = '<inline>'): CompiledScenario {
  return compileScenario(parseScenarioText(text, label));
}
export type { ScenarioSource } from './load.js';
export { readScenarioText, validateScenarioInput } from './load.js';
