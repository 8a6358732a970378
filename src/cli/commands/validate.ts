/**
 * `ccsim validate <file...>`: check scenario files without running them. A
 * shift template file (`ccsim shifts --templates`) is recognised by its
 * top-level `shifts:` list and checked as one.
 */
import type { Argv } from 'yargs';
import { parse as parseYaml } from 'yaml';
import { loadModel, readTextFile, ScenarioError } from '../../model/scenario/index.js';
import { MAX_INPUT_BYTES } from '../../planning/input-file.js';
import { looksLikeShiftTemplates, parseTemplates } from '../../planning/shift-templates.js';
import type { AllowReadArgs } from '../allow-read.js';
import { loadOptionsOf } from '../allow-read.js';
import type { CliIo } from '../io.js';

export function validateOptions<T>(y: Argv<T>) {
  return y
    .positional('scenarios', {
      type: 'string',
      array: true,
      demandOption: true,
      describe: 'scenario files (or shift template files)',
    })
    .option('json', { type: 'boolean', default: false, describe: 'print the problems as JSON' })
    .example('$0 validate scenarios/*.yaml', 'check every bundled scenario')
    .example('$0 validate scenarios/shifts/shift-templates.yaml', 'check shift templates');
}

/** The file's text when it parses as shift templates (a top-level `shifts:` list, no scenario fields). */
function shiftTemplatesText(file: string): string | undefined {
  let text: string;
  try {
    // Only a regular UTF-8 file of a sensible size (the planner's reader): else the scenario loader says why.
    text = readTextFile(file, MAX_INPUT_BYTES).text;
  } catch {
    return undefined;
  }
  try {
    return looksLikeShiftTemplates(parseYaml(text, { maxAliasCount: 100 })) ? text : undefined;
  } catch {
    return undefined; // not valid YAML: the scenario loader names the line
  }
}

/** Validates each file; returns the problems found (empty: all valid). */
export function validateCommand(
  args: { scenarios: string[]; json: boolean } & AllowReadArgs,
  io: CliIo,
): ScenarioError[] {
  const errors: ScenarioError[] = [];
  const report: Array<{ file: string; kind: string; valid: boolean; problems: unknown[] }> = [];
  for (const file of args.scenarios) {
    const templates = shiftTemplatesText(file);
    const kind = templates === undefined ? 'scenario' : 'shift templates';
    try {
      let summary: string;
      if (templates !== undefined) {
        const parsed = parseTemplates(templates, file);
        const starts = parsed.reduce((n, t) => n + t.starts.length, 0);
        summary = `shift templates: ${parsed.length} template(s), ${starts} shift option(s)`;
      } else {
        const model = loadModel(file, loadOptionsOf(args));
        summary = `${model.name}: ${model.callTypes.length} call type(s), ${model.agentGroups.length} agent group(s)`;
      }
      report.push({ file, kind, valid: true, problems: [] });
      if (!args.json) io.stdout(`${file}: valid (${summary})\n`);
    } catch (error) {
      if (!(error instanceof ScenarioError)) throw error;
      errors.push(error);
      report.push({ file, kind, valid: false, problems: [...error.problems] });
      if (!args.json)
        io.stderr(
          `${templates !== undefined ? `${file}: checked as a shift template file (a top-level "shifts:" list)\n` : ''}${error.message}\n`,
        );
    }
  }
  if (args.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  return errors;
}
