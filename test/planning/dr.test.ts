/**
 * DR (N-1) analysis and sizing: one entry per site, what failing a site
 * must do to the KPIs, a sizing that meets its target when re-simulated
 * and from which no agent can be taken, and the `ccsim dr` command.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { DrCase, DrResult } from '../../src/planning/dr.js';
import {
  DrError,
  drAnalysis,
  parseDrTarget,
  phaseOf,
  sizeForDr,
  spreadOverGroups,
} from '../../src/planning/dr.js';
import { simulate } from '../../src/experiment/simulate.js';
import { loadModel } from '../../src/model/scenario/index.js';
import { drCharts } from '../../src/report/charts/dr-charts.js';
import { renderSvg } from '../../src/report/render.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ccsim-dr-'));

/** Two sites (or more), one group each; `routing` as YAML; lines unlimited unless given. */
function network(
  name: string,
  sites: ReadonlyArray<{ name: string; agents: number; lines?: number; costPerHour?: number }>,
  options: { rate: number; routing?: string; reps?: number; extra?: string } = { rate: 600 },
): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `name: ${name}
seed: 7
replications: ${options.reps ?? 4}
start: "08:00"
warmup: 20m
horizon: 3h
interval: 30m
serviceLevel: { threshold: 20s, target: 0.8 }
sites:
${sites.map((s) => `  - { name: ${s.name}${s.lines === undefined ? '' : `, lines: ${s.lines}, costPerLineHour: 0.25`} }`).join('\n')}
routing: ${options.routing ?? '{ policy: mostIdle }'}
callTypes:
  - name: sales
    arrivals: { ratePerHour: ${options.rate} }
    handleTime: { dist: exponential, mean: 180s }
    patience: { dist: exponential, mean: 240s }
agentGroups:
${sites.map((s) => `  - { name: ${s.name}-team, site: ${s.name}, agents: ${s.agents}, costPerHour: ${s.costPerHour ?? 0}, skills: [sales] }`).join('\n')}
${options.extra ?? ''}`,
  );
  return file;
}

function during(c: DrCase) {
  const p = phaseOf(c, 'during');
  if (p === undefined) throw new Error(`no during phase for ${c.label}`);
  return p;
}

function mean(c: DrCase, kpi: string): number {
  const m = during(c).kpis[kpi]?.mean;
  if (m === null || m === undefined) throw new Error(`${c.label}: no ${kpi}`);
  return m;
}

function failure(result: DrResult, site: string): DrCase {
  const f = result.failures.find((x) => x.failedSite === site);
  if (f === undefined) throw new Error(`no failure of ${site}`);
  return f;
}

