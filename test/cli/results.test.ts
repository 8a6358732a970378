/**
 * `ccsim query` and `ccsim export` on a results database written by `ccsim run`.
 */
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
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

describe('ccsim query keeps to the results database', () => {
  const refused = /query refused: it reaches outside the results database .*--allow-external/;

  it('refuses COPY … TO with exit 2 and writes no file', async () => {
    const target = join(mkdtempSync(join(tmpdir(), 'ccsim-copy-')), 'leak.csv');
    const r = await cli('query', db, `COPY (SELECT * FROM kpis) TO '${target}'`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(refused);
    expect(existsSync(target)).toBe(false);
  });

  it('refuses read_text, read_csv, ATTACH and turning the guard off', async () => {
    for (const sql of [
      "SELECT * FROM read_text('/etc/hostname')",
      "SELECT * FROM read_csv('/etc/passwd')",
      `ATTACH '${join(tmpdir(), 'other.duckdb')}'`,
      'SET enable_external_access = true',
    ]) {
      const r = await cli('query', db, sql);
      expect(r.code, sql).toBe(2);
      expect(r.stderr, sql).toMatch(refused);
      expect(r.stdout, sql).toBe('');
    }
  });

  it('reads other files with --allow-external', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ccsim-text-')), 'note.txt');
    writeFileSync(file, 'trusted');
    const r = await cli(
      'query',
      db,
      `SELECT content FROM read_text('${file}')`,
      '--allow-external',
      '--json',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([{ content: 'trusted' }]);
  });
});

describe('ccsim query on a large result', () => {
  const big = 'SELECT range AS i, range * 0.5 AS half FROM range(200000)';

  it('shows the first 1000 rows as a table and says how many there are', async () => {
    const r = await cli('query', db, big);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2 + 1000 + 1);
    expect(lines[2]).toMatch(/^0\s+0$/);
    expect(lines.at(-1)).toBe(
      '(first 1000 of 200000 rows: raise --limit, or --format csv or jsonl for every row)',
    );
  });

  it('streams every row as CSV and as JSON lines', async () => {
    const csv = await cli('query', db, big, '--format', 'csv');
    expect(csv.code).toBe(0);
    const rows = csv.stdout.trimEnd().split('\n');
    expect(rows).toHaveLength(200001);
    expect(rows[0]).toBe('i,half');
    expect(rows[200000]).toBe('199999,99999.5');
    const jsonl = await cli('query', db, big, '--format', 'jsonl');
    const objects = jsonl.stdout.trimEnd().split('\n');
    expect(objects).toHaveLength(200000);
    expect(JSON.parse(objects[123])).toEqual({ i: 123, half: 61.5 });
  });

  it('prints a JSON array of every row, or --limit of them with a notice', async () => {
    const all = await cli('query', db, big, '--format', 'json');
    expect(all.code).toBe(0);
    expect(JSON.parse(all.stdout)).toHaveLength(200000);
    const some = await cli('query', db, big, '--json', '--limit', '3');
    expect(JSON.parse(some.stdout)).toEqual([
      { i: 0, half: 0 },
      { i: 1, half: 0.5 },
      { i: 2, half: 1 },
    ]);
    expect(some.stderr).toContain('printed the first 3 of 200000 rows');
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
