/**
 * Compiling agent groups: where they sit, who is on duty when (shifts,
 * breaks, per-interval counts, shrinkage), and the order in which a freed
 * agent scans its queues.
 */
import { simTimeOf } from './arrival-rates.js';
import type { Routes } from './compile-call-types.js';
import type { Clock, CompiledAgentGroup, CompiledCallType, StaffingSchedule } from './compiled-model.js';
import { Channel } from './compiled-model.js';
import { mustGet } from './name-index.js';
import type { Scenario } from './schema/index.js';

export function compileAgentGroups(
  s: Scenario,
  clock: Clock,
  siteIndex: ReadonlyMap<string, number>,
  routes: Routes,
  callTypes: readonly CompiledCallType[],
): CompiledAgentGroup[] {
  return s.agentGroups.map((g, index) => {
    const schedule = compileStaffing(g, clock);
    return {
      index,
      name: g.name,
      site: g.site === undefined ? 0 : mustGet(siteIndex, g.site),
      schedule,
      maxAgents: schedule.counts.reduce((most, n) => Math.max(most, n), 0),
      concurrency: g.concurrency,
      concurrencySlowdown: g.concurrencySlowdown,
      costPerHour: g.costPerHour,
      // A freed agent scans its queues in this order: voice and chat before e-mail, then
      // call-type priority, tier priority (both higher first), then its own preference level.
      routes: routes.ofGroup[index].sort((a, b) => {
        const ta = callTypes[a.callType];
        const tb = callTypes[b.callType];
        return (
          Number(ta.channel === Channel.email) - Number(tb.channel === Channel.email) ||
          tb.priority - ta.priority ||
          a.level - b.level
        );
      }),
    };
  });
}

/**
 * Agents on duty as a step function of simulation time, shrinkage applied:
 * on duty = round(scheduled × (1 − shrinkage)).
 */
function compileStaffing(g: Scenario['agentGroups'][number], clock: Clock): StaffingSchedule {
  const keep = 1 - g.shrinkage;
  const effective = (n: number) => Math.round(n * keep);
  if (g.agents !== undefined) return { times: [0], counts: [effective(g.agents)] };
  if (g.perInterval !== undefined) {
    const intervalStart = (i: number) => (i === 0 ? 0 : clock.measureStart + i * clock.intervalLength);
    if (g.perInterval.every(Number.isInteger)) {
      return { times: g.perInterval.map((_, i) => intervalStart(i)), counts: g.perInterval.map(effective) };
    }
    return fractionalStaffing(g.perInterval, keep, clock, intervalStart);
  }
  // Shifts: count the agents on shift and not on break at each change point.
  const shifts = (g.shifts ?? []).map((shift) => ({
    start: simTimeOf(clock, shift.start),
    end: simTimeOf(clock, shift.start + shift.length),
    count: shift.count,
    breaks: shift.breaks.map((b) => ({
      start: simTimeOf(clock, b.at),
      end: simTimeOf(clock, b.at + b.length),
    })),
  }));
  const points = new Set<number>([0]);
  for (const sh of shifts) {
    points.add(Math.max(0, sh.start));
    points.add(Math.max(0, sh.end));
    for (const b of sh.breaks) {
      points.add(Math.max(0, b.start));
      points.add(Math.max(0, b.end));
    }
  }
  const times = [...points].sort((a, b) => a - b);
  // A sweep: each shift adds its count over the spans it is on duty (its time less its breaks),
  // so that the agents on duty at a point are the changes up to it (linear in the shifts).
  const changes = new Map<number, number>();
  const change = (t: number, n: number) => changes.set(t, (changes.get(t) ?? 0) + n);
  const onDuty = (from: number, to: number, count: number) => {
    if (to <= from) return;
    change(from, count);
    change(to, -count);
  };
  for (const sh of shifts) {
    let cursor = sh.start;
    for (const b of [...sh.breaks].sort((x, y) => x.start - y.start)) {
      const breakStart = Math.max(b.start, sh.start);
      const breakEnd = Math.min(b.end, sh.end);
      if (breakEnd <= breakStart) continue;
      onDuty(cursor, breakStart, sh.count);
      cursor = Math.max(cursor, breakEnd);
    }
    onDuty(cursor, sh.end, sh.count);
  }
  const changeTimes = [...changes.keys()].sort((a, b) => a - b);
  let next = 0;
  let onShift = 0;
  const counts = times.map((t) => {
    while (next < changeTimes.length && changeTimes[next] <= t)
      onShift += changes.get(changeTimes[next++]) ?? 0;
    return effective(onShift);
  });
  return { times, counts };
}

/**
 * Fractional agents per interval (calibrated staffing such as 7.4): n·(1 − shrinkage) = w + f
 * with w whole and 0 < f < 1 puts w + 1 agents on duty for the first f of the interval and w
 * for the rest, so the agent-hours of each interval are exact and no draw is needed.
 */
function fractionalStaffing(
  perInterval: readonly number[],
  keep: number,
  clock: Clock,
  intervalStart: (i: number) => number,
): StaffingSchedule {
  const times: number[] = [];
  const counts: number[] = [];
  const push = (t: number, n: number) => {
    if (counts.length > 0 && counts[counts.length - 1] === n) return;
    times.push(t);
    counts.push(n);
  };
  perInterval.forEach((n, i) => {
    const on = n * keep;
    // Tolerate float noise (7.999999999 is 8) so a written whole count never splits.
    const whole = Math.floor(on + 1e-9);
    const fraction = on - whole;
    const start = intervalStart(i);
    if (fraction <= 1e-9) {
      push(start, whole);
      return;
    }
    push(start, whole + 1);
    push(clock.measureStart + (i + fraction) * clock.intervalLength, whole);
  });
  return { times, counts };
}
