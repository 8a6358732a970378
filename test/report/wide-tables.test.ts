/**
 * Wide tables in the HTML pages are never clipped: at 1400 px the staff
 * table (ten columns of estimates with intervals) fits whole, and where a
 * table cannot fit it scrolls in a box no taller than the window, so its
 * scroll bar is on screen. Needs Chromium (CCSIM_SKIP_BROWSER=1 skips).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { htmlPage } from '../../src/report/html.js';
import { CHROMIUM, CHROMIUM_ARGS, SKIP_BROWSER } from '../support/browser.js';

const HEADERS = [
  'Interval',
  'Group',
  'Agents',
  'Erlang C',
  'Erlang A',
  'Headcount',
  'Service level (interval, all calls)',
  'ASA',
  'Abandoned',
  'Occupancy (group)',
];

/** A table shaped like the staff page's: 60 rows, estimates with their intervals. */
function staffLikePage(): string {
  const row = (i: number) =>
    [
      `${String(7 + Math.floor(i / 6)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'}`,
      ['billing-team', 'tech-team', 'sales-desk'][i % 3],
      '25',
      '27',
      '25',
      '25',
      '89.5% [82.2%, 96.8%]',
      '16.7s [13.6s, 19.8s]',
      '2.7% [0.0%, 5.8%]',
      '68.4% [59.0%, 77.7%]',
    ]
      .map((c) => `<td>${c}</td>`)
      .join('');
  const rows = Array.from({ length: 60 }, (_, i) => `<tr>${row(i)}</tr>`).join('\n');
  const file = join(mkdtempSync(join(tmpdir(), 'ccsim-wide-')), 'index.html');
  writeFileSync(
    file,
    htmlPage({
      title: 'Wide table',
      subtitle: 'test',
      before: `<section><h2>Plan</h2><div class="scroll"><table id="wide"><thead><tr>${HEADERS.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table></div></section>`,
      charts: [],
      after: '',
      linkFiles: false,
    }),
  );
  return file;
}

/** Whether the last header cell can be seen without scrolling sideways. */
function lastHeaderVisible(page: Page): Promise<boolean> {
  // A string: the page's DOM types are not this project's (no "dom" lib).
  return page.evaluate(`(() => {
    const cells = document.querySelectorAll('#wide th');
    const last = cells[cells.length - 1];
    const r = last.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return hit === last || (hit !== null && last.contains(hit));
  })()`);
}

describe.skipIf(SKIP_BROWSER)('wide tables in the HTML pages', () => {
  let browser: Browser | undefined;
  let file = '';

  beforeAll(async () => {
    file = staffLikePage();
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 60_000);
  afterAll(async () => browser?.close());

  async function open(width: number): Promise<Page> {
    if (browser === undefined) throw new Error('no browser');
    const page = await browser.newPage({ viewport: { width, height: 900 } });
    await page.goto(`file://${file}`);
    await page.waitForSelector('body[data-charts-rendered]', { state: 'attached' });
    return page;
  }

  it('shows every column of the staff table at 1400 px', async () => {
    const page = await open(1400);
    expect(await lastHeaderVisible(page)).toBe(true);
    await page.close();
  });

  it('scrolls a table too wide for the window in a box whose scroll bar is on screen', async () => {
    const page = await open(900);
    const box: { scrolls: boolean; overflowX: string; height: number } = await page.evaluate(`(() => {
      const scroller = document.querySelector('#wide').parentElement;
      return {
        scrolls: scroller.scrollWidth > scroller.clientWidth,
        overflowX: getComputedStyle(scroller).overflowX,
        height: scroller.getBoundingClientRect().height,
      };
    })()`);
    expect(box.scrolls).toBe(true);
    expect(box.overflowX).toBe('auto');
    expect(box.height).toBeLessThanOrEqual(900);
    // Scrolled sideways, the last column comes into view.
    await page.evaluate(`(() => {
      const scroller = document.querySelector('#wide').parentElement;
      scroller.scrollLeft = scroller.scrollWidth;
    })()`);
    expect(await lastHeaderVisible(page)).toBe(true);
    await page.close();
  });
});
