/**
 * Sweeps: parameter values, paths by names, the grid, and common random
 * numbers across grid points.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gridOf, parseSet, parseValues, sweep, withOverride } from '../../src/experiment/sweep.js';
import { cli } from '../support/cli.js';

const CENTER = `name: sweep test
seed: 4
replications: 3
warmup: 10m
horizon: 2h
interval: 30m
callTypes:
  - name: sales
    arrivals: { ratePerHour: 300 }
    handleTime: { dist: exponential, mean: 240s }
agentGroups:
  - { name: team, agents: 24, skills: [sales] }
`;

function scenarioFile(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ccsim-sweep-')), 'center.yaml');
  writeFileSync(file, CENTER);
  return file;
}

describe('sweep parameters', () => {
  it('parses lists and inclusive ranges', () => {
    expect(parseValues('200s,240s,280s')).toEqual(['200s', '240s', '280s']);
    expect(parseValues('40..46:2')).toEqual([40, 42, 44, 46]);
    expect(parseValues('0.1..0.3:0.1')).toEqual([0.1, 0.2, 0.3]);
    expect(parseValues('3..5')).toEqual([3, 4, 5]);
    expect(parseSet('agentGroups.team.agents=40..44:2')).toEqual({
      path: 'agentGroups.team.agents',
      values: [40, 42, 44],
    });
    expect(() => parseSet('agents')).toThrow(/expected <path>=<values>/);
    expect(() => parseValues('5..1')).toThrow(/to ≥ from/);
  });

  it('builds every combination, the first parameter varying slowest', () => {
    expect(
      gridOf([
        { path: 'a', values: [1, 2] },
        { path: 'b', values: ['x', 'y', 'z'] },
      ]),
    ).toEqual([
      { a: 1, b: 'x' },
      { a: 1, b: 'y' },
      { a: 1, b: 'z' },
      { a: 2, b: 'x' },
      { a: 2, b: 'y' },
      { a: 2, b: 'z' },
    ]);
  });

  it('addresses list elements by name or index, and names what is missing', () => {
    const input = {
      agentGroups: [{ name: 'team', agents: 5 }],
      callTypes: [{ name: 'sales', handleTime: { mean: 10 } }],
    };
    expect(withOverride(input, 'agentGroups.team.agents', 7)).toEqual({
      ...input,
      agentGroups: [{ name: 'team', agents: 7 }],
    });
    expect(withOverride(input, 'callTypes.0.handleTime.mean', '20s')).toEqual({
      ...input,
      callTypes: [{ name: 'sales', handleTime: { mean: '20s' } }],
    });
    expect(input.agentGroups[0].agents).toBe(5); // the base is not modified
    expect(() => withOverride(input, 'agentGroups.tema.agents', 7)).toThrow(
      /no element named "tema" \(names: team\)/,
    );
    expect(() => withOverride(input, 'callType.sales.x', 7)).toThrow(/no field "callType"/);
  });
});

describe('sweep', () => {
  it('runs every grid point on the same calls (common random numbers)', async () => {
    const result = await sweep(scenarioFile(), [{ path: 'agentGroups.team.agents', values: [21, 23, 26] }], {
      threads: 1,
    });
    expect(result.points.map((p) => p.parameters)).toEqual([
      { 'agentGroups.team.agents': 21 },
      { 'agentGroups.team.agents': 23 },
      { 'agentGroups.team.agents': 26 },
    ]);
    // Same arrivals and talk times at every point: offered and total talk time per interval agree.
    const [a, b, c] = result.points.map((p) => p.result);
    for (const other of [b, c]) {
      other.byInterval.forEach((iv, i) => {
        expect(iv.kpis.offered.mean).toBe(a.byInterval[i].kpis.offered.mean);
        expect(iv.kpis.answered.mean! * iv.kpis.aht.mean!).toBeCloseTo(
          a.byInterval[i].kpis.answered.mean! * a.byInterval[i].kpis.aht.mean!,
          6,
        );
      });
    }
    // More agents, a better service level on those same calls.
    const sl = result.points.map((p) => p.total.serviceLevel.mean!);
    expect(sl[0]).toBeLessThan(sl[1]);
    expect(sl[1]).toBeLessThan(sl[2]);
  });

  it('reports the calls simulated so far, across points, to the progress bar', async () => {
    const calls: number[] = [];
    const result = await sweep(scenarioFile(), [{ path: 'agentGroups.team.agents', values: [21, 23] }], {
      threads: 1,
      replications: 2,
      onProgress: (e) => calls.push(e.simulatedCalls),
    });
    expect(calls).toHaveLength(4);
    expect(calls[0]).toBeGreaterThan(0);
    for (let k = 1; k < calls.length; k++) expect(calls[k]).toBeGreaterThan(calls[k - 1]);
    const total = result.points.reduce((sum, p) => sum + p.result.performance.simulatedCalls, 0);
    expect(calls[3]).toBe(total);
  });

  it('rejects a grid point with a bad value before running anything, naming the field', async () => {
    await expect(
      sweep(scenarioFile(), [{ path: 'agentGroups.team.agents', values: [20, -1] }]),
    ).rejects.toThrow(/agentGroups\[0\]\.agents: expected agents ≥ 0, got -1/);
  });

  it('prints JSON and writes sweep.csv from the command line', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ccsim-sweep-out-'));
    const r = await cli(
      'sweep',
      scenarioFile(),
      '--set',
      'agentGroups.team.agents=22,24',
      '--set',
      'callTypes.sales.handleTime.mean=230s,250s',
      '--json',
      '--out',
      out,
      '--threads',
      '1',
    );
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.points).toHaveLength(4);
    expect(json.points[3].parameters).toEqual({
      'agentGroups.team.agents': 24,
      'callTypes.sales.handleTime.mean': '250s',
    });
    expect(json.points[0].total.serviceLevel).toEqual({
      mean: expect.any(Number),
      lo: expect.any(Number),
      hi: expect.any(Number),
    });
    const csv = readFileSync(join(out, 'sweep.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(5);
    expect(
      csv[0].startsWith('point,agentGroups.team.agents,callTypes.sales.handleTime.mean,offered,offered_lo'),
    ).toBe(true);
  });

  it('reads parameters from a sweep file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-sweepfile-'));
    writeFileSync(join(dir, 'grid.yaml'), 'set:\n  agentGroups.team.agents: 22..24:2\n');
    const r = await cli(
      'sweep',
      scenarioFile(),
      '--sweep',
      join(dir, 'grid.yaml'),
      '--json',
      '--no-report',
      '--threads',
      '1',
    );
    expect(r.code).toBe(0);
    expect(
      JSON.parse(r.stdout).points.map(
        (p: { parameters: Record<string, number> }) => p.parameters['agentGroups.team.agents'],
      ),
    ).toEqual([22, 24]);
  });

  it('exits 2 for a path that names nothing', async () => {
    const r = await cli('sweep', scenarioFile(), '--set', 'agentGroups.tema.agents=1,2', '--no-report');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no element named "tema"');
  });
});
