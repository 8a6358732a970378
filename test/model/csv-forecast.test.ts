/**
 * CSV forecasts as planners export them: every problem at once with its
 * file, line and column; semicolons, byte-order marks, CRLF, quotes and
 * dated timestamps read; nothing silently misread.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, ScenarioError } from '../../src/model/scenario/index.js';

/** A scenario of four 30-minute intervals (from 08:00 unless told) whose call types read `forecast.csv`. */
function scenarioWith(
  csv: string,
  options: { callTypes?: string[]; horizon?: string; start?: string } = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-forecast-'));
  writeFileSync(join(dir, 'forecast.csv'), csv);
  const names = options.callTypes ?? ['sales'];
  const file = join(dir, 'center.yaml');
  writeFileSync(
    file,
    `name: csv
start: "${options.start ?? '08:00'}"
horizon: ${options.horizon ?? '2h'}
interval: 30m
callTypes:
${names.map((n) => `  - { name: ${n}, arrivals: { csv: forecast.csv }, handleTime: { dist: exponential, mean: 200s } }`).join('\n')}
agentGroups:
  - { name: team, agents: 5, skills: [${names.join(', ')}] }
`,
  );
  return file;
}

function volumes(file: string, callType = 0): readonly number[] | undefined {
  return loadScenarioFile(file).scenario.callTypes[callType].arrivals?.perInterval;
}

