/**
 * What-if changes on the command line (`--volume`, `--aht`): a signed
 * percentage or an explicit factor; a bare number is ambiguous (`+10` read
 * as ×10 once planned 196 agents) and is refused with exit 2.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChange } from '../../src/planning/staff.js';
import { cli } from '../support/cli.js';

describe('parseChange', () => {
  it.each([
    ['+10%', 1.1],
    ['-5%', 0.95],
    ['+ 2.5 %', 1.025],
    ['x1.1', 1.1],
    ['×1.1', 1.1],
    ['X2', 2],
    ['*0.9', 0.9],
  ])('%s → ×%d', (text, factor) => {
    expect(parseChange(text, '--volume')).toBeCloseTo(factor, 12);
  });

  it.each(['+10', '10', '1.1', '-5', '10%'])('a bare number is ambiguous: %s', (text) => {
    expect(() => parseChange(text, '--volume')).toThrow(
      new RegExp(`--volume: "${text.replace('+', '\\+')}" is ambiguous.*\\+10% or -5%.*x1\\.1`),
    );
  });

  it.each(['-100%', '-150%', 'x0', 'x1e3', 'x101', 'lots', '+10%%', ''])('refused: "%s"', (text) => {
    expect(() => parseChange(text, '--aht')).toThrow(/--aht: /);
  });
});

describe('ccsim staff --volume/--aht with a bare number', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-whatif-parse-'));
  const scenario = join(dir, 'small.yaml');
  writeFileSync(
    scenario,
    `name: small
start: "08:00"
horizon: 1h
interval: 30m
callTypes:
  - { name: calls, arrivals: { ratePerHour: 60 }, handleTime: { dist: exponential, mean: 120s } }
agentGroups:
  - { name: team, agents: 4, skills: [calls] }
`,
  );
  it.each([
    ['--volume', '+10'],
    ['--aht', '5'],
  ])('%s %s exits 2 before planning, saying what is accepted', async (flag, value) => {
    const run = await cli('staff', scenario, '--target', '80/20', flag, value, '--no-report', '-q');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${flag}: "${value}" is ambiguous`);
    expect(run.stderr).toMatch(/\+10% or -5%, or a factor such as x1\.1/);
    expect(run.stdout).toBe('');
  });
});
