/**
 * A DR (N-1) analysis for people: the side-by-side table of the KPIs during
 * the outage (baseline and each failed site), per-site rows, before and
 * after, and the sizing table (terminal, Markdown, HTML); dr.json; the
 * report folder (index.html, dr.json, charts/, and with sizing
 * sized-scenario.yaml).
 */
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { KpiEstimates } from '../experiment/aggregate.js';
import type { Estimate } from '../experiment/estimate.js';
import { CCSIM_VERSION } from '../experiment/version.js';
import type { Unit } from '../model/kpis.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import { formatDuration } from '../model/scenario/index.js';
import type { Chart } from './charts/common.js';
import type { DrCase, DrResult, DrSizing, DrSizingCheck } from '../results/dr.js';
import { drCharts, duringOf } from './charts/dr-charts.js';
import { formatValue, table } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import { markdownTable } from './markdown.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, slug, writeFiles } from './write-report.js';

/** The KPIs of the side-by-side table, in order. */
const SIDE_BY_SIDE = [
  'offered',
  'answered',
  'abandoned',
  'blocked',
  'failed',
  'dropped',
  'callsLost',
  'serviceLevel',
  'asa',
  'abandonRate',
  'timeToRecover',
] as const;

/** The KPIs per site (means). */
const PER_SITE = [
  'offered',
  'answered',
  'abandoned',
  'blocked',
  'failed',
  'dropped',
  'serviceLevel',
  'asa',
] as const;

function unitOf(kpi: string): Unit {
  return KPI_BY_NAME.get(kpi)?.unit ?? 'calls';
}

function labelOf(kpi: string): string {
  return KPI_BY_NAME.get(kpi)?.label ?? kpi;
}

/** A value in the KPI's unit (times to recover as durations, `2h03m`, as in `ccsim run`). */
function value(kpi: string, x: number | null | undefined): string {
  if (x === null || x === undefined) return '–';
  return formatValue(x, unitOf(kpi));
}

function estimate(kpi: string, e: Estimate | undefined): string {
  if (e === undefined || e.mean === null) return '–';
  const mean = value(kpi, e.mean);
  if (e.lo === null || e.hi === null) return mean;
  return `${mean} [${value(kpi, e.lo)}, ${value(kpi, e.hi)}]`;
}

function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? '–' : `${(100 * x).toFixed(1)}%`;
}

function cases(result: DrResult): DrCase[] {
  return [result.baseline, ...result.failures];
}

function phase(c: DrCase, name: 'before' | 'during' | 'after'): KpiEstimates | undefined {
  return c.phases.find((p) => p.phase === name)?.kpis;
}

// ------------------------------------------------------------------ tables as cells

interface Tab {
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: ReadonlyArray<readonly string[]>;
}

function sideBySide(result: DrResult, withCi: boolean): Tab {
  const all = cases(result);
  return {
    title: `During the outage (${result.outage.at}–${result.outage.end}), all calls`,
    header: ['KPI', ...all.map((c) => c.label)],
    rows: SIDE_BY_SIDE.map((kpi) => [
      labelOf(kpi),
      ...all.map((c) => {
        const e = duringOf(c)?.kpis[kpi];
        return withCi ? estimate(kpi, e) : value(kpi, e?.mean);
      }),
    ]),
  };
}

function perSite(result: DrResult): Tab {
  const rows: string[][] = [];
  for (const c of cases(result)) {
    const during = duringOf(c);
    for (const site of result.sites) {
      const k = during?.bySite[site];
      rows.push([
        c.label,
        site === c.failedSite ? `${site} (down)` : site,
        ...PER_SITE.map((kpi) => value(kpi, k?.[kpi]?.mean)),
      ]);
    }
  }
  return {
    title: 'Per site, during the outage (means)',
    header: ['Run', 'Site', ...PER_SITE.map(labelOf)],
    rows,
  };
}

