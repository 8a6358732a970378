/**
 * `ccsim validate <scenario...>`: check scenario files without running them.
 */
import type { Argv } from 'yargs';
import { loadModel, ScenarioError } from '../../model/scenario/index.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';

export function validateOptions<T>(y: Argv<T>) {
  return y
    .positional('scenarios', { type: 'string', array: true, demandOption: true, describe: 'scenario files' })
    .option('json', { type: 'boolean', default: false, describe: 'print the problems as JSON' })
    .example('$0 validate scenarios/*.yaml', 'check every bundled scenario');
}

/** Validates each file; returns the problems found (empty: all valid). */
export function validateCommand(
  args: { scenarios: string[]; json: boolean } & AllowReadArgs,
  io: CliIo,
): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const report: Array<{ file: string; valid: boolean; problems: unknown[] }> = [];
  for (const file of args.scenarios) {
    try {
      const model = loadModel(file, loadOptionsOf(args));
      report.push({ file, valid: true, problems: [] });
      if (!args.json) {
        io.stdout(
          `${file}: valid (${model.name}: ${model.callTypes.length} call type(s), ${model.agentGroups.length} agent group(s))\n`,
        );
      }
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      errors.push(error);
      report.push({ file, valid: false, problems: [...error.problems] });
      if (!args.json) io.stderr(`${error.message}\n`);
    }
  }
  if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return errors;
}
