/**
 * The text `ccsim staff` prints: per interval and group the agents the
 * simulation requires (with the what-if's change), the closed forms'
 * requirement, the headcount and the interval's KPIs; then cost and misses.
 */
import type { StaffResult } from '../results/staff.js';
import { formatEstimate, table } from './format.js';
import { costText, signed, targetText, whatIfSummary } from './staff-report.js';

export function staffText(plan: StaffResult): string {
  let out = `${plan.scenario.name}: agents on duty per interval and group for ${targetText(plan.targets)}${plan.targetsFrom === 'scenario' ? " (the scenario's own targets)" : ''}\n`;
  out += `By simulation in time order (calls carried over count), ${plan.replications} replications per evaluation, seed ${plan.seed}; targets judged on the means, ${Math.round(plan.confidenceLevel * 100)}% intervals shown.\n\n`;
  const change = plan.base !== undefined;
  const fractional = plan.requirements.some((r) => r.fractional !== undefined);
  const header = [
    'interval',
    'group',
    'agents',
    ...(change ? ['change'] : []),
    ...(fractional ? ['fractional'] : []),
    'Erlang C',
    'Erlang A',
    'headcount',
    'service level (interval)',
    'abandoned',
    'occupancy',
  ];
  out += table(
    header,
    plan.requirements.map((r) => [
      r.interval,
      r.group,
      String(r.agents),
      ...(change ? [r.change === undefined ? '' : signed(r.change)] : []),
      ...(fractional ? [String(r.fractional ?? '')] : []),
      r.erlangC === null ? '–' : String(r.erlangC),
      r.erlangA === null ? '–' : String(r.erlangA),
      String(r.headcount),
      formatEstimate(r.kpis.serviceLevel, 'fraction'),
      formatEstimate(r.kpis.abandonRate, 'fraction'),
      formatEstimate(r.kpis.occupancy, 'fraction'),
    ]),
  );
  const missed = plan.byInterval.filter((b) => !b.meets).map((b) => b.interval);
  out += `\n${costText(plan)}; ${plan.evaluations} scenario runs.\n`;
  const what = whatIfSummary(plan);
  if (what !== '') out += `${what}\n`;
  if (missed.length > 0) out += `Not met within the search limit: ${missed.join(', ')}.\n`;
  return out;
}
