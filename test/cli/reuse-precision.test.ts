/**
 * What a run says about its work: replications reused from the results
 * database are named, never counted as simulated; precision that stops at
 * --max-reps says so, in text and JSON, for run and sweep.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/experiment/run-result.js';
import type { SweepSummary } from '../../src/experiment/sweep.js';
import { cli } from '../support/cli.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ccsim-reuse-'));

describe('reusing replications from the results database', () => {
  it('says how many were reused and counts only the calls simulated now', async () => {
    const out = tempDir();
    const run = (reps: number, ...more: string[]) =>
      cli('run', 'scenarios/default.yaml', '--reps', String(reps), '--threads', '1', '--out', out, ...more);
    const first = await run(2, '--json');
    expect(first.code).toBe(0);
    expect(first.stderr).not.toContain('reused');
    const fresh = JSON.parse(first.stdout) as RunResult;
    expect(fresh.performance.reusedReplications).toBe(0);

    const more = await run(3, '--json');
    expect(more.code).toBe(0);
    expect(more.stderr).toContain(`reused 2 of 3 replications from ${join(out, 'results.duckdb')}`);
    const extended = JSON.parse(more.stdout) as RunResult;
    expect(extended.replications).toBe(3);
    expect(extended.performance.reusedReplications).toBe(2);
    // The third replication's calls, not those of all three.
    const threeFresh = await cli(
      'run',
      'scenarios/default.yaml',
      '--reps',
      '3',
      '--threads',
      '1',
      '--json',
      '--no-report',
    );
    const all = (JSON.parse(threeFresh.stdout) as RunResult).performance.simulatedCalls;
    expect(extended.performance.simulatedCalls).toBeGreaterThan(0);
    expect(extended.performance.simulatedCalls).toBe(all - fresh.performance.simulatedCalls);

    const cached = await run(3);
    expect(cached.code).toBe(0);
    expect(cached.stderr).toContain('reused 3 of 3 replications from');
    expect(cached.stdout).toContain(
      'No calls simulated: all 3 replication(s) reused from the results database',
    );
    expect(cached.stdout).not.toMatch(/calls\/s/);
    const json = await run(3, '--json');
    const perf = (JSON.parse(json.stdout) as RunResult).performance;
    expect(perf).toMatchObject({ simulatedCalls: 0, events: 0, callsPerSecond: 0, reusedReplications: 3 });
    expect(json.stdout).not.toContain('reused 3');
  }, 120_000);
});

describe('precision not reached within --max-reps', () => {
  const unreachable = ['--precision', 'serviceLevel=0.000001', '--max-reps', '3'];

  it('run: says so in the text output and in the JSON', async () => {
    const base = ['run', 'scenarios/default.yaml', '--threads', '1', '--no-report', '--reps', '2'];
    const text = await cli(...base, ...unreachable);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /Warning: precision not reached: stopped at the most replications allowed \(3, --max-reps\) with serviceLevel half-width [0-9.]+ points \(wanted at most 0\.0001 points\)/,
    );
    const json = await cli(...base, ...unreachable, '--json');
    const result = JSON.parse(json.stdout) as RunResult;
    expect(result.replications).toBe(3);
    expect(result.precision).toMatchObject({
      reached: false,
      maxReplications: 3,
      targets: [{ kpi: 'serviceLevel', halfWidth: 0.000001, relative: false, met: false }],
    });
    expect(json.stderr).toContain('warning: precision not reached');
    const reached = await cli(...base, '--precision', 'serviceLevel=0.5', '--json');
    expect((JSON.parse(reached.stdout) as RunResult).precision?.reached).toBe(true);
    // Without --precision, no precision field (the JSON is as before).
    const plain = await cli(...base, '--json');
    expect((JSON.parse(plain.stdout) as RunResult).precision).toBeUndefined();
  }, 120_000);

  it('sweep: says so per grid point', async () => {
    const base = [
      'sweep',
      'scenarios/inbound-sales.yaml',
      '--set',
      'agentGroups.team.agents=48,50',
      '--threads',
      '1',
      '--no-report',
      '--reps',
      '2',
    ];
    const json = await cli(...base, ...unreachable, '--json');
    expect(json.code).toBe(0);
    const sweep = JSON.parse(json.stdout) as SweepSummary;
    for (const point of sweep.points) {
      expect(point.replications).toBe(3);
      expect(point.precision).toMatchObject({ reached: false, maxReplications: 3 });
    }
    expect(json.stderr).toContain('precision not reached at 2 of 2 grid point(s)');
    const text = await cli(...base, ...unreachable);
    expect(text.stdout).toContain('NOT reached');
    expect(text.stdout).toContain('Warning: precision not reached at 2 of 2 grid point(s) (0, 1)');
    const out = tempDir();
    const reported = await cli(...base.filter((a) => a !== '--no-report'), ...unreachable, '--out', out);
    expect(reported.code).toBe(0);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain('not reached (--max-reps)');
  }, 120_000);
});
