/**
 * A DR (N-1) analysis for people: as text and Markdown (the tables of
 * dr-tables.ts), dr.json, and the report folder (index.html from
 * dr-page.ts, dr.json, charts/, and with sizing sized-scenario.yaml).
 */
import { join } from 'node:path';
import { stringify } from 'yaml';
import { CCSIM_VERSION } from '../experiment/version.js';
import type { DrResult, DrSizing } from '../results/dr.js';
import { drCharts } from './charts/dr-charts.js';
import { table } from './format.js';
import { markdownTable } from './markdown.js';
import { drPage } from './dr-page.js';
import {
  checkRows,
  introLines,
  pct,
  perSite,
  phases,
  sideBySide,
  sizingLines,
  sizingSites,
} from './dr-tables.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, slug, writeFiles } from './write-report.js';

// ------------------------------------------------------------------ text and markdown

/** The analysis (and sizing) as aligned plain-text tables: `ccsim dr`'s default output. */
export function drText(result: DrResult, sizing?: DrSizing): string {
  let out = `${introLines(result).join('\n')}\n`;
  for (const tab of [sideBySide(result, true), perSite(result), phases(result)]) {
    out += `\n${tab.title}\n${table(tab.header, tab.rows)}`;
  }
  if (sizing !== undefined) {
    const words = sizingLines(sizing);
    out += `\n${words.head}\n`;
    for (const tab of [sizingSites(sizing), checkRows(sizing, true)]) {
      out += `\n${tab.title}\n${table(tab.header, tab.rows)}`;
    }
    out += `\n${words.cost}\n${words.search}\n`;
  }
  return out;
}

/** The same as Markdown (`--format md`). */
export function drMarkdown(result: DrResult, sizing?: DrSizing): string {
  let out = `### DR analysis: ${result.scenario.name}\n\n${introLines(result).slice(1).join(' ')}\n`;
  for (const tab of [sideBySide(result, true), perSite(result), phases(result)]) {
    out += `\n**${tab.title}**\n\n${markdownTable(tab.header, tab.rows)}`;
  }
  if (sizing !== undefined) {
    const words = sizingLines(sizing);
    out += `\n### DR sizing\n\n${words.head}\n`;
    for (const tab of [sizingSites(sizing), checkRows(sizing, true)]) {
      out += `\n**${tab.title}**\n\n${markdownTable(tab.header, tab.rows)}`;
    }
    out += `\n${words.cost} ${words.search}\n`;
  }
  return out;
}

// ------------------------------------------------------------------ JSON

/**
 * What `ccsim dr --json` prints and dr.json holds: the analysis, each
 * failure with its phase KPIs and (with sizing) the extra agents and lines
 * of the surviving sites and its service level without and with them; and
 * the sizing.
 */
export function drJson(result: DrResult, sizing?: DrSizing): Record<string, unknown> {
  if (sizing === undefined) return { ...result };
  return {
    ...result,
    failures: result.failures.map((f) => {
      const survivors = sizing.sites.filter((s) => s.site !== f.failedSite);
      const before = sizing.before.find((c) => c.failedSite === f.failedSite);
      const after = sizing.after.find((c) => c.failedSite === f.failedSite);
      return {
        ...f,
        sizing: {
          extraAgents: Object.fromEntries(survivors.map((s) => [s.site, s.extraAgents])),
          extraLines: Object.fromEntries(survivors.map((s) => [s.site, s.extraLines])),
          serviceLevelWithout: before?.serviceLevelCi ?? null,
          serviceLevelWith: after?.serviceLevelCi ?? null,
          meets: after !== undefined && after.meetsServiceLevel && after.meetsBlocking,
        },
      };
    }),
    sizing,
  };
}

/** `reports/<scenario name>-dr`. */
export function defaultDrDirectory(result: DrResult): string {
  return join('reports', `${slug(result.scenario.name)}-dr`);
}

/**
 * A DR analysis's folder: index.html (self-contained), charts/ (SVG, PNG
 * and Vega-Lite spec of each chart), dr.json, and with sizing
 * sized-scenario.yaml. Everything is rendered before the first file is
 * written.
 */
export async function writeDrReport(
  result: DrResult,
  sizing: DrSizing | undefined,
  directory: string,
): Promise<ReportFiles> {
  const charts = drCharts(result, sizing);
  const warnings: string[] = [];
  const rendered = await chartFiles(charts, (w) => warnings.push(w));
  const files: Array<readonly [string, string | Buffer]> = [
    ['index.html', drPage({ result, sizing, charts, version: CCSIM_VERSION })],
    ...rendered,
    ['dr.json', `${JSON.stringify(drJson(result, sizing), null, 2)}\n`],
  ];
  if (sizing !== undefined) {
    const header = `# ${result.scenario.name} with the extra agents and lines of \`ccsim dr --size\` (target ${pct(sizing.target.serviceLevel)} within ${sizing.target.threshold}s during any single-site outage)\n`;
    files.push(['sized-scenario.yaml', header + stringify(sizing.sizedScenario)]);
  }
  const written = writeFiles(directory, files);
  return warnings.length === 0 ? written : { ...written, warnings };
}
