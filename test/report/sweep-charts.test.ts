/**
 * The sweep charts read cleanly: distinct tick labels, x labels that never
 * touch, legend swatches in the colours of the lines, and the "cheapest
 * meeting targets" label inside the plot. Checked on the SVG each chart
 * renders to (the same Vega view the page and the PNG draw).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SweepResult } from '../../src/experiment/sweep.js';
import { simulate } from '../../src/experiment/simulate.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { sweepCharts } from '../../src/report/charts/sweep-charts.js';
import { htmlPage } from '../../src/report/html.js';
import { renderSvg } from '../../src/report/render.js';
import type { SweepVerdict } from '../../src/report/sweep-best.js';
import { CHROMIUM, CHROMIUM_ARGS, SKIP_BROWSER } from '../support/browser.js';

const CENTER = `name: chart test
seed: 4
horizon: 1h
interval: 30m
serviceLevel: { threshold: 20s, target: 0.8 }
targets: { maxAbandonRate: 0.05 }
callTypes:
  - name: sales
    arrivals: { ratePerHour: 100 }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 5m }
agentGroups:
  - { name: team, agents: 10, skills: [sales] }
`;

/** The scenario's targets come from a point's full result; one real run stands in for every point. */
let full: RunResult;
beforeAll(async () => {
  full = await simulate(modelFromText(CENTER), { replications: 2, seed: 4, threads: 1 });
});

type Level = (i: number) => number;

/** A sweep over `xs` (and `series`, when given, as a second parameter) with chosen KPI curves. */
function fakeSweep(
  xs: ReadonlyArray<number | string>,
  levels: { serviceLevel: Level; asa: Level; abandonRate: Level; occupancy: Level },
  series: readonly number[] = [],
): SweepResult {
  const parameters = [
    { path: 'sites.main.lines', values: [...xs] },
    ...(series.length > 0 ? [{ path: 'agentGroups.team.agents', values: [...series] }] : []),
  ];
  const grid =
    series.length > 0 ? series.flatMap((s) => xs.map((x) => [x, s] as const)) : xs.map((x) => [x] as const);
  const band = (mean: number, width: number) => ({ mean, lo: mean - width, hi: mean + width });
  return {
    scenario: { name: 'chart test', file: 'c.yaml', hash: 'x' },
    seed: 4,
    replications: 5,
    confidenceLevel: 0.95,
    parameters,
    points: grid.map(([x, s], i) => {
      const k = i % xs.length;
      const shift = s === undefined ? 0 : series.indexOf(s) * 0.01;
      return {
        index: i,
        parameters: { 'sites.main.lines': x, ...(s === undefined ? {} : { 'agentGroups.team.agents': s }) },
        total: {
          serviceLevel: band(levels.serviceLevel(k) - shift, 0.01),
          asa: band(levels.asa(k), 0.3),
          abandonRate: band(levels.abandonRate(k) + shift / 10, 0.002),
          occupancy: band(levels.occupancy(k), 0.005),
        },
        byCallType: {},
        byAgentGroup: {},
        result: full,
      };
    }),
  };
}

const GENTLE = {
  serviceLevel: (i: number) => 0.81 + i * 0.002,
  asa: (i: number) => 1 + i * 0.1,
  abandonRate: (i: number) => 0.02 + i * 0.0005,
  occupancy: (i: number) => 0.9 - i * 0.002,
};

async function svgs(result: SweepResult, verdict: SweepVerdict): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const chart of sweepCharts(result, verdict)) out.set(chart.id, await renderSvg(chart.spec, chart.id));
  return out;
}

function noVerdict(result: SweepResult): SweepVerdict {
  return { feasible: result.points.map(() => null), best: null, by: 'agents' };
}

interface Label {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly anchor: string;
  /** Drawn upright (rotated 90°): then it spans the font's height across the axis. */
  readonly upright: boolean;
}

