/**
 * Results depend on every file a scenario reads: editing a CSV forecast and
 * running the same command again simulates the new forecast instead of
 * folding in the replications of the old one; and `--allow-read` lets a
 * scenario read a forecast outside its folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile } from '../../src/model/scenario/index.js';
import { cli } from '../support/cli.js';

const SCENARIO = `name: forecast-edit
seed: 11
replications: 2
horizon: 2h
interval: 30m
start: "08:00"
callTypes:
  - name: sales
    arrivals: { csv: forecast.csv }
    handleTime: { dist: exponential, mean: 120s }
agentGroups:
  - { name: team, agents: 6, skills: [sales] }
`;

const FORECAST = 'interval,sales\n08:00,40\n08:30,50\n09:00,60\n09:30,50\n';
const DOUBLED = 'interval,sales\n08:00,80\n08:30,100\n09:00,120\n09:30,100\n';

function folderWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-inputs-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function offered(...args: string[]): Promise<number> {
  const r = await cli('run', ...args, '--threads', '1', '--json', '--quiet');
  expect(r.code, r.stderr).toBe(0);
  return (JSON.parse(r.stdout) as { total: { offered: { mean: number } } }).total.offered.mean;
}

describe('a scenario and the files it reads', () => {
  it('hashes the CSV forecasts it reads, and lists them', () => {
    const dir = folderWith({ 'center.yaml': SCENARIO, 'forecast.csv': FORECAST });
    const file = join(dir, 'center.yaml');
    const before = loadScenarioFile(file);
    expect(before.inputs).toEqual([
      {
        reference: 'forecast.csv',
        path: join(dir, 'forecast.csv'),
        sha256: createHash('sha256').update(FORECAST).digest('hex'),
      },
    ]);
    expect(loadScenarioFile(file).hash).toBe(before.hash);
    writeFileSync(join(dir, 'forecast.csv'), DOUBLED);
    expect(loadScenarioFile(file).hash).not.toBe(before.hash);
  });

  it('keeps the hash of a scenario that reads no file: the digest of its text', () => {
    const text = readFileSync('scenarios/default.yaml', 'utf8');
    const loaded = loadScenarioFile('scenarios/default.yaml');
    expect(loaded.hash).toBe(createHash('sha256').update(text).digest('hex'));
    expect(loaded.inputs).toBeUndefined();
  });

  it('simulates the edited forecast when the same run is repeated into the same folder', async () => {
    const dir = folderWith({ 'center.yaml': SCENARIO, 'forecast.csv': FORECAST });
    const file = join(dir, 'center.yaml');
    const out = join(dir, 'report');
    const first = await offered(file, '--out', out);
    writeFileSync(join(dir, 'forecast.csv'), DOUBLED);
    const again = await offered(file, '--out', out);
    const fresh = await offered(file, '--no-report');
    expect(again).toBe(fresh);
    expect(again).toBeGreaterThan(1.5 * first);
  });

  it('names the files read and their SHA-256 in the result and the report, as the scenario writes them', async () => {
    const dir = folderWith({ 'center.yaml': SCENARIO, 'forecast.csv': FORECAST });
    const out = join(dir, 'report');
    const r = await cli('run', join(dir, 'center.yaml'), '--threads', '1', '--json', '--quiet', '--out', out);
    expect(r.code, r.stderr).toBe(0);
    const sha256 = createHash('sha256').update(FORECAST).digest('hex');
    const inputs = [{ reference: 'forecast.csv', sha256 }];
    expect((JSON.parse(r.stdout) as { scenario: { inputs?: unknown } }).scenario.inputs).toEqual(inputs);
    expect(JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')).scenario.inputs).toEqual(inputs);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toContain(
      `<dt>Reads</dt><dd><code>forecast.csv</code> (SHA-256 <code>${sha256.slice(0, 16)}</code>)</dd>`,
    );
    const none = await cli(
      'run',
      'scenarios/default.yaml',
      '--reps',
      '1',
      '--json',
      '--no-report',
      '--quiet',
    );
    expect(JSON.parse(none.stdout).scenario).not.toHaveProperty('inputs');
  });

  it('sweeps the edited forecast when the same sweep is repeated into the same folder', async () => {
    const dir = folderWith({ 'center.yaml': SCENARIO, 'forecast.csv': FORECAST });
    const file = join(dir, 'center.yaml');
    const sweep = async (...args: string[]) => {
      const r = await cli(
        'sweep',
        file,
        '--set',
        'agentGroups.team.agents=6,7',
        '--reps',
        '1',
        '--threads',
        '1',
        '--json',
        '--quiet',
        ...args,
      );
      expect(r.code, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout) as {
        scenario: { hash: string };
        points: Array<{ total: { offered: { mean: number } } }>;
      };
      return { hash: out.scenario.hash, offered: out.points.map((p) => p.total.offered.mean) };
    };
    const out = join(dir, 'sweep');
    const first = await sweep('--out', out);
    writeFileSync(join(dir, 'forecast.csv'), DOUBLED);
    const again = await sweep('--out', out);
    const fresh = await sweep('--no-report');
    expect(again).toEqual(fresh);
    expect(again.hash).not.toBe(first.hash);
    expect(again.offered[0]).toBeGreaterThan(1.5 * first.offered[0]);
  });

  it('reads a forecast outside the scenario folder only with --allow-read', async () => {
    const dir = folderWith({
      'scenarios/center.yaml': SCENARIO.replace('csv: forecast.csv', 'csv: ../forecasts/day.csv'),
      'forecasts/day.csv': FORECAST,
    });
    const file = join(dir, 'scenarios', 'center.yaml');
    const refused = await cli('validate', file);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain(
      `callTypes[0].arrivals.csv: cannot read the CSV forecast "../forecasts/day.csv": it is outside the scenario's folder (${join(dir, 'scenarios')})`,
    );
    const allowed = await cli('validate', file, '--allow-read', join(dir, 'forecasts'));
    expect(allowed.stderr).toBe('');
    expect(allowed.code).toBe(0);
    expect(await offered(file, '--no-report', '--allow-read', join(dir, 'forecasts'))).toBeGreaterThan(0);
  });
});
