/**
 * Editor support (issue 11, item 11): the JSON Schema of scenario and shift
 * template files, printed by `ccsim schema`, committed under schema/, named
 * on the first line of every bundled file, and checked by a real JSON Schema
 * validator (ajv, draft-07) against every bundled file.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { SCHEMAS, schemaText } from '../../src/cli/commands/schema.js';
import type { SchemaName } from '../../src/cli/commands/schema.js';
import { fieldPaths, SCENARIO_FIELDS, scenarioJsonSchema } from '../../src/model/scenario/json-schema.js';
import {
  SHIFT_TEMPLATE_FIELDS,
  shiftTemplatesJsonSchema,
} from '../../src/planning/shift-templates-json-schema.js';
import { cli } from '../support/cli.js';

const ROOT = resolve(import.meta.dirname, '../..');
const SCENARIO_FILES = readdirSync(join(ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(ROOT, 'scenarios', f));
const TEMPLATE_FILES = readdirSync(join(ROOT, 'scenarios/shifts'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(ROOT, 'scenarios/shifts', f));

function validator(schema: object) {
  const ajv = new Ajv({ allErrors: true });
  expect(ajv.validateSchema(schema), ajv.errorsText(ajv.errors)).toBe(true);
  const validate = ajv.compile(schema);
  return (data: unknown) => {
    const valid = validate(data);
    return valid ? [] : (validate.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
  };
}

describe('ccsim schema', () => {
  it('prints the scenario schema by default, and the shift-template schema when asked', async () => {
    const scenario = await cli('schema');
    expect(scenario.code).toBe(0);
    expect(JSON.parse(scenario.stdout)).toEqual(scenarioJsonSchema());
    const templates = await cli('schema', 'shift-templates');
    expect(templates.code).toBe(0);
    expect(JSON.parse(templates.stdout)).toEqual(shiftTemplatesJsonSchema());
    const unknown = await cli('schema', 'roster');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/Choices: "scenario", "shift-templates"/);
  });

  it.each(Object.keys(SCHEMAS) as SchemaName[])(
    'schema/%s.schema.json is the generated schema (npm run schema writes it)',
    async (name) => {
      const committed = readFileSync(join(ROOT, 'schema', `${name}.schema.json`), 'utf8');
      expect(committed, `schema/${name}.schema.json is stale: run npm run schema`).toBe(
        await schemaText(name),
      );
    },
  );
});

describe('the scenario JSON Schema', () => {
  const schema = scenarioJsonSchema();
  const check = validator(schema);

  it.each(SCENARIO_FILES.map((f) => [relative(ROOT, f), f]))('accepts %s', (_name, file) => {
    expect(check(parseYaml(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('rejects what ccsim rejects field by field: unknown fields, bad durations, clock times and enums', () => {
    const problems = check(
      parseYaml(`
horizon: 8 hours
start: "8am"
callTypes:
  - name: sales
    channel: fax
    arrivals: { ratePerHour: 100 }
    handleTime: { dist: exponential, mean: 4m }
agentGroups:
  - { name: team, agnets: 5, skills: [sales] }
`),
    );
    expect(problems.join('\n')).toMatch(/\.horizon/);
    expect(problems.join('\n')).toMatch(/\.start /);
    expect(problems.join('\n')).toMatch(
      /\.callTypes\[0\]\.channel should be equal to one of the allowed values/,
    );
    expect(problems.join('\n')).toMatch(/\.agentGroups\[0\] should NOT have additional properties/);
  });

  it('describes every field, and says what a duration or clock time may be', () => {
    const undescribed = fieldPaths(schema).filter((path) => descriptionAt(schema, path) === undefined);
    expect(undescribed).toEqual([]);
    const horizon = (schema.properties as Record<string, { description: string; anyOf: unknown[] }>).horizon;
    expect(horizon.description).toMatch(/^Measured time.*A duration: seconds as a number, or a string/);
    expect(horizon.anyOf).toEqual([
      { type: 'number', exclusiveMinimum: 0 },
      { type: 'string', pattern: expect.any(String) },
    ]);
  });

  it('has no description for a field that does not exist', () => {
    const paths = fieldPaths(schema);
    const unused = Object.keys(SCENARIO_FIELDS).filter(
      (key) => !paths.some((path) => path === key || path.endsWith(`.${key}`)),
    );
    expect(unused).toEqual([]);
  });
});

describe('the shift-template JSON Schema', () => {
  const schema = shiftTemplatesJsonSchema();
  const check = validator(schema);

  it.each(TEMPLATE_FILES.map((f) => [relative(ROOT, f), f]))('accepts %s', (_name, file) => {
    expect(check(parseYaml(readFileSync(file, 'utf8')))).toEqual([]);
  });

  it('rejects a misspelled field', () => {
    expect(check({ shifts: [{ name: 'early', lenght: '8h', start: ['08:00'] }] }).join('\n')).toMatch(
      /should NOT have additional properties/,
    );
  });

  it('describes every field, and no field that does not exist', () => {
    const paths = fieldPaths(schema);
    expect(paths.filter((path) => descriptionAt(schema, path) === undefined)).toEqual([]);
    const unused = Object.keys(SHIFT_TEMPLATE_FIELDS).filter(
      (key) => !paths.some((path) => path === key || path.endsWith(`.${key}`)),
    );
    expect(unused).toEqual([]);
  });
});

describe('bundled files name their schema for editors', () => {
  it.each([
    ...SCENARIO_FILES.map((f) => [relative(ROOT, f), f, 'scenario']),
    ...TEMPLATE_FILES.map((f) => [relative(ROOT, f), f, 'shift-templates']),
  ])('%s starts with a yaml-language-server line that finds the schema', (_name, file, format) => {
    const first = readFileSync(file, 'utf8').split('\n')[0];
    const match = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
    expect(match, `first line of ${file}`).not.toBeNull();
    expect(resolve(dirname(file), match![1])).toBe(join(ROOT, 'schema', `${format}.schema.json`));
  });
});

/** The description of the property at `path` (`$.callTypes.*.name`) in any branch, if one has it. */
function descriptionAt(schema: unknown, path: string): string | undefined {
  const [, ...segments] = path.split('.');
  let nodes: unknown[] = [schema];
  for (const segment of segments) {
    nodes = nodes.flatMap(branches).flatMap((node) => {
      const s = node as Record<string, unknown>;
      if (segment === '*') {
        return [s.items, typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined];
      }
      return [(s.properties as Record<string, unknown> | undefined)?.[segment]];
    });
    nodes = nodes.filter((n) => n !== undefined);
  }
  const described = nodes
    .map((n) => (n as { description?: string }).description)
    .find((d) => d !== undefined);
  return described;
}

function branches(node: unknown): unknown[] {
  const s = node as Record<string, unknown[] | undefined>;
  const nested = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  return [node, ...nested.flatMap(branches)];
}

describe('a reader that stops early', () => {
  it('ends ccsim quietly (`ccsim schema | head`)', async () => {
    const child = spawn(process.execPath, ['bin/ccsim.js', 'schema'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Close the pipe before ccsim writes, as `head` does before ccsim is done.
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
