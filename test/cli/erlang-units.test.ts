/**
 * `ccsim erlang` reads options in the units scenario files use, and reports
 * bad ones by their flag, all at once, without the formulas' internal names.
 */
import { describe, expect, it } from 'vitest';
import { cli } from '../support/cli.js';

async function json(...args: string[]): Promise<Record<string, unknown>> {
  const r = await cli('erlang', ...args, '--json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>;
}

const INTERNAL = /meanServiceSeconds|arrivalRatePerHour|thresholdSeconds|erlang[A-Z]|NaN/;

describe('ccsim erlang units', () => {
  it('reads handle time, threshold and patience as durations and rates with a unit', async () => {
    const plain = await json('a', '--rate', '675', '--aht', '240', '--agents', '50', '--patience', '480');
    for (const args of [
      ['--rate', '675', '--aht', '4m', '--threshold', '20s', '--patience', '8m'],
      ['--rate', '675/h', '--aht', '240s', '--threshold', '20', '--patience', '480s'],
      ['--rate', '11.25/m', '--aht', '4m', '--patience', '8m'],
    ]) {
      expect(await json('a', '--agents', '50', ...args), args.join(' ')).toEqual(plain);
    }
  });

  it('reads targets and limits as fractions or percentages', async () => {
    const plain = await json(
      'staff',
      '--rate',
      '675',
      '--aht',
      '240',
      '--target',
      '0.8',
      '--patience',
      '480',
      '--max-abandon',
      '0.05',
    );
    const percent = await json(
      'staff',
      '--rate',
      '675',
      '--aht',
      '4m',
      '--target',
      '80%',
      '--patience',
      '8m',
      '--max-abandon',
      '5%',
    );
    expect(percent).toEqual(plain);
    expect(plain.agents).toBeGreaterThan(40);
  });

  it('reports every bad option at once by its flag, with exit 2 and no internal names', async () => {
    const r = await cli(
      'erlang',
      'c',
      '--rate',
      'lots',
      '--aht',
      '4x',
      '--agents',
      '1.5',
      '--threshold',
      'soon',
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--rate: expected calls per hour such as 675, 675/h or 11.25/m, got "lots"');
    expect(r.stderr).toContain('--aht: expected a positive duration such as 240, 240s or 4m, got "4x"');
    expect(r.stderr).toContain('--agents: expected a whole number from 1 to 100000, got "1.5"');
    expect(r.stderr).toContain('--threshold: expected a duration such as 240, 240s or 4m, got "soon"');
    expect(r.stderr).not.toMatch(INTERNAL);
    expect(r.stdout).toBe('');
  });

  it('refuses a zero handle time and an absurd load without internal names', async () => {
    const zero = await cli('erlang', 'c', '--rate', '675', '--aht', '0', '--agents', '50');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toContain('--aht');
    expect(zero.stderr).not.toMatch(INTERNAL);
    const huge = await cli('erlang', 'b', '--rate', '1e12', '--aht', '4m', '--lines', '20');
    expect(huge.code).toBe(2);
    expect(huge.stderr).toContain('erlangs is above the 100000 these formulas answer');
  });
});
