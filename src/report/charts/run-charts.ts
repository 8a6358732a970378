/**
 * The charts of a run report, as Vega-Lite specs built from a RunResult
 * with the facts of its scenario (clock times, targets) and the Erlang
 * requirement: a ReportedRun. Each chart has a title, axis titles with
 * units, and the target where the scenario sets one. The charts themselves
 * are in run-kpi-charts.ts, run-distribution-charts.ts and
 * run-site-charts.ts.
 */
import type { ReportedRun } from '../../results/run-context.js';
import type { Chart } from './common.js';
import { slotsOf } from './run-chart-parts.js';
import { callTypeChart, ivrFunnelChart, waitDistributionChart } from './run-distribution-charts.js';
import {
  abandonmentChart,
  asaChart,
  occupancyChart,
  queueChart,
  serviceLevelChart,
  staffingChart,
  volumeChart,
} from './run-kpi-charts.js';
import { outageTimelineChart, siteVolumeChart } from './run-site-charts.js';

/** Every chart of a run report, in reading order; charts without data are left out. */
export function runCharts(run: ReportedRun): Chart[] {
  const { result, scenario } = run;
  const slots = slotsOf(result, scenario.clock);
  const charts: Chart[] = [
    ...(scenario.scheduledOutages.length > 0 ? [outageTimelineChart(result, scenario, slots)] : []),
    serviceLevelChart(result, slots),
    asaChart(result, slots),
    abandonmentChart(result, slots),
    volumeChart(result, slots),
    staffingChart(run, slots),
    occupancyChart(result, slots),
    queueChart(result, slots),
  ];
  if (result.waitDistribution.length > 0) charts.push(waitDistributionChart(result));
  if (scenario.entryPoints > 0) charts.push(ivrFunnelChart(result));
  if (scenario.callTypes > 1) charts.push(callTypeChart(result, slots));
  if (scenario.sites.length > 1) charts.push(siteVolumeChart(result, slots));
  return charts;
}
