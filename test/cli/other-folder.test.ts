/**
 * ccsim run from a folder other than the checkout, from the TypeScript
 * source, on worker threads: the threads must find tsx's loader from the
 * checkout, not from the working directory (where `--import tsx` failed with
 * "Cannot find package 'tsx'").
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { workerExecArgv } from '../../src/experiment/tsx-loader.js';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const folder = mkdtempSync(join(tmpdir(), 'ccsim-elsewhere-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('worker threads from another folder', () => {
  it('name tsx by an absolute URL that exists', () => {
    const [flag, loader] = workerExecArgv(true);
    expect(flag).toBe('--import');
    expect(loader.startsWith('file://')).toBe(true);
    expect(existsSync(fileURLToPath(loader))).toBe(true);
    expect(workerExecArgv(false)).toEqual([]);
  });

  it('runs the source on two threads with the working directory outside the checkout', async () => {
    copyFileSync(join(root, 'scenarios/textbook-80-20.yaml'), join(folder, 'center.yaml'));
    const [, loader] = workerExecArgv(true);
    const main = join(root, 'src/cli/main.ts');
    const args = ['run', 'center.yaml', '--reps', '6', '--threads', '2', '--no-report', '--quiet', '--json'];
    const threaded = await promisify(execFile)(process.execPath, ['--import', loader, main, ...args], {
      cwd: folder,
      maxBuffer: 64 * 1024 * 1024,
    });
    const here = await promisify(execFile)(
      process.execPath,
      ['--import', loader, main, ...args.map((a) => (a === '2' ? '1' : a))],
      { cwd: folder, maxBuffer: 64 * 1024 * 1024 },
    );
    const withoutPerformance = (text: string) => {
      const { performance: _ignored, ...rest } = JSON.parse(text) as Record<string, unknown>;
      return rest;
    };
    expect(withoutPerformance(threaded.stdout)).toEqual(withoutPerformance(here.stdout));
  }, 180_000);
});
