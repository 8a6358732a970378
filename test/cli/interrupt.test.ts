/**
 * Ctrl-C with worker threads: exit 130, finished replications kept, no stack
 * trace; the same command resumes to the same result.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunResult } from '../../src/experiment/run-result.js';
import { cli } from '../support/cli.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'ccsim-interrupt-'));

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

function ccsim(args: string[]): Promise<Finished> & { child: ReturnType<typeof spawn> } {
  const child = spawn(process.execPath, ['bin/ccsim.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr?.on('data', (d) => (stderr += d));
  const done = new Promise<Finished>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return Object.assign(done, { child });
}

/** The result without `performance` (the work of one invocation). */
const results = (json: string) => JSON.stringify({ ...(JSON.parse(json) as RunResult), performance: 0 });

describe('Ctrl-C with more than one thread', () => {
  it('exits 130 keeping finished replications, and the same command resumes to the same result', async () => {
    const out = tempDir();
    // Small batches (many replications per thread) so that some finish before the signal.
    const args = [
      'run',
      'scenarios/inbound-sales.yaml',
      '--reps',
      '1000',
      '--threads',
      '2',
      '--json',
      '--out',
      out,
    ];
    const first = ccsim(args);
    // Interrupt soon after replications start being committed (a commit every half second): early
    // enough that the run (about 8 s on a quiet 2-core machine, longer under load) has not finished.
    const wal = join(out, 'results.duckdb.wal');
    for (let waited = 0; !existsSync(wal) && waited < 60_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 1000));
    first.child.kill('SIGINT');
    const stopped = await first;
    expect(stopped.stderr).not.toMatch(/AbortError|internal error|\n\s+at /);
    expect(stopped.code).toBe(130);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr).toMatch(/Interrupted\./);
    const resumed = await ccsim(args);
    expect(resumed.code).toBe(0);
    const reference = await cli(...args.slice(0, -1), tempDir(), '--no-report');
    expect(results(resumed.stdout)).toBe(results(reference.stdout));
    if (stopped.stderr.includes('kept in'))
      expect(resumed.stderr).toMatch(/reused \d+ of 1000 replications from/);
  }, 300_000);

  it('runs on 8 threads without a MaxListenersExceededWarning', async () => {
    const r = await ccsim([
      'run',
      'scenarios/default.yaml',
      '--reps',
      '40',
      '--threads',
      '8',
      '--json',
      '--no-report',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('MaxListenersExceededWarning');
  }, 120_000);
});
