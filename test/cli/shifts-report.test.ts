/**
 * Shift templates and requirements to the scenario's standard: `ccsim
 * validate` recognises a shift template file; every problem of a template
 * file or a requirements CSV at once, with file:line:column and the field;
 * and `ccsim shifts` writes a report folder (index.html with the coverage
 * and achieved service-level charts, roster.csv, coverage.csv, shifts.json).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RosterResult } from '../../src/planning/roster.js';
import { cli } from '../support/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'ccsim-shifts-report-'));
const bundledTemplates = join(import.meta.dirname, '../../scenarios/shifts/shift-templates.yaml');
const templates = join(import.meta.dirname, '../fixtures/planning/templates.yaml');

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe('ccsim validate on shift templates', () => {
  it('the bundled templates are valid shift templates (not a scenario with an unknown field)', async () => {
    const run = await cli('validate', bundledTemplates);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(
      `${bundledTemplates}: valid (shift templates: 2 template(s), 18 shift option(s))`,
    );
  });

  it('every problem of a template file at once, with line:column, field path and did-you-mean', async () => {
    const file = write(
      'bad-templates.yaml',
      `shifts:
  - name: full
    lenght: 8h
    start: { from: "07:00", to: "11:00", every: 30m }
  - name: part
    length: 4h
    start: ["7:99"]
    costPerHour: lots
`,
    );
    const run = await cli('validate', file, '--json');
    expect(run.code).toBe(2);
    const [report] = JSON.parse(run.stdout) as Array<{
      kind: string;
      problems: Array<{ path: unknown[]; line: number; column: number; message: string }>;
    }>;
    expect(report.kind).toBe('shift templates');
    expect(report.problems.map((p) => [p.path.join('.'), p.line, p.column])).toEqual([
      ['shifts.0.length', 2, 5],
      ['shifts.0.lenght', 3, 5],
      ['shifts.1.start.0', 7, 13],
      ['shifts.1.costPerHour', 8, 18],
    ]);
    expect(report.problems[1].message).toBe('unknown field "lenght" (did you mean "length"?)');
    expect(report.problems.map((p) => p.message).join('\n')).not.toMatch(/Invalid input/);

    const text = await cli(
      'shifts',
      write('r.csv', 'interval,group,agents\n08:00,a,1\n'),
      '--templates',
      file,
    );
    expect(text.code).toBe(2);
    expect(text.stderr).toContain(
      `${file}:3:5: shifts[0].lenght: unknown field "lenght" (did you mean "length"?)`,
    );
    expect(text.stderr).toContain(
      `${file}:7:13: shifts[1].start[0]: expected a clock time "HH:MM", got "7:99"`,
    );
  });
});

describe('limits', () => {
  it('a start window of a step of a minute over days is refused before anything is built', async () => {
    const file = write(
      'huge.yaml',
      'shifts:\n  - { name: a, length: 8h, start: { from: "00:00", to: "999:00", every: 1m } }\n',
    );
    const run = await cli('validate', file);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `${file}:2:35: shifts[0].start: expected at most 2000 start times over all templates, got 59941`,
    );
  });

  it('a covering problem too large for the solver is refused with exit 2', async () => {
    const csv = write(
      'long.csv',
      [
        'interval,group,agents',
        ...Array.from(
          { length: 2000 },
          (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 === 0 ? '00' : '30'},a,1`,
        ),
      ].join('\n'),
    );
    const many = write(
      'many.yaml',
      'shifts:\n  - { name: a, length: 8h, start: { from: "00:00", to: "999:00", every: 30m } }\n',
    );
    const run = await cli('shifts', csv, '--templates', many, '--no-report');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the shift problem of a is too large: 1999 shift options × 2000 intervals/);
  });
});

describe('requirements CSV problems', () => {
  it('every bad row at once with file:line:column; duplicates and off-grid rows refused', async () => {
    const csv = write(
      'bad.csv',
      [
        'interval,group,agents',
        '08:00,front,3',
        '08:30,front,many',
        '8:99,front,2',
        '08:00,front,4',
        '09:00,back,-1',
        '09:10,back,2',
        '09:30,back,2',
      ].join('\n'),
    );
    const run = await cli('shifts', csv, '--templates', templates, '--no-report');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toEqual([
      `${csv}:3:13: agents: expected a number of agents from 0 to 100000, got "many"`,
      `${csv}:4:1: interval: expected a clock time "HH:MM", got "8:99"`,
      `${csv}:6:12: agents: expected a number of agents from 0 to 100000, got "-1"`,
    ]);
    // Once the cells are right: the duplicate and the row off the 30-minute grid, together.
    writeFileSync(
      csv,
      [
        'interval,group,agents',
        '08:00,front,3',
        '08:30,front,4',
        '08:00,front,4',
        '09:10,back,2',
        '09:30,back,2',
      ].join('\n'),
    );
    const grid = await cli('shifts', csv, '--templates', templates, '--no-report');
    expect(grid.code).toBe(2);
    expect(grid.stderr.trim().split('\n')).toEqual([
      `${csv}:4:1: interval: duplicate requirement for front at 08:00 (first at line 2)`,
      `${csv}:5:1: interval: interval 09:10 is not on the 30-minute grid from 08:00`,
    ]);
  });

  it('a directory and a device are refused at once, without reading them', async () => {
    const run = await cli('shifts', dir, '--templates', '/dev/zero', '--no-report');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toEqual([
      `${dir}: cannot read the requirements: it is a folder, not a file`,
      '/dev/zero: cannot read the shift templates: it is not a regular file (a device, pipe or socket)',
    ]);
  });

  it('a semicolon CSV and # comments are read', async () => {
    const csv = write('semi.csv', '# from the WFM tool\ninterval;group;agents\n08:00;team;2\n08:30;team;3\n');
    const run = await cli('shifts', csv, '--templates', templates, '--json', '--no-report');
    expect(run.stderr).toBe('');
    expect((JSON.parse(run.stdout) as RosterResult).coverage.map((c) => c.required)).toEqual([2, 3]);
  });
});

describe('ccsim shifts writes a report', () => {
  const scenario = write(
    'report-day.yaml',
    `name: Report day
seed: 3
replications: 4
start: "08:00"
warmup: 30m
horizon: 2h
interval: 30m
serviceLevel: { threshold: 20s, target: 0.8 }
callTypes:
  - name: calls
    arrivals: { perInterval: [60, 90, 90, 60] }
    handleTime: { dist: exponential, mean: 240s }
agentGroups:
  - { name: team, agents: 10, skills: [calls] }
`,
  );
  const out = join(dir, 'report');
  let run: Awaited<ReturnType<typeof cli>>;
  let roster: RosterResult;
  beforeAll(async () => {
    const csv = write(
      'report-day.csv',
      'interval,group,agents\n08:00,team,8\n08:30,team,11\n09:00,team,11\n09:30,team,8\n',
    );
    run = await cli(
      'shifts',
      csv,
      '--templates',
      templates,
      '--scenario',
      scenario,
      '--out',
      out,
      '--format',
      'md',
    );
    roster = JSON.parse(readFileSync(join(out, 'shifts.json'), 'utf8')) as RosterResult;
  });

  it('--format md prints markdown tables; the report path goes to stderr', () => {
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^### Shift plan: Report day\n/);
    expect(run.stdout).toMatch(/\| Group \| Shift \| Start \| Length \| Agents \| Breaks \|/);
    expect(run.stdout).toMatch(/\| Interval \| Group \| Required \| On duty \| Service level \| Meets \|/);
    expect(run.stderr).toContain(`Report: ${join(out, 'index.html')}`);
  });

  it('roster.csv has one row per planned shift; coverage.csv one per interval with what the roster achieves', () => {
    const rows = readFileSync(join(out, 'roster.csv'), 'utf8').trim().split('\n');
    expect(rows[0]).toBe('group,template,start,length,agents,cost,breaks');
    expect(rows.slice(1).map((r) => r.split(',').slice(0, 5).join(','))).toEqual(
      roster.shifts.map((s) => [s.group, s.template, s.start, s.length, s.count].join(',')),
    );
    const coverage = readFileSync(join(out, 'coverage.csv'), 'utf8').trim().split('\n');
    expect(coverage[0]).toBe(
      'interval,group,required,on_duty,service_level,service_level_lo,service_level_hi,abandon_rate,meets',
    );
    expect(coverage.slice(1).map((r) => r.split(',').slice(0, 3).join(','))).toEqual([
      '08:00,team,8',
      '08:30,team,11',
      '09:00,team,11',
      '09:30,team,8',
    ]);
    expect(roster.achieved?.target).toEqual({ serviceLevel: 0.8, threshold: 20 });
  });

  it('index.html holds the roster, the coverage and both charts; charts/ holds their SVG, PNG and spec', () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).toContain('<title>Report day: shift plan</title>');
    expect(html).toContain('id="chart-coverage"');
    expect(html).toContain('id="chart-achieved-service-level"');
    for (const id of ['coverage', 'achieved-service-level'])
      for (const ext of ['svg', 'png', 'vl.json'])
        expect(existsSync(join(out, 'charts', `${id}.${ext}`))).toBe(true);
  });
});