describe('drAnalysis', () => {
  // 600 calls/h × 3 min = 30 Erlangs on 24 + 14 agents: fine together, short when one site fails.
  const uneven = network('uneven', [
    { name: 'big', agents: 24 },
    { name: 'small', agents: 14 },
  ]);

  it('runs the baseline and one failure per site, each with before, during and after phases on the same intervals', async () => {
    const result = await drAnalysis(uneven, { at: '09:00', duration: 3600 });
    expect(result.sites).toEqual(['big', 'small']);
    expect(result.failures.map((f) => f.label)).toEqual(['big fails', 'small fails']);
    expect(result.failures.map((f) => f.failedSite)).toEqual(['big', 'small']);
    expect(result.outage).toMatchObject({ at: '09:00', end: '10:00', duration: 3600, detectionDelay: 300 });
    for (const c of [result.baseline, ...result.failures]) {
      expect(c.phases.map((p) => [p.phase, p.from, p.to])).toEqual([
        ['before', '08:00', '09:00'],
        ['during', '09:00', '10:00'],
        ['after', '10:00', '11:00'],
      ]);
      expect(c.timeline).toHaveLength(6);
      expect(Object.keys(during(c).bySite)).toEqual(['big', 'small']);
    }
    // The baseline has no failure.
    expect(mean(result.baseline, 'failed')).toBe(0);
    expect(mean(result.baseline, 'dropped')).toBe(0);
    // Before the outage every run saw the same calls (common random numbers). (Not the same answers:
    // a call that arrived before and waits when the site fails is cut off, and answered is by arrival.)
    const before = (c: DrCase) => phaseOf(c, 'before')?.kpis.offered;
    for (const f of result.failures) expect(before(f)).toEqual(before(result.baseline));
  });

  it('hurts more when the site with more agents fails', async () => {
    const result = await drAnalysis(uneven, { at: '09:00' });
    const big = failure(result, 'big');
    const small = failure(result, 'small');
    expect(mean(big, 'serviceLevel')).toBeLessThan(mean(small, 'serviceLevel'));
    expect(mean(big, 'callsLost')).toBeGreaterThan(mean(small, 'callsLost'));
    expect(mean(small, 'serviceLevel')).toBeLessThan(mean(result.baseline, 'serviceLevel'));
  });

  it('starts the outage at the busiest interval when no time is given', async () => {
    const result = await drAnalysis(uneven, {});
    expect(result.outage.chosen).toBe('busiest');
    expect(result.outage.at).toBe(result.outage.busiest.interval);
    const offered = result.baseline.timeline.map((p) => p.offered.mean ?? 0);
    expect(result.outage.busiest.offered).toBe(Math.max(...offered));
  });

  describe('failed and dropped calls (fixed shares: half of the calls go to each site)', () => {
    const shares = network(
      'shares',
      [
        { name: 'east', agents: 20 },
        { name: 'west', agents: 20 },
      ],
      { rate: 600, routing: '{ policy: shares, shares: { east: 1, west: 1 } }' },
    );

    it('with a detection delay, calls sent to the failed site before detection fail', async () => {
      // 300 calls/h reach each site: about 50 in 10 minutes, in every replication.
      const result = await drAnalysis(shares, { at: '09:00', detection: 600 });
      for (const f of result.failures) {
        expect(mean(f, 'failed')).toBeGreaterThan(10);
        expect(during(f).bySite[f.failedSite as string].failed?.mean).toBe(mean(f, 'failed'));
        // Calls in progress at the site when it fails are cut off (20 busy agents at 75% occupancy).
        expect(mean(f, 'dropped')).toBeGreaterThan(0);
      }
    });

    it('detected at once, no call fails: arrivals go to the surviving site from the first instant', async () => {
      const result = await drAnalysis(shares, { at: '09:00', detection: 0 });
      for (const f of result.failures) {
        expect(mean(f, 'failed')).toBe(0);
        expect(mean(f, 'dropped')).toBeGreaterThan(0);
        expect(f.total.failed?.mean).toBe(0);
      }
    });
  });

  it('replaces the scenario’s own outages by its one failure per run', async () => {
    const file = network(
      'own-outage',
      [
        { name: 'north', agents: 20 },
        { name: 'south', agents: 20 },
      ],
      { rate: 500, extra: 'outages:\n  - { site: south, at: "08:30", duration: 2h, detectionDelay: 5m }\n' },
    );
    const result = await drAnalysis(file, { at: '10:00', duration: 1800, detection: 0 });
    expect(result.removedOutages).toBe(1);
    expect(mean(result.baseline, 'dropped')).toBe(0);
    expect(result.baseline.total.dropped?.mean).toBe(0);
    // The north failure drops calls at 10:00, none at 08:30 (where the scenario's south outage was).
    expect(phaseOf(failure(result, 'north'), 'before')?.kpis.dropped?.mean).toBe(0);
    expect(mean(failure(result, 'north'), 'dropped')).toBeGreaterThan(0);
  });

  it('refuses a scenario with one site, and an outage outside the horizon', async () => {
    const one = join(dir, 'one.yaml');
    writeFileSync(
      one,
      `horizon: 1h
callTypes:
  - { name: sales, arrivals: { ratePerHour: 60 }, handleTime: { dist: exponential, mean: 120s } }
agentGroups:
  - { name: team, agents: 3, skills: [sales] }
`,
    );
    await expect(drAnalysis(one)).rejects.toThrow(DrError);
    await expect(drAnalysis(one)).rejects.toThrow(/at least two sites/);
    await expect(drAnalysis(uneven, { at: '12:00' })).rejects.toThrow(/within the measured horizon/);
    await expect(drAnalysis(uneven, { at: '9h' })).rejects.toThrow(/clock time/);
  });
});