/** The tick labels of the X or Y axis, with their positions. */
function axisLabels(svg: string, axis: 'X' | 'Y'): Label[] {
  const start = svg.indexOf(`aria-label="${axis}-axis`);
  expect(start, `${axis} axis`).toBeGreaterThan(0);
  const from = svg.indexOf('role-axis-label', start);
  const to = svg.indexOf('role-axis-title', from);
  return (
    [...svg.slice(from, to).matchAll(/<text([^>]*)>([^<]*)<\/text>/g)]
      // Labels Vega hid to avoid an overlap are drawn transparent.
      .filter((m) => !m[1].includes('opacity="0"'))
      .map((m) => {
        const [, x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(m[1]) ?? ['', '0', '0'];
        return {
          text: m[2],
          x: Number(x),
          y: Number(y),
          anchor: /text-anchor="(\w+)"/.exec(m[1])?.[1] ?? 'start',
          upright: /rotate\((90|270|-90)\)/.test(m[1]),
        };
      })
  );
}

/** About how wide DejaVu Sans draws a label at 11 px (digits and letters are about 0.6 em). */
const width = (text: string) => text.length * 11 * 0.62;

describe('sweep charts', () => {
  it('print distinct tick labels on every axis, even over a narrow range', async () => {
    const result = fakeSweep([10, 11, 12, 13, 14], GENTLE);
    for (const [id, svg] of await svgs(result, noVerdict(result))) {
      if (id === 'sweep-heatmap') continue;
      for (const axis of ['X', 'Y'] as const) {
        const texts = axisLabels(svg, axis).map((l) => l.text);
        expect(new Set(texts).size, `${id} ${axis}: ${texts.join(', ')}`).toBe(texts.length);
      }
    }
  });

  it('never lets x labels touch, numeric or not', async () => {
    const numeric = fakeSweep(
      Array.from({ length: 41 }, (_, i) => 15000 + 2 * i),
      GENTLE,
    );
    const named = fakeSweep(
      Array.from({ length: 41 }, (_, i) => `${150 + 2 * i}s`),
      GENTLE,
    );
    for (const result of [numeric, named]) {
      const svg = (await svgs(result, noVerdict(result))).get('sweep-asa') ?? '';
      const labels = axisLabels(svg, 'X').sort((a, b) => a.x - b.x);
      expect(labels.length).toBeGreaterThan(3);
      for (let i = 1; i < labels.length; i++) {
        const across = (l: Label) => (l.upright ? 11 : width(l.text));
        const gap = labels[i].x - labels[i - 1].x - (across(labels[i]) + across(labels[i - 1])) / 2;
        expect(gap, `${labels[i - 1].text} | ${labels[i].text}`).toBeGreaterThanOrEqual(2);
      }
    }
  });

  it('draws legend swatches in the colour and weight of their lines', async () => {
    const result = fakeSweep([10, 11, 12, 13, 14], GENTLE, [5, 6, 7]);
    const svg = (await svgs(result, noVerdict(result))).get('sweep-serviceLevel') ?? '';
    const lineColors = new Set(
      [...svg.matchAll(/aria-roledescription="line mark"[^>]*stroke="(#[0-9a-f]{6})"/g)].map((m) => m[1]),
    );
    expect(lineColors.size).toBe(3);
    const swatches = [...svg.matchAll(/role-legend-symbol[^>]*><path([^>]*)\/>/g)].map((m) => m[1]);
    expect(swatches).toHaveLength(3);
    for (const swatch of swatches) {
      const stroke = /stroke="(#[0-9a-f]{6})"/.exec(swatch)?.[1] ?? 'none';
      expect(lineColors.has(stroke), swatch).toBe(true);
      expect(swatch, 'a swatch as opaque as its line').not.toMatch(/(fill-)?opacity="0\.[0-9]+"/);
      expect(Number(/stroke-width="([\d.]+)"/.exec(swatch)?.[1] ?? 0), swatch).toBeGreaterThanOrEqual(2);
    }
  });

  it("keeps the best point's label inside the plot, at the left edge and at the top", async () => {
    // The best point is the first (left edge) and the highest service level (top of the plot).
    const result = fakeSweep([10, 11, 12, 13, 14], {
      ...GENTLE,
      serviceLevel: (i) => 0.99 - i * 0.05,
    });
    const verdict: SweepVerdict = { feasible: result.points.map(() => true), best: 0, by: 'agents' };
    const svg = (await svgs(result, verdict)).get('sweep-serviceLevel') ?? '';
    const match = /<text([^>]*)>cheapest meeting targets<\/text>/.exec(svg);
    expect(match).not.toBeNull();
    const attrs = match?.[1] ?? '';
    const [, x, y] = /translate\(([-\d.]+),([-\d.]+)\)/.exec(attrs) ?? ['', 'NaN', 'NaN'];
    const anchor = /text-anchor="(\w+)"/.exec(attrs)?.[1] ?? 'start';
    const w = width('cheapest meeting targets');
    const left = Number(x) - (anchor === 'middle' ? w / 2 : anchor === 'end' ? w : 0);
    expect(left, 'left edge of the label').toBeGreaterThanOrEqual(0);
    // Below the top of the plot (y = 0 is the top tick), so it covers neither that tick's label nor the title.
    expect(Number(y), 'baseline of the label').toBeGreaterThan(11);
  });
});

/**
 * In the page the browser measures text exactly, and Vega flushes the first
 * and last labels of a numeric axis to the ends: before, "150" and "152"
 * printed as "150152" there. Every pair of visible x labels must stay apart.
 */
describe.skipIf(SKIP_BROWSER)('sweep charts in the page', () => {
  const browser = chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  afterAll(async () => (await browser).close());

  it('never lets x labels touch, first and last included', async () => {
    const xs = Array.from({ length: 21 }, (_, i) => 150 + 2 * i);
    const result = fakeSweep(xs, GENTLE, [5, 6, 7]);
    const file = join(mkdtempSync(join(tmpdir(), 'ccsim-sweep-page-')), 'index.html');
    writeFileSync(
      file,
      htmlPage({
        title: 'sweep',
        subtitle: '',
        before: '',
        charts: sweepCharts(result, noVerdict(result)),
        after: '',
        linkFiles: false,
      }),
    );
    const page = await (await browser).newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector('body[data-charts-rendered]', { state: 'attached' });
    // A string: the page's DOM types are not this project's (no "dom" lib).
    const axes: Array<{ chart: string; boxes: Array<{ text: string; left: number; right: number }> }> =
      await page.evaluate(`[...document.querySelectorAll('.chart')].map((chart) => {
        const axis = [...chart.querySelectorAll('g.role-axis')].find((g) =>
          (g.getAttribute('aria-label') || '').startsWith('X-axis'));
        const texts = axis ? [...axis.querySelectorAll('g.role-axis-label text')] : [];
        return {
          chart: chart.id,
          boxes: texts
            .filter((t) => t.getAttribute('opacity') !== '0')
            .map((t) => { const r = t.getBoundingClientRect(); return { text: t.textContent, left: r.left, right: r.right }; })
            .sort((a, b) => a.left - b.left),
        };
      })`);
    const lines = axes.filter((a) => a.chart !== 'chart-sweep-heatmap');
    expect(lines.length).toBe(4);
    for (const { chart, boxes } of lines) {
      expect(boxes.length, chart).toBeGreaterThan(3);
      for (let i = 1; i < boxes.length; i++) {
        expect(
          boxes[i].left - boxes[i - 1].right,
          `${chart}: ${boxes[i - 1].text} | ${boxes[i].text}`,
        ).toBeGreaterThanOrEqual(3);
      }
    }
    await page.close();
  });
});
