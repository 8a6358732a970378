/**
 * A report folder is replaced whole: a kill at any moment of the writing
 * leaves the previous report or the new one (never a mix, never temporary
 * files once the folder is opened again), and the folder's other files
 * (the results database, the user's own) stay.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openReportFolder, replaceReport } from '../../src/report/report-folder.js';

/** A report whose every file carries `tag`. */
function report(tag: string): Array<[string, string]> {
  return [
    ['index.html', `<p>${tag}</p>${'x'.repeat(300_000)}`],
    ['charts/a.svg', tag],
    ['charts/b.svg', tag],
    ['sweep.json', JSON.stringify({ tag })],
    ['sweep.csv', `${tag}\n`],
  ];
}

function tagsIn(dir: string): string[] {
  return [
    /<p>(.*?)<\/p>/.exec(readFileSync(join(dir, 'index.html'), 'utf8'))?.[1] ?? '?',
    readFileSync(join(dir, 'charts/a.svg'), 'utf8'),
    readFileSync(join(dir, 'charts/b.svg'), 'utf8'),
    (JSON.parse(readFileSync(join(dir, 'sweep.json'), 'utf8')) as { tag: string }).tag,
    readFileSync(join(dir, 'sweep.csv'), 'utf8').trim(),
  ];
}

/** Every temporary name of ours (and of older versions: `<file>.<pid>.tmp`), in the folder, its charts/ and next to it. */
function leftovers(parent: string, dir: string): string[] {
  return [
    ...readdirSync(parent).filter((e) => e.includes('.ccsim-')),
    ...readdirSync(dir).filter((e) => e.endsWith('.tmp')),
    ...readdirSync(join(dir, 'charts')).filter((e) => e.endsWith('.tmp')),
  ];
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.pid']);
  return child.pid as number;
}

describe('report folders', () => {
  it('replaces the files of the previous report and keeps the others', () => {
    const parent = mkdtempSync(join(tmpdir(), 'ccsim-folder-'));
    const dir = join(parent, 'sweep');
    replaceReport(dir, [...report('A'), ['charts/only-a.svg', 'A'], ['kpis.csv', 'A']]);
    writeFileSync(join(dir, 'results.duckdb'), 'database');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    replaceReport(dir, report('B'));
    expect(tagsIn(dir)).toEqual(['B', 'B', 'B', 'B', 'B']);
    // Files the new report does not write stay, as they did when files were written one by one.
    expect(readFileSync(join(dir, 'charts/only-a.svg'), 'utf8')).toBe('A');
    expect(readFileSync(join(dir, 'kpis.csv'), 'utf8')).toBe('A');
    expect(readFileSync(join(dir, 'results.duckdb'), 'utf8')).toBe('database');
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect(leftovers(parent, dir)).toEqual([]);
  });

  it('puts right what a killed writer left: a staging folder and old temporary files', () => {
    const parent = mkdtempSync(join(tmpdir(), 'ccsim-folder-'));
    const dir = join(parent, 'sweep');
    replaceReport(dir, report('A'));
    const pid = deadPid();
    // Killed while staging B, after moving the database in: the database comes back, A stays.
    const staging = join(parent, `.sweep.ccsim-${pid}.tmp`);
    mkdirSync(join(staging, 'charts'), { recursive: true });
    for (const [name, text] of report('B')) writeFileSync(join(staging, name), text);
    writeFileSync(
      join(staging, '.ccsim-report.json'),
      JSON.stringify({ files: report('B').map(([name]) => name) }),
    );
    writeFileSync(join(staging, 'results.duckdb'), 'database');
    writeFileSync(join(staging, 'charts/mine.svg'), 'mine');
    writeFileSync(join(dir, `index.html.${pid}.tmp`), 'half');
    openReportFolder(dir);
    expect(tagsIn(dir)).toEqual(['A', 'A', 'A', 'A', 'A']);
    expect(readFileSync(join(dir, 'results.duckdb'), 'utf8')).toBe('database');
    expect(readFileSync(join(dir, 'charts/mine.svg'), 'utf8')).toBe('mine');
    expect(leftovers(parent, dir)).toEqual([]);
  });

  it('completes a swap cut between its two renames', () => {
    const parent = mkdtempSync(join(tmpdir(), 'ccsim-folder-'));
    const dir = join(parent, 'sweep');
    replaceReport(dir, report('A'));
    writeFileSync(join(dir, 'results.duckdb'), 'database');
    const pid = deadPid();
    const staging = join(parent, `.sweep.ccsim-${pid}.tmp`);
    replaceReport(staging, report('B'));
    writeFileSync(
      join(staging, '.ccsim-report.json'),
      JSON.stringify({ files: report('B').map(([n]) => n) }),
    );
    renameSync(join(dir, 'results.duckdb'), join(staging, 'results.duckdb'));
    renameSync(dir, join(parent, `.sweep.ccsim-${pid}.old`));
    openReportFolder(dir);
    expect(tagsIn(dir)).toEqual(['B', 'B', 'B', 'B', 'B']);
    expect(readFileSync(join(dir, 'results.duckdb'), 'utf8')).toBe('database');
    expect(leftovers(parent, dir)).toEqual([]);
  });

  it('after kill -9 at random moments of a loop of rewrites, is whole and of one report', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'ccsim-folder-'));
    const dir = join(parent, 'sweep');
    replaceReport(dir, report('start'));
    writeFileSync(join(dir, 'results.duckdb'), 'database');
    const script = join(parent, 'writer.mts');
    const module = resolve('src/report/write-report.ts');
    writeFileSync(
      script,
      `import { writeFiles } from ${JSON.stringify(module)};
const big = 'x'.repeat(300_000);
process.stdout.write('ready\\n');
for (let i = 0; ; i++) {
  const tag = String(i);
  writeFiles(${JSON.stringify(dir)}, [['index.html', '<p>' + tag + '</p>' + big], ['charts/a.svg', tag], ['charts/b.svg', tag], ['sweep.json', JSON.stringify({ tag })], ['sweep.csv', tag + '\\n']]);
}
`,
    );
    const seen = new Set<string>();
    // Moments spread over the loop (fixed, so that a failure can be replayed).
    for (const delay of [70, 180, 290, 430]) {
      const child = spawn(process.execPath, ['--import', 'tsx', script], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      // Once the writer has loaded and started its loop, kill it at some moment.
      await new Promise((r) => child.stdout.once('data', r));
      await new Promise((r) => setTimeout(r, delay));
      const ended = new Promise((r) => child.on('close', r));
      child.kill('SIGKILL');
      await ended;
      openReportFolder(dir);
      const tags = tagsIn(dir);
      expect(new Set(tags).size, `one report's files, got ${tags.join(', ')}`).toBe(1);
      seen.add(tags[0]);
      expect(readFileSync(join(dir, 'results.duckdb'), 'utf8')).toBe('database');
      expect(leftovers(parent, dir)).toEqual([]);
    }
    expect(
      [...seen].some((tag) => tag !== 'start'),
      'the writer rewrote the report',
    ).toBe(true);
  }, 120_000);
});
