/**
 * ccsim's HTML pages as a reader sees them: opened from disk in headless
 * Chromium (Debian's `chromium`, driven by playwright-core), each must make
 * no network request, log no error and draw every chart as SVG with the
 * marks its data calls for. The run report is checked in depth (tooltips,
 * the summary table, clock-time axes whatever the browser's time zone); the
 * sweep, compare, DR and staffing pages and the run report of a two-site
 * network with an outage each get their own checks.
 *
 * Needs chromium (`apt-get install chromium fonts-dejavu-core`; another
 * binary through CHROMIUM_PATH). CCSIM_SKIP_BROWSER=1 skips these tests.
 * CCSIM_UPDATE_SCREENSHOT=1 also rewrites docs/report-screenshot.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompareResult } from '../../src/experiment/compare.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import type { SweepSummary } from '../../src/experiment/sweep.js';
import { loadScenarioFile } from '../../src/model/scenario/load.js';
import type { DrResult } from '../../src/results/dr.js';
import type { StaffResult } from '../../src/results/staff.js';
import type { OpenedPage } from '../support/browser.js';
import {
  CHROMIUM,
  CHROMIUM_ARGS,
  SKIP_BROWSER,
  TIME_ZONE,
  expectChartsRendered,
  markBoxes,
  markGroups,
  marks,
  openPage,
  ruleGroups,
  tableRows,
} from '../support/browser.js';
import { cli } from '../support/cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = join(ROOT, 'docs/report-screenshot.png');
const TIMEOUT = 60_000;

interface Report {
  readonly dir: string;
  readonly result: RunResult;
  /** The charts the report must hold, in page order. */
  readonly charts: readonly string[];
}

/** The charts of every run report (src/report/charts/run-charts.ts), in page order. */
const RUN_CHARTS = [
  'service-level',
  'asa',
  'abandonment',
  'volumes',
  'staffing',
  'occupancy',
  'queue',
  'wait-distribution',
];
/** default.yaml adds a panel per call type (it has two). */
const DEFAULT_CHARTS = [...RUN_CHARTS, 'call-types'];
/** retail-bank.yaml also has an IVR. */
const BANK_CHARTS = [...RUN_CHARTS, 'ivr-funnel', 'call-types'];

const SALES = 'agentGroups.sales-team.agents';
const SERVICE = 'agentGroups.service-team.agents';
/** A two-parameter sweep: the heatmap, then one chart per headline KPI (default.yaml prices nothing: no cost chart). */
const SWEEP_CHARTS = [
  'sweep-heatmap',
  'sweep-serviceLevel',
  'sweep-asa',
  'sweep-abandonRate',
  'sweep-occupancy',
];

/**
 * The other pages ccsim writes, each from one command with 3 replications
 * (`--reps 3 --out DIR -q` are added). `sweep-feasible` is a grid where some
 * points meet default.yaml's targets, so that the cheapest is highlighted.
 */
const PAGES = {
  sweep: {
    args: ['sweep', 'scenarios/default.yaml', '--set', `${SALES}=16..18`, '--set', `${SERVICE}=20..21`],
    charts: SWEEP_CHARTS,
  },
  'sweep-feasible': {
    args: ['sweep', 'scenarios/default.yaml', '--set', `${SALES}=16..20:2`, '--set', `${SERVICE}=23,24`],
    charts: SWEEP_CHARTS,
  },
  compare: {
    args: ['compare', 'scenarios/airline-golden-week.yaml', 'scenarios/airline-golden-week-after.yaml'],
    charts: ['service-level', 'differences-rates', 'differences-waits'],
  },
  dr: {
    args: ['dr', 'scenarios/two-site-bank-dr.yaml'],
    // The two comparisons, then a timeline per failed site.
    charts: ['service-level-during', 'calls-lost-during', 'timeline-1-city', 'timeline-2-harbour'],
  },
  staff: {
    args: ['staff', 'scenarios/planner-day.yaml', '--target', '80/20'],
    charts: ['requirement'],
  },
  /** `ccsim run` of a two-site network with a scheduled outage: the outage timeline first, the sites last. */
  'run-dr': {
    args: ['run', 'scenarios/two-site-bank-dr.yaml'],
    charts: ['outage-timeline', ...RUN_CHARTS, 'ivr-funnel', 'call-types', 'sites'],
  },
} as const;
type PageName = keyof typeof PAGES;
const PAGE_NAMES = Object.keys(PAGES) as PageName[];

