/** `ccsim compare`: the command's contract. */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

function scenario(dir: string, file: string, name: string, agents: number): string {
  const path = join(dir, file);
  writeFileSync(
    path,
    `name: ${name}
seed: 2
replications: 5
warmup: 10m
horizon: 1h
callTypes:
  - name: sales
    arrivals: { ratePerHour: 250 }
    handleTime: { dist: exponential, mean: 120s }
    patience: { dist: exponential, mean: 300s }
agentGroups:
  - { name: team, agents: ${agents}, skills: [sales] }
`,
  );
  return path;
}

describe('ccsim compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-compare-'));
  const a = scenario(dir, 'a.yaml', 'Ten agents', 10);
  const b = scenario(dir, 'b.yaml', 'Twelve agents', 12);

  it('needs at least two scenarios (exit 2)', async () => {
    const run = await cli('compare', a, '--no-report');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/at least two scenario files/);
  });

  it('rejects a bad option value (exit 2)', async () => {
    const run = await cli('compare', a, b, '--reps', '0', '--no-report');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--reps/);
  });

  it('prints Markdown tables with --format md', async () => {
    const run = await cli('compare', a, b, '--format', 'md', '--no-report', '--quiet');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('| KPI'));
    expect(header).toBe('| KPI | Ten agents (baseline) | Twelve agents | difference | significant |');
    expect(lines[lines.indexOf(header as string) + 1]).toMatch(/^\| --- \| ---: \|/);
    expect(run.stdout).toMatch(
      /^\| Service level \| \d+\.\d% \| \d+\.\d% \| \+\d+\.\d pp \[.*\] \| yes \(p [<=] /m,
    );
  });

  it('prints an aligned table, and the comparison as JSON with --json', async () => {
    const text = await cli('compare', a, b, '--no-report', '--threads', '1');
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /^KPI\s+Ten agents \(baseline\)\s+Twelve agents\s+difference\s+significant$/m,
    );
    const json = await cli('compare', a, b, '--json', '--no-report', '--reps', '3', '--seed', '9');
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result.seed).toBe(9);
    expect(result.replications).toBe(3);
    expect(result.scenarios.map((s: { name: string }) => s.name)).toEqual(['Ten agents', 'Twelve agents']);
    expect(result.differences[0]).toMatchObject({
      scenario: 'Twelve agents',
      callType: null,
      kpi: 'offered',
    });
  });

  it('writes a report from a single replication (no intervals, nothing significant)', async () => {
    const out = join(dir, 'single');
    const run = await cli('compare', a, b, '--reps', '1', '--out', out, '--quiet', '--json');
    expect(run.code).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.differences.every((d: { significant: boolean }) => !d.significant)).toBe(true);
    expect(run.stderr).not.toContain('warning');
    expect(existsSync(join(out, 'charts', 'differences-rates.svg'))).toBe(true);
  });

  it('writes the report folder: index.html naming every scenario, compare.json, compare.csv, charts', async () => {
    const out = join(dir, 'report');
    const run = await cli('compare', a, b, '--out', out, '--quiet');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Report: ${join(out, 'index.html')}`);
    expect(run.stderr).not.toContain('warning');
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('Ten agents');
    expect(html).toContain('Twelve agents');
    expect(JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8')).scenarios).toHaveLength(2);
    expect(readFileSync(join(out, 'compare.csv'), 'utf8').split('\n')[0]).toMatch(
      /^scenario,baseline,call_type,kpi,/,
    );
    for (const chart of ['service-level', 'differences-rates', 'differences-waits']) {
      for (const ext of ['svg', 'png', 'vl.json'])
        expect(existsSync(join(out, 'charts', `${chart}.${ext}`))).toBe(true);
    }
  });
});
