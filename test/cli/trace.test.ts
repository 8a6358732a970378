/**
 * `ccsim run --trace calls.csv`: the file, its independence from threads
 * and from replications reused from the results database, its size limit,
 * and what a failed or interrupted run leaves (nothing).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/experiment/run-result.js';
import { TRACE_HEADER } from '../../src/model/call-trace.js';
import { cli } from '../support/cli.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ccsim-trace-'));

/** The result without `performance` (the work of one invocation). */
const results = (json: string) => JSON.stringify({ ...(JSON.parse(json) as RunResult), performance: 0 });

const HAND = `name: hand
replications: 2
start: "23:58:30"
horizon: 1000s
interval: 1000s
callTypes:
  - name: x
    maxQueue: 2
    arrivals: { times: [0s, 10s, 20s, 30s] }
    handleTime: { dist: deterministic, value: 100s }
    patience: { dist: deterministic, value: 150s }
agentGroups:
  - { name: solo, agents: 1, skills: [x] }
`;

describe('run --trace', () => {
  it('writes the header and every replication’s rows, and says so', async () => {
    const dir = tempDir();
    const scenario = join(dir, 'hand.yaml');
    writeFileSync(scenario, HAND);
    const file = join(dir, 'calls.csv');
    const run = await cli('run', scenario, '--no-report', '--trace', file);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const rows = (r: number, date: string) => [
      `${r},${date},1,x,0,main,23:58:30.000,23:58:30.000,0.000,AGENT,23:58:30.000,24:00:10.000,100.000,solo#1`,
      `${r},${date},2,x,0,main,23:58:40.000,23:58:40.000,90.000,AGENT,24:00:10.000,24:01:50.000,100.000,solo#1`,
      `${r},${date},3,x,0,main,23:58:50.000,23:58:50.000,150.000,HANG,,,,`,
      `${r},${date},4,x,0,main,23:59:00.000,,,BLOCKED,,,,`,
    ];
    expect(readFileSync(file, 'utf8')).toBe(
      TRACE_HEADER + [...rows(0, '2000-01-02'), ...rows(1, '2000-01-09')].join('\n') + '\n',
    );
    expect(run.stdout).toContain(`Trace: ${file} (8 calls of 2 replication(s))`);
    expect(readdirSync(dir).sort()).toEqual(['calls.csv', 'hand.yaml']);
  });

  it('leaves the results as they were, and writes the same trace on 1 or 2 threads', async () => {
    const dir = tempDir();
    const common = ['run', 'scenarios/default.yaml', '--reps', '4', '--no-report', '--json', '--quiet'];
    const plain = await cli(...common, '--threads', '1');
    const one = await cli(...common, '--threads', '1', '--trace', join(dir, 'one.csv'));
    const two = await cli(...common, '--threads', '2', '--trace', join(dir, 'two.csv'));
    expect([plain.code, one.code, two.code]).toEqual([0, 0, 0]);
    expect(results(one.stdout)).toBe(results(plain.stdout));
    expect(results(two.stdout)).toBe(results(plain.stdout));
    const trace = readFileSync(join(dir, 'one.csv'), 'utf8');
    expect(trace.split('\n').filter((l) => l.startsWith('3,2000-01-23,')).length).toBeGreaterThan(1000);
    expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe(trace);
  });

  it('writes the full trace when the replications are reused from the results database', async () => {
    const dir = tempDir();
    const out = join(dir, 'report');
    const args = [
      'run',
      'scenarios/textbook-80-20.yaml',
      '--reps',
      '3',
      '--threads',
      '1',
      '--out',
      out,
      '--quiet',
    ];
    const first = await cli(...args, '--trace', join(dir, 'first.csv'));
    const again = await cli(...args, '--trace', join(dir, 'again.csv'));
    expect([first.code, again.code]).toEqual([0, 0]);
    expect(again.stderr).toMatch(/reused 3 of 3 replications/);
    const trace = readFileSync(join(dir, 'first.csv'), 'utf8');
    expect(trace.split('\n').filter((l) => l.startsWith('2,')).length).toBeGreaterThan(100);
    expect(readFileSync(join(dir, 'again.csv'), 'utf8')).toBe(trace);
  });

  it('stops past the row limit, leaving no trace and an older file of that name as it was', async () => {
    const dir = tempDir();
    const file = join(dir, 'calls.csv');
    writeFileSync(file, 'older\n');
    const run = await cli(
      'run',
      'scenarios/textbook-80-20.yaml',
      '--reps',
      '3',
      '--no-report',
      '--quiet',
      '--trace',
      file,
      '--trace-limit',
      '100',
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /--trace: the trace would hold about [\d,]+ rows, more than the limit of 100;.*--trace-limit/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(file, 'utf8')).toBe('older\n');
    expect(readdirSync(dir)).toEqual(['calls.csv']);
  });

  it('refuses --trace-limit without --trace, and a trace it cannot write or that names a folder', async () => {
    const alone = await cli('run', 'scenarios/textbook-80-20.yaml', '--no-report', '--trace-limit', '10');
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--trace-limit: only with --trace/);
    const nowhere = join(tempDir(), 'missing', 'calls.csv');
    const run = await cli('run', 'scenarios/textbook-80-20.yaml', '--no-report', '--trace', nowhere);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--trace: cannot write ${nowhere} (ENOENT)`);
    const folder = tempDir();
    const onFolder = await cli('run', 'scenarios/textbook-80-20.yaml', '--no-report', '--trace', folder);
    expect(onFolder.code).toBe(2);
    expect(onFolder.stderr).toContain(`--trace: ${folder} is a folder; name the CSV file to write`);
  });
});

describe('Ctrl-C during a traced run', () => {
  it('exits 130 and leaves no trace file, nor its temporary file', async () => {
    const dir = tempDir();
    const file = join(dir, 'calls.csv');
    const args = ['run', 'scenarios/inbound-sales.yaml', '--reps', '1000', '--threads', '1', '--no-report'];
    const trace = ['--trace', file, '--trace-limit', '100000000'];
    const child = spawn(process.execPath, ['bin/ccsim.js', ...args, ...trace], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d) => (stderr += d));
    const done = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    // Interrupt once rows are being written to the temporary file (after the header).
    const written = () =>
      readdirSync(dir).some((f) => f.endsWith('.tmp') && statSync(join(dir, f)).size > TRACE_HEADER.length);
    for (let waited = 0; !written() && waited < 60_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written()).toBe(true);
    child.kill('SIGINT');
    expect(await done).toBe(130);
    expect(stderr).toMatch(/Interrupted/);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  }, 90_000);
});
