/**
 * Opens ccsim's HTML pages in headless Chromium (Debian's `chromium`, driven
 * by playwright-core) and checks what every page shares: each `.chart` div
 * drew one SVG with marks, and the page made no network request and logged
 * no error. Used by test/report/browser.test.ts.
 */
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

export const SKIP_BROWSER = process.env.CCSIM_SKIP_BROWSER === '1';
export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
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
export const TIME_ZONE = 'America/Los_Angeles';

/** URLs a self-contained page may load: itself, inline data, blank frames. */
const LOCAL_URL = /^(file|data|about):/;

export interface OpenedPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Requests to anything but file:, data: or about: URLs. */
  readonly network: string[];
  /** console.error messages and uncaught page errors. */
  readonly errors: string[];
}

/** Opens an HTML file in a fresh context and waits until every chart has settled. */
export async function openPage(browser: Browser, name: string, file: string): Promise<OpenedPage> {
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
  await page.goto(pathToFileURL(file).href);
  try {
    await page.waitForSelector('body[data-charts-rendered]', { state: 'attached', timeout: 20_000 });
  } catch (error) {
    await context.close();
    throw new Error(
      `${name}: the charts never finished rendering (${String(error).split('\n')[0]}); ` +
        `errors: ${JSON.stringify(errors)}; network: ${JSON.stringify(network)}`,
      { cause: error },
    );
  }
  return { page, context, network, errors };
}

export type MarkType = 'symbol' | 'rect' | 'line' | 'area' | 'rule' | 'text';

/** The SVG elements of a Vega mark type inside a chart (axes, legends and titles excluded). */
export function markSelector(chart: string, type: MarkType): string {
  const element = type === 'rule' ? 'line' : type === 'text' ? 'text' : 'path';
  return `#chart-${chart} svg g.mark-${type}.role-mark > ${element}`;
}

/** How many elements of a Vega mark type the chart draws. */
export function marks(page: Page, chart: string, type: MarkType): Promise<number> {
  return page.locator(markSelector(chart, type)).count();
}

const ANY_MARK = [
  'g.mark-line.role-mark > path',
  'g.mark-rect.role-mark > path',
  'g.mark-area.role-mark > path',
  'g.mark-symbol.role-mark > path',
  'g.mark-rule.role-mark > line',
  'g.mark-text.role-mark > text',
].join(', ');

/**
 * The page holds exactly `charts` (in page order), the body counts them as
 * rendered, and each drew one SVG with marks, clean numbers and geometry.
 */
export async function expectChartsRendered(page: Page, charts: readonly string[]): Promise<void> {
  const ids = await page.$$eval('div.chart', (divs) => divs.map((d) => d.getAttribute('data-chart')));
  expect(ids).toEqual(charts);
  expect(await page.getAttribute('body', 'data-charts-rendered')).toBe(String(ids.length));
  for (const id of charts) {
    const chart = page.locator(`#chart-${id}`);
    expect(await chart.getAttribute('data-rendered'), id).toBe('true');
    expect(await chart.locator('svg').count(), id).toBe(1);
    expect(await chart.locator(ANY_MARK).count(), `${id}: marks drawn`).toBeGreaterThan(0);
    const svg = await chart.locator('svg').evaluate((s) => s.outerHTML);
    expect(svg, `${id}: NaN in the SVG`).not.toMatch(/NaN|Infinity|undefined/);
    // Lines, areas and symbols with empty geometry would pass the counts above.
    const empty = await chart
      .locator('g.role-mark > path')
      .evaluateAll((paths) => paths.filter((p) => !p.getAttribute('d')).length);
    expect(empty, `${id}: paths without geometry`).toBe(0);
  }
}

/** The text of a table's body cells, row by row. */
export function tableRows(page: Page, selector: string): Promise<string[][]> {
  return page
    .locator(`${selector} tbody tr`)
    .evaluateAll((rows) =>
      rows.map((row) =>
        Array.from((row as unknown as { children: ArrayLike<{ textContent: string | null }> }).children).map(
          (td) => (td.textContent ?? '').trim(),
        ),
      ),
    );
}

/** Per Vega mark of a type (one per layer drawing it, in page order), how many elements it drew. */
export function markGroups(page: Page, chart: string, type: MarkType): Promise<number[]> {
  const element = type === 'rule' ? 'line' : type === 'text' ? 'text' : 'path';
  return page
    .locator(`#chart-${chart} svg g.mark-${type}.role-mark`)
    .evaluateAll(
      (groups, tag) =>
        groups.map(
          (g) =>
            Array.from((g as unknown as { children: ArrayLike<{ tagName: string }> }).children).filter(
              (c) => c.tagName === tag,
            ).length,
        ),
      element,
    );
}

/** Where the elements of a chart's marks of a type sit, in the coordinates of their plot. */
export function markBoxes(
  page: Page,
  chart: string,
  type: MarkType,
): Promise<Array<{ x: number; y: number; width: number; height: number }>> {
  return page.locator(markSelector(chart, type)).evaluateAll((elements) =>
    elements.map((e) => {
      const box = (
        e as unknown as { getBBox(): { x: number; y: number; width: number; height: number } }
      ).getBBox();
      return { x: box.x, y: box.y, width: box.width, height: box.height };
    }),
  );
}

/** Per rule mark of a chart (one per layer drawing rules), where its lines are drawn: one entry per distinct line. */
export function ruleGroups(page: Page, chart: string): Promise<Array<{ lines: number; distinct: number }>> {
  return page.locator(`#chart-${chart} svg g.mark-rule.role-mark`).evaluateAll((groups) =>
    groups.map((g) => {
      const lines = Array.from(
        (g as unknown as { children: ArrayLike<{ getAttribute(name: string): string | null }> }).children,
      ).map((l) => ['transform', 'x2', 'y2'].map((a) => l.getAttribute(a)).join(' '));
      return { lines: lines.length, distinct: new Set(lines).size };
    }),
  );
}
