/**
 * calibrate on logs that lack something: no agent names, no abandons, no answered call, a class
 * answered at once. Hand-built records, so the expected scenario can be read off.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/data/call-record.js';
import { calibrate } from '../../src/data/calibrate/calibrate.js';

/** Call i of a day at 10:00 + i minutes, waiting 10 s, talking 100 s, served by one of three agents. */
function call(i: number, changes: Partial<CallRecord> = {}): CallRecord {
  return {
    line: i + 2,
    date: '2024-01-07',
    weekday: 0,
    callType: 'A',
    priority: 0,
    arrival: 36000 + i * 60,
    queueEntry: 36000 + i * 60,
    wait: 10,
    outcome: 'served',
    serviceStart: 36010 + i * 60,
    serviceTime: 100,
    agent: `agent${i % 3}`,
    customer: null,
    ...changes,
  };
}

describe('calibrate on thin logs', () => {
  it('falls back to the agents busy, and says so, when the log names no agent', () => {
    const c = calibrate(
      Array.from({ length: 120 }, (_, i) => call(i, { agent: null })),
      { intervalSeconds: 3600 },
    );
    expect(c.report.warnings.join()).toMatch(/names no agent/);
    // 10:00–11:00: 60 calls of 100 s from 10:00:10, one a minute; the last ends 50 s into 11:00.
    expect(c.report.staffing.intervals[0].agents).toBeCloseTo((60 * 100 - 50) / 3600, 3);
  });

  it('writes no patience when nobody abandoned (callers never abandon)', () => {
    const c = calibrate(
      Array.from({ length: 300 }, (_, i) => call(i, { wait: i % 7 })),
      { intervalSeconds: 3600 },
    );
    const types = c.scenario.callTypes as { patience?: unknown }[];
    expect(types[0].patience).toBeUndefined();
  });

  it('refuses a log without an answered call, saying why', () => {
    expect(() =>
      calibrate(
        Array.from({ length: 40 }, (_, i) =>
          call(i, { outcome: 'abandoned', serviceStart: null, serviceTime: 0, agent: null }),
        ),
        { intervalSeconds: 3600 },
      ),
    ).toThrow(/no answered call/);
  });

  it('serves apart a class answered at once while the others wait, and takes its busy time out of the staffing', () => {
    // Type A waits 30 s; type B (100 calls) is always answered at once by the same agents.
    const records = [
      ...Array.from({ length: 100 }, (_, i) => call(i, { wait: 30, serviceStart: 36030 + i * 60 })),
      ...Array.from({ length: 100 }, (_, i) =>
        call(i, {
          callType: 'B',
          wait: 0,
          arrival: 36020 + i * 60,
          queueEntry: 36020 + i * 60,
          serviceStart: 36020 + i * 60,
          serviceTime: 50,
          agent: `agent${(i + 1) % 3}`,
        }),
      ),
    ];
    const c = calibrate(records, { intervalSeconds: 3600 });
    expect(c.report.classes.map((k) => [k.name, k.direct])).toEqual([
      ['A', false],
      ['B-direct', true],
    ]);
    const groups = c.scenario.agentGroups as { name: string; skills: string[] }[];
    expect(groups.map((g) => [g.name, g.skills])).toEqual([
      ['agents', ['A']],
      ['direct', ['B-direct']],
    ]);
    const first = c.report.staffing.intervals[0];
    expect(first.directBusy).toBeCloseTo(50 / 60, 2);
    expect(first.agents).toBeCloseTo(first.estimators.presentAgents - first.directBusy, 2);
  });

  it('gives queued call types the priority the log gives each of them, when they differ', () => {
    const records = [
      ...Array.from({ length: 100 }, (_, i) => call(i, { priority: 2 })),
      ...Array.from({ length: 100 }, (_, i) =>
        call(i, { callType: 'B', priority: 1, wait: 40, agent: `agent${(i + 1) % 3}` }),
      ),
    ];
    const c = calibrate(records, { intervalSeconds: 3600 });
    const types = c.scenario.callTypes as { name: string; priority?: number }[];
    expect(types.map((t) => [t.name, t.priority])).toEqual([
      ['A', 2],
      ['B', 1],
    ]);
    // The bank's priorities vary within a call type: none is set (see the bundled scenario).
    const one = calibrate(
      Array.from({ length: 100 }, (_, i) => call(i, { priority: i % 2 })),
      { intervalSeconds: 3600 },
    );
    expect((one.scenario.callTypes as { priority?: number }[])[0].priority).toBeUndefined();
  });
});
