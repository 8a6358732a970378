/**
 * The HTML page of a sweep: the verdict (cheapest grid point meeting the
 * targets), the table of every grid point, the charts, the inputs.
 */
import type { SweepResult } from '../experiment/sweep.js';
import { KPI_BY_NAME } from '../model/kpis.js';
import type { Chart } from './charts/common.js';
import { formatEstimate, formatValue } from './format.js';
import { escapeHtml, htmlPage } from './html.js';
import type { SweepVerdict } from './sweep-best.js';
import { costOf } from './sweep-best.js';

const COLUMNS = ['serviceLevel', 'asa', 'abandonRate', 'occupancy', 'agents', 'cost'] as const;

export function sweepPage(input: {
  result: SweepResult;
  verdict: SweepVerdict;
  charts: readonly Chart[];
  version: string;
}): string {
  const { result, verdict } = input;
  const paths = result.parameters.map((p) => p.path);
  const priced = result.points.some((p) => (p.total.cost?.mean ?? 0) > 0);
  const columns = COLUMNS.filter((k) => k !== 'cost' || priced);
  const anyTarget = verdict.feasible.some((f) => f !== null);
  // With --precision, each point's replications and whether its precision was reached.
  const precise = result.points.some((p) => p.precision !== undefined);
  const header = `<tr><th>#</th>${paths.map((p) => `<th>${escapeHtml(p)}</th>`).join('')}${columns
    .map((k) => `<th>${escapeHtml(KPI_BY_NAME.get(k)?.label ?? k)}</th>`)
    .join(
      '',
    )}${precise ? '<th>Replications</th><th>Precision</th>' : ''}${anyTarget ? '<th>Targets</th>' : ''}</tr>`;
  const rows = result.points
    .map((p, i) => {
      const cells = columns
        .map((k) => `<td>${escapeHtml(formatEstimate(p.total[k], KPI_BY_NAME.get(k)?.unit ?? 'calls'))}</td>`)
        .join('');
      const precision = !precise
        ? ''
        : `<td>${p.replications ?? ''}</td>${
            p.precision?.reached === true
              ? '<td class="met">reached</td>'
              : '<td class="missed">not reached (--max-reps)</td>'
          }`;
      const f = verdict.feasible[i];
      const status = !anyTarget
        ? ''
        : f === true
          ? '<td class="met">met</td>'
          : '<td class="missed">missed</td>';
      return `<tr${verdict.best === i ? ' class="best"' : ''}><td>${p.index}</td>${paths
        .map((path) => `<td>${escapeHtml(String(p.parameters[path]))}</td>`)
        .join('')}${cells}${precision}${status}</tr>`;
    })
    .join('\n');
  let summary: string;
  if (!anyTarget) {
    summary =
      '<p>The scenario sets no target (<code>serviceLevel.target</code>, <code>targets</code>), so no grid point is singled out.</p>';
  } else if (verdict.best === null) {
    summary = '<p><span class="badge missed">No grid point meets every target</span></p>';
  } else {
    const best = result.points[verdict.best];
    const what = paths.map((p) => `${p} = ${best.parameters[p]}`).join(', ');
    const measure =
      verdict.by === 'cost'
        ? `cost ${formatValue(costOf(best, 'cost'), 'cost')}`
        : `${formatValue(costOf(best, 'agents'), 'agents')} agents on duty`;
    summary = `<p><span class="badge met">Cheapest grid point meeting every target: ${escapeHtml(what)}</span></p>
<p class="note">Point ${best.index}, ${escapeHtml(measure)}; service level ${escapeHtml(formatEstimate(best.total.serviceLevel, 'fraction'))}. “Cheapest” is by ${verdict.by === 'cost' ? 'cost' : 'agents on duty (the scenario prices nothing)'}; targets are judged on the means.</p>`;
  }
  const before = `<section id="summary"><h2>Summary</h2>
${summary}
<div class="scroll"><table><thead>${header}</thead><tbody>
${rows}
</tbody></table></div>
<p class="note">Means with their ${Math.round(result.confidenceLevel * 100)}% confidence intervals. Every grid point sees the same calls (common random numbers), so differences between points are not noise from different arrivals.</p>
</section>`;
  const after = `<section id="inputs"><h2>Inputs</h2><dl>
<dt>Scenario</dt><dd>${escapeHtml(result.scenario.name)} (<code>${escapeHtml(result.scenario.file)}</code>, hash <code>${escapeHtml(result.scenario.hash.slice(0, 16))}</code>)</dd>
<dt>Parameters</dt><dd>${result.parameters.map((p) => `<code>${escapeHtml(p.path)}</code> = ${escapeHtml(p.values.join(', '))}`).join('<br>')}</dd>
<dt>Seed</dt><dd>${result.seed}</dd>
<dt>Replications per point</dt><dd>${precise ? `until the precision, at most ${result.points[0]?.precision?.maxReplications ?? ''}` : result.replications}</dd>
<dt>ccsim</dt><dd>${escapeHtml(input.version)}</dd>
</dl></section>`;
  return htmlPage({
    title: `${result.scenario.name}: sweep`,
    subtitle: `ccsim sweep · ${result.points.length} grid points × ${result.replications} replications · seed ${result.seed}`,
    before,
    charts: input.charts,
    after,
    linkFiles: true,
  });
}
