/**
 * The shift plan's outputs (`ccsim shifts`): roster.csv, coverage.csv, the
 * markdown summary and the HTML page, from what src/planning/roster.ts
 * produces (its shape in src/results/shifts.ts).
 */
import { join } from 'node:path';
import { CCSIM_VERSION } from '../experiment/version.js';
import type { RosterResult } from '../results/shifts.js';
import type { Chart } from './charts/common.js';
import { achievedChart, coverageChart } from './charts/shifts-charts.js';
import { formatEstimate } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import { markdownTable } from './markdown.js';
import type { ReportFiles } from './write-report.js';
import { chartFiles, slug, writeFiles } from './write-report.js';

/** A number for a CSV cell: at most 4 decimals, no float noise. */
function num(x: number | null | undefined): string {
  return x === null || x === undefined ? '' : String(Math.round(x * 10_000) / 10_000);
}

function csvCell(text: string): string {
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const breaksText = (breaks: RosterResult['shifts'][number]['breaks']) =>
  breaks.map((b) => `${b.at} (${b.length})`).join('; ');

/** One row per group, template and start: how many agents work it, and what they cost. */
export function rosterCsv(plan: RosterResult): string {
  const rows = plan.shifts.map((s) =>
    [
      csvCell(s.group),
      csvCell(s.template),
      s.start,
      s.length,
      String(s.count),
      num(s.cost),
      csvCell(breaksText(s.breaks)),
    ].join(','),
  );
  return ['group,template,start,length,agents,cost,breaks', ...rows].join('\n') + '\n';
}

/** One row per interval and group: required, on duty and (when simulated) what the roster achieves over all calls. */
export function coverageCsv(plan: RosterResult): string {
  const achieved = new Map(plan.achieved?.byInterval.map((a) => [a.interval, a]) ?? []);
  const rows = plan.coverage.map((c) => {
    const a = achieved.get(c.interval);
    return [
      c.interval,
      csvCell(c.group),
      num(c.required),
      num(c.onDuty),
      num(a?.kpis.serviceLevel?.mean),
      num(a?.kpis.serviceLevel?.lo),
      num(a?.kpis.serviceLevel?.hi),
      num(a?.kpis.abandonRate?.mean),
      a === undefined || a.meets === null ? '' : String(a.meets),
    ].join(',');
  });
  return (
    [
      'interval,group,required,on_duty,service_level,service_level_lo,service_level_hi,abandon_rate,meets',
      ...rows,
    ].join('\n') + '\n'
  );
}

export function shiftsCharts(plan: RosterResult): Chart[] {
  const charts = [coverageChart(plan.coverage)];
  const a = plan.achieved;
  if (a !== undefined && a.byInterval.length > 0) {
    charts.push(
      achievedChart(
        a.byInterval.map((b) => ({
          interval: b.interval,
          serviceLevel: {
            mean: b.kpis.serviceLevel?.mean ?? null,
            lo: b.kpis.serviceLevel?.lo ?? null,
            hi: b.kpis.serviceLevel?.hi ?? null,
          },
        })),
        a.target?.serviceLevel ?? null,
        a.threshold,
        a.confidenceLevel,
      ),
    );
  }
  return charts;
}

/** "volume × 1.1, handle time × 1" or "none". */
export function whatIfText(w: { volume: number; aht: number }): string {
  return w.volume === 1 && w.aht === 1
    ? 'none (the scenario as written)'
    : `volume × ${w.volume}, handle time × ${w.aht}`;
}

export function shiftsMarkdown(plan: RosterResult): string {
  let out = `### Shift plan: ${plan.name}\n\nCost ${plan.cost.toFixed(2)} (HiGHS, exact integer optimum).\n\n`;
  out += markdownTable(
    ['Group', 'Shift', 'Start', 'Length', 'Agents', 'Breaks'],
    plan.shifts.map((s) => [s.group, s.template, s.start, s.length, String(s.count), breaksText(s.breaks)]),
  );
  const achieved = new Map(plan.achieved?.byInterval.map((a) => [a.interval, a]) ?? []);
  out += '\n';
  out += markdownTable(
    ['Interval', 'Group', 'Required', 'On duty', ...(plan.achieved ? ['Service level', 'Meets'] : [])],
    plan.coverage.map((c) => {
      const a = achieved.get(c.interval);
      return [
        c.interval,
        c.group,
        String(c.required),
        String(c.onDuty),
        ...(plan.achieved
          ? [
              formatEstimate(a?.kpis.serviceLevel, 'fraction'),
              a?.meets === null || a === undefined ? '' : a.meets ? '✅' : '❌',
            ]
          : []),
      ];
    }),
  );
  if (plan.achieved !== undefined) {
    const a = plan.achieved;
    out += `\nSimulated on \`${a.scenario}\` (${a.replications} replications, seed ${a.seed}, what-if: ${whatIfText(a.whatIf)}): service level ${formatEstimate(a.total.serviceLevel, 'fraction')} over the day.\n`;
    for (const note of a.notes) out += `\n> Note: ${note}\n`;
  }
  return out;
}

export function shiftsPage(plan: RosterResult, charts: readonly Chart[], version: string): string {
  const a = plan.achieved;
  const achieved = new Map(a?.byInterval.map((b) => [b.interval, b]) ?? []);
  const roster = plan.shifts
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.group)}</td><td>${escapeHtml(s.template)}</td><td>${escapeHtml(s.start)}</td><td>${escapeHtml(s.length)}</td><td>${s.count}</td><td>${s.cost.toFixed(2)}</td><td>${escapeHtml(breaksText(s.breaks))}</td></tr>`,
    )
    .join('\n');
  const coverage = plan.coverage
    .map((c) => {
      const b = achieved.get(c.interval);
      const cls = b === undefined || b.meets === null ? '' : b.meets ? ' class="met"' : ' class="missed"';
      return `<tr><td>${escapeHtml(c.interval)}</td><td>${escapeHtml(c.group)}</td><td>${c.required}</td><td>${c.onDuty}</td>${a ? `<td${cls}>${escapeHtml(formatEstimate(b?.kpis.serviceLevel, 'fraction'))}</td><td>${escapeHtml(formatEstimate(b?.kpis.abandonRate, 'fraction'))}</td>` : ''}</tr>`;
    })
    .join('\n');
  const notes = (a?.notes ?? []).map((n) => `<p class="note"><b>Note:</b> ${escapeHtml(n)}</p>`).join('\n');
  const before = `<section id="summary"><h2>Roster</h2>
