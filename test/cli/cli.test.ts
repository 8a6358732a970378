/**
 * The command line as users and scripts call it: the CLI contract of issue 2.
 */
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { erlangA, erlangC } from '../../src/analytic/index.js';
import { cli } from '../support/cli.js';

const SMALL = `name: small
seed: 3
replications: 3
warmup: 10m
horizon: 1h
interval: 30m
callTypes:
  - name: sales
    arrivals: { ratePerHour: 120 }
    handleTime: { dist: exponential, mean: 180s }
    patience: { dist: exponential, mean: 300s }
agentGroups:
  - name: team
    agents: 7
    skills: [sales]
`;

function scenarioFile(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-cli-'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, text);
  return file;
}

describe('ccsim erlang', () => {
  it('prints Erlang C measures as JSON', async () => {
    const r = await cli(
      'erlang',
      'c',
      '--rate',
      '675',
      '--aht',
      '240',
      '--agents',
      '50',
      '--threshold',
      '20',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const exact = erlangC({
      arrivalRatePerHour: 675,
      meanServiceSeconds: 240,
      agents: 50,
      thresholdSeconds: 20,
    });
    expect(exact.stable).toBe(true);
    if (exact.stable) {
      expect(out.pWait).toBeCloseTo(exact.pWait, 12);
      expect(out.asa).toBeCloseTo(exact.asa, 12);
      expect(out.serviceLevel).toBeCloseTo(exact.serviceLevel, 12);
      expect(out.occupancy).toBeCloseTo(0.9, 12);
    }
  });

  it('reports an overloaded Erlang C as unstable, without NaN', async () => {
    const r = await cli('erlang', 'c', '--rate', '900', '--aht', '240', '--agents', '50', '--json');
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/NaN|Infinity|null/);
    expect(JSON.parse(r.stdout).stable).toBe(false);
  });

  it('prints Erlang A measures as JSON', async () => {
    const r = await cli(
      'erlang',
      'a',
      '--rate',
      '675',
      '--aht',
      '240',
      '--agents',
      '50',
      '--threshold',
      '20',
      '--patience',
      '480',
      '--json',
    );
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    const exact = erlangA({
      arrivalRatePerHour: 675,
      meanServiceSeconds: 240,
      agents: 50,
      thresholdSeconds: 20,
      meanPatienceSeconds: 480,
    });
    for (const k of [
      'pWait',
      'pAbandon',
      'asa',
      'meanWait',
      'serviceLevel',
      'serviceLevelOfAnswered',
    ] as const) {
      expect(out[k]).toBeCloseTo(exact[k], 12);
    }
  });

  it('prints Erlang B blocking as JSON', async () => {
    const r = await cli('erlang', 'b', '--rate', '300', '--aht', '120', '--lines', '10', '--json');
    expect(r.code).toBe(0);
    // 10 erlangs on 10 lines: B(10, 10) = 0.2146 (standard Erlang B tables).
    expect(JSON.parse(r.stdout).blocking).toBeCloseTo(0.21458, 4);
  });

  it('finds the fewest agents for a target and says so in JSON', async () => {
    const r = await cli(
      'erlang',
      'staff',
      '--rate',
      '675',
      '--aht',
      '240',
      '--threshold',
      '20',
      '--target',
      '0.8',
      '--json',
    );
    expect(r.code).toBe(0);
    const { agents } = JSON.parse(r.stdout);
    const sl = (n: number) => {
      const x = erlangC({
        arrivalRatePerHour: 675,
        meanServiceSeconds: 240,
        agents: n,
        thresholdSeconds: 20,
      });
      return x.stable ? x.serviceLevel : 0;
    };
    expect(sl(agents)).toBeGreaterThanOrEqual(0.8);
    expect(sl(agents - 1)).toBeLessThan(0.8);
  });

  it('rejects a missing option with exit code 2', async () => {
    const r = await cli('erlang', 'c', '--rate', '675', '--aht', '240');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('agents');
  });
});

