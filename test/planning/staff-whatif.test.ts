/**
 * `ccsim staff` and its what-ifs: a what-if gets its own folder (the
 * baseline plan's is never overwritten) holding the change per interval in
 * plan.json, requirements.csv and index.html, and the baseline plan whole;
 * the scenario's own targets apply when --target is absent; and an unpriced
 * scenario has no cost (not "Cost 0.00").
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

interface Plan {
  targets: Record<string, number>;
  targetsFrom: string;
  cost: number | null;
  agentHours: number;
  whatIf: { volume: number; aht: number };
  requirements: Array<{
    interval: string;
    group: string;
    agents: number;
    baseAgents?: number;
    change?: number;
  }>;
  base?: {
    cost: number | null;
    agentHours: number;
    requirements: Array<{ interval: string; agents: number }>;
  };
}

const dir = mkdtempSync(join(tmpdir(), 'ccsim-staff-whatif-'));
const scenario = `name: Whatif Folders
seed: 5
replications: 6
start: "08:00"
warmup: 30m
horizon: 2h
interval: 30m
serviceLevel: { threshold: 20s, target: 0.8 }
targets: { maxAbandonRate: 0.1 }
callTypes:
  - name: calls
    arrivals: { perInterval: [80, 120, 120, 80] }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 300s }
agentGroups:
  - { name: team, agents: 15, skills: [calls] }
`;

describe('ccsim staff: a what-if beside the baseline plan, with the scenario’s own targets', () => {
  const home = process.cwd();
  const whatIfDir = join(dir, 'reports', 'whatif-folders-staff-whatif-volume+10');
  const baseDir = join(dir, 'reports', 'whatif-folders-staff');
  let whatIfRun: Awaited<ReturnType<typeof cli>>;
  let plan: Plan;
  let baseRun: Awaited<ReturnType<typeof cli>>;
  let whatIfAfterBase: string;

  beforeAll(async () => {
    writeFileSync(join(dir, 'whatif.yaml'), scenario);
    // The default folders are under ./reports: run where the test can look (in this thread: worker
    // threads would resolve their loader from the working directory).
    process.chdir(dir);
    whatIfRun = await cli('staff', 'whatif.yaml', '--volume', '+10%', '--threads', '1', '-q');
    plan = JSON.parse(readFileSync(join(whatIfDir, 'plan.json'), 'utf8')) as Plan;
    baseRun = await cli('staff', 'whatif.yaml', '--threads', '1', '-q');
    whatIfAfterBase = readFileSync(join(whatIfDir, 'plan.json'), 'utf8');
  });
  afterAll(() => process.chdir(home));

  it('without --target: the scenario’s service-level target, threshold and maxAbandonRate', () => {
    expect(whatIfRun.code).toBe(0);
    expect(plan.targets).toEqual({ serviceLevel: 0.8, threshold: 20, maxAbandonRate: 0.1 });
    expect(plan.targetsFrom).toBe('scenario');
    expect(whatIfRun.stdout).toContain("for 80% within 20 s, abandonment ≤ 10% (the scenario's own targets)");
  });

  it('the what-if has its own folder; the baseline run writes reports/<name>-staff and leaves it alone', () => {
    expect(whatIfRun.stdout).toContain(
      `Report: ${join('reports', 'whatif-folders-staff-whatif-volume+10', 'index.html')}`,
    );
    expect(baseRun.code).toBe(0);
    expect(existsSync(join(baseDir, 'plan.json'))).toBe(true);
    expect(whatIfAfterBase).toBe(`${JSON.stringify(plan, null, 2)}\n`);
    const basePlan = JSON.parse(readFileSync(join(baseDir, 'plan.json'), 'utf8')) as Plan;
    expect(basePlan.whatIf).toEqual({ volume: 1, aht: 1 });
    // The what-if folder holds its baseline whole, identical to the baseline run's plan.
    expect(readFileSync(join(whatIfDir, 'baseline', 'plan.json'), 'utf8')).toBe(
      readFileSync(join(baseDir, 'plan.json'), 'utf8'),
    );
  });

  it('plan.json, requirements.csv and index.html carry the change per interval', () => {
    const base = plan.base;
    if (base === undefined) throw new Error('no base in plan.json');
    plan.requirements.forEach((r, i) => {
      expect(r.baseAgents).toBe(base.requirements[i].agents);
      expect(r.change).toBe(r.agents - base.requirements[i].agents);
    });
    expect(plan.requirements.some((r) => (r.change as number) > 0)).toBe(true);
    const csv = readFileSync(join(whatIfDir, 'requirements.csv'), 'utf8').trim().split('\n');
    const header = csv[0].split(',');
    const [b, c] = [header.indexOf('base_agents'), header.indexOf('change')];
    expect(b).toBeGreaterThan(0);
    expect(
      csv
        .slice(1)
        .map((l) => l.split(','))
        .map((cells) => [Number(cells[b]), Number(cells[c])]),
    ).toEqual(plan.requirements.map((r) => [r.baseAgents, r.change]));
    const html = readFileSync(join(whatIfDir, 'index.html'), 'utf8');
    expect(html).toContain('<th>Change</th>');
    const changed = plan.requirements.find((r) => (r.change as number) > 0);
    expect(html).toContain(`<td>${changed?.agents}</td><td>+${changed?.change}</td>`);
    expect(html).toContain('What-if: volume × 1.1, handle time × 1: +');
  });

  it('nothing is priced: no cost, not "Cost 0.00"', () => {
    expect(plan.cost).toBeNull();
    expect(whatIfRun.stdout).not.toMatch(/Cost 0\.00|cost [+-]?0\.00/i);
    expect(whatIfRun.stdout).toContain(
      `${plan.agentHours} agent-hours on duty (no group has a cost per hour)`,
    );
  });
});

describe('ccsim staff without --target on a scenario without one', () => {
  it('exits 2 and says how to give one', async () => {
    const file = join(dir, 'no-target.yaml');
    writeFileSync(
      file,
      scenario.replace('serviceLevel: { threshold: 20s, target: 0.8 }', 'serviceLevel: { threshold: 20s }'),
    );
    const run = await cli('staff', file, '--no-report', '-q');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no service-level target: give --target X\/T .* or set serviceLevel\.target/);
    expect(run.stdout).toBe('');
  });
});
