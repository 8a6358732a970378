/**
 * Validation of the whole-center format: cross-field problems (IVR,
 * per-interval lists, channels) and CSV forecasts, each reported with its
 * field path, or with the CSV file and line.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, parseScenarioText, ScenarioError } from '../../src/model/scenario/index.js';

const BASE = `name: center
horizon: 2h
interval: 30m
start: "08:00"
entryPoints:
  - { name: hotline, arrivals: { ratePerHour: 100 }, ivr: welcome }
ivr:
  welcome:
    duration: { dist: exponential, mean: 20s }
    next:
      - { p: 0.3, to: selfService }
      - { p: 0.7, to: menu }
  menu:
    duration: { dist: deterministic, value: 10s }
    next: [{ p: 1, to: { queue: sales } }]
callTypes:
  - { name: sales, handleTime: { dist: exponential, mean: 200s } }
agentGroups:
  - { name: team, agents: 5, skills: [sales] }
`;

function problems(text: string, file = 'center.yaml'): string[] {
  try {
    parseScenarioText(text, file);
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('whole-center validation', () => {
  it('accepts a center with entry points and an IVR tree', () => {
    expect(parseScenarioText(BASE, 'center.yaml').scenario.entryPoints).toHaveLength(1);
  });

  it('rejects IVR branch probabilities that do not add up to 1', () => {
    const [line] = problems(BASE.replace('{ p: 0.3, to: selfService }', '{ p: 0.2, to: selfService }'));
    expect(line).toContain('ivr.welcome.next: expected branch probabilities to add up to 1, got 0.9');
  });

  it('rejects a branch to a missing IVR node, with a suggestion', () => {
    const [line] = problems(BASE.replace('to: menu }', 'to: manu }'));
    expect(line).toContain(
      'ivr.welcome.next[1].to: expected selfService, hangup or an IVR node, got "manu" (did you mean "menu"?)',
    );
  });

  it('rejects an IVR loop', () => {
    const [line] = problems(
      BASE.replace('next: [{ p: 1, to: { queue: sales } }]', 'next: [{ p: 1, to: welcome }]'),
    );
    expect(line).toContain('expected the IVR to have no loops');
  });

  it('rejects an entry point that names no IVR node, and a queue that names no call type', () => {
    expect(problems(BASE.replace('ivr: welcome }', 'ivr: wellcome }'))[0]).toContain(
      'entryPoints[0].ivr: names no IVR node: "wellcome" (did you mean "welcome"?)',
    );
    expect(problems(BASE.replace('{ queue: sales }', '{ queue: sale }'))[0]).toContain(
      'ivr.menu.next[0].to.queue: names no call type: "sale"',
    );
  });

  it('rejects a per-interval list of the wrong length', () => {
    const [line] = problems(BASE.replace('agents: 5,', 'perInterval: [5, 6, 7],'));
    expect(line).toContain(
      'agentGroups[0].perInterval: expected 4 agent counts, one per interval of the horizon, got 3',
    );
  });

  it('rejects two staffing forms at once and none at all', () => {
    expect(problems(BASE.replace('agents: 5,', 'agents: 5, perInterval: [1, 2, 3, 4],'))[0]).toContain(
      'expected exactly one of agents, perInterval or shifts, got agents and perInterval',
    );
  });

  it('rejects patience and redial on e-mail, and due on voice', () => {
    const lines = problems(
      BASE.replace(
        '  - { name: sales, handleTime: { dist: exponential, mean: 200s } }',
        `  - { name: sales, due: 1h, handleTime: { dist: exponential, mean: 200s } }
  - name: mail
    channel: email
    arrivals: { ratePerHour: 10 }
    patience: { dist: exponential, mean: 1h }
    handleTime: { dist: exponential, mean: 5m }`,
      ).replace('skills: [sales]', 'skills: [sales, mail]'),
    );
    expect(
      lines.some((l) => l.includes('callTypes[1].patience: expected no patience: e-mails do not abandon')),
    ).toBe(true);
    expect(lines.some((l) => l.includes('callTypes[0].due: expected due only for e-mail call types'))).toBe(
      true,
    );
  });

  it('rejects a call type that receives no calls and one with fcr < 1 but no callback delay', () => {
    const extra = BASE.replace(
      '  - { name: sales, handleTime: { dist: exponential, mean: 200s } }',
      `  - { name: sales, fcr: 0.8, handleTime: { dist: exponential, mean: 200s } }
  - { name: orphan, handleTime: { dist: exponential, mean: 200s } }`,
    ).replace('skills: [sales]', 'skills: [sales, orphan]');
    const lines = problems(extra);
    expect(lines.some((l) => l.includes('callTypes[0].callbackDelay: missing'))).toBe(true);
    expect(lines.some((l) => l.includes('callTypes[1]: "orphan" receives no calls'))).toBe(true);
  });
});

describe('CSV forecasts', () => {
  function scenarioNextTo(csv: string, arrivals: string): string {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-csv-'));
    writeFileSync(join(dir, 'forecast.csv'), csv);
    const file = join(dir, 'center.yaml');
    writeFileSync(
      file,
      `name: csv
start: "08:00"
horizon: 2h
interval: 30m
callTypes:
  - { name: sales, arrivals: ${arrivals}, handleTime: { dist: exponential, mean: 200s } }
agentGroups:
  - { name: team, agents: 5, skills: [sales] }
`,
    );
    return file;
  }

  it('reads the column named after the call type into per-interval volumes', () => {
    const file = scenarioNextTo(
      'interval,sales\n08:00,120\n08:30,180\n09:00,240\n09:30,200\n',
      '{ csv: forecast.csv }',
    );
    expect(loadScenarioFile(file).scenario.callTypes[0].arrivals?.perInterval).toEqual([120, 180, 240, 200]);
  });

  it('reads a chosen column', () => {
    const file = scenarioNextTo(
      'interval,x,y\n08:00,1,2\n08:30,3,4\n09:00,5,6\n09:30,7,8\n',
      '{ csv: forecast.csv, column: y }',
    );
    expect(loadScenarioFile(file).scenario.callTypes[0].arrivals?.perInterval).toEqual([2, 4, 6, 8]);
  });

  it('names the CSV file and line of a bad value, and a missing interval', () => {
    const file = scenarioNextTo(
      'interval,sales\n08:00,120\n08:30,lots\n09:30,200\n',
      '{ csv: forecast.csv }',
    );
    let message = '';
    try {
      loadScenarioFile(file);
    } catch (error) {
      message = error instanceof Error ? error.message : '';
    }
    expect(message).toContain('forecast.csv:3:7: expected a volume ≥ 0 in column "sales", got "lots"');
    expect(message).toContain('no row for the interval starting at 09:00');
  });

  it('says which file it looked for when the CSV is missing', () => {
    const file = scenarioNextTo('interval,sales\n', '{ csv: missing.csv }');
    expect(() => loadScenarioFile(file)).toThrow(
      /callTypes\[0\]\.arrivals\.csv: cannot read the CSV forecast "missing.csv"/,
    );
  });
});
