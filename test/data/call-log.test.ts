/**
 * Call logs of other shapes read through mappings: delimiters, quotes, CRLF,
 * time and date formats, midnight, and every bad row reported at once.
 */
import { describe, expect, it } from 'vitest';
import type { CallRecord } from '../../src/data/call-record.js';
import type { QueuedCallTimes } from '../../src/data/call-log.js';
import { decide, deriveQueuedCall } from '../../src/data/call-log.js';
import { parseCallLog } from '../../src/data/call-log.js';
import type { CallMappingSpec } from '../../src/data/mapping.js';
import { parseMappingText } from '../../src/data/mapping.js';
import { DataInputError } from '../../src/data/problems.js';
import { callLogFromText } from '../../src/data/read-call-log.js';

/** A mapping for a small log: `head` holds the format lines, `fields` replaces the default fields. */
function mapping(head: string, fields = DEFAULT_FIELDS) {
  return parseMappingText(`${head}\nfields:\n${fields}`, 'm.yaml');
}

const DEFAULT_FIELDS = `
  arrival: start
  queueEntry: queued
  wait: wait
  serviceStart: answered
  serviceTime: talk
  callType: type
  agent: agent
  outcome:
    column: result
    codes:
      OK: served
      ABN: { when: waited, then: abandoned, else: ivr }
      BUSY: blocked
      GHOST: ignored
`;

const HEADER = 'date,type,start,queued,wait,answered,talk,result,agent';

function read(text: string, m = mapping('date: { column: date }'), file = 'log.csv') {
  return callLogFromText(text, m, { file });
}

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DataInputError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a DataInputError');
}