function phases(result: DrResult): Tab {
  const all = cases(result);
  const rows: string[][] = [];
  for (const name of ['before', 'after'] as const) {
    const p = result.baseline.phases.find((x) => x.phase === name);
    const span = p?.from === null || p?.from === undefined ? '' : ` (${p.from}–${p.to})`;
    rows.push([
      `${labelOf('serviceLevel')} ${name}${span}`,
      ...all.map((c) => value('serviceLevel', phase(c, name)?.serviceLevel?.mean)),
    ]);
    rows.push([
      `${labelOf('callsLost')} ${name}`,
      ...all.map((c) => value('callsLost', phase(c, name)?.callsLost?.mean)),
    ]);
  }
  rows.push([
    `${labelOf('serviceLevel')}, whole horizon`,
    ...all.map((c) => value('serviceLevel', c.total.serviceLevel?.mean)),
  ]);
  rows.push([
    `${labelOf('callsLost')}, whole horizon`,
    ...all.map((c) => value('callsLost', c.total.callsLost?.mean)),
  ]);
  return { title: 'Before and after the outage (means)', header: ['KPI', ...all.map((c) => c.label)], rows };
}

function sizingSites(sizing: DrSizing): Tab {
  const rows = sizing.sites.map((s) => [
    s.site,
    String(s.agents),
    `+${s.extraAgents}`,
    Object.entries(s.byGroup)
      .map(([g, n]) => `${g} +${n}`)
      .join(', '),
    s.lines === null ? 'unlimited' : String(s.lines),
    s.lines === null ? '–' : `+${s.extraLines}`,
    s.cost.toFixed(2),
  ]);
  const agents = sizing.sites.reduce((a, s) => a + s.agents, 0);
  const limited = sizing.sites.filter((s) => s.lines !== null);
  rows.push([
    'total',
    String(agents),
    `+${sizing.totalExtraAgents}`,
    '',
    limited.length === 0 ? 'unlimited' : String(limited.reduce((a, s) => a + (s.lines ?? 0), 0)),
    limited.length === 0 ? '–' : `+${sizing.totalExtraLines}`,
    sizing.cost.total.toFixed(2),
  ]);
  return {
    title: 'Extra agents and lines per site',
    header: ['Site', 'Agents', 'Extra agents', 'Per group', 'Lines', 'Extra lines', 'Cost of extras'],
    rows,
  };
}

function checkRows(sizing: DrSizing, withCi: boolean): Tab {
  const rows = sizing.after.map((after) => {
    const before = sizing.before.find((b) => b.failedSite === after.failedSite);
    const blocked = (c: DrSizingCheck | undefined) =>
      pct(Math.max(0, ...Object.values(c?.sites ?? {}).map((s) => s.blockedShare ?? 0)));
    return [
      `${after.failedSite} fails`,
      pct(before?.serviceLevel),
      withCi ? estimate('serviceLevel', after.serviceLevelCi) : pct(after.serviceLevel),
      blocked(before),
      blocked(after),
      after.meetsServiceLevel && after.meetsBlocking ? 'yes' : 'no',
    ];
  });
  return {
    title: `Service level within ${sizing.target.threshold}s during each outage (network), without and with the extras`,
    header: ['Failure', 'Without', 'With extras', 'Most blocked, without', 'with', 'Meets'],
    rows,
  };
}

// ------------------------------------------------------------------ words

