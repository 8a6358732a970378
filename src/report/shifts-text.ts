/**
 * The text `ccsim shifts` prints: the roster per group and shift, then the
 * coverage per interval with what the roster achieves when simulated.
 */
import type { RosterResult } from '../results/shifts.js';
import { formatEstimate, table } from './format.js';
import { whatIfText } from './shifts-report.js';

export function shiftsText(result: RosterResult): string {
  let out = `Shift plan (HiGHS, exact integer optimum): cost ${result.cost.toFixed(2)}\n`;
  for (const s of result.solver) out += `  ${s.group}: ${s.status} over ${s.options} shift options\n`;
  out += '\n';
  out += table(
    ['group', 'shift', 'start', 'length', 'agents', 'breaks'],
    result.shifts.map((s) => [
      s.group,
      s.template,
      s.start,
      s.length,
      String(s.count),
      s.breaks.map((b) => `${b.at} (${b.length})`).join(', '),
    ]),
  );
  const achieved = new Map(result.achieved?.byInterval.map((a) => [a.interval, a]) ?? []);
  out += `\nCoverage${result.achieved ? ' and what the roster achieves (simulated)' : ''}\n`;
  out += table(
    ['interval', 'group', 'required', 'on duty', 'service level (all calls)', 'abandoned', 'meets'],
    result.coverage.map((c) => {
      const a = achieved.get(c.interval);
      return [
        c.interval,
        c.group,
        String(c.required),
        String(c.onDuty),
        a === undefined ? '' : formatEstimate(a.kpis.serviceLevel, 'fraction'),
        a === undefined ? '' : formatEstimate(a.kpis.abandonRate, 'fraction'),
        a === undefined || a.meets === null ? '' : a.meets ? 'yes' : 'no',
      ];
    }),
  );
  if (result.achieved !== undefined) {
    const a = result.achieved;
    out += `\nRoster simulated on ${a.scenario} (${a.replications} replications, seed ${a.seed}; what-if: ${whatIfText(a.whatIf)}): service level ${formatEstimate(a.total.serviceLevel, 'fraction')} over the day`;
    out +=
      a.target === null
        ? '.\n'
        : `; target ${Math.round(a.target.serviceLevel * 100)}% within ${a.target.threshold} s.\n`;
    for (const note of a.notes) out += `Note: ${note}.\n`;
  }
  return out;
}