<p>Cost <b>${plan.cost.toFixed(2)}</b>: the exact integer optimum (HiGHS) ${plan.solver.map((s) => `for ${escapeHtml(s.group)} over ${s.options} shift options (${escapeHtml(s.status)})`).join(', ')}.${a ? ` Simulated on <code>${escapeHtml(a.scenario)}</code> with the roster: service level <b>${escapeHtml(formatEstimate(a.total.serviceLevel, 'fraction'))}</b> over the day (${a.replications} replications, seed ${a.seed}); what-if: ${escapeHtml(whatIfText(a.whatIf))}.` : ' Not simulated: give --scenario (or a plan.json that names its scenario) to prove the roster.'}</p>
${notes}
<div class="scroll"><table><thead><tr><th>Group</th><th>Shift</th><th>Start</th><th>Length</th><th>Agents</th><th>Cost</th><th>Breaks</th></tr></thead><tbody>
${roster}
</tbody></table></div>
</section>
<section id="coverage"><h2>Coverage${a ? ' and what the roster achieves' : ''}</h2>
<div class="scroll"><table><thead><tr><th>Interval</th><th>Group</th><th>Required</th><th>On duty</th>${a ? '<th>Service level (interval, all calls)</th><th>Abandoned</th>' : ''}</tr></thead><tbody>
${coverage}
</tbody></table></div>
<p class="note">On duty: each shift counts for the fraction of the interval it works (breaks excluded).${a?.target ? ` Green: the interval meets the ${Math.round(a.target.serviceLevel * 1000) / 10}% within ${a.target.threshold} s target.` : ''}</p>
</section>`;
  const after = `<section id="inputs"><h2>Inputs</h2><dl>
<dt>Requirements</dt><dd><code>${escapeHtml(plan.requirementsFile)}</code></dd>
<dt>Shift templates</dt><dd><code>${escapeHtml(plan.templatesFile)}</code></dd>
${a ? `<dt>Scenario</dt><dd><code>${escapeHtml(a.scenario)}</code></dd><dt>Seed</dt><dd>${a.seed}</dd>` : ''}
<dt>ccsim</dt><dd>${escapeHtml(version)}</dd>
</dl></section>`;
  return htmlPage({
    title: `${plan.name}: shift plan`,
    subtitle: `ccsim shifts · cost ${plan.cost.toFixed(2)}`,
    before,
    charts,
    after,
    linkFiles: true,
  });
}

/** `reports/<plan name>-shifts`. */
export function defaultShiftsDirectory(plan: RosterResult): string {
  return join('reports', `${slug(plan.name)}-shifts`);
}

/**
 * A shift plan's folder: index.html, charts/, roster.csv, coverage.csv and
 * shifts.json. Everything is rendered before the first file is written.
 */
export async function writeShiftsReport(plan: RosterResult, directory: string): Promise<ReportFiles> {
  const charts = shiftsCharts(plan);
  const warnings: string[] = [];
  const rendered = await chartFiles(charts, (w) => warnings.push(w));
  const written = writeFiles(directory, [
    ['index.html', shiftsPage(plan, charts, CCSIM_VERSION)],
    ...rendered,
    ['roster.csv', rosterCsv(plan)],
    ['coverage.csv', coverageCsv(plan)],
    ['shifts.json', `${JSON.stringify(plan, null, 2)}\n`],
  ]);
  return warnings.length === 0 ? written : { ...written, warnings };
}
