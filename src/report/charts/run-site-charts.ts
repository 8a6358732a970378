/**
 * The charts of a multi-site run: the service level through the scheduled
 * outages, and the calls offered per site.
 */
import type { RunResult } from '../../experiment/run-result.js';
import type { Clock } from '../../model/scenario/index.js';
import type { ScenarioFacts } from '../../results/run-context.js';
import type { Chart } from './common.js';
import { COLORS, clockAxis, hours, layered, percent, targetLine } from './common.js';
import type { Slot } from './run-chart-parts.js';
import { axisRange, est } from './run-chart-parts.js';

const NETWORK = '#1f2328';

/** Clock hours of a simulation time. */
function clockHours(clock: Clock, simTime: number): number {
  return hours(clock.start + simTime - clock.measureStart);
}

/**
 * Service level per interval for the network and each site, with the
 * scheduled outages drawn as bands (a rule where each was detected).
 */
export function outageTimelineChart(
  result: RunResult,
  scenario: ScenarioFacts,
  slots: readonly Slot[],
): Chart {
  const [from, to] = axisRange(slots);
  const clock = scenario.clock;
  const bands = scenario.scheduledOutages
    .filter((o) => o.duration !== null)
    .map((o) => {
      const start = Math.max(from, clockHours(clock, o.at));
      const end = Math.min(to, clockHours(clock, o.at + (o.duration as number)));
      return {
        start,
        end,
        detected: Math.min(end, clockHours(clock, o.at + o.detectionDelay)),
        label: `${o.site} down`,
      };
    })
    .filter((b) => b.end > b.start);
  const lines = result.byInterval.flatMap((row, i) => [
    { ...slots[i], series: 'network', ...est(row.kpis.serviceLevel) },
    ...Object.entries(row.bySite).map(([site, k]) => ({ ...slots[i], series: site, ...est(k.serviceLevel) })),
  ]);
  const x = { field: 'mid', type: 'quantitative', ...clockAxis(from, to) };
  const target = result.serviceLevel.target;
  // The network in near-black, the sites in the categorical palette.
  const series = ['network', ...scenario.sites];
  const palette = [NETWORK, '#4c78a8', '#f58518', '#54a24b', '#b279a2', '#72b7b2', '#eeca3b', '#9d755d'];
  return {
    id: 'outage-timeline',
    title: 'Service level through the outages',
    caption: `Service level per interval for the network (with its confidence band) and each site; shaded: a site down, from failure to return; the dotted rule marks when the failure was detected (until then, calls routed there fail).${target === null ? '' : ` Dashed: the ${percent(target)} target.`}`,
    spec: layered('Service level through the outages', lines, [
      {
        data: { values: bands },
        mark: { type: 'rect', color: COLORS.abandoned, opacity: 0.12 },
        encoding: { x: { field: 'start', type: 'quantitative' }, x2: { field: 'end' } },
      },
      {
        data: { values: bands },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'top',
          dx: 4,
          y: 4,
          color: COLORS.abandoned,
          fontWeight: 'bold',
        },
        encoding: { x: { field: 'start', type: 'quantitative' }, text: { field: 'label' } },
      },
      {
        data: { values: bands },
        mark: { type: 'rule', color: COLORS.abandoned, strokeDash: [2, 2] },
        encoding: { x: { field: 'detected', type: 'quantitative' } },
      },
      {
        transform: [{ filter: "datum.series === 'network'" }],
        mark: { type: 'area', color: NETWORK, opacity: 0.12, clip: true },
        encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      // Sites first, then the network on top, thicker.
      ...(['sites', 'network'] as const).map((which) => ({
        transform: [
          { filter: which === 'network' ? "datum.series === 'network'" : "datum.series !== 'network'" },
        ],
        mark: { type: 'line', strokeWidth: which === 'network' ? 3 : 1.5, point: { filled: true, size: 20 } },
        encoding: {
          x,
          y: {
            field: 'mean',
            type: 'quantitative',
            title: 'Service level',
            scale: { domain: [0, 1] },
            axis: { format: '.0%' },
          },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: series, range: palette } },
          tooltip: [
            { field: 'series', title: 'Network or site' },
            { field: 'label', title: 'Interval' },
            { field: 'mean', title: 'Service level', format: '.1%' },
          ],
        },
      })),
      ...targetLine(target),
    ]),
  };
}

/** Calls offered per site per interval: where the network sent its calls. */
export function siteVolumeChart(result: RunResult, slots: readonly Slot[]): Chart {
  const [from, to] = axisRange(slots);
  const data = result.byInterval.flatMap((row, i) =>
    Object.entries(row.bySite).map(([site, k]) => ({
      ...slots[i],
      site,
      offered: k.offered?.mean ?? 0,
      failed: k.failed?.mean ?? 0,
      dropped: k.dropped?.mean ?? 0,
    })),
  );
  return {
    id: 'sites',
    title: 'Calls offered per site',
    caption:
      'Calls the routing sent to each site per interval (mean over replications), with failed and dropped calls in the tooltip.',
    spec: layered('Calls offered per site and interval', data, [
      {
        mark: { type: 'line', point: { filled: true, size: 20 } },
        encoding: {
          x: { field: 'mid', type: 'quantitative', ...clockAxis(from, to) },
          y: { field: 'offered', type: 'quantitative', title: 'Calls offered per interval' },
          color: { field: 'site', type: 'nominal', title: 'Site' },
          tooltip: [
            { field: 'site', title: 'Site' },
            { field: 'label', title: 'Interval' },
            { field: 'offered', title: 'Offered', format: '.1f' },
            { field: 'failed', title: 'Failed', format: '.1f' },
            { field: 'dropped', title: 'Dropped', format: '.1f' },
          ],
        },
      },
    ]),
  };
}
