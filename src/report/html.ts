/**
 * Self-contained HTML pages: Vega, Vega-Lite and vega-embed are inlined
 * (read from node_modules, about 830 kB), the specs embedded as JSON, so
 * a report opens offline and makes no network request. Charts render as
 * SVG in the page, with tooltips.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Chart } from './charts/common.js';

/** `<`, `>`, `&`, quotes escaped for HTML text and attributes. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** JSON safe inside a <script> element: no `</script>` or `<!--` can appear. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/**
 * The three libraries' browser bundles, in load order (package exports block deep imports:
 * resolve the entry, then look beside it). Read for each page: a few milliseconds, once or
 * twice per command, and no state kept between calls.
 */
function libraryBundles(): string {
  const beside = (pkg: string, file: string) =>
    readFileSync(join(dirname(fileURLToPath(import.meta.resolve(pkg))), file), 'utf8');
  return [
    beside('vega', 'vega.min.js'),
    beside('vega-lite', 'vega-lite.min.js'),
    beside('vega-embed', 'vega-embed.min.js'),
  ]
    .map((code) => `<script>${code.replace(/<\/script/gi, '<\\/script')}</script>`)
    .join('\n');
}

const STYLE = `
:root { --met: #1a7f37; --met-bg: #dafbe1; --missed: #b42318; --missed-bg: #fee4e2; --muted: #57606a; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', system-ui, -apple-system, 'Segoe UI', sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
header { background: #24292f; color: white; padding: 20px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #d0d7de; font-size: 14px; }
main { max-width: 1480px; margin: 0 auto; padding: 16px 32px 48px; }
section { background: white; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 20px; margin: 16px 0; overflow-x: auto; }
h2 { font-size: 18px; margin: 0 0 12px; }
table { border-collapse: collapse; font-size: 14px; }
th, td { padding: 6px 10px; border-bottom: 1px solid #eaeef2; text-align: right; white-space: nowrap; }
/* Headers wrap (values do not), so that wide tables fit; what still does not scrolls in its box, its scroll bar on screen. */
th { white-space: normal; vertical-align: bottom; min-width: 4em; }
th:first-child, td:first-child { text-align: left; }
th { background: #f6f8fa; font-weight: 600; }
td.met { color: var(--met); background: var(--met-bg); font-weight: 600; }
td.missed { color: var(--missed); background: var(--missed-bg); font-weight: 600; }
td.best, tr.best td { background: #fff8c5; }
.ci { color: var(--muted); font-size: 12px; }
.note { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
figure { margin: 0 0 8px; }
figcaption { color: var(--muted); font-size: 13px; margin: 4px 0 0; max-width: 900px; }
figcaption a { color: var(--muted); }
.chart { overflow-x: auto; }
.scroll { overflow: auto; max-height: 80vh; }
.scroll thead th { position: sticky; top: 0; z-index: 1; }
pre { background: #f6f8fa; padding: 12px; border-radius: 6px; overflow-x: auto; font-size: 12px; max-height: 480px; }
dl { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; font-size: 14px; margin: 0 0 12px; }
dt { color: var(--muted); }
dd { margin: 0; }
.badge { display: inline-block; padding: 2px 10px; border-radius: 12px; font-size: 13px; font-weight: 600; }
.badge.met { color: var(--met); background: var(--met-bg); }
.badge.missed { color: var(--missed); background: var(--missed-bg); }
`;

export interface PageInput {
  readonly title: string;
  readonly subtitle: string;
  /** HTML of the sections before the charts (already escaped). */
  readonly before: string;
  readonly charts: readonly Chart[];
  /** HTML of the sections after the charts. */
  readonly after: string;
  /** Each chart's files are linked from its caption when true (run and sweep folders hold them). */
  readonly linkFiles: boolean;
}

function figure(chart: Chart, linkFiles: boolean): string {
  const links = linkFiles
    ? ` <a href="charts/${chart.id}.svg">SVG</a> · <a href="charts/${chart.id}.png">PNG</a> · <a href="charts/${chart.id}.vl.json">Vega-Lite spec</a>`
    : '';
  return `<figure>
<div class="chart" id="chart-${chart.id}" data-chart="${chart.id}" role="img" aria-label="${escapeHtml(chart.title)}"></div>
<figcaption>${escapeHtml(chart.caption)}${links}</figcaption>
</figure>`;
}

export function htmlPage(input: PageInput): string {
  const specs = input.charts.map((c) => ({ id: c.id, spec: c.spec }));
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
${libraryBundles()}
</head>
<body>
<header><h1>${escapeHtml(input.title)}</h1><p>${escapeHtml(input.subtitle)}</p></header>
<main>
${input.before}
${input.charts.length > 0 ? `<section id="charts"><h2>Charts</h2>\n${input.charts.map((c) => figure(c, input.linkFiles)).join('\n')}\n</section>` : ''}
${input.after}
</main>
<script id="chart-specs" type="application/json">${scriptJson(specs)}</script>
<script>
(function () {
  var specs = JSON.parse(document.getElementById('chart-specs').textContent);
  var pending = specs.map(function (c) {
    return vegaEmbed('#chart-' + c.id, c.spec, { renderer: 'svg', actions: false })
      .then(function () { document.getElementById('chart-' + c.id).setAttribute('data-rendered', 'true'); })
      .catch(function (error) {
        var el = document.getElementById('chart-' + c.id);
        el.textContent = 'This chart could not be drawn: ' + error;
        console.error(error);
      });
  });
  Promise.all(pending).then(function () { document.body.setAttribute('data-charts-rendered', String(specs.length)); });
})();
</script>
</body>
</html>
`;
}
