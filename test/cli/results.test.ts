/**
 * `ccsim query` and `ccsim export` on a results database written by `ccsim run`.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

let db = '';

beforeAll(async () => {
  const out = mkdtempSync(join(tmpdir(), 'ccsim-results-'));
  const r = await cli('run', 'scenarios/inbound-sales.yaml', '--reps', '3', '--threads', '1', '--out', out);
  expect(r.code).toBe(0);
  db = join(out, 'results.duckdb');
});

describe('ccsim query', () => {
  it('prints the rows of a query as a table', async () => {
    const r = await cli(
      'query',
      db,
      "SELECT replication, value FROM kpis WHERE kpi = 'offered' AND period = 'all' AND view = 'all' ORDER BY replication",
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^replication\s+value\n/);
    expect(r.stdout).toContain('(3 rows)');
  });

  it('prints JSON with numbers, not strings, for counts', async () => {
    const r = await cli('query', db, 'SELECT count(*) AS n FROM replications', '--json');
    expect(JSON.parse(r.stdout)).toEqual([{ n: 3 }]);
  });

  it('exits 2 with the database error for bad SQL and a missing file', async () => {
    const bad = await cli('query', db, 'SELECT nope FROM kpis');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('query failed');
    const missing = await cli('query', join(tmpdir(), 'no-such.duckdb'), 'SELECT 1');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('no such results database');
  });
});

describe('ccsim export', () => {
  for (const format of ['csv', 'parquet'] as const) {
    it(`writes the tables as ${format}`, async () => {
      const out = mkdtempSync(join(tmpdir(), `ccsim-export-${format}-`));
      const r = await cli('export', db, '--format', format, '--out', out);
      expect(r.code).toBe(0);
      for (const table of ['kpis', 'points', 'replications_summary', 'meta']) {
        expect(existsSync(join(out, `${table}.${format}`)), table).toBe(true);
      }
    });
  }
});
