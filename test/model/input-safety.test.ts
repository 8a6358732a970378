/**
 * A scenario may come from someone else: it reads only files under its own
 * folder (or one the user allows), only regular files of bounded size, and
 * no message echoes more of a file than a short, printable excerpt.
 * Hostile YAML (alias bombs, undefined aliases, huge files) is a scenario
 * error, never a crash or a hang.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  loadScenarioFile,
  MAX_CSV_BYTES,
  MAX_SCENARIO_BYTES,
  MAX_SCENARIO_ENTRIES,
  parseScenarioText,
  ScenarioError,
} from '../../src/model/scenario/index.js';
import type { LoadOptions } from '../../src/model/scenario/index.js';

const SECRET = 'TOP-SECRET-VALUE-4711';

function scenarioText(csv: string): string {
  return `name: csv
start: "08:00"
horizon: 1h
interval: 30m
callTypes:
  - { name: sales, arrivals: { csv: ${JSON.stringify(csv)} }, handleTime: { dist: exponential, mean: 200s } }
agentGroups:
  - { name: team, agents: 5, skills: [sales] }
`;
}

/** A folder holding `scenario/center.yaml` (reading `csv`) and `elsewhere/secret.csv`. */
function layout(csv: string): { file: string; root: string } {
  const root = mkdtempSync(join(tmpdir(), 'ccsim-safety-'));
  mkdirSync(join(root, 'scenario'));
  mkdirSync(join(root, 'elsewhere'));
  writeFileSync(join(root, 'elsewhere', 'secret.csv'), `interval,sales\n08:00,1\n08:30,2\n# ${SECRET}\n`);
  writeFileSync(join(root, 'elsewhere', 'notes.txt'), `${SECRET}\n`);
  const file = join(root, 'scenario', 'center.yaml');
  writeFileSync(file, scenarioText(csv));
  return { file, root };
}