describe('DR targets and spreading extra agents', () => {
  it('reads 60/30, 0.8/20, 80%/20s and a bare level with the scenario’s threshold', () => {
    expect(parseDrTarget('60/30')).toEqual({ serviceLevel: 0.6, threshold: 30 });
    expect(parseDrTarget('0.8/20')).toEqual({ serviceLevel: 0.8, threshold: 20 });
    expect(parseDrTarget('80%/20s')).toEqual({ serviceLevel: 0.8, threshold: 20 });
    expect(parseDrTarget('0.7/1m')).toEqual({ serviceLevel: 0.7, threshold: 60 });
    expect(parseDrTarget('70', 15)).toEqual({ serviceLevel: 0.7, threshold: 15 });
    for (const bad of ['', '60/', 'sixty/30', '160/30', '0/20', '70']) {
      expect(() => parseDrTarget(bad), bad).toThrow(DrError);
    }
  });

  it('spreads extra agents over groups in proportion to their size', () => {
    expect(spreadOverGroups(10, [30, 10])).toEqual([8, 2]);
    expect(spreadOverGroups(3, [10, 10, 10])).toEqual([1, 1, 1]);
    expect(spreadOverGroups(1, [10, 20])).toEqual([0, 1]);
    expect(spreadOverGroups(5, [0, 0])).toEqual([5, 0]);
    expect(spreadOverGroups(7, [3, 5, 2]).reduce((a, b) => a + b, 0)).toBe(7);
  });
});

/** The sized scenario, with `change` applied to its raw input, as a file. */
function writeVariant(
  name: string,
  input: Record<string, unknown>,
  change?: (x: Record<string, unknown>) => void,
) {
  const copy = structuredClone(input);
  change?.(copy);
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, stringify(copy));
  return file;
}

