/**
 * `ccsim forecast`: the JSON the checks read (exact keys, the horizon after the log's last date),
 * the holdout's accuracy, the files of --out (a scenario reads a day's CSV as it is), and exit
 * code 2 with every bad option at once.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { countAt, countOfferedCalls, intervalLabel } from '../../src/data/interval-counts.js';
import { readCallLog } from '../../src/data/read-call-log.js';
import { cli } from '../support/cli.js';

const LOG = 'data/anonymous-bank/calls-1999-02-01-to-14.tsv';
const MAPPING = 'data/mappings/anonymous-bank.yaml';

interface Row {
  date: string;
  interval: string;
  callType: string;
  mean: number;
  lo80: number;
  hi80: number;
  lo95: number;
  hi95: number;
}

describe('ccsim forecast --json', () => {
  let document: {
    forecast: Row[];
    daily: (Omit<Row, 'interval' | 'callType'> & { uncertaintyCv: number })[];
    holdout: { accuracy: { daily: { wape: number; coverage80: number }; intervals: { coverage80: number } } };
  };
  beforeAll(async () => {
    const run = await cli(
      'forecast',
      LOG,
      '--mapping',
      MAPPING,
      '--horizon',
      '14d',
      '--holdout',
      '7d',
      '--json',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    document = JSON.parse(run.stdout) as typeof document;
  });

  it('has one row per date, interval and call type, with exactly the keys of the contract', () => {
    const first = document.forecast[0];
    expect(Object.keys(first)).toEqual([
      'date',
      'interval',
      'callType',
      'mean',
      'lo80',
      'hi80',
      'lo95',
      'hi95',
    ]);
    expect(first.date).toBe('1999-02-15'); // the day after the log's last
    const dates = [...new Set(document.forecast.map((r) => r.date))];
    expect(dates).toHaveLength(14);
    expect(dates[13]).toBe('1999-02-28');
    expect(new Set(document.forecast.map((r) => r.callType))).toEqual(
      new Set(['PS', 'NW', 'NE', 'TT', 'IN', 'PE']),
    );
    for (const r of document.forecast) {
      expect(r.interval).toMatch(/^\d\d:00$/);
      expect(r.lo95).toBeLessThanOrEqual(r.lo80);
      expect(r.lo80).toBeLessThanOrEqual(r.hi80);
      expect(r.hi80).toBeLessThanOrEqual(r.hi95);
      expect(r.lo80).toBeLessThanOrEqual(Math.ceil(r.mean));
      expect(r.hi80).toBeGreaterThanOrEqual(Math.floor(r.mean));
    }
  });

  it('opens Friday from 07:00 to 14:00 and Saturday in the evening only', () => {
    const hours = (date: string) => [
      ...new Set(document.forecast.filter((r) => r.date === date).map((r) => r.interval)),
    ];
    expect(hours('1999-02-19')).toEqual(['07:00', '08:00', '09:00', '10:00', '11:00', '12:00', '13:00']);
    expect(hours('1999-02-20').every((h) => h >= '19:00')).toBe(true);
  });

  it('gives daily totals that the rows add up to (within the few calls outside the opening hours)', () => {
    for (const day of document.daily) {
      const rows = document.forecast.filter((r) => r.date === day.date).reduce((s, r) => s + r.mean, 0);
      expect(rows).toBeLessThanOrEqual(day.mean + 0.5);
      expect(rows).toBeGreaterThan(day.mean * 0.98);
      expect(day.uncertaintyCv).toBeGreaterThan(0);
    }
  });

  it('writes the holdout figures with --out', async () => {
    const out = mkdtempSync(join(tmpdir(), 'ccsim-forecast-holdout-'));
    const run = await cli('forecast', LOG, '--mapping', MAPPING, '--holdout', '7d', '--out', out);
    expect(run.code).toBe(0);
    const lines = readFileSync(join(out, 'holdout.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('scope,item,actual,forecast,wape,mape,coverage80,coverage95');
    const daily = lines[1].split(',');
    expect(daily.slice(0, 2)).toEqual(['overall', 'daily totals']);
    expect(Number(daily[4])).toBeCloseTo(document.holdout.accuracy.daily.wape, 4);
  });

  it("reports the holdout's accuracy", () => {
    const a = document.holdout.accuracy;
    expect(a.daily.wape).toBeGreaterThan(0);
    expect(a.daily.wape).toBeLessThan(0.11);
    expect(a.intervals.coverage80).toBeGreaterThan(0.7);
    expect(a.intervals.coverage80).toBeLessThan(0.9);
  });
});

describe('ccsim forecast --days and --out', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-forecast-'));

  it('forecasts only the days kept, and writes files a scenario reads as they are', async () => {
    const out = join(dir, 'out');
    const run = await cli(
      'forecast',
      LOG,
      '--mapping',
      MAPPING,
      '--days',
      'sun-thu',
      '--horizon',
      '1w',
      '--out',
      out,
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Day types: Sun–Thu');
    for (const file of [
      'forecast.csv',
      'daily.csv',
      'arrivals.yaml',
      'forecast.json',
      'arrivals-1999-02-15.csv',
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
    expect(existsSync(join(out, 'arrivals-1999-02-19.csv'))).toBe(false); // a Friday
    expect(existsSync(join(out, 'holdout.csv'))).toBe(false); // no --holdout
    const long = readFileSync(join(out, 'forecast.csv'), 'utf8').split('\n');
    expect(long[0]).toBe('date,interval,callType,mean,lo80,hi80,lo95,hi95');
    const day = readFileSync(join(out, 'arrivals-1999-02-15.csv'), 'utf8').split('\n');
    expect(day[0]).toBe('interval,PS,NW,NE,TT,IN,PE');
    expect(day[1]).toMatch(/^07:00,/);
    const snippet = readFileSync(join(out, 'arrivals.yaml'), 'utf8');
    const cv =
      /"PS": \{ csv: arrivals-1999-02-15\.csv, column: "PS", uncertainty: \{ cv: ([0-9.]+) \} \}/.exec(
        snippet,
      );
    expect(cv).not.toBeNull();
    writeFileSync(
      join(out, 'scenario.yaml'),
      `name: forecast day
start: "08:00"
horizon: 4h
interval: 1h
callTypes:
  - name: PS
    arrivals: { csv: arrivals-1999-02-15.csv, column: PS, uncertainty: { cv: ${cv?.[1]} } }
    handleTime: { dist: exponential, mean: 3m }
agentGroups:
  - name: team
    agents: 10
    skills: [PS]
`,
    );
    const validate = await cli('validate', join(out, 'scenario.yaml'));
    expect(validate.stderr).toBe('');
    expect(validate.code).toBe(0);
  });
});

describe('ccsim forecast from an interval report', () => {
  it("forecasts the bank's log written as a half-hour interval report as it forecasts the log", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-forecast-report-'));
    const counts = countOfferedCalls(readCallLog(LOG, MAPPING).records, 1800);
    const lines = ['Date;Interval;Queue;Offered;Answered;Abandoned'];
    counts.dates.forEach((date, d) => {
      for (let i = 0; i < counts.intervalCount; i++)
        counts.callTypes.forEach((type, t) => {
          const n = countAt(counts, d, i, t);
          if (n > 0) lines.push(`${date};${intervalLabel(counts, i)};${type};${n};${n};0`);
        });
    });
    writeFileSync(join(dir, 'report.csv'), `${lines.join('\n')}\n`);
    writeFileSync(
      join(dir, 'report.yaml'),
      `kind: intervals
delimiter: semicolon
intervalLength: 30m
date: { column: Date, format: YYYY-MM-DD }
times: clock
fields:
  interval: Interval
  callType: Queue
  offered: Offered
  answered: Answered
  abandoned: Abandoned
`,
    );
    const fromReport = await cli(
      'forecast',
      join(dir, 'report.csv'),
      '--mapping',
      join(dir, 'report.yaml'),
      '--json',
    );
    expect(fromReport.stderr).toBe('');
    expect(fromReport.code).toBe(0);
    const fromLog = await cli('forecast', LOG, '--mapping', MAPPING, '--json');
    const forecast = (run: typeof fromLog) => (JSON.parse(run.stdout) as { forecast: Row[] }).forecast;
    expect(forecast(fromReport)).toEqual(forecast(fromLog));

    const finer = await cli(
      'forecast',
      join(dir, 'report.csv'),
      '--mapping',
      join(dir, 'report.yaml'),
      '--interval',
      '15m',
    );
    expect(finer.code).toBe(2);
    expect(finer.stderr).toContain("the report's intervals are 30 minutes long");
  });
});

describe('ccsim forecast: bad options', () => {
  it('exits 2 and names every bad option at once', async () => {
    const run = await cli(
      'forecast',
      LOG,
      '--mapping',
      MAPPING,
      '--horizon',
      '0d',
      '--interval',
      '20m',
      '--holdout',
      'x',
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(
      '--horizon: expected a number of days from 1 to 366, such as 14d or 2w, got "0d"',
    );
    expect(run.stderr).toContain('--interval: expected 15m, 30m or 1h, got "20m"');
    expect(run.stderr).toContain('--holdout: expected a number of days');
    expect(run.stderr).not.toContain('    at ');
  });

  it('exits 2 when the holdout leaves no day to learn from', async () => {
    const run = await cli('forecast', LOG, '--mapping', MAPPING, '--holdout', '14d');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--holdout 14d leaves no day to learn from');
  });

  it('exits 2 when asked for a weekday the log never saw', async () => {
    const run = await cli('forecast', LOG, '--mapping', MAPPING, '--to', '1999-02-03', '--horizon', '7d');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no Thu, Fri, Sat, Sun in the log to forecast from/);
  });
});
