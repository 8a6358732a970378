/**
 * A call type named like an object property (`toString`) in the baseline
 * only: the comparison page has no section for it (a plain lookup found
 * `toString` on the other result's prototype and drew a section of nothing).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { cli } from '../support/cli.js';

it('compares only the call types both scenarios have, whatever their names', async () => {
  const out = mkdtempSync(join(tmpdir(), 'ccsim-compare-names-'));
  const run = await cli(
    'compare',
    'test/fixtures/object-names/with-tostring.yaml',
    'test/fixtures/object-names/with-support.yaml',
    '--reps',
    '3',
    '--out',
    out,
    '--quiet',
  );
  expect(run.code).toBe(0);
  const headings = [...readFileSync(join(out, 'index.html'), 'utf8').matchAll(/<h3[^>]*>([^<]*)/g)].map(
    (m) => m[1],
  );
  expect(headings).not.toContain('Call type toString');
});