describe('reading a call log', () => {
  it('reads comma-separated LF text into records', () => {
    const log = read(
      [
        HEADER,
        '2026-03-02,sales,08:00:00,08:00:10,20,08:00:30,300,OK,ann',
        '2026-03-02,sales,08:01:00,08:01:05,12.5,,,ABN,',
        '2026-03-02,support,08:02:00,,0,,,ABN,',
        '2026-03-02,support,08:03:00,,,,,BUSY,',
        '2026-03-02,support,08:04:00,,,,,GHOST,',
      ].join('\n'),
    );
    const [served, abandoned, ivr, blocked] = log.records;
    expect(served).toEqual({
      line: 2,
      date: '2026-03-02',
      weekday: 1,
      callType: 'sales',
      priority: 0,
      arrival: 28_800,
      queueEntry: 28_810,
      wait: 20,
      outcome: 'served',
      serviceStart: 28_830,
      serviceTime: 300,
      agent: 'ann',
      customer: null,
    } satisfies CallRecord);
    expect(abandoned).toMatchObject({ outcome: 'abandoned', queueEntry: 28_865, wait: 12.5, agent: null });
    expect(ivr).toMatchObject({ outcome: 'ivr', queueEntry: null, wait: 0 });
    expect(blocked).toMatchObject({ outcome: 'blocked', queueEntry: null });
    expect(log.records).toHaveLength(4);
    expect(log.ignored).toBe(1);
  });

  it('reads the same calls from CRLF text separated by ; or | or tabs, quoted or not, with or without a byte-order mark', () => {
    const rows = [HEADER, '2026-03-02,"sales, EN",08:00:00,08:00:10,20,08:00:30,300,OK,"O""Brien"', ''];
    const expected = read(rows.join('\n')).records;
    expect(read(`\uFEFF${rows.join('\n')}`).records).toEqual(expected);
    expect(expected[0]).toMatchObject({ callType: 'sales, EN', agent: 'O"Brien' });
    for (const delimiter of [';', '|', '\t']) {
      const text = rows.map((r) => r.replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, delimiter)).join('\r\n');
      expect(read(text).records, delimiter).toEqual(expected);
    }
    // The mapping may name the delimiter instead of letting the header tell.
    const named = mapping('delimiter: semicolon\ndate: { column: date }');
    expect(read(rows.join('\n').replace(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/g, ';'), named).records).toEqual(
      expected,
    );
  });

  it('reads a quoted cell that holds a line break, counting lines after it right', () => {
    const log = read(
      [
        HEADER,
        '2026-03-02,"sales\nnight",08:00:00,08:00:10,20,08:00:30,300,OK,ann',
        '2026-03-02,x,08:00:00,,,,,BUSY,',
      ].join('\n'),
    );
    expect(log.records.map((r) => [r.line, r.callType])).toEqual([
      [2, 'sales\nnight'],
      [4, 'x'],
    ]);
  });

  it('puts a time far earlier than the arrival on the next day, and keeps times after 24:00 as written', () => {
    const log = read(
      [
        HEADER,
        '2026-03-02,sales,23:59:50,23:59:58,5,0:00:03,60,OK,ann',
        '2026-03-02,sales,23:59:50,24:00:10,5,24:00:15,60,OK,ann',
      ].join('\n'),
    );
    for (const r of log.records)
      expect(r).toMatchObject({ arrival: 86_390, serviceStart: 86_403 + 12 * (r.line - 2) });
    expect(log.records[0].queueEntry).toBe(86_398);
    expect(log.records[1].queueEntry).toBe(86_410);
    expect(log.repairs).toEqual([{ message: expect.stringContaining('next day'), count: 1, firstLine: 2 }]);
  });

  it('reads seconds after midnight, fractions of seconds, HH:MM and durations written as clocks', () => {
    const seconds = mapping(
      'date: { column: date }\ntimes: seconds',
      DEFAULT_FIELDS.replace('wait: wait', 'wait: { column: wait, format: clock }'),
    );
    const log = read([HEADER, '2026-03-02,s,28800,28810.5,0:00:20,28830.5,300,OK,a'].join('\n'), seconds);
    expect(log.records[0]).toMatchObject({
      arrival: 28_800,
      queueEntry: 28_810.5,
      wait: 20,
      serviceStart: 28_830.5,
    });
    const clocks = read([HEADER, '2026-03-02,s,08:00,8:00:10.25,20,8:00:30.250,300,OK,a'].join('\n'));
    expect(clocks.records[0]).toMatchObject({
      arrival: 28_800,
      queueEntry: 28_810.25,
      serviceStart: 28_830.25,
    });
  });

  it('reads every date format, and dates carried by datetimes', () => {
    const cases = [
      ['YYMMDD', '260302'],
      ['YYYYMMDD', '20260302'],
      ['DD/MM/YYYY', '02/03/2026'],
      ['MM/DD/YYYY', '3/2/2026'],
      ['DD.MM.YYYY', '2.3.2026'],
    ] as const;
    for (const [format, text] of cases) {
      const log = read(
        `${HEADER}\n${text},s,08:00:00,,,,,BUSY,`,
        mapping(`date: { column: date, format: ${format} }`),
      );
      expect(log.records[0], format).toMatchObject({ date: '2026-03-02', weekday: 1 });
    }
    const datetimes = mapping('times: datetime\ndate: { format: DD/MM/YYYY }');
    const log = read(
      `${HEADER}\nx,s,02/03/2026 23:59:00,02/03/2026 23:59:30,10,03/03/2026 00:00:10,60,OK,a`,
      datetimes,
    );
    expect(log.records[0]).toMatchObject({
      date: '2026-03-02',
      arrival: 86_340,
      queueEntry: 86_370,
      serviceStart: 86_410,
    });
  });

  it('takes the date from the mapping or from the command line when the log has none', () => {
    const text = `type,start,result\ns,08:00:00,BUSY`;
    const fields = `
  arrival: start
  callType: type
  outcome: { column: result, codes: { BUSY: blocked } }`;
    expect(read(text, mapping('date: { fixed: 2026-03-04 }', fields)).records[0].date).toBe('2026-03-04');
    const undated = mapping('times: clock', fields);
    expect(callLogFromText(text, undated, { file: 'l', logDate: '2026-03-05' }).records[0].weekday).toBe(4);
    expect(problemsOf(() => read(text, undated))).toEqual([
      expect.stringMatching(/^m\.yaml: date: the rows have no date: .*--log-date YYYY-MM-DD/),
    ]);
  });

  it('reads columns by position in a log without a header, and translates call-type codes', () => {
    const m = parseMappingText(
      `header: false
date: { fixed: 2026-03-02 }
fields:
  arrival: 2
  callType: { column: 1, codes: { '1': sales, '2': support } }
  priority: 3
  outcome: { column: 4, codes: { B: blocked } }`,
      'm.yaml',
    );
    const log = read('1,08:00:00,2,B\n7,08:00:01,,B\n', m);
    expect(log.records.map((r) => [r.line, r.callType, r.priority])).toEqual([
      [1, 'sales', 2],
      [2, '7', 0],
    ]);
  });

  it('reports every bad row with its line, column and what was expected, and returns no record', () => {
    const lines = problemsOf(() =>
      read(
        [
          HEADER,
          '2026-03-02,sales,08:00:00,08:00:10,20,08:00:30,300,OK,ann',
          '2026-02-30,sales,8h,08:00:10,x,08:00:30,300,OK,ann',
          '2026-03-02,sales,08:00:00,08:00:10,20,08:00:30,300,MAYBE,ann',
          '2026-03-02,sales',
          '2026-03-02,,08:00:00,08:00:10,20,,,ABN,',
          '2026-03-02,sales,08:00:00,08:00:10,20,08:00:30,,OK,ann',
        ].join('\n'),
      ),
    );
    expect(lines).toEqual([
      'log.csv:3: date: expected a date YYYY-MM-DD such as 1999-02-01, got "2026-02-30"',
      'log.csv:3: start: expected a clock time such as 7:02:47 or 07:02 (H:MM:SS), got "8h"',
      'log.csv:3: wait: expected a number of seconds such as 166, got "x"',
      'log.csv:4: result: expected an outcome code the mapping lists (OK, ABN, BUSY, GHOST), got "MAYBE"',
      'log.csv:5: expected at least 9 cells separated by ",", got 2',
      'log.csv:6: type: expected a call type, got ""',
      'log.csv:7: talk: expected the handle time of a served call, got an empty cell',
    ]);
  });

  it('returns no record at all when one row is bad', () => {
    const m = mapping('date: { column: date }');
    const parsed = parseCallLog(
      [
        HEADER,
        '2026-03-02,s,08:00:00,,,,,BUSY,',
        '2026-03-02,s,08:00:00,,,,,NOPE,',
        '2026-03-02,s,08:00:00,,,,,BUSY,',
      ].join('\n'),
      m.spec as CallMappingSpec,
      { file: 'log.csv', mappingFile: 'm.yaml' },
    );
    expect(parsed.records).toEqual([]);
    expect(parsed.problems).toEqual([
      { file: 'log.csv', line: 3, field: 'result', message: expect.stringContaining('got "NOPE"') },
    ]);
  });

  it('lists the first 50 problems and counts the rest', () => {
    const rows = Array.from({ length: 80 }, () => '2026-03-02,s,late,,,,,BUSY,');
    const lines = problemsOf(() => read([HEADER, ...rows].join('\n')));
    expect(lines).toHaveLength(51);
    expect(lines[49]).toMatch(/^log\.csv:51: start: /);
    expect(lines[50]).toBe('… and 30 more problem(s) like these');
  });

  it('names a column the header lacks, once with the columns it has, and a delimiter that does not split the header', () => {
    expect(problemsOf(() => read('date,type,Start,result\n'))).toEqual([
      `log.csv:1: start: no such column in the header (the mapping's fields.arrival names it, in m.yaml): did you mean "Start"?`,
      `log.csv:1: queued: no such column in the header (the mapping's fields.queueEntry names it, in m.yaml)`,
      `log.csv:1: wait: no such column in the header (the mapping's fields.wait names it, in m.yaml)`,
      `log.csv:1: answered: no such column in the header (the mapping's fields.serviceStart names it, in m.yaml)`,
      `log.csv:1: talk: no such column in the header (the mapping's fields.serviceTime names it, in m.yaml)`,
      `log.csv:1: agent: no such column in the header (the mapping's fields.agent names it, in m.yaml)`,
      'log.csv:1: the header\'s columns are "date", "type", "Start", "result" (separated by ",")',
    ]);
    const tabs = mapping('delimiter: tab\ndate: { column: date }');
    expect(problemsOf(() => read(`${HEADER}\n`, tabs))).toEqual([
      'log.csv:1: the header is one column: the mapping (m.yaml) says the delimiter is tabs, but the header is separated by ","',
    ]);
  });

  it('refuses a call type the mapping does not list when it says unknown: refuse', () => {
    const m = mapping(
      'date: { column: date }',
      DEFAULT_FIELDS.replace(
        'callType: type',
        'callType: { column: type, codes: { s: sales }, unknown: refuse }',
      ),
    );
    expect(problemsOf(() => read(`${HEADER}\n2026-03-02,t,08:00:00,,,,,BUSY,`, m))).toEqual([
      'log.csv:2: type: expected a call type the mapping lists (s), got "t"',
    ]);
  });

  it('reports a filter that keeps no day, with the dates the log covers', () => {
    const text = `${HEADER}\n2026-03-02,s,08:00:00,,,,,BUSY,`;
    expect(
      problemsOf(() =>
        callLogFromText(text, mapping('date: { column: date }'), { file: 'log.csv' }, { from: '2026-04-01' }),
      ),
    ).toEqual([
      'log.csv: no call on the days asked for (2026-04-01 to the end): the log covers 2026-03-02 to 2026-03-02',
    ]);
  });
});

