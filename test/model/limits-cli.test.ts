/**
 * The worst inputs through the real command line (`node bin/ccsim.js`): each
 * exits 2 with the file, the field path and the limit, writes nothing, and
 * shows no stack trace.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const folder = mkdtempSync(join(tmpdir(), 'ccsim-limits-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const BASE = `horizon: 8h
callTypes:
  - name: sales
    arrivals: { ratePerHour: 100 }
    handleTime: { dist: exponential, mean: 240s }
agentGroups:
  - name: team
    agents: 10
    skills: [sales]
`;

function scenario(name: string, text: string): string {
  const file = join(folder, `${name}.yaml`);
  writeFileSync(file, text);
  return file;
}

function ccsim(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/ccsim.js', ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stderr: result.stderr, stdout: result.stdout };
}

describe('the worst inputs exit 2 with the field path', () => {
  it('validate: 1e12 agents in one file, a rate of 1e308 in another', () => {
    const file = scenario('many', BASE.replace('agents: 10', 'agents: 1e12'));
    const worse = scenario('rate', BASE.replace('ratePerHour: 100', 'ratePerHour: 1e308'));
    const { code, stderr } = ccsim('validate', file, worse);
    expect(code).toBe(2);
    expect(stderr).toContain(`${file}:`);
    expect(stderr).toMatch(/agentGroups\[0\]\.agents: expected agents ≤ 100,000/);
    expect(stderr).toMatch(/callTypes\[0\]\.arrivals: expected at most 200,000,000 calls per replication/);
    expect(stderr).not.toMatch(/internal error|at .*\.ts:\d+|FATAL/);
  });

  it('run: an infinite warm-up written as 400 digits is refused before anything is written', () => {
    const file = scenario(
      'warmup',
      BASE.replace('horizon: 8h', `horizon: 8h\nwarmup: "${'9'.repeat(400)}s"`),
    );
    const out = join(folder, 'out');
    const { code, stderr } = ccsim('run', file, '--out', out, '--threads', '1');
    expect(code).toBe(2);
    expect(stderr).toMatch(/warmup: expected a duration/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('run: redials that would repeat a billion times at one instant', () => {
    const file = scenario(
      'redials',
      BASE.replace(
        '    handleTime: { dist: exponential, mean: 240s }',
        '    handleTime: { dist: exponential, mean: 240s }\n    patience: { dist: deterministic, value: 0 }\n' +
          '    redial: { probability: 1, delay: { dist: deterministic, value: 0 }, maxAttempts: 1e9 }',
      ),
    );
    const { code, stderr } = ccsim('run', file, '--out', join(folder, 'out2'), '--threads', '2');
    expect(code).toBe(2);
    expect(stderr).toMatch(/callTypes\[0\]\.redial\.maxAttempts: expected attempts ≤ 100/);
  });
});