describe('sizeForDr', () => {
  const file = network(
    'to-size',
    [
      { name: 'north', agents: 14, costPerHour: 20 },
      { name: 'south', agents: 10, costPerHour: 25 },
    ],
    { rate: 400 },
  );
  const target = { serviceLevel: 0.7, threshold: 20 };
  const options = { at: '09:00', duration: 3600, detection: 0, replications: 4, target };

  it('finds extra agents with which every failure meets the target when simulated again, and none can be removed', async () => {
    const sizing = await sizeForDr(file, options);
    expect(sizing.reached).toBe(true);
    expect(sizing.before.some((c) => !c.meetsServiceLevel)).toBe(true);
    expect(sizing.totalExtraAgents).toBeGreaterThan(0);
    expect(sizing.totalExtraLines).toBe(0); // unlimited lines
    expect(sizing.cost.priced).toBe(true);
    const byName = Object.fromEntries(sizing.sites.map((s) => [s.site, s]));
    expect(sizing.cost.agents).toBeCloseTo(
      (byName.north.extraAgents * 20 + byName.south.extraAgents * 25) * 3,
      6,
    );
    expect(byName.north.byGroup).toEqual({ 'north-team': byName.north.extraAgents });

    // Re-simulated from the sized scenario (a file, as a user would), every failure meets the target.
    const sizedFile = writeVariant('sized', sizing.sizedScenario);
    const again = await drAnalysis(sizedFile, { at: '09:00', duration: 3600, detection: 0, replications: 4 });
    for (const f of again.failures) {
      const sl = mean(f, 'serviceLevel');
      expect(sl, f.label).toBeGreaterThanOrEqual(target.serviceLevel);
      // The same calls: exactly the service level the search saw.
      expect(sl).toBeCloseTo(
        sizing.after.find((c) => c.failedSite === f.failedSite)?.serviceLevel ?? NaN,
        12,
      );
    }

    // One agent fewer at any site that got some: some failure misses the target.
    for (const [index, site] of sizing.sites.entries()) {
      if (site.extraAgents === 0) continue;
      const fewer = writeVariant(`fewer-${site.site}`, sizing.sizedScenario, (x) => {
        const groups = x.agentGroups as Array<{ agents: number }>;
        groups[index].agents -= 1;
      });
      const worse = await drAnalysis(fewer, { at: '09:00', duration: 3600, detection: 0, replications: 4 });
      const worst = Math.min(...worse.failures.map((f) => mean(f, 'serviceLevel')));
      expect(worst, `one agent fewer at ${site.site}`).toBeLessThan(target.serviceLevel);
    }
  });

  it('adds lines where a surviving site with limited lines blocks more than 0.5% of its calls', async () => {
    const lined = network(
      'to-size-lines',
      [
        { name: 'north', agents: 14, lines: 18 },
        { name: 'south', agents: 10, lines: 14 },
      ],
      { rate: 400 },
    );
    const sizing = await sizeForDr(lined, { ...options, target: { serviceLevel: 0.6, threshold: 20 } });
    expect(sizing.reached).toBe(true);
    expect(sizing.totalExtraLines).toBeGreaterThan(0);
    for (const check of sizing.after) {
      expect(check.meetsServiceLevel).toBe(true);
      for (const s of Object.values(check.sites)) expect(s.blockedShare ?? 0).toBeLessThanOrEqual(0.005);
    }
    // Lines are priced at 0.25 per hour, agents not at all.
    expect(sizing.cost.lines).toBeCloseTo(sizing.totalExtraLines * 0.25 * 3, 6);
    expect(sizing.cost.agents).toBe(0);
    // One line fewer at a site that got some: some surviving site blocks too much, or the level is missed.
    const index = sizing.sites.findIndex((s) => s.extraLines > 0);
    const fewer = writeVariant('fewer-line', sizing.sizedScenario, (x) => {
      const sites = x.sites as Array<{ lines: number }>;
      sites[index].lines -= 1;
    });
    const worse = await drAnalysis(fewer, { at: '09:00', duration: 3600, detection: 0, replications: 4 });
    const broken = worse.failures.some((f) => {
      if (mean(f, 'serviceLevel') < 0.6) return true;
      return Object.entries(during(f).bySite).some(
        ([name, k]) => name !== f.failedSite && (k.blocked?.mean ?? 0) > 0.005 * (k.offered?.mean ?? 0),
      );
    });
    // With a threshold of 20 s in both, the analysis sees what the search saw.
    expect(broken).toBe(true);
  });

  it('says so when the target cannot be reached within the iterations allowed', async () => {
    const sizing = await sizeForDr(file, {
      ...options,
      target: { serviceLevel: 0.99, threshold: 1 },
      maxIterations: 2,
    });
    expect(sizing.reached).toBe(false);
    expect(sizing.iterations).toBe(2);
    expect(sizing.reason).toMatch(/stopped after 2 growth steps \(at most 2\): north fails: service level/);
  });
});

