/** `ccsim log`: the thin CLI of the import; exit 0 with a summary, exit 2 with every problem. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

const LOG = 'data/anonymous-bank/calls-1999-02-01-to-14.tsv';
const MAPPING = 'data/mappings/anonymous-bank.yaml';

describe('ccsim log', () => {
  it("prints the bank's calls by type and outcome (exit 0)", async () => {
    const r = await cli('log', LOG, '--mapping', MAPPING);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('17,456 rows on 14 day(s), 1999-02-01 to 1999-02-14');
    expect(r.stdout).toMatch(/^all\s+17,313\s+14,405\s+1,868\s+1,040\s+0\s+16,273$/m);
  });

  it('keeps the days asked for, and prints JSON', async () => {
    const r = await cli(
      'log',
      LOG,
      '--mapping',
      MAPPING,
      '--days',
      'fri-sat',
      '--to',
      '1999-02-07',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ days: 2, firstDate: '1999-02-05', lastDate: '1999-02-06' });
    expect(summary.daysByWeekday).toEqual([0, 0, 0, 0, 0, 1, 1]);
    expect(summary.total.offered).toBe(summary.total.served + summary.total.abandoned);
  });

  it('summarises an interval report with a kind: intervals mapping', async () => {
    const r = await cli(
      'log',
      'test/fixtures/data/interval-report.csv',
      '--mapping',
      'test/fixtures/data/interval-report.yaml',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^all\s+8\s+281\s+262\s+16\s+225\.1 s\s+16\.1 s\s+77\.2%\s+20\.8$/m);
  });

  it('exits 2 with every bad row, naming file, line and column, and prints no summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-log-'));
    const file = join(dir, 'calls.tsv');
    const header =
      'vru+line\tcall_id\tcustomer_id\tpriority\ttype\tdate\tvru_entry\tvru_exit\tvru_time\tq_start\tq_exit\tq_time\toutcome\tser_start\tser_exit\tser_time\tserver';
    writeFileSync(
      file,
      [
        header,
        'AA0101\t1\t0\t0\tPS\t990201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tAGENT\t7:02:55\t7:05:41\t166\tDORIT',
        'AA0101\t2\t0\t0\tXX\t990231\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tAGENT\t7:02:55\t7:05:41\t166\tDORIT',
        'AA0101\t3\t0\t0\tPS\t990201\t7:02:47\t7:02:56\t9\t0:00:00\t0:00:00\t0\tLOST\t7:02:55\t7:05:41\t166\tDORIT',
        '',
      ].join('\r\n'),
    );
    const r = await cli('log', file, '--mapping', MAPPING);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([
      `${file}:3: date: expected a date YYMMDD such as 990201, got "990231"`,
      `${file}:3: type: expected a call type the mapping lists (PS, PE, IN, NE, NW, TT), got "XX"`,
      `${file}:4: outcome: expected an outcome code the mapping lists (AGENT, HANG, PHANTOM), got "LOST"`,
    ]);
  });

  it('exits 2 for a missing file, a missing --mapping, a bad mapping and bad day options', async () => {
    const missing = await cli('log', 'no-such.tsv', '--mapping', MAPPING);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('no-such.tsv: cannot read the call log: no such file\n');
    const noMapping = await cli('log', LOG);
    expect(noMapping.code).toBe(2);
    expect(noMapping.stderr).toContain('--mapping');
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-log-'));
    writeFileSync(join(dir, 'm.yaml'), 'fields:\n  arrival: { column: a, format: minutes }\n');
    const badMapping = await cli('log', LOG, '--mapping', join(dir, 'm.yaml'));
    expect(badMapping.code).toBe(2);
    expect(badMapping.stderr).toContain(
      `${join(dir, 'm.yaml')}:2: fields.arrival.format: expected a time format`,
    );
    for (const options of [
      ['--days', 'weekdays'],
      ['--from', '1999-02-30'],
      ['--log-date', 'today'],
    ]) {
      const r = await cli('log', LOG, '--mapping', MAPPING, ...options);
      expect(r.code, options.join(' ')).toBe(2);
      expect(r.stderr, options.join(' ')).toContain(`ccsim: ${options[0]}: expected`);
    }
  });
});
