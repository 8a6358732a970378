/**
 * Start-up cost (issue 11, item 10): a command loads only the libraries it uses. `erlang`, `validate`
 * and `--help` must not pay for DuckDB, Vega, resvg, piscina, BullMQ/ioredis, HiGHS or cli-progress.
 * Checked on which modules a real `node bin/ccsim.js` process loads (recorded by a module hook), not on
 * times.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const HEAVY = [
  '@duckdb/node-api',
  '@resvg/resvg-js',
  'vega',
  'vega-lite',
  'vega-embed',
  'piscina',
  'bullmq',
  'ioredis',
  'highs',
  'cli-progress',
];

/** The package names (`@scope/name` or `name`) of every module `node bin/ccsim.js ...args` loaded. */
function packagesLoaded(args: string[]): { status: number | null; packages: Set<string>; stderr: string } {
  const record = join(mkdtempSync(join(tmpdir(), 'ccsim-startup-')), 'modules.txt');
  const child = spawnSync(
    process.execPath,
    ['--import', './test/support/record-modules.mjs', 'bin/ccsim.js', ...args],
    { encoding: 'utf8', env: { ...process.env, CCSIM_RECORD_MODULES: record } },
  );
  const packages = new Set<string>();
  for (const url of readFileSync(record, 'utf8').split('\n')) {
    const match = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url);
    if (match?.[1]) packages.add(match[1]);
  }
  return { status: child.status, packages, stderr: child.stderr };
}

describe('start-up loads only what the command uses', () => {
  it.each([
    ['erlang c', ['erlang', 'c', '--rate', '100', '--aht', '180', '--agents', '6']],
    ['validate', ['validate', 'scenarios/default.yaml']],
    ['--help', ['--help']],
    ['schema', ['schema']],
  ])('%s loads no heavy library', (_name, args) => {
    const { status, packages, stderr } = packagesLoaded(args);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    // The recording works: the argument parser is there.
    expect(packages).toContain('yargs');
    expect(HEAVY.filter((name) => packages.has(name))).toEqual([]);
  });

  it.each([
    ['erlang c', ['erlang', 'c', '--rate', '100', '--aht', '4m', '--agents', '6']],
    ['--help', ['--help']],
  ])('%s does not load the scenario format either (zod, yaml)', (_name, args) => {
    const { status, packages } = packagesLoaded(args);
    expect(status).toBe(0);
    expect(['zod', 'yaml'].filter((name) => packages.has(name))).toEqual([]);
  });
});
