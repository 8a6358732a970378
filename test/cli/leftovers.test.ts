/**
 * A refused or failed command leaves nothing behind; a sweep refuses
 * hostile parameter paths and oversized grids with exit 2 before building
 * anything.
 */
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ResultsStore } from '../../src/experiment/results-store.js';
import { loadModel } from '../../src/model/scenario/index.js';
import { cli } from '../support/cli.js';

const missingFolder = () => join(mkdtempSync(join(tmpdir(), 'ccsim-leftovers-')), 'report');

describe('sweep refusals', () => {
  it.each(['__proto__.horizon=5', 'constructor.name=5', 'agentGroups.team.__proto__=5'])(
    'refuses --set %s with exit 2, a clear message and no folder',
    async (set) => {
      const out = missingFolder();
      const r = await cli('sweep', 'scenarios/inbound-sales.yaml', '--set', set, '--reps', '1', '--out', out);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /no field "(__proto__|constructor)" in the scenario|unknown field "__proto__"/,
      );
      expect(r.stderr).not.toMatch(/TypeError|internal error/);
      expect(({} as Record<string, unknown>).horizon).toBeUndefined();
      expect(existsSync(out)).toBe(false);
    },
  );

  it('refuses a grid of 10^8 points before building it', async () => {
    const r = await cli(
      'sweep',
      'scenarios/inbound-sales.yaml',
      '--set',
      'agentGroups.team.agents=1..10000',
      '--set',
      'callTypes.sales.handleTime.mean=1..10000',
      '--no-report',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      'the grid has 100,000,000 points (10000 × 10000); a sweep runs at most 10,000',
    );
  });

  it('refuses a grid whose results would not fit in memory', async () => {
    const r = await cli(
      'sweep',
      'scenarios/inbound-sales.yaml',
      '--set',
      'agentGroups.team.agents=1..8000',
      '--no-report',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /the sweep would keep 8,000 points × \d+ KPI records \(periods × views\) = [\d,]+ in memory; at most 500,000/,
    );
  }, 60_000);

  it('refuses a parameter given twice', async () => {
    const r = await cli(
      'sweep',
      'scenarios/inbound-sales.yaml',
      '--set',
      'agentGroups.team.agents=48',
      '--set',
      'agentGroups.team.agents=50',
      '--no-report',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--set agentGroups.team.agents: the parameter is given twice');
  });

  it('creates no report folder when a grid point is invalid', async () => {
    const out = missingFolder();
    const r = await cli(
      'sweep',
      'scenarios/inbound-sales.yaml',
      '--set',
      'agentGroups.team.agents=48,-3',
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe('a command that fails after validation', () => {
  it('leaves no results database nor folder when no replication finished', async () => {
    const out = missingFolder();
    const r = await cli('run', 'scenarios/default.yaml', '--redis', 'redis://127.0.0.1:1', '--out', out);
    expect(r.code).not.toBe(0);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});

describe('a results database left by a command killed before any replication finished', () => {
  it('does not block another experiment in the folder', async () => {
    const out = missingFolder();
    mkdirSync(out);
    // What a kill -9 between opening the database and the first commit leaves.
    const model = loadModel('scenarios/default.yaml');
    const store = await ResultsStore.open(
      join(out, 'results.duckdb'),
      { command: 'run', scenarioHash: model.source.hash, seed: model.seed, grid: '[]' },
      model.source,
    );
    await store.close();
    const r = await cli('run', 'scenarios/inbound-sales.yaml', '--reps', '1', '--threads', '1', '--out', out);
    expect(r.stderr).not.toContain('unfinished experiment');
    expect(r.code).toBe(0);
  }, 60_000);
});