describe('ccsim dr', () => {
  const file = network(
    'cli-net',
    [
      { name: 'north', agents: 14, lines: 30 },
      { name: 'south', agents: 10, lines: 30 },
      { name: 'east', agents: 8, lines: 30 },
    ],
    { rate: 500, reps: 3 },
  );

  it('prints one entry per failed site with its phases, and with --size the extra agents of the surviving sites', async () => {
    const run = await cli(
      'dr',
      file,
      '--json',
      '--no-report',
      '--at',
      '09:00',
      '--size',
      '--target',
      '60/20',
    );
    expect(run.code, run.stderr).toBe(0);
    const json = JSON.parse(run.stdout) as {
      sites: string[];
      outage: { at: string; detectionDelay: number; duration: number };
      baseline: { phases: Array<{ phase: string }> };
      failures: Array<{
        failedSite: string;
        label: string;
        phases: Array<{ phase: string; kpis: Record<string, { mean: number | null }>; bySite: object }>;
        sizing: { extraAgents: Record<string, number>; extraLines: Record<string, number>; meets: boolean };
      }>;
      sizing: { reached: boolean; target: { serviceLevel: number; threshold: number }; sites: unknown[] };
    };
    expect(json.sites).toEqual(['north', 'south', 'east']);
    expect(json.outage).toMatchObject({ at: '09:00', detectionDelay: 300, duration: 7200 });
    expect(json.failures.map((f) => f.failedSite)).toEqual(['north', 'south', 'east']);
    for (const f of json.failures) {
      expect(f.phases.map((p) => p.phase)).toEqual(['before', 'during', 'after']);
      const kpis = f.phases[1].kpis;
      for (const k of [
        'offered',
        'answered',
        'abandoned',
        'blocked',
        'failed',
        'dropped',
        'serviceLevel',
        'asa',
        'callsLost',
        'timeToRecover',
      ])
        expect(kpis, k).toHaveProperty(k);
      expect(Object.keys(f.phases[1].bySite)).toEqual(json.sites);
      expect(Object.keys(f.sizing.extraAgents).sort()).toEqual(
        json.sites.filter((s) => s !== f.failedSite).sort(),
      );
      expect(f.sizing.meets).toBe(json.sizing.reached);
    }
    expect(json.sizing.target).toEqual({ serviceLevel: 0.6, threshold: 20 });
    expect(json.sizing.sites).toHaveLength(3);
  });

  it('prints the side-by-side table and writes the HTML report, dr.json and the charts', async () => {
    const out = join(dir, 'report');
    const run = await cli('dr', file, '--out', out, '--reps', '2', '--detection', '0s', '--duration', '90m');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/warning/);
    expect(run.stdout).toMatch(/^KPI\s+baseline\s+north fails\s+south fails\s+east fails$/m);
    expect(run.stdout).toMatch(/^Service level\s+\d/m);
    expect(run.stdout).toMatch(/^Run\s+Site\s+Offered/m);
    expect(run.stdout).toContain(`Report: ${join(out, 'index.html')}`);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('DR analysis: cli-net');
    expect(html).toContain('north fails');
    const dr = JSON.parse(readFileSync(join(out, 'dr.json'), 'utf8')) as {
      failures: unknown[];
      outage: { duration: number };
    };
    expect(dr.failures).toHaveLength(3);
    expect(dr.outage.duration).toBe(5400);
    const charts = readdirSync(join(out, 'charts'));
    for (const id of ['service-level-during', 'calls-lost-during', 'timeline-1-north', 'timeline-3-east'])
      for (const ext of ['svg', 'png', 'vl.json']) expect(charts).toContain(`${id}.${ext}`);
  });

  it('draws every chart without a Vega warning', async () => {
    const result = await drAnalysis(file, { at: '09:00', replications: 2 });
    for (const chart of drCharts(result))
      await expect(renderSvg(chart.spec, chart.id)).resolves.toMatch(/^<svg/);
  });

  it('--format md prints Markdown tables', async () => {
    const run = await cli('dr', file, '--format', 'md', '--no-report', '--reps', '2', '--at', '09:00');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\| KPI \| baseline \| north fails \| south fails \| east fails \|$/m);
  });

  it('exits 2 on a scenario with one site, and on bad options', async () => {
    const one = join(dir, 'one-site.yaml');
    writeFileSync(
      one,
      `horizon: 1h
sites: [{ name: only }]
callTypes:
  - { name: sales, arrivals: { ratePerHour: 60 }, handleTime: { dist: exponential, mean: 120s } }
agentGroups:
  - { name: team, agents: 3, skills: [sales] }
`,
    );
    const single = await cli('dr', one, '--no-report');
    expect(single.code).toBe(2);
    expect(single.stderr).toMatch(/needs at least two sites; this scenario has one \("only"\)/);
    for (const bad of [
      ['--at', '25:99'],
      ['--at', '18:00'],
      ['--duration', '0'],
      ['--detection', 'soon'],
      ['--size', '--target', 'lots'],
      ['--reps', '0'],
    ]) {
      const run = await cli('dr', file, '--no-report', ...bad);
      expect(run.code, bad.join(' ')).toBe(2);
      expect(run.stderr, bad.join(' ')).toMatch(/^ccsim: /);
    }
  });
});

