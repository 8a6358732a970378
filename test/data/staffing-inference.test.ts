import { describe, expect, it } from 'vitest';

import { inferStaffing, STAFFING_ESTIMATORS } from '../../src/data/staffing-inference.js';
import type { CallRecord } from '../../src/data/call-record.js';
import { readBankRecords } from './bank-records.js';
import { at, call, DAY } from './call.js';

/** A service by `agent` from `from` to `to` (clock times), answered at once. */
function service(agent: string | null, from: string, to: string, callType = 'X'): CallRecord {
  return call(at(from), { agent, callType, serviceTime: at(to) - at(from) });
}

/**
 * The hand-drawn timeline (1 h intervals, sessions bridged over gaps ≤ 15 min, margins 2 min):
 *
 *   A  08:00–08:20, 08:30–08:50          session 07:58–08:52
 *   B  08:40–09:10                       session 08:38–09:12
 *   C  09:30–09:40, 10:30–10:35 (type Y) sessions 09:28–09:42 and 10:28–10:37 (gap 50 min)
 *   —  09:05–09:15 unnamed (type Y)
 */
const timeline = [
  service('A', '08:00', '08:20'),
  service('A', '08:30', '08:50'),
  service('B', '08:40', '09:10'),
  service('C', '09:30', '09:40', 'Y'),
  service('C', '10:30', '10:35', 'Y'),
  service(null, '09:05', '09:15', 'Y'),
];

const min = (m: number) => m / 60; // minutes of one agent → agents over an hour

describe('inferStaffing', () => {
  it('computes each estimator on a hand-drawn three-agent timeline', () => {
    const r = inferStaffing(timeline, { intervalSeconds: 3600 });
    expect(r.intervals.map((i) => i.interval)).toEqual(['08:00', '09:00', '10:00']);
    const day = r.intervals.map((i) => i.perDay[0]);
    expect(day.map((c) => c.values.activeAgents)).toEqual([2, 2, 1]);
    expect(day.map((c) => c.values.peakBusy)).toEqual([2, 2, 1]);
    // Busy: A 40 + B 20 min; B 10 + unnamed 10 + C 10 min; C 5 min.
    expect(day[0].values.busyAgents).toBeCloseTo(min(60), 12);
    expect(day[1].values.busyAgents).toBeCloseTo(min(30), 12);
    expect(day[2].values.busyAgents).toBeCloseTo(min(5), 12);
    expect(day[1].unnamedBusyAgents).toBeCloseTo(min(10), 12);
    // Present: A 52 + B 22 min; B 12 + C 14 min, plus the unnamed call beyond the sessions open
    // (09:05–09:10 two busy with B alone on duty: +5; 09:12–09:15 nobody on duty: +3); C 9 min.
    expect(day[0].values.presentAgents).toBeCloseTo(min(74), 12);
    expect(day[1].values.presentAgents).toBeCloseTo(min(34), 12);
    expect(day[2].values.presentAgents).toBeCloseTo(min(9), 12);
    expect(day[0].min).toBeCloseTo(min(60), 12);
    expect(day[0].max).toBe(2); // active and peak busy
    expect(r.unnamedServices).toBe(1);
  });

  it('starts a session a margin before its first call, in the interval before', () => {
    const r = inferStaffing(timeline, {
      intervalSeconds: 3600,
      range: { fromSeconds: at('07:00'), toSeconds: at('11:00') },
    });
    expect(r.intervals[0].interval).toBe('07:00');
    expect(r.intervals[0].perDay[0].values.presentAgents).toBeCloseTo(min(2), 12);
    expect(r.intervals[0].perDay[0].values.activeAgents).toBe(0);
  });

  it('bridges longer gaps when told to', () => {
    const r = inferStaffing(timeline, { intervalSeconds: 3600, bridgeGapSeconds: 3600 });
    // C on duty 09:28–10:37.
    expect(r.intervals[1].perDay[0].values.presentAgents).toBeCloseTo(min(12 + 32 + 5 + 3), 12);
    expect(r.intervals[2].perDay[0].values.presentAgents).toBeCloseTo(min(37), 12);
  });

  it('averages over every date of the table, a date without activity counting 0', () => {
    const r = inferStaffing(timeline, { intervalSeconds: 3600, dates: [DAY, '1999-02-02'] });
    const eight = r.intervals[0];
    expect(eight.mean.activeAgents).toBe(1);
    expect(eight.mean.presentAgents).toBeCloseTo(min(74) / 2, 12);
    expect(eight.spread.activeAgents).toMatchObject({ days: 2 });
    expect(eight.spread.activeAgents.sd).toBeCloseTo(Math.SQRT2, 12);
  });

  it('splits the estimators by agent group, unnamed calls going to their call type’s group', () => {
    const r = inferStaffing(timeline, {
      intervalSeconds: 3600,
      groupOf: new Map([
        ['A', 'g1'],
        ['B', 'g1'],
        ['C', 'g2'],
      ]),
    });
    const g1 = r.byGroup?.g1.intervals.map((i) => i.perDay[0].values);
    const g2 = r.byGroup?.g2.intervals.map((i) => i.perDay[0].values);
    expect(g1?.map((v) => v.activeAgents)).toEqual([2, 1, 0]);
    expect(g2?.[1].busyAgents).toBeCloseTo(min(20), 12); // C and the unnamed call (type Y)
    expect(g2?.[1].presentAgents).toBeCloseTo(min(14 + 10), 12);
  });

  it('gives plausible staffing on the bank log: at most 14 agents in any hour', () => {
    const records = readBankRecords().filter((r) => r.weekday <= 4);
    const r = inferStaffing(records, { intervalSeconds: 3600 });
    expect(r.dates).toHaveLength(10);
    for (const i of r.intervals) {
      for (const c of i.perDay) {
        for (const e of STAFFING_ESTIMATORS) expect(c.values[e]).toBeLessThanOrEqual(14);
        expect(c.values.busyAgents).toBeLessThanOrEqual(c.values.peakBusy + 1e-9);
        expect(c.values.busyAgents).toBeLessThanOrEqual(c.values.presentAgents + 1e-9);
      }
    }
    // The peak hours of a weekday: about 8 positions (README of the data).
    const ten = r.intervals.find((i) => i.interval === '10:00');
    expect(ten?.mean.presentAgents).toBeGreaterThan(5);
    expect(ten?.mean.presentAgents).toBeLessThan(10);
  });
});