function introLines(result: DrResult): string[] {
  const o = result.outage;
  const when =
    o.chosen === 'busiest'
      ? `from the start of the busiest interval, ${formatValue(o.busiest.offered, 'calls')} calls offered in the baseline`
      : 'start as given';
  const removed =
    result.removedOutages > 0
      ? ` The scenario's own ${result.removedOutages === 1 ? 'outage is' : `${result.removedOutages} outages are`} left out.`
      : '';
  const target = result.serviceLevel.target;
  const below = result.baselineBelowTarget;
  const baselineNote =
    below.intervals > 0
      ? ` Without any failure the service level is already below target in ${below.intervals} of the ${below.of} interval(s) of the outage window: a failure's time to recover counts those too.`
      : '';
  return [
    `DR analysis of ${result.scenario.name}: ${result.sites.length} sites (${result.sites.join(', ')}); ${result.replications} replication(s) per run, seed ${result.seed}, common random numbers; ${Math.round(result.confidenceLevel * 100)}% confidence intervals.`,
    `Each site fails in turn: full outage (agents, lines, IVR) ${o.at}–${o.end} (${formatDuration(o.duration)}, ${when}), detected after ${formatDuration(o.detectionDelay)}; calls in progress there are dropped, and until detection its arrivals fail.${removed}`,
    restoreLine(result),
    `Service level: answered within ${result.serviceLevel.threshold}s; phases are whole KPI intervals; time to recover is measured against ${target === null ? 'the default 80%' : `the ${pct(target)}`} target (none for the baseline: it has no outage).${baselineNote}`,
  ];
}

/** Which failures got the scenario's restore plan (agents resuming work at another site). */
function restoreLine(result: DrResult): string {
  if (result.restore === 'none')
    return "Restore plans: none (--restore none): the failed site's agents stay off.";
  const plans = result.failures.filter((f) => f.restore !== null);
  if (plans.length === 0) return "Restore plans: the scenario has none: the failed site's agents stay off.";
  const text = plans.map((f) => {
    const r = f.restore;
    return r === null
      ? ''
      : `${f.label}: ${pct(r.fraction)} of its agents work from ${r.to} after ${formatDuration(r.after)}`;
  });
  const without = result.failures.filter((f) => f.restore === null).map((f) => f.label);
  return `Restore plans from the scenario: ${text.join('; ')}${without.length > 0 ? `; none for ${without.join(', ')}` : ''} (--restore none to test without).`;
}

function sizingLines(sizing: DrSizing): { head: string; cost: string; search: string } {
  const judged =
    sizing.judge === 'lower'
      ? `lower bound of the confidence interval over ${sizing.replications} replications`
      : `mean of ${sizing.replications} replications`;
  const head = `DR sizing: the fewest extra agents (and lines) so that during any single-site outage ${pct(sizing.target.serviceLevel)} of calls are answered within ${sizing.target.threshold}s (network, during the outage, ${judged}) and no surviving site with limited lines blocks more than ${pct(sizing.maxBlocked)} of its calls.`;
  const c = sizing.cost;
  const cost = c.priced
    ? `Cost of the extras over the ${formatDuration(c.hours * 3600)} horizon: ${c.total.toFixed(2)} (agents ${c.agents.toFixed(2)}, lines ${c.lines.toFixed(2)}).`
    : `Cost: 0, unpriced: the scenario gives no costPerHour for these agent groups and no costPerLineHour for these sites.`;
  const outcome = sizing.reached
    ? 'Greedy search: no single agent or line can be taken from a site without missing the target in some failure (same seed and replications); another mix may cost less.'
    : `NOT REACHED: ${sizing.reason ?? 'the target was not met'}. The extras shown are where the search stopped.`;
  const ignored =
    sizing.blockingNotFromLines.length > 0
      ? ` More lines did not reduce blocking at ${sizing.blockingNotFromLines.join(', ')} (its queue limit blocks): left out of the blocking rule.`
      : '';
  const search = `${outcome}${ignored} ${sizing.iterations} growth iteration(s), ${sizing.evaluations} evaluations of the ${sizing.after.length} failures, ${sizing.wallSeconds.toFixed(1)}s.`;
  return { head, cost, search };
}

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

// ------------------------------------------------------------------ HTML

const EXTRA_STYLE = `<style>
.wide { overflow-x: auto; }
table.dr th { white-space: normal; min-width: 6em; max-width: 13em; vertical-align: bottom; }
td.down { color: var(--muted); font-style: italic; }
h3 { font-size: 15px; margin: 16px 0 8px; }
</style>`;

