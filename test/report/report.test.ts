/**
 * Reports: every chart of every bundled scenario compiles without a
 * Vega-Lite warning and renders; the numbers drawn agree with the KPIs;
 * targets are judged right; the HTML is self-contained and escapes its
 * inputs; the markdown summary is a table.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/experiment/simulate.js';
import { sweep } from '../../src/experiment/sweep.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { staffErlangC } from '../../src/analytic/staffing.js';
import { loadModel, modelFromText } from '../../src/model/scenario/index.js';
import { runCharts } from '../../src/report/charts/run-charts.js';
import { sweepCharts } from '../../src/report/charts/sweep-charts.js';
import { headlineRows, targetsMet } from '../../src/report/headline.js';
import { markdownTable } from '../../src/report/markdown.js';
import { renderSvg, svgToPng } from '../../src/report/render.js';
import { erlangRequirements } from '../../src/planning/erlang-requirement.js';
import { reportedRun } from '../../src/planning/run-context.js';
import { sweepVerdict } from '../../src/report/sweep-best.js';
import { writeRunReport } from '../../src/report/write-report.js';
import { singleQueue } from '../support/scenarios.js';
import { cli } from '../support/cli.js';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SCENARIOS = readdirSync('scenarios').filter((f) => f.endsWith('.yaml'));

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'ccsim-report-'));
}

describe('run charts', () => {
  for (const file of SCENARIOS) {
    it(`${file}: every chart compiles without a warning and renders to SVG`, async () => {
      const model = loadModel(join('scenarios', file));
      const result = await simulate(model, { replications: 2, threads: 1 });
      const charts = runCharts(reportedRun(result, model));
      expect(charts.length).toBeGreaterThanOrEqual(8);
      expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);
      for (const chart of charts) {
        const svg = await renderSvg(chart.spec, chart.id); // throws on any Vega-Lite warning
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg).toContain(chart.spec.title as string);
        expect((svg.match(/<path/g) ?? []).length).toBeGreaterThan(0);
      }
      if (model.entryPoints.length > 0) expect(charts.map((c) => c.id)).toContain('ivr-funnel');
    }, 60_000);
  }

  it('labels the time axis with the scenario clock, past midnight too', async () => {
    const model = modelFromText(
      `name: night
horizon: 3h
start: "23:00"
interval: 1h
callTypes: [{ name: q, arrivals: { ratePerHour: 30 }, handleTime: { dist: exponential, mean: 120 } }]
agentGroups: [{ name: team, agents: 3, skills: [q] }]
`,
      'night.yaml',
    );
    const result = await simulate(model, { replications: 2, threads: 1 });
    const chart = runCharts(reportedRun(result, model)).find((c) => c.id === 'service-level');
    const svg = await renderSvg(chart!.spec, 'service-level');
    for (const label of ['23:00', '24:00', '25:00', '26:00']) expect(svg).toContain(`>${label}</text>`);
  });
});

describe('what the charts draw agrees with the KPIs', () => {
  it('the wait distribution holds every answered and abandoned call of the horizon', async () => {
    const model = loadModel('scenarios/default.yaml');
    const result = await simulate(model, { replications: 3, threads: 1 });
    const answered = result.waitDistribution.reduce((s, b) => s + b.answered, 0);
    const abandoned = result.waitDistribution.reduce((s, b) => s + b.abandoned, 0);
    expect(answered).toBeCloseTo(result.total.answered.mean!, 9);
    expect(abandoned).toBeCloseTo(result.total.abandoned.mean!, 9);
    // Answered within T by the bins (T = 20 s falls on a bin edge) = the service level's numerator.
    const within = result.waitDistribution
      .filter((b) => b.to !== null && b.to <= 20)
      .reduce((s, b) => s + b.answered, 0);
    expect(within / answered).toBeCloseTo(result.total.serviceLevelOfAnswered.mean!, 9);
  });

  it('the Erlang C requirement matches the closed form at the simulated load', async () => {
    // M/M/n, 600 calls/h, AHT 180 s: 30 erlangs; hour-long intervals.
    const model = singleQueue({
      ratePerHour: 600,
      ahtSeconds: 180,
      agents: 34,
      warmup: '1h',
      horizon: '4h',
      interval: '1h',
      replications: 8,
    });
    const result = await simulate(model, { replications: 8, threads: 1 });
    const needs = erlangRequirements(result, model);
    const exact = staffErlangC({
      arrivalRatePerHour: 600,
      meanServiceSeconds: 180,
      thresholdSeconds: 20,
      targetServiceLevel: 0.8,
    });
    if (!exact.feasible) throw new Error('unreachable');
    expect(needs).toHaveLength(4);
    for (const n of needs) {
      // The simulated load differs from 30 erlangs by sampling noise only.
      expect(Math.abs((n.erlangC ?? 0) - exact.agents)).toBeLessThanOrEqual(2);
      expect(n.erlangA).toBe(n.erlangC); // no patience: Erlang A is Erlang C
    }
  });
});

function withTargets(targets: string): Promise<RunResult> {
  const model = modelFromText(
    `name: targets
horizon: 2h
warmup: 30m
serviceLevel: { threshold: 20s, target: 0.8 }
targets: ${targets}
callTypes: [{ name: q, arrivals: { ratePerHour: 300 }, handleTime: { dist: exponential, mean: 180 }, patience: { dist: exponential, mean: 300 } }]
agentGroups: [{ name: team, agents: 20, skills: [q] }]
`,
    'targets.yaml',
  );
  return simulate(model, { replications: 4, threads: 1 });
}

describe('targets', () => {
  it('a generously staffed center meets loose targets and misses impossible ones', async () => {
    // 15 erlangs on 20 agents: service level well above 80%, occupancy about 75%.
    const loose = await withTargets('{ maxAbandonRate: 0.5, maxAsa: 10m, maxOccupancy: 0.99 }');
    expect(targetsMet(loose)).toBe(true);
    expect(
      headlineRows(loose)
        .filter((r) => r.status === 'met')
        .map((r) => r.kpi),
    ).toEqual(['serviceLevel', 'asa', 'abandonRate', 'occupancy']);
    const tight = await withTargets('{ maxOccupancy: 0.5 }');
    expect(targetsMet(tight)).toBe(false);
    const occupancy = headlineRows(tight).find((r) => r.kpi === 'occupancy')!;
    expect(occupancy.status).toBe('missed');
    expect(occupancy.target).toBe('≤ 50.0%');
    expect(occupancy.uncertain).toBe(false);
  });

  it('a sweep singles out the fewest agents that meet the target', async () => {
    const dir = tempDir();
    const file = join(dir, 'mmn.yaml');
    writeFileSync(
      file,
      `name: mmn
horizon: 2h
warmup: 30m
serviceLevel: { threshold: 20s, target: 0.8 }
callTypes: [{ name: q, arrivals: { ratePerHour: 600 }, handleTime: { dist: exponential, mean: 180 } }]
agentGroups: [{ name: team, agents: 30, skills: [q] }]
`,
    );
    const result = await sweep(
      file,
      [{ path: 'agentGroups.team.agents', values: [31, 32, 33, 34, 35, 36, 37] }],
      {
        replications: 6,
        threads: 1,
      },
    );
    const verdict = sweepVerdict(result);
    expect(verdict.by).toBe('agents');
    const meets = result.points.map((p) => (p.total.serviceLevel.mean ?? 0) >= 0.8);
    expect(verdict.feasible).toEqual(meets);
    expect(verdict.best).toBe(meets.indexOf(true));
    // Erlang C asks for 35 agents at 30 erlangs; the simulated answer is within one of it.
    expect(
      Math.abs((result.points[verdict.best!].parameters['agentGroups.team.agents'] as number) - 35),
    ).toBeLessThanOrEqual(1);
    const charts = sweepCharts(result, verdict);
    for (const chart of charts) await renderSvg(chart.spec, chart.id);
    expect(charts.map((c) => c.id)).toContain('sweep-serviceLevel');
  }, 60_000);
});

describe('report files', () => {
  it('writes a self-contained page, and SVG, PNG and Vega-Lite files of each chart', async () => {
    const dir = tempDir();
    const model = modelFromText(
      `name: "Escape </script><script>alert(1)</script> & co"
description: "<b>not bold</b>"
horizon: 1h
callTypes: [{ name: q, arrivals: { ratePerHour: 100 }, handleTime: { dist: exponential, mean: 120 } }]
agentGroups: [{ name: team, agents: 5, skills: [q] }]
`,
      'escape.yaml',
    );
    const result = await simulate(model, { replications: 2, threads: 1 });
    const report = await writeRunReport(reportedRun(result, model), dir);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    // Exactly the library bundles and our page script: no external script, stylesheet or image.
    expect(html).not.toMatch(/<(script|img|link)[^>]+(src|href)=["']?https?:/i);
    expect(html).not.toContain('<script><script>alert(1)');
    expect(html).toContain('Escape &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; co');
    const charts = runCharts(reportedRun(result, model));
    for (const chart of charts) {
      expect(html).toContain(`id="chart-${chart.id}"`);
      for (const ext of ['svg', 'png', 'vl.json'])
        expect(existsSync(join(dir, 'charts', `${chart.id}.${ext}`))).toBe(true);
      const png = readFileSync(join(dir, 'charts', `${chart.id}.png`));
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      const spec = JSON.parse(readFileSync(join(dir, 'charts', `${chart.id}.vl.json`), 'utf8')) as {
        $schema: string;
      };
      expect(spec.$schema).toContain('vega-lite');
    }
    expect(report.files.map((f) => f.slice(dir.length + 1))).toEqual(
      expect.arrayContaining(['index.html', 'result.json', 'kpis.csv']),
    );
  }, 60_000);

  it('PNG text is drawn (fonts found): a chart with a title has dark pixels in its title row', async () => {
    const model = loadModel('scenarios/default.yaml');
    const result = await simulate(model, { replications: 2, threads: 1 });
    const chart = runCharts(reportedRun(result, model))[0];
    const withTitle = svgToPng(await renderSvg(chart.spec, chart.id), 1);
    const noText = svgToPng('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"></svg>', 1);
    expect(withTitle.length).toBeGreaterThan(noText.length);
    expect(withTitle.length).toBeGreaterThan(10_000);
  }, 60_000);

  it('ccsim run --format md prints a markdown summary naming the report', async () => {
    const dir = tempDir();
    const out = await cli(
      'run',
      'scenarios/default.yaml',
      '--reps',
      '2',
      '--format',
      'md',
      '--out',
      dir,
      '-q',
    );
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n');
    expect(lines[0]).toBe('### Two-queue inbound center');
    expect(lines).toContain('| KPI | Mean | 95% CI | Target | Status |');
    expect(out.stdout).toMatch(/\| Service level \| \d+\.\d% \| .* \| ≥ 80\.0% \| (✅ met|❌ missed)/);
    expect(out.stdout).toContain(`Report: \`${join(dir, 'index.html')}\``);
  }, 60_000);

  it('ccsim run --no-report writes nothing', async () => {
    const dir = join(tempDir(), 'out');
    const out = await cli('run', 'scenarios/default.yaml', '--reps', '2', '--no-report', '--out', dir, '-q');
    expect(out.code).toBe(0);
    expect(existsSync(dir)).toBe(false);
  }, 60_000);

  it('markdown tables escape pipes in cells', () => {
    expect(markdownTable(['KPI', 'Mean'], [['a|b', '1']])).toBe(
      '| KPI | Mean |\n|:---|---:|\n| a\\|b | 1 |\n',
    );
  });
});
