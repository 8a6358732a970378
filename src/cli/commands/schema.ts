/**
 * `ccsim schema [scenario|shift-templates]`: the JSON Schema of a file
 * format, for editors (the YAML language server reads it from a first line
 * `# yaml-language-server: $schema=<path>`). The repository keeps a copy of
 * each in schema/ (`npm run schema` writes them).
 */
import type { Argv } from 'yargs';
import type { JsonSchema } from '../../model/scenario/json-schema.js';
import type { CliIo } from '../io.js';

/** The formats, and how to build each one's schema (loaded on use: shift templates live in planning/). */
export const SCHEMAS = {
  scenario: async () => (await import('../../model/scenario/json-schema.js')).scenarioJsonSchema(),
  'shift-templates': async () =>
    (await import('../../planning/shift-templates-json-schema.js')).shiftTemplatesJsonSchema(),
} as const satisfies Record<string, () => Promise<JsonSchema>>;

export type SchemaName = keyof typeof SCHEMAS;

export function schemaOptions<T>(y: Argv<T>) {
  return y
    .positional('format', {
      choices: Object.keys(SCHEMAS) as SchemaName[],
      default: 'scenario' as SchemaName,
      describe: 'which file format',
    })
    .example('$0 schema > scenario.schema.json', 'the scenario format, for an editor')
    .example('$0 schema shift-templates', 'the format of ccsim shifts --templates files');
}

/** The schema as the committed files hold it: JSON, two-space indent, final newline. */
export async function schemaText(name: SchemaName): Promise<string> {
  return `${JSON.stringify(await SCHEMAS[name](), null, 2)}\n`;
}

export async function schemaCommand(args: { format: SchemaName }, io: CliIo): Promise<void> {
  io.stdout(await schemaText(args.format));
}
