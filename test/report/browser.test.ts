/**
 * The HTML report of `ccsim run` as a reader sees it: opened from disk in
 * headless Chromium (Debian's `chromium`, driven by playwright-core), it
 * must make no network request, log no error, draw every chart as SVG with
 * the marks its data calls for, show tooltips, the summary table and
 * clock-time axes whatever the browser's time zone.
 *
 * Needs chromium (`apt-get install chromium fonts-dejavu-core`; another
 * binary through CHROMIUM_PATH). CCSIM_SKIP_BROWSER=1 skips these tests.
 * CCSIM_UPDATE_SCREENSHOT=1 also rewrites docs/report-screenshot.png.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/experiment/run-result.js';
import { cli } from '../support/cli.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const SCREENSHOT = join(ROOT, 'docs/report-screenshot.png');
const TIMEOUT = 60_000;

const SKIP = process.env.CCSIM_SKIP_BROWSER === '1';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Far from UTC: clock labels must not move with the browser's time zone. */
const TIME_ZONE = 'America/Los_Angeles';

/** URLs a self-contained page may load: itself, inline data, blank frames. */
const LOCAL_URL = /^(file|data|about):/;

interface Report {
  readonly dir: string;
  readonly result: RunResult;
  /** The charts the report must hold, in page order. */
  readonly charts: readonly string[];
}

interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests to anything but file:, data: or about: URLs. */
  readonly network: string[];
  /** console.error messages and uncaught page errors. */
  readonly errors: string[];
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

describe.skipIf(SKIP)('HTML report in headless Chromium', () => {
  let browser: Browser | undefined;
  const temp: string[] = [];
  const reports: Record<'default' | 'bank', Report> = {} as Record<'default' | 'bank', Report>;
  const pages: Record<string, OpenedPage> = {};

  async function report(scenario: string, charts: readonly string[]): Promise<Report> {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-browser-'));
    temp.push(dir);
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

  /** Opens a report's index.html and waits until every chart has settled. */
  async function open(name: keyof typeof reports): Promise<OpenedPage> {
    if (browser === undefined) throw new Error('no browser');
    const context = await browser.newContext({
      timezoneId: TIME_ZONE,
      viewport: { width: 1280, height: 900 },
      deviceScaleFactor: 1,
    });
    const network: string[] = [];
    const errors: string[] = [];
    context.on('request', (request) => {
      if (!LOCAL_URL.test(request.url())) network.push(request.url());
    });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
    });
    page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
    await page.goto(pathToFileURL(join(reports[name].dir, 'index.html')).href);
    try {
      await page.waitForSelector('body[data-charts-rendered]', { state: 'attached', timeout: 20_000 });
    } catch (error) {
      throw new Error(
        `${name}: the charts never finished rendering (${String(error).split('\n')[0]}); ` +
          `errors: ${JSON.stringify(errors)}; network: ${JSON.stringify(network)}`,
        { cause: error },
      );
    }
    const opened = { page, context, network, errors };
    pages[name] = opened;
    return opened;
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
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    await open('default');
    await open('bank');
  }, TIMEOUT);

  afterAll(async () => {
    for (const opened of Object.values(pages)) await opened.context.close();
    await browser?.close();
    for (const dir of temp) rmSync(dir, { recursive: true, force: true });
  }, TIMEOUT);

  /** How many elements of a Vega mark type the chart draws (axes, legends and titles excluded). */
  function marks(page: Page, chart: string, type: 'symbol' | 'rect' | 'line' | 'area' | 'rule' | 'text') {
    const element = type === 'rule' ? 'line' : type === 'text' ? 'text' : 'path';
    return page.locator(`#chart-${chart} svg g.mark-${type}.role-mark > ${element}`).count();
  }

  describe.each(['default', 'bank'] as const)('%s scenario', (name) => {
    it(
      'draws every chart as SVG with marks',
      async () => {
        const { page } = pages[name];
        const ids = await page.$$eval('div.chart', (divs) => divs.map((d) => d.getAttribute('data-chart')));
        expect(ids).toEqual(reports[name].charts);
        expect(await page.getAttribute('body', 'data-charts-rendered')).toBe(String(ids.length));
        for (const id of reports[name].charts) {
          const chart = page.locator(`#chart-${id}`);
          expect(await chart.getAttribute('data-rendered'), id).toBe('true');
          expect(await chart.locator('svg').count(), id).toBe(1);
          const drawn = await chart
            .locator(
              [
                'g.mark-line.role-mark > path',
                'g.mark-rect.role-mark > path',
                'g.mark-area.role-mark > path',
                'g.mark-symbol.role-mark > path',
                'g.mark-rule.role-mark > line',
                'g.mark-text.role-mark > text',
              ].join(', '),
            )
            .count();
          expect(drawn, `${id}: marks drawn`).toBeGreaterThan(0);
          const svg = await chart.locator('svg').evaluate((s) => s.outerHTML);
          expect(svg, `${id}: NaN in the SVG`).not.toMatch(/NaN|Infinity|undefined/);
          // Lines, areas and symbols with empty geometry would pass the counts above.
          const empty = await chart
            .locator('g.role-mark > path')
            .evaluateAll((paths) => paths.filter((p) => !p.getAttribute('d')).length);
          expect(empty, `${id}: paths without geometry`).toBe(0);
        }
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