describe('issue 11: time to recover, restore plans, sizing verdicts', () => {
  // 900 calls/h × 3 min = 45 erlangs on 24 + 22 agents: the baseline itself misses 80/20 at times.
  const tight = network(
    'tight',
    [
      { name: 'east', agents: 24 },
      { name: 'west', agents: 22 },
    ],
    { rate: 900 },
  );

  it('gives the baseline no time to recover even where its service level dips below target, and says how often it does', async () => {
    const result = await drAnalysis(tight, { at: '09:00', duration: 3600 });
    const baseline = during(result.baseline);
    expect(baseline.kpis.serviceLevel?.mean ?? 1).toBeLessThan(0.8);
    expect(baseline.kpis.timeToRecover?.mean ?? null).toBeNull();
    expect(result.baselineBelowTarget.of).toBe(2);
    expect(result.baselineBelowTarget.intervals).toBeGreaterThan(0);
    for (const f of result.failures) expect(mean(f, 'timeToRecover')).toBeGreaterThan(0);
    const run = await cli('dr', tight, '--no-report', '--at', '09:00', '--duration', '1h');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Time to recover\s+–\s+\d+h\d\dm|^Time to recover\s+–\s+\d+m\d\ds/m);
    expect(run.stdout).toMatch(/already below target in \d of the 2 interval/);
  });

  // The scenario's own outage of south has a restore plan: half of south's agents work from north after 10 min.
  const restoring = network(
    'restoring',
    [
      { name: 'north', agents: 12 },
      { name: 'south', agents: 16 },
    ],
    {
      rate: 500,
      extra:
        'outages:\n  - { site: south, at: "08:30", duration: 1h, restore: { fraction: 0.5, to: north, after: 10m } }\n',
    },
  );

  it("applies the scenario's restore plan to the failure of its site by default, and not with restore none", async () => {
    const options = { at: '09:00', duration: 5400, detection: 0 } as const;
    const withPlan = await drAnalysis(restoring, options);
    const without = await drAnalysis(restoring, { ...options, restore: 'none' });
    expect(withPlan.restore).toBe('scenario');
    expect(failure(withPlan, 'south').restore).toEqual({ fraction: 0.5, to: 'north', after: 600 });
    expect(failure(withPlan, 'north').restore).toBeNull();
    expect(failure(without, 'south').restore).toBeNull();
    // Eight agents back at work after 10 minutes answer more calls and hold the service level better.
    expect(mean(failure(withPlan, 'south'), 'answered')).toBeGreaterThan(
      mean(failure(without, 'south'), 'answered') + 50,
    );
    expect(mean(failure(withPlan, 'south'), 'serviceLevel')).toBeGreaterThan(
      mean(failure(without, 'south'), 'serviceLevel'),
    );
    // North has no plan: the same either way.
    expect(during(failure(withPlan, 'north')).kpis).toEqual(during(failure(without, 'north')).kpis);
    const run = await cli('dr', restoring, '--no-report', '--at', '09:00', '--reps', '2');
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('south fails: 50.0% of its agents work from north after 10m');
    const bad = await cli('dr', restoring, '--no-report', '--restore', 'maybe');
    expect(bad.code).toBe(2);
  });

  it("fails the bank's city site exactly as the scenario's own outage with its work-from-home plan does", async () => {
    // The scenario: city fails at 10:30 for 2 h, detected after 5 min, 40% of its agents back through harbour after 45 min.
    const file = 'scenarios/two-site-bank-dr.yaml';
    const options = { at: '10:30', duration: 7200, detection: 300, replications: 2 } as const;
    const own = await simulate(loadModel(file), { replications: 2, threads: 1 });
    const ownDuring = own.byPhase?.find((p) => p.phase === 'during')?.kpis ?? {};
    const city = during(failure(await drAnalysis(file, options), 'city')).kpis;
    for (const kpi of [
      'offered',
      'answered',
      'failed',
      'dropped',
      'callsLost',
      'serviceLevel',
      'timeToRecover',
    ])
      expect(city[kpi], kpi).toEqual(ownDuring[kpi]);
    // Without the plan the failure is worse than the scenario's.
    const none = during(failure(await drAnalysis(file, { ...options, restore: 'none' }), 'city')).kpis;
    expect(none.answered?.mean ?? 0).toBeLessThan(city.answered?.mean ?? 0);
  });

  const sizable = network(
    'sizable',
    [
      { name: 'north', agents: 14 },
      { name: 'south', agents: 10 },
    ],
    { rate: 400, reps: 5 },
  );
  const sizing = { at: '09:00', duration: 3600, detection: 0, replications: 5 } as const;

  it('--judge lower meets the target with the lower confidence bound, and needs at least as many agents as the mean', async () => {
    const target = { serviceLevel: 0.7, threshold: 20 };
    const byMean = await sizeForDr(sizable, { ...sizing, target });
    const byLower = await sizeForDr(sizable, { ...sizing, target, judge: 'lower' });
    expect(byMean.judge).toBe('mean');
    expect(byLower.judge).toBe('lower');
    expect(byMean.reached && byLower.reached).toBe(true);
    for (const c of byLower.after) {
      expect(c.serviceLevelCi.lo ?? 0, c.failedSite).toBeGreaterThanOrEqual(target.serviceLevel);
      expect(c.judged).toBe(c.serviceLevelCi.lo);
    }
    // The mean sizing's worst failure has its lower bound below the target: judging on it asks for more.
    expect(Math.min(...byMean.after.map((c) => c.serviceLevelCi.lo ?? 1))).toBeLessThan(target.serviceLevel);
    expect(byLower.totalExtraAgents).toBeGreaterThan(byMean.totalExtraAgents);
    await expect(sizeForDr(sizable, { ...sizing, replications: 1, target, judge: 'lower' })).rejects.toThrow(
      /at least 2 replications/,
    );
  });

  it('exits 3 when --size stops short of its target, naming every failure that misses it and by how much', async () => {
    const out = join(dir, 'short');
    const run = await cli(
      'dr',
      sizable,
      '--out',
      out,
      '--at',
      '09:00',
      '--reps',
      '3',
      '--target',
      '99/1',
      '--max-iterations',
      '1',
      '--json',
    );
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(/DR target not reached/);
    expect(run.stderr).toMatch(/north fails: service level \d+\.\d% \(mean\), \d+\.\d points below 99\.0%/);
    expect(run.stderr).toMatch(/south fails: service level \d+\.\d% \(mean\), \d+\.\d points below 99\.0%/);
    const json = JSON.parse(run.stdout) as {
      sizing: { reached: boolean; shortfalls: Array<{ failedSite: string; short: number }> };
    };
    expect(json.sizing.reached).toBe(false);
    expect(json.sizing.shortfalls.map((f) => f.failedSite)).toEqual(['north', 'south']);
    for (const f of json.sizing.shortfalls) expect(f.short).toBeGreaterThan(0);
    // The results are written all the same.
    expect(existsSync(join(out, 'dr.json'))).toBe(true);
  });

  it('--help names only scenarios that exist in its examples', async () => {
    const run = await cli('dr', '--help');
    expect(run.code).toBe(0);
    const files = run.stdout.match(/scenarios\/[\w./-]+\.yaml/g) ?? [];
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(existsSync(f), f).toBe(true);
    expect(run.stdout).not.toMatch(/ccsim dr (?!scenarios\/)[\w-]+\.yaml/);
  });
});
