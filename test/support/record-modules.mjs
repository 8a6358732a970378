// Loaded with `node --import <this file>`: appends the URL of every ES module the process loads, one per
// line, to the file named by CCSIM_RECORD_MODULES. The hooks run on the loader thread, so the list
// is written there, synchronously, as each module loads.
import { register } from 'node:module';

register(
  `data:text/javascript,${encodeURIComponent(`
import { appendFileSync } from 'node:fs';
let file;
export function initialize(data) { file = data.file; }
export async function load(url, context, nextLoad) {
  appendFileSync(file, url + '\\n');
  return nextLoad(url, context);
}
`)}`,
  { data: { file: process.env.CCSIM_RECORD_MODULES } },
);