function estimateHtml(kpi: string, e: Estimate | undefined, klass = ''): string {
  if (e === undefined || e.mean === null) return '<td>–</td>';
  const ci =
    e.lo === null || e.hi === null
      ? ''
      : `<br><span class="ci">${escapeHtml(`${value(kpi, e.lo)} – ${value(kpi, e.hi)}`)}</span>`;
  return `<td${klass === '' ? '' : ` class="${klass}"`}>${escapeHtml(value(kpi, e.mean))}${ci}</td>`;
}

function htmlTable(header: readonly string[], rows: readonly string[]): string {
  return `<div class="wide"><table class="dr"><thead><tr>${header.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead>
<tbody>
${rows.join('\n')}
</tbody></table></div>`;
}

function sideBySideHtml(result: DrResult): string {
  const all = cases(result);
  const target = result.serviceLevel.target;
  const rows = SIDE_BY_SIDE.map((kpi) => {
    const cells = all.map((c) => {
      const e = duringOf(c)?.kpis[kpi];
      const klass =
        kpi === 'serviceLevel' && target !== null && e?.mean !== null && e?.mean !== undefined
          ? e.mean >= target
            ? 'met'
            : 'missed'
          : '';
      return estimateHtml(kpi, e, klass);
    });
    return `<tr><td>${escapeHtml(labelOf(kpi))}</td>${cells.join('')}</tr>`;
  });
  return htmlTable(['KPI', ...all.map((c) => c.label)], rows);
}

function perSiteHtml(result: DrResult, c: DrCase): string {
  const during = duringOf(c);
  const rows = result.sites.map((site) => {
    const k = during?.bySite[site];
    const down = site === c.failedSite;
    const name = down ? `${site} (down)` : site;
    return `<tr><td${down ? ' class="down"' : ''}>${escapeHtml(name)}</td>${PER_SITE.map((kpi) => estimateHtml(kpi, k?.[kpi])).join('')}</tr>`;
  });
  return `<h3>${escapeHtml(c.label)}</h3>\n${htmlTable(['Site', ...PER_SITE.map(labelOf)], rows)}`;
}

function tabHtml(tab: Tab): string {
  return htmlTable(
    tab.header,
    tab.rows.map((r) => `<tr>${r.map((cell) => `<td>${escapeHtml(cell)}</td>`).join('')}</tr>`),
  );
}

function sizingHtml(sizing: DrSizing): string {
  const words = sizingLines(sizing);
  const checks = sizing.after.map((after) => {
    const before = sizing.before.find((b) => b.failedSite === after.failedSite);
    const ok = after.meetsServiceLevel && after.meetsBlocking;
    const blocked = (c: DrSizingCheck | undefined) =>
      Object.entries(c?.sites ?? {})
        .map(([site, s]) => `${site} ${pct(s.blockedShare)}`)
        .join(', ');
    return `<tr><td>${escapeHtml(`${after.failedSite} fails`)}</td><td>${escapeHtml(pct(before?.serviceLevel))}</td>${estimateHtml('serviceLevel', after.serviceLevelCi, after.meetsServiceLevel ? 'met' : 'missed')}<td>${escapeHtml(blocked(after))}</td><td class="${ok ? 'met' : 'missed'}">${ok ? 'yes' : 'no'}</td></tr>`;
  });
  const steps = sizing.steps
    .map(
      (s) =>
        `<tr><td>${s.iteration}</td><td>${escapeHtml(`${s.worst.failedSite} fails`)}</td><td>${escapeHtml(pct(s.worst.serviceLevel))}</td><td>${escapeHtml(s.action)}</td></tr>`,
    )
    .join('\n');
  const badge = sizing.reached
    ? '<span class="badge met">target reached</span>'
    : '<span class="badge missed">target not reached</span>';
  return `<section id="sizing"><h2>DR sizing ${badge}</h2>
<p>${escapeHtml(words.head)}</p>
${tabHtml(sizingSites(sizing))}
<p>${escapeHtml(words.cost)}</p>
<h3>${escapeHtml(`Service level within ${sizing.target.threshold} s during each outage (network)`)}</h3>
${htmlTable(['Failure', 'Without extras', 'With extras', 'Blocked at surviving sites, with extras', 'Meets'], checks)}
<p class="note">${escapeHtml(words.search)} Extra agents go to a site's groups in proportion to their size and are on duty the whole horizon; a site with limited lines gets a line per extra agent, then more where it blocks. The scenario with the extras is in <a href="sized-scenario.yaml">sized-scenario.yaml</a>.</p>
<details><summary>How the search went</summary>
${htmlTable(['Iteration', 'Worst failure', 'Its service level', 'Then'], [steps])}
</details>
</section>`;
}

