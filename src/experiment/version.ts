/** ccsim's version (package.json), recorded in results databases and reports. */
import { readFileSync } from 'node:fs';

export const CCSIM_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