describe('ccsim run', () => {
  it('prints the JSON contract: total, byCallType, byInterval, performance', async () => {
    const r = await cli('run', scenarioFile(SMALL), '--reps', '3', '--seed', '5', '--json', '--no-report');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    for (const k of [
      'offered',
      'answered',
      'abandoned',
      'serviceLevel',
      'serviceLevelOfAnswered',
      'asa',
      'meanWait',
      'abandonRate',
      'occupancy',
      'waitP90',
    ]) {
      expect(out.total[k], k).toEqual({
        mean: expect.any(Number),
        lo: expect.any(Number),
        hi: expect.any(Number),
      });
      expect(out.total[k].lo).toBeLessThanOrEqual(out.total[k].mean);
      expect(out.total[k].hi).toBeGreaterThanOrEqual(out.total[k].mean);
    }
    expect(Object.keys(out.byCallType)).toEqual(['sales']);
    expect(out.byInterval).toHaveLength(2);
    expect(out.byInterval[0].interval).toBe('00:00');
    expect(out.replications).toBe(3);
    expect(out.seed).toBe(5);
    expect(out.performance.simulatedCalls).toBeGreaterThan(0);
    expect(out.performance.events).toBeGreaterThan(out.performance.simulatedCalls);
    expect(out.performance.wallSeconds).toBeGreaterThan(0);
  });

  it('prints byte-identical JSON for the same scenario and seed, apart from timing', async () => {
    const file = scenarioFile(SMALL);
    const strip = (s: string) => s.replace(/"(wallSeconds|callsPerSecond)": [\d.e+-]+/g, '"$1": 0');
    const a = await cli('run', file, '--seed', '9', '--json', '--no-report');
    const b = await cli('run', file, '--seed', '9', '--json', '--no-report');
    expect(strip(a.stdout)).toBe(strip(b.stdout));
  });

  it('prints a readable summary by default', async () => {
    const r = await cli('run', scenarioFile(SMALL), '--no-report');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Service level');
    expect(r.stdout).toContain('By interval');
  });

  it('exits 2 with one line per problem for a bad scenario, and writes nothing', async () => {
    const file = scenarioFile(
      SMALL.replace('mean: 180s', 'mean: -180s').replace('agents: 7', 'agents: 7\n    colour: red'),
    );
    const before = readdirSync(join(file, '..'));
    const r = await cli('run', file, '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`${file}:`);
    expect(r.stderr).toContain('callTypes[0].handleTime.mean: expected a positive duration');
    expect(r.stderr).toContain('agentGroups[0].colour: unknown field "colour"');
    expect(readdirSync(join(file, '..'))).toEqual(before);
  });

  it('exits 2 for an unreadable file', async () => {
    const r = await cli('run', '/nonexistent/scenario.yaml');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('/nonexistent/scenario.yaml: cannot read the scenario file: no such file\n');
  });

  it('exits 2 for a bad option value', async () => {
    const r = await cli('run', scenarioFile(SMALL), '--reps', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--reps');
  });
});

describe('ccsim validate and help', () => {
  it('validates good files and exits 2 on a bad one', async () => {
    const good = await cli('validate', scenarioFile(SMALL));
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('valid');
    const bad = await cli('validate', scenarioFile(SMALL.replace('agents: 7', 'agents: -7')));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('agentGroups[0].agents');
  });

  it('shows help with examples for every command', async () => {
    for (const args of [
      ['--help'],
      ['run', '--help'],
      ['erlang', '--help'],
      ['erlang', 'c', '--help'],
      ['validate', '--help'],
    ]) {
      const r = await cli(...args);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stdout, args.join(' ')).toMatch(/Examples:|Commands:/);
    }
  });

  it('exits 2 for an unknown command', async () => {
    const r = await cli('rnu');
    expect(r.code).toBe(2);
  });
});
