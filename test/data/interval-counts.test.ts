import { describe, expect, it } from 'vitest';
import { isOffered } from '../../src/data/call-record.js';
import {
  busyWindow,
  countAt,
  countOfferedCalls,
  countOfferedIntervals,
  dateTotal,
  intervalLabel,
  intervalTotal,
} from '../../src/data/interval-counts.js';
import { readBankRecords } from './bank-records.js';
import { offeredCall } from './forecast-support.js';

const H = 3600;

describe('countOfferedCalls', () => {
  it('buckets by queue entry: an interval holds its start, not its end', () => {
    const counts = countOfferedCalls(
      [
        offeredCall('2026-03-02', 8 * H + 3599),
        offeredCall('2026-03-02', 9 * H),
        offeredCall('2026-03-02', 9 * H + 1),
      ],
      3600,
    );
    expect(counts.intervalCount).toBe(2);
    expect(intervalLabel(counts, 0)).toBe('08:00');
    expect(intervalLabel(counts, 1)).toBe('09:00');
    expect(countAt(counts, 0, 0, 0)).toBe(1);
    expect(countAt(counts, 0, 1, 0)).toBe(2);
  });

  it('labels quarter hours by their clock start', () => {
    const counts = countOfferedCalls(
      [
        offeredCall('2026-03-02', 8 * H + 899),
        offeredCall('2026-03-02', 8 * H + 900),
        offeredCall('2026-03-02', 8 * H + 2700),
      ],
      900,
    );
    expect(Array.from({ length: counts.intervalCount }, (_, i) => intervalLabel(counts, i))).toEqual([
      '08:00',
      '08:15',
      '08:30',
      '08:45',
    ]);
    expect([0, 1, 2, 3].map((i) => intervalTotal(counts, 0, i))).toEqual([1, 1, 0, 1]);
  });

  it('keeps a call that reached the queue after midnight on its arrival date, past 24:00', () => {
    const counts = countOfferedCalls(
      [
        offeredCall('2026-03-02', 23 * H + 3590),
        offeredCall('2026-03-02', 24 * H + 30),
        offeredCall('2026-03-03', 30),
      ],
      3600,
    );
    expect(counts.dates).toEqual(['2026-03-02', '2026-03-03']);
    const labels = Array.from({ length: counts.intervalCount }, (_, i) => intervalLabel(counts, i));
    expect(labels[0]).toBe('00:00');
    expect(labels[labels.length - 1]).toBe('24:00');
    expect(intervalTotal(counts, 0, labels.indexOf('23:00'))).toBe(1);
    expect(intervalTotal(counts, 0, labels.indexOf('24:00'))).toBe(1);
    expect(intervalTotal(counts, 1, labels.indexOf('00:00'))).toBe(1);
    expect(dateTotal(counts, 0)).toBe(2);
  });

  it('counts served and abandoned calls only', () => {
    const calls = (['served', 'abandoned', 'ivr', 'blocked', 'ignored'] as const).map((o) =>
      offeredCall('2026-03-02', 10 * H, 'A', o),
    );
    expect(dateTotal(countOfferedCalls(calls, 3600), 0)).toBe(2);
  });

  it('keeps a date of the range without calls as a zero day, unless the filter leaves its weekday out', () => {
    // 2026-03-02 is a Monday, 03-04 a Wednesday.
    const calls = [offeredCall('2026-03-02', 10 * H), offeredCall('2026-03-04', 10 * H)];
    const all = countOfferedCalls(calls, 3600);
    expect(all.dates).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    expect(all.weekdays).toEqual([1, 2, 3]);
    expect(all.emptyDates).toEqual(['2026-03-03']);
    const monWed = countOfferedCalls(calls, 3600, { weekdays: new Set([1, 3]) });
    expect(monWed.dates).toEqual(['2026-03-02', '2026-03-04']);
    expect(monWed.emptyDates).toEqual([]);
    const range = countOfferedCalls(calls, 3600, { from: '2026-03-01', to: '2026-03-03' });
    expect(range.dates).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(range.emptyDates).toEqual(['2026-03-01', '2026-03-03']);
  });

  it('orders call types by volume', () => {
    const calls = [
      offeredCall('2026-03-02', 10 * H, 'small'),
      ...[1, 2].map(() => offeredCall('2026-03-02', 10 * H, 'big')),
    ];
    expect(countOfferedCalls(calls, 3600).callTypes).toEqual(['big', 'small']);
  });

  it("counts every offered call of the bank's two weeks, once", () => {
    const records = readBankRecords();
    const counts = countOfferedCalls(records, 3600);
    expect(counts.dates).toHaveLength(14);
    expect(counts.dates[0]).toBe('1999-02-01');
    expect(counts.emptyDates).toEqual([]);
    expect(counts.callTypes[0]).toBe('PS');
    const total = counts.dates.reduce((s, _, d) => s + dateTotal(counts, d), 0);
    expect(total).toBe(records.filter(isOffered).length);
    // Fridays close at 14:00: no call after 15:00 on 1999-02-05.
    const friday = counts.dates.indexOf('1999-02-05');
    for (let i = 0; i < counts.intervalCount; i++)
      if (intervalLabel(counts, i) >= '15:00') expect(intervalTotal(counts, friday, i)).toBe(0);
  });
});

describe('countOfferedIntervals', () => {
  const row = (date: string, start: number, callType: string, offered: number) => ({
    date,
    start,
    length: 1800,
    callType,
    offered,
  });

  it('adds half hours of an interval report into hours, and keeps a date of zeros as a zero day', () => {
    const counts = countOfferedIntervals(
      [
        row('2026-03-02', 8 * H, 'A', 5),
        row('2026-03-02', 8 * H + 1800, 'A', 7),
        row('2026-03-02', 9 * H, 'B', 2),
        row('2026-03-03', 8 * H, 'A', 0),
      ],
      3600,
    );
    expect(counts.dates).toEqual(['2026-03-02', '2026-03-03']);
    expect(counts.emptyDates).toEqual(['2026-03-03']);
    expect(counts.callTypes).toEqual(['A', 'B']);
    expect(intervalLabel(counts, 0)).toBe('08:00');
    expect(countAt(counts, 0, 0, 0)).toBe(12);
    expect(countAt(counts, 0, 1, 1)).toBe(2);
  });

  it("refuses intervals shorter than the report's", () => {
    expect(() => countOfferedIntervals([row('2026-03-02', 8 * H, 'A', 5)], 900)).toThrow(
      "the report's intervals are 30 minutes long (from 08:00): 15-minute intervals cannot be made of them",
    );
  });
});

describe('busyWindow', () => {
  it('ignores stray calls below the fraction of the peak', () => {
    expect(busyWindow([1, 0, 40, 100, 60, 5, 4], 0.05)).toEqual({ first: 2, last: 5 });
    expect(busyWindow([0, 0])).toBeNull();
  });
});
