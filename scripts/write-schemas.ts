/**
 * Writes schema/<format>.schema.json for every format `ccsim schema` knows
 * (test/cli/schema.test.ts checks that the committed files are current).
 *
 *   npm run schema
 */
import { writeFileSync } from 'node:fs';
import { SCHEMAS, schemaText } from '../src/cli/commands/schema.js';
import type { SchemaName } from '../src/cli/commands/schema.js';

for (const name of Object.keys(SCHEMAS) as SchemaName[]) {
  const file = new URL(`../schema/${name}.schema.json`, import.meta.url);
  writeFileSync(file, await schemaText(name));
  console.log(`wrote schema/${name}.schema.json`);
}