/** "HH:MM" → hours. */
function clock(text: string): number {
  const [h, m] = text.split(':').map(Number);
  return h + m / 60;
}

describe.skipIf(SKIP_BROWSER)('HTML pages in headless Chromium', () => {
  let browser: Browser | undefined;
  const temp: string[] = [];
  const reports: Record<'default' | 'bank', Report> = {} as Record<'default' | 'bank', Report>;
  const pages: Record<string, OpenedPage> = {};
  /** Where each of the other pages was written. */
  const dirs = {} as Record<PageName, string>;
  /** Why a page never finished rendering. */
  const broken: Partial<Record<PageName, unknown>> = {};

  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-browser-'));
    temp.push(dir);
    return dir;
  }

  async function report(scenario: string, charts: readonly string[]): Promise<Report> {
    const dir = tempDir();
    const run = await cli(
      'run',
      join(ROOT, scenario),
      '--reps',
      '4',
      '--threads',
      '1',
      '--out',
      dir,
      '--quiet',
    );
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8')) as RunResult;
    return { dir, result, charts };
  }

  /** Writes one of the other pages into a temp dir. */
  async function write(name: PageName): Promise<void> {
    const dir = tempDir();
    const [command, ...rest] = PAGES[name].args;
    const args = rest.map((a) => (a.startsWith('scenarios/') ? join(ROOT, a) : a));
    const run = await cli(command, ...args, '--reps', '3', '--out', dir, '-q');
    expect(run.code, `${name}: ${run.stderr}`).toBe(0);
    expect(existsSync(join(dir, 'index.html')), `${name}: index.html`).toBe(true);
    dirs[name] = dir;
  }

  async function open(name: string, dir: string): Promise<OpenedPage> {
    if (browser === undefined) throw new Error('no browser');
    const opened = await openPage(browser, name, join(dir, 'index.html'));
    pages[name] = opened;
    return opened;
  }

  function json<T>(name: PageName, file: string): T {
    return JSON.parse(readFileSync(join(dirs[name], file), 'utf8')) as T;
  }

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `Chromium not found at ${CHROMIUM}: the HTML report is checked in a real browser. ` +
          'Install it with `apt-get install chromium fonts-dejavu-core` (or point CHROMIUM_PATH at a ' +
          'Chromium binary); CCSIM_SKIP_BROWSER=1 skips these tests.',
      );
    }
    reports.default = await report('scenarios/default.yaml', DEFAULT_CHARTS);
    reports.bank = await report('scenarios/retail-bank.yaml', BANK_CHARTS);
    for (const name of PAGE_NAMES) await write(name);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    await open('default', reports.default.dir);
    await open('bank', reports.bank.dir);
    // A page that never renders fails its own tests below, not the others.
    for (const name of PAGE_NAMES) {
      await open(name, dirs[name]).catch((error: unknown) => {
        broken[name] = error;
      });
    }
  }, 2 * TIMEOUT);

  afterAll(async () => {
    for (const opened of Object.values(pages)) await opened.context.close();
    await browser?.close();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  }, TIMEOUT);

  /** An opened page, or the error that kept it from rendering. */
  function opened(name: PageName): OpenedPage {
    if (name in broken) throw broken[name];
    return pages[name];
  }

  describe.each(['default', 'bank'] as const)('run report, %s scenario', (name) => {
    it(
      'draws every chart as SVG with marks',
      async () => {
        await expectChartsRendered(pages[name].page, reports[name].charts);
      },
      TIMEOUT,
    );

    it(
      'draws the marks the data calls for',
      async () => {
        const { page } = pages[name];
        const { result } = reports[name];
        const intervals = result.byInterval.length;
        const callTypes = Object.keys(result.byCallType).length;
        const groups = Object.keys(result.byAgentGroup).length;
        if (name === 'default') expect(intervals, '08:00–16:00 in 30 min').toBe(16);
        if (name === 'bank') expect(intervals, '08:00–18:00 in 30 min').toBe(20);
        // One point per interval on each KPI line, with its CI band and line.
        for (const id of ['service-level', 'asa', 'abandonment', 'queue']) {
          expect(await marks(page, id, 'symbol'), `${id}: points`).toBe(intervals);
          expect(await marks(page, id, 'area'), `${id}: CI band`).toBe(1);
        }
        // Answered, abandoned, blocked stacked per interval, and the offered line's points.
        expect(await marks(page, 'volumes', 'rect'), 'volumes: bars').toBe(3 * intervals);
        expect(await marks(page, 'volumes', 'symbol'), 'volumes: offered points').toBe(intervals);
        expect(await marks(page, 'occupancy', 'symbol'), 'occupancy: points').toBe(groups * intervals);
        expect(await marks(page, 'occupancy', 'line'), 'occupancy: one line per group').toBe(groups);
        // On duty, Erlang C and (both scenarios have patience) Erlang A.
        expect(await marks(page, 'staffing', 'line'), 'staffing: series').toBe(3);
        const waitBars = await marks(page, 'wait-distribution', 'rect');
        expect(waitBars, 'wait distribution: answered and abandoned bars').toBeGreaterThan(0);
        expect(waitBars % 2, 'wait distribution: bars come in pairs').toBe(0);
        expect(await marks(page, 'wait-distribution', 'line'), 'wait distribution: CDF').toBe(1);
        expect(await marks(page, 'call-types', 'symbol'), 'call types: points').toBe(callTypes * intervals);
        expect(await marks(page, 'call-types', 'line'), 'call types: one line per type').toBe(callTypes);
        if (name === 'bank') {
          // Entered, blocked, hung up, self-served, to agents: one bar and one share label each.
          expect(await marks(page, 'ivr-funnel', 'rect'), 'IVR funnel: bars').toBe(5);
          expect(await marks(page, 'ivr-funnel', 'text'), 'IVR funnel: labels').toBe(5);
        }
      },
      TIMEOUT,
    );

    it(
      'labels time axes with the scenario clock in any time zone',
      async () => {
        const { page } = pages[name];
        expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(TIME_ZONE);
        const labels = await page
          .locator('#chart-service-level g.role-axis-label text')
          .evaluateAll((texts) => texts.map((t) => t.textContent));
        const last = reports[name].result.byInterval.at(-1)?.end;
        expect(labels[0]).toBe('08:00');
        expect(labels).toContain(last);
        for (const id of ['volumes', 'staffing', 'occupancy', 'call-types']) {
          const text = await page.locator(`#chart-${id} g.role-axis-label text`).allTextContents();
          expect(text, id).toContain('08:00');
        }
      },
      TIMEOUT,
    );

    it(
      'shows the summary table with the service level',
      async () => {
        const { page } = pages[name];
        const table = page.locator('table.headline');
        expect(await table.count()).toBe(1);
        const row = table
          .locator('tbody tr')
          .filter({ has: page.locator('td:first-child', { hasText: /^Service level$/ }) });
        expect(await row.count()).toBe(1);
        const cells = await row.locator('td').allTextContents();
        expect(cells[1]).toMatch(/^\d+(\.\d)?%$/);
      },
      TIMEOUT,
    );

    it(
      'shows a tooltip when a service-level point is hovered',
      async () => {
        const { page } = pages[name];
        const i = 3;
        await page.locator('#chart-service-level g.mark-symbol.role-mark > path').nth(i).hover();
        const tooltip = page.locator('#vg-tooltip-element');
        await tooltip.waitFor({ state: 'visible', timeout: 10_000 });
        const text = await tooltip.innerText();
        const row = reports[name].result.byInterval[i];
        expect(text).toContain('Interval');
        expect(text).toContain(`${row.interval}–${row.end}`);
        await page.mouse.move(0, 0);
      },
      TIMEOUT,
    );

    it(
      'loaded nothing from the network and logged no error, hovering included',
      () => {
        const { network, errors } = pages[name];
        expect(network, 'requests that left the file system').toEqual([]);
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );
  });

  describe.each(PAGE_NAMES)('%s page', (name) => {
    it(
      'draws every chart as SVG with marks',
      async () => {
        await expectChartsRendered(opened(name).page, PAGES[name].charts);
      },
      TIMEOUT,
    );

    it(
      'loaded nothing from the network and logged no error',
      () => {
        const { network, errors } = opened(name);
        expect(network, 'requests that left the file system').toEqual([]);
        expect(errors).toEqual([]);
      },
      TIMEOUT,
    );
  });

  describe('sweep page', () => {
    const { scenario } = loadScenarioFile(join(ROOT, 'scenarios/default.yaml'));

    /** default.yaml's targets, judged on the means as the page does (src/report/headline.ts). */
    function meetsTargets(point: SweepSummary['points'][number]): boolean {
      const t = point.total;
      const checks: Array<[number | null | undefined, number | null | undefined, 'min' | 'max']> = [
        [t.serviceLevel?.mean, scenario.serviceLevel.target, 'min'],
        [t.asa?.mean, scenario.targets?.maxAsa, 'max'],
        [t.abandonRate?.mean, scenario.targets?.maxAbandonRate, 'max'],
        [t.occupancy?.mean, scenario.targets?.maxOccupancy, 'max'],
      ];
      return checks.every(([value, bound, kind]) =>
        bound === null || bound === undefined || value === null || value === undefined
          ? true
          : kind === 'min'
            ? value >= bound
            : value <= bound,
      );
    }

    /** The cheapest point meeting every target (agents on duty: default.yaml prices nothing), or null. */
    function cheapest(sweep: SweepSummary): number | null {
      let best: number | null = null;
      for (const p of sweep.points) {
        if (!meetsTargets(p)) continue;
        const agents = p.total.agents?.mean ?? Infinity;
        if (best === null || agents < (sweep.points[best].total.agents?.mean ?? Infinity)) best = p.index;
      }
      return best;
    }

    it.each(['sweep', 'sweep-feasible'] as const)(
      '%s: one heatmap cell per grid point, one point per grid point on each KPI chart',
      async (name) => {
        const { page } = opened(name);
        const sweep = json<SweepSummary>(name, 'sweep.json');
        const points = sweep.points.length;
        expect(points, 'the grid').toBe(
          sweep.parameters[0].values.length * sweep.parameters[1].values.length,
        );
        if (name === 'sweep') expect(points, '3 × 2 grid').toBe(6);
        const feasible = sweep.points.filter(meetsTargets).length;
        // The colour cells, then (when some point meets the targets) their outlines.
        expect(await markGroups(page, 'sweep-heatmap', 'rect'), 'heatmap cells, outlines').toEqual(
          feasible > 0 ? [points, feasible] : [points],
        );
        const texts = await markGroups(page, 'sweep-heatmap', 'text');
        expect(texts[0], 'heatmap: a label per cell').toBe(points);
        expect(texts.length, 'heatmap: ★ on the cheapest').toBe(feasible > 0 ? 2 : 1);
        const series = sweep.parameters[1].values.length;
        for (const id of SWEEP_CHARTS.slice(1)) {
          const symbols = await markGroups(page, id, 'symbol');
          expect(symbols[0], `${id}: points`).toBe(points);
          expect(symbols.slice(1), `${id}: the circled cheapest`).toEqual(feasible > 0 ? [1] : []);
          expect(await marks(page, id, 'line'), `${id}: a line per ${SERVICE}`).toBe(series);
          expect(await marks(page, id, 'area'), `${id}: a CI band per line`).toBe(series);
          // The target: one line (its layer has its own one-row data).
          const [target, ...others] = await ruleGroups(page, id);
          expect(others, `${id}: no other rule`).toEqual([]);
          expect(target, `${id}: the target`).toEqual({ lines: 1, distinct: 1 });
        }
      },
      TIMEOUT,
    );

    it.each(['sweep', 'sweep-feasible'] as const)(
      '%s: highlights the cheapest point meeting the targets (tr.best), and only it',
      async (name) => {
        const { page } = opened(name);
        const sweep = json<SweepSummary>(name, 'sweep.json');
        const rows = await tableRows(page, '#summary table');
        expect(rows.map((r) => r[0])).toEqual(sweep.points.map((p) => String(p.index)));
        // The last column says met or missed, as the test judges it.
        expect(rows.map((r) => r.at(-1))).toEqual(
          sweep.points.map((p) => (meetsTargets(p) ? 'met' : 'missed')),
        );
        const best = cheapest(sweep);
        if (name === 'sweep-feasible')
          expect(best, 'this grid has points meeting the targets').not.toBeNull();
        const highlighted = await page
          .locator('#summary tbody tr.best')
          .evaluateAll((trs) => trs.map((tr) => tr.querySelector('td')?.textContent));
        expect(highlighted).toEqual(best === null ? [] : [String(best)]);
        const badge = (await page.locator('#summary .badge').innerText()).trim();
        if (best === null) {
          expect(badge).toBe('No grid point meets every target');
        } else {
          const p = sweep.points[best];
          expect(badge).toBe(
            `Cheapest grid point meeting every target: ${SALES} = ${p.parameters[SALES]}, ${SERVICE} = ${p.parameters[SERVICE]}`,
          );
          const background = await page
            .locator('#summary tbody tr.best td')
            .first()
            .evaluate(
              (td) =>
                (
                  globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }
                ).getComputedStyle(td).backgroundColor,
            );
          expect(background, 'the highlighted row is shaded').not.toBe('rgba(0, 0, 0, 0)');
        }
      },
      TIMEOUT,
    );
  });

  it(
    'compare page: a line per scenario over its intervals, a dot and whisker per difference',
    async () => {
      const { page } = opened('compare');
      const compare = json<CompareResult>('compare', 'compare.json');
      const scenarios = compare.scenarios.length;
      const intervals = compare.scenarios.reduce((n, s) => n + s.result.byInterval.length, 0);
      expect(scenarios).toBe(2);
      expect(intervals, '2 × 24 intervals').toBe(48);
      expect(await marks(page, 'service-level', 'symbol'), 'service level: points').toBe(intervals);
      expect(await marks(page, 'service-level', 'line'), 'service level: a line per scenario').toBe(
        scenarios,
      );
      expect(await marks(page, 'service-level', 'area'), 'service level: a band per scenario').toBe(
        scenarios,
      );
      const labels = await page.locator('#chart-service-level g.role-axis-label text').allTextContents();
      expect(labels, 'clock labels in any time zone').toContain(
        compare.scenarios[0].result.byInterval[0].interval,
      );
      for (const [id, kpis] of [
        ['differences-rates', ['serviceLevel', 'abandonRate', 'occupancy']],
        ['differences-waits', ['asa', 'waitP90']],
      ] as const) {
        const shown = compare.differences.filter(
          (d) =>
            d.callType === null && (kpis as readonly string[]).includes(d.kpi) && d.difference.mean !== null,
        ).length;
        expect(shown, `${id}: differences`).toBe(kpis.length);
        expect(await marks(page, id, 'symbol'), `${id}: dots`).toBe(shown);
        // The zero line, then a whisker per difference.
        expect(await markGroups(page, id, 'rule'), `${id}: zero, whiskers`).toEqual([1, shown]);
      }
    },
    TIMEOUT,
  );

  describe('dr page', () => {
    it(
      'compares the baseline and every failure during the outage',
      async () => {
        const { page } = opened('dr');
        const dr = json<DrResult>('dr', 'dr.json');
        const cases = 1 + dr.failures.length;
        expect(dr.sites).toEqual(['city', 'harbour']);
        // A bar per run, then the ticks at both ends of its CI whisker.
        expect(await markGroups(page, 'service-level-during', 'rect'), 'bars, low and high ticks').toEqual([
          cases,
          cases,
          cases,
        ]);
        expect(await markGroups(page, 'service-level-during', 'rule'), 'whiskers, target').toEqual([
          cases,
          1,
        ]);
        // Abandoned, blocked, failed and dropped stacked per run (zero-height bars included), the total's whisker.
        expect(
          await markGroups(page, 'calls-lost-during', 'rect'),
          'stacked bars, low and high ticks',
        ).toEqual([4 * cases, cases, cases]);
        const rows = await tableRows(page, '#sites table');
        expect(rows.length, 'per-site rows of every run').toBeGreaterThan(0);
      },
      TIMEOUT,
    );

    it.each([0, 1])(
      'timeline %i: the outage band over its hours in both panels, the failure against the baseline',
      async (i) => {
        const { page } = opened('dr');
        const dr = json<DrResult>('dr', 'dr.json');
        const failure = dr.failures[i];
        const id = PAGES.dr.charts[2 + i];
        const intervals = failure.timeline.length;
        expect(intervals, '08:00–18:00 in 30 min').toBe(20);
        // Service level (top) and queue (bottom): the failure's points, its line and the baseline's.
        expect(await marks(page, id, 'symbol'), `${id}: points`).toBe(2 * intervals);
        expect(await marks(page, id, 'line'), `${id}: failure and baseline lines`).toBe(4);
        const bands = await markBoxes(page, id, 'rect');
        expect(bands.length, `${id}: a band per panel`).toBe(2);
        // The x axis runs over the timeline; the band covers the outage's share of it.
        const from = failure.timeline[0].startSeconds;
        const span = failure.timeline[intervals - 1].endSeconds - from;
        const width = 640;
        for (const band of bands) {
          expect(band.x).toBeCloseTo(((dr.outage.atSeconds - from) / span) * width, 0);
          expect(band.width).toBeCloseTo(((dr.outage.endSeconds - dr.outage.atSeconds) / span) * width, 0);
        }
        const texts = await page.locator(`#chart-${id} svg g.mark-text.role-mark > text`).allTextContents();
        expect(texts, `${id}: the band's label`).toContain('outage');
        // The detection rule in each panel and the target in the top one.
        expect(await marks(page, id, 'rule'), `${id}: detection rules and target`).toBe(3);
        const labels = await page.locator(`#chart-${id} g.role-axis-label text`).allTextContents();
        expect(labels, `${id}: clock labels in any time zone`).toContain(failure.timeline[0].interval);
      },
      TIMEOUT,
    );
  });

  it(
    'staff page: a bar per interval and group, the closed forms and the forecast',
    async () => {
      const { page } = opened('staff');
      const plan = json<StaffResult>('staff', 'plan.json');
      const intervals = plan.byInterval.length;
      const groups = new Set(plan.requirements.map((r) => r.group)).size;
      expect([intervals, groups], '24 intervals × 3 groups').toEqual([24, 3]);
      expect(plan.requirements.length).toBe(intervals * groups);
      expect(await marks(page, 'requirement', 'rect'), 'requirement: bars').toBe(intervals * groups);
      // Erlang C and Erlang A, then the offered calls with a point per interval.
      expect(await marks(page, 'requirement', 'line'), 'requirement: lines').toBe(3);
      expect(await marks(page, 'requirement', 'symbol'), 'requirement: offered points').toBe(intervals);
      const rows = await tableRows(page, '#summary table');
      expect(rows.length, 'a table row per interval and group').toBe(intervals * groups);
      const labels = await page.locator('#chart-requirement g.role-axis-label text').allTextContents();
      expect(labels, 'clock labels in any time zone').toContain(plan.byInterval[0].interval);
    },
    TIMEOUT,
  );

  describe('run page of a two-site network with an outage', () => {
    it(
      'draws the outage over its hours on the timeline, a line per site',
      async () => {
        const { page } = opened('run-dr');
        const result = json<RunResult>('run-dr', 'result.json');
        const sites = Object.keys(result.bySite);
        const intervals = result.byInterval.length;
        expect(sites).toEqual(['city', 'harbour']);
        const during = result.byPhase?.find((p) => p.phase === 'during');
        expect(during, 'the outage phase').toBeDefined();
        // The network and each site, a point per interval.
        expect(await marks(page, 'outage-timeline', 'line'), 'outage timeline: lines').toBe(1 + sites.length);
        // A point per interval with a service level: none at a site while it is down (it is offered nothing).
        const levels = result.byInterval.flatMap((row) => [
          row.kpis.serviceLevel,
          ...sites.map((site) => row.bySite[site].serviceLevel),
        ]);
        const points = levels.filter((e) => e?.mean !== null && e?.mean !== undefined).length;
        expect(points, 'city is down for 4 intervals').toBe((1 + sites.length) * intervals - 4);
        expect(await marks(page, 'outage-timeline', 'symbol'), 'outage timeline: points').toBe(points);
        expect(await marks(page, 'outage-timeline', 'area'), 'outage timeline: the network band').toBe(1);
        const bands = await markBoxes(page, 'outage-timeline', 'rect');
        expect(bands.length, 'one outage, one band').toBe(1);
        const from = clock(result.byInterval[0].interval);
        const span = clock(result.byInterval[intervals - 1].end) - from;
        const at = clock(during?.from ?? '');
        const end = clock(during?.to ?? '');
        expect(bands[0].x).toBeCloseTo(((at - from) / span) * 640, 0);
        expect(bands[0].width).toBeCloseTo(((end - at) / span) * 640, 0);
        const texts = await page
          .locator('#chart-outage-timeline g.mark-text.role-mark > text')
          .allTextContents();
        expect(texts).toContain('city down');
        // The detection, then the target: one line each.
        const [detection, target, ...others] = await ruleGroups(page, 'outage-timeline');
        expect(detection, 'the detection rule').toEqual({ lines: 1, distinct: 1 });
        expect(target, 'the target: one line').toEqual({ lines: 1, distinct: 1 });
        expect(others).toEqual([]);
        expect(await marks(page, 'sites', 'line'), 'sites: a line per site').toBe(sites.length);
        expect(await marks(page, 'sites', 'symbol'), 'sites: points').toBe(sites.length * intervals);
      },
      TIMEOUT,
    );

    it(
      'shows the per-site and outage tables',
      async () => {
        const { page } = opened('run-dr');
        const result = json<RunResult>('run-dr', 'result.json');
        const sites = await tableRows(page, 'section#sites table');
        expect(sites.map((r) => r[0])).toEqual(Object.keys(result.bySite));
        const outages = await tableRows(page, 'section#outages table');
        const phases = result.byPhase ?? [];
        expect(phases.map((p) => p.phase)).toEqual(['before', 'during', 'after']);
        expect(outages.map((r) => r.slice(0, 3))).toEqual(
          phases.map((p) => [`${p.outage} (${p.site})`, p.phase, `${p.from}–${p.to}`]),
        );
      },
      TIMEOUT,
    );
  });

  it.runIf(process.env.CCSIM_UPDATE_SCREENSHOT === '1')(
    'updates docs/report-screenshot.png',
    async () => {
      const { page } = pages.default;
      await page.mouse.move(0, 0);
      mkdirSync(dirname(SCREENSHOT), { recursive: true });
      const height = await page.locator('html').evaluate((html) => html.scrollHeight);
      await page.screenshot({
        path: SCREENSHOT,
        fullPage: true,
        clip: { x: 0, y: 0, width: 1280, height: Math.min(1800, height) },
      });
      expect(readFileSync(SCREENSHOT).length).toBeLessThan(600_000);
    },
    TIMEOUT,
  );
});
