/**
 * The HTML page of a DR analysis (index.html of its report folder): the
 * side-by-side table with confidence intervals, per site, before and
 * after, the sizing, the charts and the inputs.
 */
import type { Estimate } from '../experiment/estimate.js';
import { formatDuration } from '../model/scenario/index.js';
import type { DrCase, DrResult, DrSizing, DrSizingCheck } from '../results/dr.js';
import type { Chart } from './charts/common.js';
import { duringOf } from './charts/dr-charts.js';
import { escapeHtml, htmlPage } from './html.js';
import type { Tab } from './dr-tables.js';
import {
  PER_SITE,
  SIDE_BY_SIDE,
  cases,
  introLines,
  labelOf,
  pct,
  phases,
  sizingLines,
  sizingSites,
  value,
} from './dr-tables.js';

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
