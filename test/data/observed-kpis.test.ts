import { describe, expect, it } from 'vitest';

import { isOffered } from '../../src/data/call-record.js';
import { observedKpis, sumTallies } from '../../src/data/observed-kpis.js';
import { readBankRecords } from './bank-records.js';
import { at, call, DAY } from './call.js';

const HOUR = 3600;

/** The 08:00 hour of the hand-computed case, and one call at 09:00 sharp. */
const hour8 = [
  call(at('08:10'), { wait: 0, serviceTime: 100 }),
  call(at('08:20'), { wait: 20, serviceTime: 200 }), // wait = T: within
  call(at('08:30'), { wait: 21, serviceTime: 300 }), // just over T
  call(at('08:40'), { outcome: 'abandoned', wait: 5 }),
  call(at('08:50'), { outcome: 'abandoned', wait: 40 }),
  call(at('08:59:59'), { wait: 10, serviceTime: 60 }), // the last second of the interval
  call(at('08:55'), { outcome: 'ivr' }), // never wanted an agent
  call(at('09:00'), { wait: 0, serviceTime: 50 }), // an interval starts at its first second
];

describe('observedKpis', () => {
  it('computes each KPI of an interval by the definitions of kpis.ts', () => {
    const table = observedKpis(hour8, { intervalSeconds: HOUR });
    expect(table.intervals.map((i) => i.interval)).toEqual(['08:00', '09:00']);
    const k = table.intervals[0].kpis;
    expect(k.offered).toBe(6);
    expect(k.answered).toBe(4);
    expect(k.abandoned).toBe(2);
    expect(k.answeredWithinThreshold).toBe(3);
    expect(k.serviceLevel).toBe(3 / 6);
    expect(k.serviceLevelOfAnswered).toBe(3 / 4);
    expect(k.answerRate).toBe(4 / 6);
    expect(k.abandonRate).toBe(2 / 6);
    expect(k.asa).toBe((0 + 20 + 21 + 10) / 4);
    expect(k.meanWait).toBe((0 + 20 + 21 + 10 + 5 + 40) / 6);
    expect(k.pWait).toBe(5 / 6);
    expect(k.aht).toBe((100 + 200 + 300 + 60) / 4);
    const nine = table.intervals[1].kpis;
    expect([nine.offered, nine.serviceLevel, nine.asa, nine.aht]).toEqual([1, 1, 0, 50]);
  });

  it('counts a call in the interval it asked for an agent, not the one it reached the IVR', () => {
    const viaIvr = call(at('09:00:05'), { arrival: at('08:59:50') });
    const table = observedKpis([viaIvr], { intervalSeconds: 15 * 60 });
    expect(table.intervals.map((i) => [i.interval, i.kpis.offered])).toEqual([['09:00', 1]]);
  });

  it('keeps a call that asks for an agent after midnight on its arrival date, at "24:00"', () => {
    const late = [
      call(at('23:50'), { wait: 30 }),
      call(at('24:00:05'), { arrival: at('23:59:50'), wait: 3 }),
    ];
    const table = observedKpis(late, { intervalSeconds: 30 * 60 });
    expect(table.dates).toEqual([DAY]);
    expect(table.intervals.map((i) => [i.interval, i.start, i.kpis.offered])).toEqual([
      ['23:30', at('23:30'), 1],
      ['24:00', 86400, 1],
    ]);
    expect(table.intervals[1].perDay[0].date).toBe(DAY);
  });

  it('takes short abandons out of the service level only when asked, as ccsim does', () => {
    const asked = observedKpis(hour8, { intervalSeconds: HOUR, shortAbandonSeconds: 5 });
    const k = asked.intervals[0].kpis;
    expect(k.shortAbandoned).toBe(1); // wait 5 ≤ 5
    expect(k.serviceLevel).toBe(3 / 5);
    expect(k.abandonRate).toBe(2 / 6); // abandonment keeps every abandon
    const byDefault = observedKpis(hour8, { intervalSeconds: HOUR }).intervals[0].kpis;
    expect([byDefault.shortAbandoned, byDefault.serviceLevel]).toEqual([0, 0.5]);
    // ccsim's default threshold 0 still drops an abandon after a wait of exactly 0.
    const atOnce = observedKpis([call(at('08:00'), { outcome: 'abandoned', wait: 0 }), hour8[0]], {
      intervalSeconds: HOUR,
    });
    expect([atOnce.intervals[0].kpis.shortAbandoned, atOnce.intervals[0].kpis.serviceLevel]).toEqual([1, 1]);
  });

  it('rejects an interval that does not divide a day', () => {
    expect(() => observedKpis(hour8, { intervalSeconds: 700 })).toThrow(/intervalSeconds/);
  });

  it('uses the threshold it is given', () => {
    const k = observedKpis(hour8, { intervalSeconds: HOUR, thresholdSeconds: 30 }).intervals[0].kpis;
    expect(k.answeredWithinThreshold).toBe(4);
  });

  it('aggregates days as a ratio of sums and measures the spread of the daily values', () => {
    const day2 = '1999-02-02';
    const day3 = '1999-02-03';
    const records = [
      call(at('10:05'), { wait: 5 }),
      call(at('10:05'), { date: day2, wait: 5 }),
      call(at('10:10'), { date: day2, wait: 50 }),
      call(at('10:20'), { date: day2, wait: 60 }),
      call(at('10:30'), { date: day2, outcome: 'abandoned', wait: 70 }),
    ];
    const table = observedKpis(records, { intervalSeconds: HOUR, dates: [DAY, day2, day3] });
    const ten = table.intervals[0];
    expect(ten.kpis.serviceLevel).toBe(2 / 5); // not (1 + 1/4) / 2
    expect(ten.kpis.asa).toBe((5 + 5 + 50 + 60) / 4);
    expect(ten.perDay.map((d) => [d.date, d.kpis.serviceLevel])).toEqual([
      [DAY, 1],
      [day2, 0.25],
      [day3, null],
    ]);
    expect(ten.spread.serviceLevel.mean).toBe(0.625);
    expect(ten.spread.serviceLevel.sd).toBeCloseTo(Math.sqrt(2 * 0.375 ** 2), 12);
    expect(ten.spread.serviceLevel.days).toBe(2);
    // A day without calls counts as 0 calls offered.
    expect(ten.spread.offered.days).toBe(3);
    expect(ten.spread.offered.mean).toBeCloseTo(5 / 3, 12);
    expect(ten.spread.offered.sd).toBeCloseTo(
      Math.sqrt(((1 - 5 / 3) ** 2 + (4 - 5 / 3) ** 2 + (5 / 3) ** 2) / 2),
      12,
    );
    expect(table.total.kpis.serviceLevel).toBe(2 / 5);
  });

  it('fills the intervals between the first and the last call, or the range it is given', () => {
    const records = [call(at('08:10')), call(at('10:50'))];
    const open = observedKpis(records, { intervalSeconds: HOUR });
    expect(open.intervals.map((i) => [i.interval, i.kpis.offered, i.kpis.serviceLevel])).toEqual([
      ['08:00', 1, 1],
      ['09:00', 0, null],
      ['10:00', 1, 1],
    ]);
    const ranged = observedKpis(records, {
      intervalSeconds: 30 * 60,
      range: { fromSeconds: at('09:00'), toSeconds: at('11:00') },
    });
    expect(ranged.intervals.map((i) => i.interval)).toEqual(['09:00', '09:30', '10:00', '10:30']);
    expect(ranged.outsideRange).toBe(1);
  });

  it('splits the table by call type on the same intervals', () => {
    const records = [call(at('08:10')), call(at('08:20'), { callType: 'NE', wait: 30 })];
    const table = observedKpis(records, { intervalSeconds: HOUR, byCallType: true });
    expect(Object.keys(table.byCallType ?? {})).toEqual(['NE', 'PS']);
    expect(table.byCallType?.NE.intervals[0].kpis.serviceLevel).toBe(0);
    expect(table.byCallType?.PS.intervals[0].kpis.serviceLevel).toBe(1);
    expect(table.intervals[0].kpis.serviceLevel).toBe(0.5);
  });

  it('reads the bank log into a table whose sums and ratios agree with its records', () => {
    const records = readBankRecords().filter((r) => r.weekday <= 4);
    const table = observedKpis(records, { intervalSeconds: HOUR, byCallType: true });
    const offered = records.filter(isOffered);
    expect(table.dates).toHaveLength(10);
    expect(table.total.kpis.offered).toBe(offered.length);
    expect(table.total.kpis.abandoned).toBe(offered.filter((r) => r.outcome === 'abandoned').length);
    const summed = sumTallies(table.intervals.map((i) => i.tallies));
    expect(summed).toEqual(table.total.tallies);
    for (const i of table.intervals) {
      const t = i.tallies;
      if (t.offered === 0) continue;
      expect(i.kpis.serviceLevel).toBe(t.answeredWithinThreshold / t.offered);
      expect(i.tallies).toEqual(sumTallies(i.perDay.map((d) => d.tallies)));
    }
    const byType = Object.values(table.byCallType ?? {});
    expect(byType.reduce((n, s) => n + s.total.tallies.offered, 0)).toBe(offered.length);
    // Opening hours 07:00–24:00: the busiest hours are in the day.
    const ten = table.intervals.find((i) => i.interval === '10:00');
    expect(ten?.spread.offered.mean).toBeGreaterThan(100);
  });
});