function rejection(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('files a scenario may read', () => {
  it('refuses a CSV outside the scenario folder, without reading or quoting it', () => {
    const { file } = layout('../elsewhere/notes.txt');
    const message = rejection(() => loadScenarioFile(file));
    expect(message).toContain(
      'callTypes[0].arrivals.csv: cannot read the CSV forecast "../elsewhere/notes.txt": it is outside the scenario\'s folder',
    );
    expect(message).toContain('--allow-read');
    expect(message).not.toContain(SECRET);
  });

  it('refuses system files named by absolute path', () => {
    for (const path of ['/etc/passwd', '/proc/self/environ']) {
      const { file } = layout(path);
      const message = rejection(() => loadScenarioFile(file));
      expect(message).toContain('is outside the scenario');
      expect(message).not.toMatch(/root:|PATH=|HOME=/);
    }
  });

  it('refuses a symbolic link that leads out of the folder', () => {
    const { file, root } = layout('link.csv');
    symlinkSync(join(root, 'elsewhere', 'secret.csv'), join(root, 'scenario', 'link.csv'));
    const message = rejection(() => loadScenarioFile(file));
    expect(message).toContain('"link.csv": it is a link to a file outside the scenario\'s folder');
    expect(message).not.toContain(SECRET);
  });

  it('reads from a folder the user allows', () => {
    const { file, root } = layout('../elsewhere/secret.csv');
    const options: LoadOptions = { allowRead: [join(root, 'elsewhere')] };
    // The allowed file is read (and its comment row rejected, quoting no more than an excerpt).
    const message = rejection(() => loadScenarioFile(file, options));
    expect(message).toMatch(
      /secret\.csv:4:1: expected the start of an interval .* got "# TOP-SECRET-VALUE-4711"/,
    );
    writeFileSync(join(root, 'elsewhere', 'secret.csv'), 'interval,sales\n08:00,1\n08:30,2\n');
    expect(loadScenarioFile(file, options).scenario.callTypes[0].arrivals?.perInterval).toEqual([1, 2]);
  });

  it('quotes at most a short excerpt of a cell, with control characters escaped', () => {
    const { file, root } = layout('forecast.csv');
    const long = `\u001b[31m${'x'.repeat(5000)}`;
    writeFileSync(join(root, 'scenario', 'forecast.csv'), `interval,sales\n08:00,${long}\n08:30,2\n`);
    const message = rejection(() => loadScenarioFile(file));
    expect(message).not.toContain('\u001b');
    expect(message).toContain('got "\\u001b[31mxxxx');
    expect(message.length).toBeLessThan(600);
  });
});

describe('files that are not small regular text files', () => {
  it('refuses a FIFO, a device and a folder as a CSV, without waiting on them', () => {
    const { file, root } = layout('pipe.csv');
    execFileSync('mkfifo', [join(root, 'scenario', 'pipe.csv')]);
    expect(rejection(() => loadScenarioFile(file))).toContain(
      'cannot read the CSV forecast "pipe.csv": it is not a regular file',
    );
    symlinkSync('/dev/zero', join(root, 'scenario', 'zero.csv'));
    const zero = join(root, 'scenario', 'zero.yaml');
    writeFileSync(zero, scenarioText('zero.csv'));
    expect(rejection(() => loadScenarioFile(zero, { allowRead: ['/dev'] }))).toContain(
      'cannot read the CSV forecast "zero.csv": it is not a regular file',
    );
    mkdirSync(join(root, 'scenario', 'folder.csv'));
    const folder = join(root, 'scenario', 'folder.yaml');
    writeFileSync(folder, scenarioText('folder.csv'));
    expect(rejection(() => loadScenarioFile(folder))).toContain('it is a folder, not a file');
  });

  it('refuses a FIFO or a device as the scenario', () => {
    const root = mkdtempSync(join(tmpdir(), 'ccsim-safety-'));
    execFileSync('mkfifo', [join(root, 'pipe.yaml')]);
    expect(rejection(() => loadScenarioFile(join(root, 'pipe.yaml')))).toBe(
      `${join(root, 'pipe.yaml')}: cannot read the scenario file: it is not a regular file (a device, pipe or socket)`,
    );
    expect(rejection(() => loadScenarioFile('/dev/zero'))).toContain('it is not a regular file');
  });

  it('refuses files above the size limits before reading them', () => {
    const { file, root } = layout('big.csv');
    // Sparse files: their size is checked, their content never read.
    writeFileSync(join(root, 'scenario', 'big.csv'), '');
    truncateSync(join(root, 'scenario', 'big.csv'), MAX_CSV_BYTES + 1);
    expect(rejection(() => loadScenarioFile(file))).toContain(
      'cannot read the CSV forecast "big.csv": it is 16 MiB, above the limit of 16 MiB',
    );
    const big = join(root, 'big.yaml');
    writeFileSync(big, '');
    truncateSync(big, MAX_SCENARIO_BYTES * 2);
    expect(rejection(() => loadScenarioFile(big))).toBe(
      `${big}: cannot read the scenario file: it is 8 MiB, above the limit of 4 MiB`,
    );
  });

  it('refuses a scenario of more entries than the limit before parsing it', () => {
    const volumes = Array.from({ length: MAX_SCENARIO_ENTRIES + 1 }, () => 1).join(',');
    expect(
      rejection(() =>
        parseScenarioText(
          scenarioText('x.csv').replace('{ csv: "x.csv" }', `{ perInterval: [${volumes}] }`),
          'long.yaml',
        ),
      ),
    ).toBe(
      'long.yaml: the scenario has more than 100,000 lines and list entries, the limit: give long series of volumes as a CSV forecast (arrivals: { csv: … })',
    );
  });

  it('refuses binary and UTF-16 files without quoting them', () => {
    const { file, root } = layout('forecast.csv');
    writeFileSync(join(root, 'scenario', 'forecast.csv'), Buffer.from([0x69, 0x6e, 0, 0, 0x53, 0x45]));
    expect(rejection(() => loadScenarioFile(file))).toContain('it is not a text file');
    writeFileSync(join(root, 'scenario', 'forecast.csv'), Buffer.from('\uFEFFinterval,sales\n', 'utf16le'));
    expect(rejection(() => loadScenarioFile(file))).toContain('it is UTF-16 text: save it as UTF-8');
  });
});

describe('hostile YAML', () => {
  it('reports an alias bomb as a scenario error', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const p = String.fromCharCode(96 + i);
      const c = String.fromCharCode(97 + i);
      levels.push(`${c}: &${c} [${Array(9).fill(`*${p}`).join(',')}]`);
    }
    expect(rejection(() => parseScenarioText(levels.join('\n'), 'bomb.yaml'))).toMatch(
      /^bomb\.yaml: not valid YAML\/JSON: its aliases \(\*name\) expand to too much data/,
    );
  });

  it('reports an undefined alias with its position', () => {
    expect(rejection(() => parseScenarioText('name: x\nhorizon: *later\n', 'alias.yaml'))).toBe(
      'alias.yaml:2:10: not valid YAML/JSON: the alias *later names no anchor (&later) set before it',
    );
  });

  it('reports a duplicate key with both lines', () => {
    expect(rejection(() => parseScenarioText('name: a\nhorizon: 1h\nname: b\n', 'dup.yaml'))).toBe(
      'dup.yaml:3:1: not valid YAML/JSON: the key "name" appears twice in this mapping (first on line 1)',
    );
  });

  it('reports 20,000 unknown fields, each with its line and hint, in time linear in the file', () => {
    const fields = Array.from({ length: 20000 }, (_, i) => `    unknownField${i}: 1`).join('\n');
    const text = `name: x
horizon: 8h
callTypes:
  - name: sales
    arrivals: { ratePerHour: 100 }
    handleTime: { dist: exponential, mean: 240s }
${fields}
    handelTime: 3
agentGroups:
  - { name: team, agents: 5, skills: [sales] }
`;
    const lines = rejection(() => parseScenarioText(text, 'many.yaml')).split('\n');
    expect(lines).toHaveLength(20001);
    expect(lines[19999]).toBe(
      'many.yaml:20006:5: callTypes[0].unknownField19999: unknown field "unknownField19999"',
    );
    expect(lines[20000]).toBe(
      'many.yaml:20007:5: callTypes[0].handelTime: unknown field "handelTime" (did you mean "handleTime"?)',
    );
  });
});