describe('outcome rules', () => {
  it('follow nested conditions', () => {
    const rule = {
      when: 'answered',
      then: 'served',
      else: { when: 'queued', then: 'abandoned', else: 'ivr' },
    } as const;
    expect(decide(rule, false, true, true)).toBe('served');
    expect(decide(rule, true, false, true)).toBe('abandoned');
    expect(decide(rule, false, false, false)).toBe('ivr');
    expect(decide('blocked', true, true, true)).toBe('blocked');
  });
});

describe('queue entry, wait and service of a call that wanted an agent', () => {
  const none: QueuedCallTimes = {
    arrival: 100,
    ivrExit: null,
    queueEntry: null,
    queueExit: null,
    wait: null,
    serviceStart: null,
    serviceEnd: null,
    serviceTime: null,
  };

  it('takes the wait column, else queue exit − entry, else (served) answer − entry', () => {
    expect(deriveQueuedCall('abandoned', { ...none, queueEntry: 110, wait: 7 })).toMatchObject({
      queueEntry: 110,
      wait: 7,
    });
    expect(deriveQueuedCall('abandoned', { ...none, queueEntry: 110, queueExit: 125 })).toMatchObject({
      wait: 15,
    });
    expect(deriveQueuedCall('served', { ...none, ivrExit: 108, serviceStart: 120, serviceTime: 60 })).toEqual(
      {
        queueEntry: 108,
        wait: 12,
        serviceStart: 120,
        serviceTime: 60,
        repaired: [],
      },
    );
    expect(deriveQueuedCall('abandoned', { ...none, queueEntry: 110 })).toEqual({ missing: 'wait' });
  });

  it('queues from the IVR exit, else from the arrival, and never after the answer', () => {
    expect(deriveQueuedCall('abandoned', { ...none, wait: 3 })).toMatchObject({ queueEntry: 100 });
    expect(
      deriveQueuedCall('served', { ...none, ivrExit: 109, wait: 0, serviceStart: 108, serviceTime: 5 }),
    ).toMatchObject({
      queueEntry: 108,
      wait: 0,
    });
  });

  it('reads a wait below 0 as 0, and a served call without an answer time as answered on leaving the queue', () => {
    expect(deriveQueuedCall('abandoned', { ...none, queueEntry: 110, wait: -1 })).toMatchObject({
      wait: 0,
      repaired: ['negativeWait'],
    });
    expect(deriveQueuedCall('served', { ...none, queueEntry: 110, wait: 13, serviceTime: 0 })).toMatchObject({
      serviceStart: 123,
      repaired: ['noServiceStart'],
    });
  });

  it('takes the handle time from the service end, and refuses one below 0', () => {
    const answered = { ...none, queueEntry: 110, wait: 10, serviceStart: 120 };
    expect(deriveQueuedCall('served', { ...answered, serviceEnd: 300 })).toMatchObject({ serviceTime: 180 });
    expect(deriveQueuedCall('served', { ...answered, serviceEnd: 110 })).toEqual({
      negativeServiceTime: -10,
    });
    expect(deriveQueuedCall('served', answered)).toEqual({ missing: 'serviceTime' });
  });
});