/** The problems of a rejected scenario, one per line, with the temporary folder cut off. */
function problems(file: string): string[] {
  try {
    loadScenarioFile(file);
  } catch (error) {
    if (error instanceof ScenarioError) {
      return error.message.split('\n').map((l) => l.slice(Math.max(0, l.indexOf('forecast.csv'))));
    }
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('CSV forecast rows', () => {
  it('rejects a duplicate interval row, naming both lines', () => {
    const file = scenarioWith('interval,sales\n08:00,1\n08:30,2\n08:30,3\n09:00,4\n09:30,5\n');
    expect(problems(file)).toEqual([
      'forecast.csv:4:1: a second row for 08:30 (the first is line 3): expected one row per interval',
    ]);
  });

  it('rejects rows out of time order', () => {
    const file = scenarioWith('interval,sales\n08:00,1\n09:00,3\n08:30,2\n09:30,4\n');
    expect(problems(file)).toEqual([
      'forecast.csv:4:1: 08:30 comes after 09:00 (line 3): expected rows in increasing time order',
    ]);
  });

  it('gives the column of a bad value and no second message about its interval', () => {
    const file = scenarioWith('interval,other,sales\n08:00,x,1\n08:30,x,lots\n09:00,x,3\n09:30,x,4\n');
    expect(problems(file)).toEqual([
      'forecast.csv:3:9: expected a volume ≥ 0 in column "sales", got "lots" (forecast for callTypes[0].arrivals)',
    ]);
  });

  it('reports every problem of the file at once, in file order', () => {
    const file = scenarioWith('interval,sales\n08:00,-1\n8h30,2\n09:00,\n09:00,3\n');
    expect(problems(file)).toEqual([
      'forecast.csv:2:7: expected a volume ≥ 0 in column "sales", got "-1" (forecast for callTypes[0].arrivals)',
      'forecast.csv:3:1: expected the start of an interval in column "interval", a clock time (08:00) or a date and time (2026-03-02 08:00), got "8h30"',
      'forecast.csv:4:7: expected a volume ≥ 0 in column "sales", got an empty cell (forecast for callTypes[0].arrivals)',
      'forecast.csv:5:1: a second row for 09:00 (the first is line 4): expected one row per interval',
      'forecast.csv: no row for the interval starting at 09:30',
    ]);
  });

  it('rejects a row with more cells than the header (a thousands separator)', () => {
    const file = scenarioWith('interval,sales\n08:00,1\n08:30,1,234\n09:00,3\n09:30,4\n');
    const [line] = problems(file);
    expect(line).toMatch(
      /^forecast\.csv:3:9: this row has 3 cells, the header 2: a number written with a thousands separator/,
    );
  });

  it('groups the intervals that have no row', () => {
    const file = scenarioWith('interval,sales\n08:00,1\n', { horizon: '3h' });
    expect(problems(file)).toEqual(['forecast.csv: no rows for the 5 intervals from 08:30 to 10:30']);
  });

  it('rejects a time that is not the start of an interval', () => {
    const file = scenarioWith('interval,sales\n08:00,1\n08:15,9\n08:30,2\n09:00,3\n09:30,4\n');
    expect(problems(file)).toEqual([
      "forecast.csv:3:1: 08:15 is not the start of an interval: the scenario's intervals are 30m long from 08:00",
    ]);
  });

  it('names a missing column, suggests the likely one and lists the columns', () => {
    const file = scenarioWith('interval,Sales,notes\n08:00,1,a\n08:30,2,b\n09:00,3,c\n09:30,4,d\n');
    expect(problems(file)).toEqual([
      'forecast.csv:1:1: expected a column named "sales" (did you mean "Sales"?); the columns are "interval", "Sales", "notes" (forecast for callTypes[0].arrivals)',
    ]);
  });

  it('says where a quoted cell is left open', () => {
    const file = scenarioWith('interval,sales\n08:00,1\n08:30,"2\n09:00,3\n09:30,4\n');
    expect(problems(file)[0]).toBe(
      'forecast.csv:3:7: a quoted cell ("…) is not closed: expected a closing "',
    );
  });
});

describe('CSV forecast problems among the others', () => {
  it('reports them together with the problems of the rest of the scenario', () => {
    const file = scenarioWith('interval,sales\n08:00,1\n08:30,1\n08:30,2\n09:00,3\n09:30,4\n');
    writeFileSync(file, readFileSync(file, 'utf8').replace('skills: [sales]', 'skills: [sales, salse]'));
    const lines = problems(file);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(
      'forecast.csv:4:1: a second row for 08:30 (the first is line 3): expected one row per interval',
    );
    expect(lines[1]).toMatch(/agentGroups\[0\]\.skills\[1\]: names no call type: "salse"/);
  });
});

describe('CSV forecast columns', () => {
  it('ignores columns no call type reads, and serves several call types from one file', () => {
    const file = scenarioWith(
      'interval,service,notes,sales\n08:00,5,quiet,1\n08:30,6,,2\n09:00,7,lunch,3\n09:30,8,,4\n',
      { callTypes: ['sales', 'service'] },
    );
    expect(volumes(file, 0)).toEqual([1, 2, 3, 4]);
    expect(volumes(file, 1)).toEqual([5, 6, 7, 8]);
    expect(loadScenarioFile(file).inputs).toHaveLength(1);
  });
});

describe('CSV forecast formats', () => {
  it('reads a semicolon file with a byte-order mark, CRLF, quotes and decimal commas', () => {
    const file = scenarioWith(
      '\uFEFFinterval;"sales";comment\r\n08:00;120,5;"a; b"\r\n"08:30";180;"say ""hi"""\r\n09:00;240;x\r\n09:30;200;\r\n',
    );
    expect(volumes(file)).toEqual([120.5, 180, 240, 200]);
  });

  it('reads a quoted cell that spans lines, and counts lines after it right', () => {
    const file = scenarioWith('interval,notes,sales\n08:00,"two\nlines",1\n08:30,,x\n09:00,,3\n09:30,,4\n');
    expect(problems(file)).toEqual([
      'forecast.csv:4:8: expected a volume ≥ 0 in column "sales", got "x" (forecast for callTypes[0].arrivals)',
    ]);
  });

  it('reads dated timestamps, with a space or ISO T', () => {
    const spaced = scenarioWith(
      'interval,sales\n2026-03-02 08:00,1\n2026-03-02 08:30,2\n2026-03-02 09:00,3\n2026-03-02 09:30,4\n',
    );
    expect(volumes(spaced)).toEqual([1, 2, 3, 4]);
    const iso = scenarioWith(
      'interval,sales\n2026-03-02T08:00:00,1\n2026-03-02T08:30:00,2\n2026-03-02T09:00:00,3\n2026-03-02T09:30:00,4\n',
    );
    expect(volumes(iso)).toEqual([1, 2, 3, 4]);
  });

  it('ignores rows outside the horizon on the days it covers', () => {
    const day = Array.from({ length: 48 }, (_, i) => {
      const h = String(Math.floor(i / 2)).padStart(2, '0');
      return `2026-03-02 ${h}:${i % 2 === 0 ? '00' : '30'},${i}`;
    });
    const file = scenarioWith(`interval,sales\n${day.join('\n')}\n`);
    expect(volumes(file)).toEqual([16, 17, 18, 19]);
  });

  it('reads a horizon past midnight from the next date', () => {
    const file = scenarioWith(
      'interval,sales\n2026-03-02 23:00,1\n2026-03-02 23:30,2\n2026-03-03 00:00,3\n2026-03-03 00:30,4\n',
      { start: '23:00' },
    );
    expect(volumes(file)).toEqual([1, 2, 3, 4]);
  });

  it('refuses rows dated after the last day of the horizon rather than simulate the wrong day', () => {
    const rows = ['2026-03-02', '2026-03-03'].flatMap((d) =>
      ['08:00', '08:30', '09:00', '09:30'].map((t, i) => `${d} ${t},${i + 1}`),
    );
    const file = scenarioWith(`interval,sales\n${rows.join('\n')}\n`);
    expect(problems(file)).toEqual([
      "forecast.csv:6:1: this row and 3 more are dated after the horizon's last day, 2026-03-02 (the first row's date is the scenario's first day): keep one file per day simulated, or a horizon as long as the file",
    ]);
  });

  it('refuses a mix of clock times and dates, time zones and impossible dates', () => {
    const file = scenarioWith(
      'interval,sales\n2026-03-02 08:00,1\n08:30,2\n2026-03-02T09:00:00Z,3\n2026-02-30 09:30,4\n',
    );
    expect(problems(file)).toEqual([
      'forecast.csv:3:1: expected a date and time, as on line 2, got "08:30"',
      'forecast.csv:4:1: expected a local date and time without a time zone (2026-03-02 08:00), got "2026-03-02T09:00:00Z"',
      'forecast.csv:5:1: expected the start of an interval in column "interval", a clock time (08:00) or a date and time (2026-03-02 08:00), got "2026-02-30 09:30", which is not a valid date and time',
    ]);
  });
});
