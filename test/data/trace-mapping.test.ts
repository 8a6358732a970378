/** ccsim's own trace read back through data/mappings/ccsim-trace.yaml (test/fixtures/data/trace-sample.csv). */
import { describe, expect, it } from 'vitest';
import { readCallLog } from '../../src/data/read-call-log.js';

describe('the ccsim trace mapping', () => {
  const log = readCallLog('test/fixtures/data/trace-sample.csv', 'data/mappings/ccsim-trace.yaml');
  const call = (line: number) => log.records.find((r) => r.line === line);

  it('dates each replication on its own Sunday', () => {
    expect(log.dates).toEqual(['2000-01-02', '2000-01-09']);
    expect(log.records.every((r) => r.weekday === 0)).toBe(true);
  });

  it('reads served, abandoned, IVR and blocked calls with their times to the millisecond', () => {
    expect(call(2)).toEqual({
      line: 2,
      date: '2000-01-02',
      weekday: 0,
      callType: 'sales',
      priority: 0,
      arrival: 8 * 3600 + 1.25,
      queueEntry: 8 * 3600 + 31.25,
      wait: 0,
      outcome: 'served',
      serviceStart: 8 * 3600 + 31.25,
      serviceTime: 220.5,
      agent: 'team#1',
      customer: null,
    });
    expect(call(3)).toMatchObject({
      outcome: 'abandoned',
      priority: 1,
      queueEntry: 8 * 3600 + 35,
      wait: 42.125,
    });
    expect(call(4)).toMatchObject({ outcome: 'ivr', queueEntry: null });
    expect(call(5)).toMatchObject({ outcome: 'blocked', queueEntry: null });
  });

  it('reads DROPPED as served when answered, abandoned when queued, ivr otherwise', () => {
    expect(call(6)).toMatchObject({ outcome: 'abandoned', wait: 12 });
    expect(call(7)).toMatchObject({ outcome: 'served', serviceTime: 28, agent: 'team#2' });
    expect(call(8)).toMatchObject({ outcome: 'ivr' });
  });

  it('keeps times past 24:00:00 on the replication day, and leaves UNFINISHED calls out', () => {
    expect(call(9)).toMatchObject({ arrival: 86_390, queueEntry: 86_420, serviceStart: 86_425.5, wait: 5.5 });
    expect(call(10)).toBeUndefined();
    expect(log.ignored).toBe(1);
    expect(log.records).toHaveLength(9);
  });
});