export interface DrPageInput {
  readonly result: DrResult;
  readonly sizing?: DrSizing;
  readonly charts: readonly Chart[];
  readonly version: string;
}

/** The HTML page of a DR analysis. */
export function drPage(input: DrPageInput): string {
  const { result, sizing } = input;
  const intro = introLines(result);
  const summary = `${EXTRA_STYLE}
<section id="summary"><h2>Side by side: during the outage</h2>
<p>${escapeHtml(intro[1])} ${escapeHtml(intro[2])}</p>
${sideBySideHtml(result)}
<p class="note">${escapeHtml(intro[3])} Every run saw the same calls (seed ${result.seed}, replications 0–${result.replications - 1}); each value is the mean over replications with its ${Math.round(result.confidenceLevel * 100)}% confidence interval. <em>Failed</em>: calls sent to the failed site before the failure was detected; <em>dropped</em>: calls cut off when it failed; <em>calls lost</em>: abandoned + blocked + failed + dropped.</p>
</section>
<section id="sites"><h2>Per site, during the outage</h2>
${cases(result)
  .map((c) => perSiteHtml(result, c))
  .join('\n')}
</section>
<section id="phases"><h2>Before and after</h2>
${tabHtml(phases(result))}
</section>
${sizing === undefined ? '' : sizingHtml(sizing)}`;
  const inputs = `<section id="inputs"><h2>Inputs</h2>
<dl>
<dt>Scenario</dt><dd>${escapeHtml(result.scenario.name)}</dd>
<dt>File</dt><dd><code>${escapeHtml(result.scenario.file)}</code></dd>
<dt>Scenario hash</dt><dd><code>${escapeHtml(result.scenario.hash.slice(0, 16))}</code></dd>
<dt>Outage</dt><dd>${escapeHtml(`${result.outage.at}–${result.outage.end}, ${formatDuration(result.outage.duration)}, full, detected after ${formatDuration(result.outage.detectionDelay)}`)}</dd>
<dt>Seed</dt><dd>${result.seed}</dd>
<dt>Replications</dt><dd>${result.replications} per run</dd>
<dt>Simulated calls</dt><dd>${cases(result)
    .reduce((a, c) => a + c.simulatedCalls, 0)
    .toLocaleString('en')}</dd>
<dt>Run time</dt><dd>${escapeHtml(`${result.wallSeconds.toFixed(1)} s${sizing === undefined ? '' : ` + sizing ${sizing.wallSeconds.toFixed(1)} s`}`)}</dd>
<dt>ccsim</dt><dd>${escapeHtml(input.version)}</dd>
</dl>
</section>`;
  return htmlPage({
    title: `DR analysis: ${result.scenario.name}`,
    subtitle: `ccsim dr · ${result.sites.length} sites · outage ${result.outage.at}–${result.outage.end}, detected after ${formatDuration(result.outage.detectionDelay)} · ${result.replications} replications · seed ${result.seed}`,
    before: summary,
    charts: input.charts,
    after: inputs,
    linkFiles: true,
  });
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
