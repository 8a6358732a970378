/**
 * The results database never keeps a replication without its KPI rows: each
 * replication's rows are committed together, and a resume verifies and
 * repairs what it reuses (databases torn by older versions).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import { ResultsStore } from '../../src/experiment/results-store.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { simulate } from '../../src/experiment/simulate.js';
import { loadModel } from '../../src/model/scenario/index.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ccsim-integrity-'));
const strip = (r: RunResult) => JSON.stringify({ ...r, performance: undefined });

async function openStore(path: string, model: ReturnType<typeof loadModel>): Promise<ResultsStore> {
  const store = await ResultsStore.open(
    path,
    { command: 'run', scenarioHash: model.source.hash, seed: model.seed, grid: '[]' },
    model.source,
  );
  await store.addPoint(0, {}, model);
  return store;
}

/** Runs SQL statements on the database file (no ccsim code involved), returning the last one's rows. */
async function sql(path: string, ...statements: string[]): Promise<unknown[][]> {
  const instance = await DuckDBInstance.create(path);
  const connection = await instance.connect();
  try {
    let rows: unknown[][] = [];
    for (const s of statements) rows = (await connection.runAndReadAll(s)).getRows();
    return rows;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Every KPI row, in a fixed order, as text: what SQL over the database answers from. */
async function kpiDump(path: string): Promise<string> {
  const rows = await sql(path, 'SELECT * FROM kpi_values ORDER BY point, replication, period, view, name');
  return JSON.stringify(rows, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
}

/** Replications whose KPI rows are not exactly one per period and view, and KPI rows without a replication. */
async function tornReplications(path: string, expected: number): Promise<string[]> {
  const rows = await sql(
    path,
    `SELECT coalesce(r.replication, k.replication) AS replication, count(k.replication) AS n, r.replication IS NULL AS orphan
     FROM replications r FULL JOIN kpi_values k ON r.point = k.point AND r.replication = k.replication
     GROUP BY ALL HAVING orphan OR count(k.replication) <> ${expected} ORDER BY 1`,
  );
  return rows.map((r) => `replication ${String(r[0])}: ${String(r[1])} KPI rows${r[2] ? ' (orphan)' : ''}`);
}

describe('a resume repairs a torn results database', () => {
  it('rebuilds missing, partial and duplicated KPI rows and drops orphans, with identical results', async () => {
    const model = loadModel('scenarios/inbound-sales.yaml');
    const clean = join(tempDir(), 'results.duckdb');
    let store = await openStore(clean, model);
    const reference = await simulate(model, { replications: 6, store: { store, point: 0 } });
    await store.close();
    const perReplication = Number((await sql(clean, 'SELECT count(*) FROM kpi_values'))[0][0]) / 6;

    const torn = join(tempDir(), 'results.duckdb');
    store = await openStore(torn, model);
    await simulate(model, { replications: 5, store: { store, point: 0 } });
    await store.close();
    // The states a kill left with separately flushed tables: KPI rows missing for a replication,
    // half of them for another, written twice for a third, and for a replication never recorded.
    await sql(
      torn,
      'DELETE FROM kpi_values WHERE replication = 1',
      `DELETE FROM kpi_values WHERE replication = 2 AND period <> 'all'`,
      'INSERT INTO kpi_values SELECT * FROM kpi_values WHERE replication = 3',
      'DELETE FROM replications WHERE replication = 4',
    );
    expect(await tornReplications(torn, perReplication)).toHaveLength(4);

    store = await openStore(torn, model);
    const resumed = await simulate(model, { replications: 6, store: { store, point: 0 } });
    await store.close();
    expect(store.repairedReplications).toBe(3);
    expect(resumed.performance.reusedReplications).toBe(4);
    expect(strip(resumed)).toBe(strip(reference));
    expect(await tornReplications(torn, perReplication)).toEqual([]);
    expect(await kpiDump(torn)).toBe(await kpiDump(clean));
  }, 60_000);

  it('drops replications after a gap and runs them again', async () => {
    const model = loadModel('scenarios/default.yaml');
    const path = join(tempDir(), 'results.duckdb');
    let store = await openStore(path, model);
    const reference = await simulate(model, { replications: 4, store: { store, point: 0 } });
    await store.close();
    await sql(path, 'DELETE FROM replications WHERE replication = 1');
    store = await openStore(path, model);
    const resumed = await simulate(model, { replications: 4, store: { store, point: 0 } });
    await store.close();
    expect(store.droppedReplications).toBe(2);
    expect(resumed.performance.reusedReplications).toBe(1);
    expect(strip(resumed)).toBe(strip(reference));
    expect(Number((await sql(path, 'SELECT count(*) FROM replications'))[0][0])).toBe(4);
  }, 60_000);
});

function spawnRun(out: string): { done: Promise<number | null>; kill: () => void } {
  const child = spawn(
    process.execPath,
    [
      'bin/ccsim.js',
      'run',
      'scenarios/inbound-sales.yaml',
      '--reps',
      '400',
      '--threads',
      '1',
      '--json',
      '--out',
      out,
    ],
    { stdio: 'ignore' },
  );
  const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  return { done, kill: () => child.kill('SIGKILL') };
}

describe('kill -9 at random moments', () => {
  it('never leaves a replication without its full set of KPI rows', async () => {
    const model = loadModel('scenarios/inbound-sales.yaml');
    const reference = join(tempDir(), 'results.duckdb');
    const store = await openStore(reference, model);
    await simulate(model, { replications: 1, store: { store, point: 0 } });
    await store.close();
    const perReplication = Number((await sql(reference, 'SELECT count(*) FROM kpi_values'))[0][0]);

    let checked = 0;
    // Moments spread over the run (fixed, so that a failure can be replayed).
    for (const delay of [1100, 2300, 3700, 1600]) {
      const out = tempDir();
      const run = spawnRun(out);
      const wal = join(out, 'results.duckdb.wal');
      for (let waited = 0; !existsSync(wal) && waited < 60_000; waited += 50)
        await new Promise((resolve) => setTimeout(resolve, 50));
      await new Promise((resolve) => setTimeout(resolve, delay));
      run.kill();
      await run.done;
      if (!existsSync(join(out, 'results.duckdb'))) continue;
      expect(await tornReplications(join(out, 'results.duckdb'), perReplication)).toEqual([]);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
  }, 240_000);
});
