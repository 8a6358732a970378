/**
 * The results database: every finished replication is kept; the same run
 * again resumes and gives byte-identical results; another experiment's
 * database is refused.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryResults } from '../../src/experiment/results-query.js';
import { ResultsStore, ResultsStoreError } from '../../src/experiment/results-store.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { simulate } from '../../src/experiment/simulate.js';
import { loadModel } from '../../src/model/scenario/index.js';
import { cli } from '../support/cli.js';

/** The results without `performance`, which reports the work of one invocation (reused replications excluded). */
const strip = (r: RunResult) => JSON.stringify({ ...r, performance: undefined });
const tempDir = () => mkdtempSync(join(tmpdir(), 'ccsim-db-'));

async function openStore(
  path: string,
  model: ReturnType<typeof loadModel>,
  seed = model.seed,
): Promise<ResultsStore> {
  const store = await ResultsStore.open(
    path,
    { command: 'run', scenarioHash: model.source.hash, seed, grid: '[]' },
    model.source,
  );
  await store.addPoint(0, {}, model);
  return store;
}

describe('results database', () => {
  it('resumes a run from the replications kept, with byte-identical results', async () => {
    const model = loadModel('scenarios/default.yaml');
    const path = join(tempDir(), 'results.duckdb');
    let store = await openStore(path, model);
    await simulate(model, { replications: 3, store: { store, point: 0 } });
    await store.close();
    store = await openStore(path, model);
    let ran = 0;
    const resumed = await simulate(model, {
      replications: 7,
      store: { store, point: 0 },
      onProgress: () => ran++,
    });
    await store.close();
    expect(ran).toBe(7); // progress covers the 3 folded in and the 4 run
    expect(strip(resumed)).toBe(strip(await simulate(model, { replications: 7 })));
    const { rows } = await queryResults(path, 'SELECT count(*) AS n FROM replications');
    expect(rows[0].n).toBe(7);
  });

  it('keeps every KPI of every view of every replication for SQL', async () => {
    const model = loadModel('scenarios/inbound-sales.yaml');
    const path = join(tempDir(), 'results.duckdb');
    const store = await openStore(path, model);
    const result = await simulate(model, { replications: 4, store: { store, point: 0 } });
    await store.close();
    const { rows } = await queryResults(
      path,
      "SELECT avg(value) AS offered FROM kpis WHERE kpi = 'offered' AND period = 'all' AND view = 'all'",
    );
    expect(rows[0].offered).toBeCloseTo(result.total.offered.mean!, 9);
    const intervals = await queryResults(
      path,
      "SELECT count(DISTINCT period) AS n FROM kpis WHERE period <> 'all'",
    );
    expect(intervals.rows[0].n).toBe(model.clock.intervalCount);
  });

  it('refuses a database written for another scenario or seed', async () => {
    const path = join(tempDir(), 'results.duckdb');
    const a = loadModel('scenarios/default.yaml');
    // An unfinished experiment with a replication to resume (one holding none would be replaced).
    const store = await openStore(path, a);
    await simulate(a, { replications: 1, store: { store, point: 0 } });
    await store.close();
    await expect(openStore(path, loadModel('scenarios/inbound-sales.yaml'))).rejects.toThrow(
      ResultsStoreError,
    );
    await expect(openStore(path, a, a.seed + 1)).rejects.toThrow(
      /unfinished experiment of seed 42 \(this run uses seed 43\)/,
    );
  });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> & {
  kill: (signal: NodeJS.Signals) => void;
} {
  const child = spawn(process.execPath, ['bin/ccsim.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return Object.assign(done, { kill: (signal: NodeJS.Signals) => child.kill(signal) });
}

async function replicationsIn(dir: string): Promise<number> {
  const { rows } = await queryResults(join(dir, 'results.duckdb'), 'SELECT count(*) AS n FROM replications');
  return Number(rows[0].n);
}

describe('interrupting a run from the command line', () => {
  const REPS = 150;
  const args = (out: string) => [
    'run',
    'scenarios/retail-bank.yaml',
    '--reps',
    String(REPS),
    '--threads',
    '1',
    '--json',
    '--out',
    out,
  ];

  for (const signal of ['SIGKILL', 'SIGINT'] as const) {
    it(`keeps finished replications after ${signal} and resumes to the same output`, async () => {
      const out = tempDir();
      const first = runCli(args(out));
      // Wait until replications are being committed (every 0.5 s): the log grows past the tables'
      // creation by at least one replication's rows. Then let a commit or two more happen. Waiting
      // on what the run did, not on a fixed time, keeps this right on a loaded machine.
      const wal = join(out, 'results.duckdb.wal');
      const walSize = () => (existsSync(wal) ? statSync(wal).size : 0);
      const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
      for (let waited = 0; walSize() === 0 && waited < 60_000; waited += 50) await sleep(50);
      await sleep(200);
      const created = walSize();
      for (let waited = 0; walSize() < created + 20_000 && waited < 60_000; waited += 50) await sleep(50);
      await sleep(700);
      first.kill(signal);
      const stopped = await first;
      if (signal === 'SIGINT') {
        expect(stopped.code).toBe(130);
        expect(stopped.stderr).toContain('run the same command again to resume');
      }
      const kept = await replicationsIn(out);
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(REPS);
      const resumed = await runCli(args(out));
      expect(resumed.code).toBe(0);
      expect(await replicationsIn(out)).toBe(REPS);
      const reference = await cli(...args(tempDir()));
      const clean = (s: string) => strip(JSON.parse(s) as RunResult);
      expect(clean(resumed.stdout)).toBe(clean(reference.stdout));
      expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).replications).toBe(REPS);
    }, 120_000);
  }

  it('replaces a finished database of another scenario, and refuses an unfinished one', async () => {
    const out = tempDir();
    const run = (file: string) => cli('run', file, '--reps', '2', '--out', out, '--threads', '1', '--json');
    expect((await run('scenarios/default.yaml')).code).toBe(0);
    const replaced = await run('scenarios/inbound-sales.yaml');
    expect(replaced.code).toBe(0);
    expect(JSON.parse(replaced.stdout).scenario.name).toBe('Inbound sales, 45 Erlangs');
    // An interrupted (unfinished) run of another scenario is kept, not mixed or replaced.
    const model = loadModel('scenarios/default.yaml');
    rmSync(join(out, 'results.duckdb'));
    const store = await openStore(join(out, 'results.duckdb'), model);
    await simulate(model, { replications: 1, store: { store, point: 0 } });
    await store.close();
    const refused = await run('scenarios/inbound-sales.yaml');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('holds an unfinished experiment of another scenario');
  });
});

describe('sweeps in the results database', () => {
  it('resumes a sweep to the same results, and a finished one is replaced by another grid', async () => {
    const { summarizeSweep, sweep } = await import('../../src/experiment/sweep.js');
    const database = join(tempDir(), 'results.duckdb');
    const grid = [{ path: 'agentGroups.team.agents', values: [48, 50] }];
    const first = summarizeSweep(
      await sweep('scenarios/inbound-sales.yaml', grid, { replications: 3, database }),
    );
    const again = summarizeSweep(
      await sweep('scenarios/inbound-sales.yaml', grid, { replications: 3, database }),
    );
    const strip = (s: typeof first) =>
      JSON.stringify(s.points.map((p) => ({ parameters: p.parameters, total: p.total })));
    expect(strip(again)).toBe(strip(first));
    const { rows } = await queryResults(database, 'SELECT count(*) AS n FROM replications');
    expect(rows[0].n).toBe(6);
    // A finished sweep's database is replaced by another grid's.
    await sweep('scenarios/inbound-sales.yaml', [{ path: 'agentGroups.team.agents', values: [47] }], {
      replications: 2,
      database,
    });
    expect((await queryResults(database, 'SELECT count(*) AS n FROM replications')).rows[0].n).toBe(2);
  });
});
