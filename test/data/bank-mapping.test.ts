/**
 * The shipped mapping reads the whole shipped log of the Anonymous Bank
 * (data/anonymous-bank/README.md), as its README says the calls behave.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/data/call-record.js';
import { readCallLog } from '../../src/data/read-call-log.js';

const LOG = 'data/anonymous-bank/calls-1999-02-01-to-14.tsv';
const MAPPING = 'data/mappings/anonymous-bank.yaml';

/** The log's rows split by hand (tabs, CRLF), to count independently of the importer. */
const rows = readFileSync(LOG, 'utf8')
  .split('\r\n')
  .slice(1)
  .filter((line) => line !== '')
  .map((line) => line.split('\t'));
const OUTCOME = 12;
const Q_TIME = 11;

describe('the Anonymous Bank mapping', () => {
  const log = readCallLog(LOG, MAPPING);
  const byLine = new Map<number, CallRecord>(log.records.map((r) => [r.line, r]));

  it('reads every record of the shipped log (17,456 rows after the header)', () => {
    expect(rows).toHaveLength(17_456);
    expect(log.records.length + log.ignored).toBe(rows.length);
    expect(log.dates).toHaveLength(14);
    expect(log.dates[0]).toBe('1999-02-01');
    expect(log.dates[13]).toBe('1999-02-14');
  });

  it('ignores PHANTOM calls and splits HANG into abandoned (q_time > 0) and ivr (q_time 0)', () => {
    const count = (test: (row: string[]) => boolean) => rows.filter(test).length;
    const outcomes = (outcome: string) => log.records.filter((r) => r.outcome === outcome).length;
    expect(log.ignored).toBe(count((r) => r[OUTCOME] === 'PHANTOM'));
    expect(outcomes('served')).toBe(count((r) => r[OUTCOME] === 'AGENT'));
    expect(outcomes('abandoned')).toBe(count((r) => r[OUTCOME] === 'HANG' && Number(r[Q_TIME]) > 0));
    expect(outcomes('ivr')).toBe(count((r) => r[OUTCOME] === 'HANG' && Number(r[Q_TIME]) === 0));
    expect([log.ignored, outcomes('served'), outcomes('abandoned'), outcomes('ivr')]).toEqual([
      143, 14_405, 1_868, 1_040,
    ]);
    expect(outcomes('blocked')).toBe(0);
  });

  it('reads a call answered at once field by field (line 2)', () => {
    // AA0101 34536 0 0 PS 990201 7:02:47 7:02:56 9 0:00:00 0:00:00 0 AGENT 7:02:55 7:05:41 166 DORIT
    expect(byLine.get(2)).toEqual({
      line: 2,
      date: '1999-02-01',
      weekday: 1,
      callType: 'PS',
      priority: 0,
      arrival: 7 * 3600 + 2 * 60 + 47,
      // Never queued: it asked for an agent on leaving the VRU (7:02:56), but was answered a
      // second earlier by the log's clocks: no later than its answer.
      queueEntry: 7 * 3600 + 2 * 60 + 55,
      wait: 0,
      outcome: 'served',
      serviceStart: 7 * 3600 + 2 * 60 + 55,
      serviceTime: 166,
      agent: 'DORIT',
      customer: null,
    });
    // Line 3: served by NO_SERVER, that is by nobody the log names.
    expect(byLine.get(3)?.agent).toBeNull();
  });

  it('reads an abandoned call of a priority customer (line 5)', () => {
    // AA0101 34539 23317894 2 PS 990201 8:09:16 8:09:22 6 8:09:22 8:09:27 5 HANG 0:00:00 0:00:00 0 NO_SERVER
    expect(byLine.get(5)).toMatchObject({
      priority: 2,
      customer: '23317894',
      arrival: 8 * 3600 + 9 * 60 + 16,
      queueEntry: 8 * 3600 + 9 * 60 + 22,
      wait: 5,
      outcome: 'abandoned',
      serviceStart: null,
      serviceTime: 0,
      agent: null,
    });
  });

  it('reads a hang-up in the VRU as ivr, with no queue entry (line 51)', () => {
    // AA0101 34585 0 0 PS 990201 17:16:03 17:17:16 73 0:00:00 0:00:00 0 HANG …
    expect(byLine.get(51)).toMatchObject({ outcome: 'ivr', queueEntry: null, wait: 0, serviceStart: null });
    // Line 109 is a PHANTOM: not among the records.
    expect(byLine.has(109)).toBe(false);
  });

  it('puts times after midnight on the next day (lines 7219 and 8992)', () => {
    // AA0110 29885 … 990211 23:59:55 23:59:55 0 0:00:00 0:00:00 0 AGENT 0:00:07 0:02:13 126 YITZ
    expect(byLine.get(7219)).toMatchObject({
      date: '1999-02-11',
      weekday: 4,
      arrival: 86_395,
      queueEntry: 86_395,
      wait: 0,
      serviceStart: 86_400 + 7,
      serviceTime: 126,
    });
    // AA0115 14375 … 990210 23:59:56 23:59:56 0 0:00:02 0:00:29 27 AGENT 0:00:29 0:00:58 29 BENSION
    expect(byLine.get(8992)).toMatchObject({
      arrival: 86_396,
      queueEntry: 86_400 + 2,
      wait: 27,
      serviceStart: 86_400 + 29,
    });
  });

  it('keeps clock errors of under a minute as written (line 1274) and never reads a wait below 0', () => {
    // AA0102 30456 … 990207 9:48:14 9:47:17 -57 9:47:17 9:50:11 174 AGENT 9:50:11 9:51:28 77 KAZAV
    expect(byLine.get(1274)).toMatchObject({
      arrival: 9 * 3600 + 48 * 60 + 14,
      queueEntry: 9 * 3600 + 47 * 60 + 17,
      wait: 174,
      serviceStart: 9 * 3600 + 50 * 60 + 11,
    });
    expect(log.records.every((r) => r.wait >= 0 && r.serviceTime >= 0)).toBe(true);
  });

  it('takes AGENT records without a service start as answered when they left the queue (line 112)', () => {
    // AA0101 34648 … 990202 13:44:47 13:44:53 6 13:44:53 13:45:06 13 AGENT 0:00:00 0:00:00 0 YIFAT
    expect(byLine.get(112)).toMatchObject({
      outcome: 'served',
      queueEntry: 13 * 3600 + 44 * 60 + 53,
      wait: 13,
      serviceStart: 13 * 3600 + 45 * 60 + 6,
      serviceTime: 0,
      agent: 'YIFAT',
    });
    const noStart = rows.filter((r) => r[OUTCOME] === 'AGENT' && r[13] === '0:00:00').length;
    expect(log.repairs.find((r) => r.message.startsWith('served calls without'))).toMatchObject({
      count: noStart,
      firstLine: 112,
    });
  });

  it('keeps only the days asked for', () => {
    const weekdays = readCallLog(LOG, MAPPING, { weekdays: new Set([0, 1, 2, 3, 4]), from: '1999-02-07' });
    expect(weekdays.dates).toEqual([
      '1999-02-07',
      '1999-02-08',
      '1999-02-09',
      '1999-02-10',
      '1999-02-11',
      '1999-02-14',
    ]);
    const kept = rows.filter((r) =>
      ['990207', '990208', '990209', '990210', '990211', '990214'].includes(r[5]),
    );
    expect(weekdays.records.length + weekdays.ignored).toBe(kept.length);
    expect(weekdays.ignored).toBe(kept.filter((r) => r[OUTCOME] === 'PHANTOM').length);
  });
});
