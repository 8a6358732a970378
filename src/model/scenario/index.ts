export type { Scenario, CallTypeSpec, AgentGroupSpec, DistributionInput } from './schema/index.js';
export { scenarioSchema } from './schema/index.js';
export type { LoadedScenario } from './load.js';
export { loadScenarioFile, parseScenarioText, readScenarioFileText } from './load.js';
export type { InputFile, LoadOptions } from './input-files.js';
export {
  InputFileError,
  MAX_CSV_BYTES,
  MAX_SCENARIO_BYTES,
  MAX_SCENARIO_ENTRIES,
  readTextFile,
} from './input-files.js';
export type { CompiledScenario, CompiledCallType, CompiledAgentGroup, Clock } from './compile.js';
export { compileScenario, intervalClockStart, intervalLength } from './compile.js';
export type { ScenarioProblem, FieldPath } from './problems.js';
export { ScenarioError, formatProblem, formatPath } from './problems.js';
export { formatClockTime, formatDuration, parseClockTime, parseDurationString } from './units.js';

import { compileScenario } from './compile.js';
import type { CompiledScenario } from './compile.js';
import type { LoadOptions } from './input-files.js';
import { loadScenarioFile, parseScenarioText } from './load.js';

/**
 * Reads, validates and compiles a scenario file; throws ScenarioError on bad
 * input. The files it names (CSV forecasts) are read only from its folder,
 * or from `options.allowRead`.
 */
export function loadModel(file: string, options: LoadOptions = {}): CompiledScenario {
  return compileScenario(loadScenarioFile(file, options));
}

/**
 * Validates and compiles scenario text (YAML or JSON); throws ScenarioError
 * on bad input. Files it names are relative to the folder of `label`.
 */
export function modelFromText(text: string, label = '<inline>', options: LoadOptions = {}): CompiledScenario {
  return compileScenario(parseScenarioText(text, label, options));
}
export type { ScenarioSource } from './load.js';
export type { SharedReads } from './load.js';
export {
  readScenarioText,
  readYamlDocument,
  scenarioHash,
  sharedReads,
  validateScenarioInput,
} from './load.js';
