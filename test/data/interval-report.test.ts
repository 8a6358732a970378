/** Interval reports through a `kind: intervals` mapping: the example report, and bad rows. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarizeIntervalReport } from '../../src/data/import-summary.js';
import { parseMappingText } from '../../src/data/mapping.js';
import { DataInputError } from '../../src/data/problems.js';
import { intervalReportFromText, readIntervalReport } from '../../src/data/read-interval-report.js';

const REPORT = 'test/fixtures/data/interval-report.csv';
const MAPPING = 'test/fixtures/data/interval-report.yaml';

describe('interval reports', () => {
  it('reads the example report: title line skipped, quoted queue names, clock durations, decimal comma', () => {
    const report = readIntervalReport(REPORT, MAPPING);
    expect(report.rows).toHaveLength(8);
    expect(report.dates).toEqual(['2026-03-02', '2026-03-03']);
    expect(report.intervalLength).toBe(1800);
    expect(report.rows[0]).toEqual({
      line: 3,
      date: '2026-03-02',
      weekday: 1,
      start: 8 * 3600,
      length: 1800,
      callType: 'sales',
      offered: 52,
      answered: 49,
      abandoned: 3,
      aht: 192,
      asa: 14,
      answeredWithin: 41,
      threshold: 20,
      agents: 6.5,
    });
    // An interval without answered calls has no AHT or ASA.
    expect(report.rows[3]).toMatchObject({ callType: 'support', offered: 0, aht: null, asa: null });
  });

  it('sums the report: answered-weighted AHT and ASA, service level over offered, agent-hours', () => {
    const summary = summarizeIntervalReport(readIntervalReport(REPORT, MAPPING, { to: '2026-03-02' }));
    const sales = summary.byCallType.sales;
    expect(sales).toMatchObject({ intervals: 2, offered: 113, answered: 104, abandoned: 7 });
    expect(sales.aht).toBeCloseTo((49 * 192 + 55 * 210) / 104, 10);
    expect(sales.asa).toBeCloseTo((49 * 14 + 55 * 21) / 104, 10);
    expect(sales.serviceLevel).toBeCloseTo(81 / 113, 12);
    expect(sales.agentHours).toBeCloseTo((6.5 + 7) / 2, 12);
    expect(summary.total.offered).toBe(133);
  });

  it('reports every bad row: counts, consistency, the interval grid, duplicates', () => {
    const mapping = parseMappingText(readFileSync(MAPPING, 'utf8'), MAPPING);
    const text = [
      'title',
      'Date;Interval;Queue;Offered;Answered;Abandoned;AHT;ASA;Ans. in 20s;Staffed',
      '02/03/2026;08:00;Support;10;9;2;0:03:00;0:00:10;5;3',
      '02/03/2026;08:10;Support;10;9;1;0:03:00;0:00:10;9;3',
      '02/03/2026;08:00;Support;10;9;1;0:03:00;0:00:10;9;3',
      '02/03/2026;08:30;Support;ten;9.5;1;3 min;0:00:10;10;-1',
      '02/03/2026;09:00;Billing;10;9;1;0:03:00;0:00:10;9;3',
    ].join('\n');
    let message = '';
    try {
      intervalReportFromText(text, mapping, { file: 'r.csv' });
    } catch (error) {
      if (!(error instanceof DataInputError)) throw error;
      message = error.message;
    }
    expect(message.split('\n')).toEqual([
      'r.csv:3: Offered: expected at least the answered + abandoned calls (9 + 2), got 10',
      'r.csv:4: Interval: expected the start of a 30m interval (counted from midnight), got 08:10',
      'r.csv:5: Interval: the interval 2026-03-02 08:00 of support is given twice (first on line 3)',
      'r.csv:6: Offered: expected a whole number ≥ 0, got "ten"',
      'r.csv:6: Answered: expected a whole number ≥ 0, got "9.5"',
      'r.csv:6: AHT: expected a duration such as 0:02:46 (H:MM:SS), got "3 min"',
      'r.csv:6: Staffed: expected a number ≥ 0, got "-1"',
      'r.csv:7: Queue: expected a call type the mapping lists (Sales; EN, Support), got "Billing"',
    ]);
  });

  it('refuses a call-log mapping for a report, and the other way round', () => {
    const calls = parseMappingText(readFileSync('data/mappings/anonymous-bank.yaml', 'utf8'), 'bank.yaml');
    expect(() => intervalReportFromText('a\n1', calls, { file: 'r.csv' })).toThrow(
      'bank.yaml: kind: this mapping reads call-by-call logs: expected an interval-report mapping (kind: intervals)',
    );
  });
});
