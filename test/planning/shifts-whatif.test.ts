/**
 * A what-if plan carries its what-if to `ccsim shifts`: a plan made with
 * `ccsim staff --volume +10%` is proven on 10% more calls (before, the
 * roster was simulated at the base volume: offered 5,299 instead of about
 * 5,829 on the planner day, so its service level was overstated).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { simulate } from '../../src/experiment/simulate.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import type { RosterResult } from '../../src/planning/roster.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ccsim-shifts-whatif-'));
const templates = join(import.meta.dirname, '../fixtures/planning/templates.yaml');
const text = `name: whatif-proof
seed: 4
replications: 6
start: "08:00"
warmup: 30m
horizon: 2h
interval: 30m
serviceLevel: { threshold: 20s, shortAbandon: 0s }
callTypes:
  - name: calls
    arrivals: { perInterval: [100, 140, 180, 160] }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 300s }
agentGroups:
  - { name: team, agents: 20, skills: [calls] }
`;

function offered(r: RosterResult): number {
  const mean = r.achieved?.total.offered?.mean;
  if (typeof mean !== 'number') throw new Error('no achieved run');
  return mean;
}

describe('ccsim shifts proves a what-if plan under its what-if', () => {
  const scenario = join(dir, 'whatif-proof.yaml');
  const out = join(dir, 'staff-report');
  let baseOffered: number;
  let planFile: string;

  beforeAll(async () => {
    writeFileSync(scenario, text);
    const base = await simulate(modelFromText(text, scenario), { replications: 6, seed: 4 });
    baseOffered = base.total.offered?.mean as number;
    const staffed = await cli(
      'staff',
      scenario,
      '--target',
      '80/20',
      '--volume',
      '+10%',
      '--json',
      '--out',
      out,
      '-q',
    );
    if (staffed.code !== 0) throw new Error(staffed.stderr);
    planFile = join(out, 'plan.json');
  });

  it('plan.json records the what-if and the scenario hash', () => {
    const plan = JSON.parse(readFileSync(planFile, 'utf8')) as {
      whatIf: { volume: number; aht: number };
      scenario: { hash: string };
    };
    expect(plan.whatIf.volume).toBeCloseTo(1.1, 12);
    expect(plan.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('from plan.json: the roster run is offered about 1.1 × the base volume', async () => {
    const run = await cli('shifts', planFile, '--templates', templates, '--json', '--no-report');
    expect(run.stderr).toBe('');
    const roster = JSON.parse(run.stdout) as RosterResult;
    expect(roster.achieved?.whatIf.volume).toBeCloseTo(1.1, 12);
    expect(roster.achieved?.notes).toEqual([]);
    expect(offered(roster) / baseOffered).toBeGreaterThan(1.06);
    expect(offered(roster) / baseOffered).toBeLessThan(1.14);
  });

  it('from requirements.csv with --scenario: the CSV carries the what-if too', async () => {
    const csv = join(out, 'requirements.csv');
    expect(readFileSync(csv, 'utf8').split('\n')[0]).toMatch(/,volume_factor,aht_factor$/);
    const run = await cli(
      'shifts',
      csv,
      '--templates',
      templates,
      '--scenario',
      scenario,
      '--json',
      '--no-report',
    );
    expect(run.stderr).toBe('');
    const roster = JSON.parse(run.stdout) as RosterResult;
    expect(roster.achieved?.whatIf).toEqual({ volume: 1.1, aht: 1 });
    expect(offered(roster) / baseOffered).toBeGreaterThan(1.06);
  });

  it('a CSV without the what-if columns is simulated as written, and says so', async () => {
    const rows = readFileSync(join(out, 'requirements.csv'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => l.split(',').slice(0, 3).join(','));
    const bare = join(dir, 'bare.csv');
    writeFileSync(bare, `${rows.join('\n')}\n`);
    const run = await cli(
      'shifts',
      bare,
      '--templates',
      templates,
      '--scenario',
      scenario,
      '--json',
      '--no-report',
    );
    const roster = JSON.parse(run.stdout) as RosterResult;
    expect(roster.achieved?.whatIf).toEqual({ volume: 1, aht: 1 });
    expect(roster.achieved?.notes.join(' ')).toMatch(/no what-if/);
    expect(offered(roster)).toBeCloseTo(baseOffered, 6);
  });

  it('a scenario edited since the plan was made is named in a note', async () => {
    const edited = join(dir, 'edited.yaml');
    writeFileSync(edited, text.replace('replications: 6', 'replications: 5'));
    const run = await cli(
      'shifts',
      planFile,
      '--templates',
      templates,
      '--scenario',
      edited,
      '--json',
      '--no-report',
    );
    const roster = JSON.parse(run.stdout) as RosterResult;
    expect(roster.achieved?.notes.join(' ')).toMatch(/not the scenario the plan was made from/);
  });
});
