import { describe, expect, it } from 'vitest';

import { findAnomalies } from '../../src/data/anomalies.js';
import type { CallRecord } from '../../src/data/call-record.js';
import { readBankRecords } from './bank-records.js';
import { at, call } from './call.js';

const calls = (n: number, fields: (i: number) => Partial<CallRecord>) =>
  Array.from({ length: n }, (_, i) => call(at('10:00') + i * 60, fields(i)));

/**
 * S answered at once always; U 38 of 40 at once; T priority 1 waits 60–99 s, T priority 2 waits
 * 20–39 s with 4 abandons; two answers logged before the queue entry (1 s and 5 s early); one
 * service without an agent.
 */
const log = [
  ...calls(40, () => ({ callType: 'S' })),
  ...calls(40, (i) => ({ callType: 'U', wait: i < 2 ? 5 : 0 })),
  ...calls(40, (i) => ({ callType: 'T', priority: 1, wait: 60 + i })),
  ...calls(40, (i) => ({
    callType: 'T',
    priority: 2,
    wait: 20 + (i % 20),
    ...(i < 4 ? { outcome: 'abandoned' as const } : {}),
  })),
  call(at('11:00'), { callType: 'V', serviceStart: at('11:00') - 1 }),
  call(at('11:00'), { callType: 'V', serviceStart: at('11:00') - 5 }),
  call(at('11:00'), { callType: 'V', agent: null }),
];

describe('findAnomalies', () => {
  const report = findAnomalies(log);
  const kinds = report.findings.map((f) => [f.kind, f.callType, f.priority]);

  it('profiles each call type and priority', () => {
    const t2 = report.classes.find((c) => c.callType === 'T' && c.priority === 2);
    expect(t2).toMatchObject({
      offered: 40,
      answered: 36,
      abandoned: 4,
      answeredAtOnce: 0,
      pWait: 1,
      abandonRate: 0.1,
      shareOfCallType: 0.5,
    });
    expect(t2?.meanWait).toBeCloseTo(29.5, 12);
    const u = report.classes.find((c) => c.callType === 'U');
    expect(u?.shareAnsweredAtOnce).toBe(38 / 40);
  });

  it('finds a class that bypasses the queue and one answered without waiting', () => {
    expect(kinds).toContainEqual(['bypassesQueue', 'S', 0]);
    expect(kinds).toContainEqual(['answeredWithoutWaiting', 'U', 0]);
    const u = report.findings.find((f) => f.kind === 'answeredWithoutWaiting');
    expect(u?.evidence.shareAnsweredAtOnce).toBe(0.95);
    expect(u?.message).toMatch(/U priority 0: 95\.0% of 40 calls answered at once/);
  });

  it('finds the priority that waits less', () => {
    const f = report.findings.find((x) => x.kind === 'priorityWaitsLess');
    expect(f).toMatchObject({ callType: 'T', priority: 2 });
    expect(f?.evidence.higherMeanWait).toBeCloseTo(29.5, 12);
    expect(f?.evidence.lowerMeanWait).toBeCloseTo(79.5, 12);
    expect(f?.evidence.z).toBeGreaterThan(3);
    expect(kinds.filter(([k]) => k === 'lowerPriorityWaitsLess')).toEqual([]);
  });

  it('counts answers logged before the queue entry and services without an agent', () => {
    const early = report.findings.find((f) => f.kind === 'answeredBeforeQueued');
    expect(early?.evidence).toMatchObject({ calls: 2, maxSecondsEarly: 5, beyondTolerance: 1 });
    expect(early?.evidence.meanSecondsEarly).toBe(3);
    const unnamed = report.findings.find((f) => f.kind === 'servedWithoutAgent');
    expect(unnamed?.evidence).toMatchObject({ calls: 1, meanServiceTime: 100 });
  });

  it('judges no class below the minimum number of calls', () => {
    const few = findAnomalies(log, { minCalls: 41 });
    expect(few.findings.map((f) => f.kind)).toEqual(['answeredBeforeQueued', 'servedWithoutAgent']);
  });

  it('finds on the bank log the priority customers’ advanced position and the queue-free class', () => {
    const bank = findAnomalies(readBankRecords()).findings;
    const found = bank.map((f) => [f.kind, f.callType, f.priority]);
    expect(found).toContainEqual(['priorityWaitsLess', 'PS', 2]);
    expect(found).toContainEqual(['bypassesQueue', 'NE', 0]);
    expect(found).toContainEqual(['servedWithoutAgent', null, null]);
    expect(bank.find((f) => f.kind === 'servedWithoutAgent')?.evidence.calls).toBe(275);
  });
});
