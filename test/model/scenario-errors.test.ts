/**
 * Bad scenarios: one line per problem, naming the file, the line, the field
 * path and what was expected.
 */
import { describe, expect, it } from 'vitest';
import { parseScenarioText, ScenarioError } from '../../src/model/scenario/index.js';

const GOOD = `name: ok
horizon: 8h
callTypes:
  - name: sales
    arrivals: { ratePerHour: 100 }
    handleTime: { dist: exponential, mean: 240s }
agentGroups:
  - name: team
    agents: 5
    skills: [sales]
`;

function problems(text: string): string[] {
  try {
    parseScenarioText(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('scenario validation', () => {
  it('accepts a good scenario and fills defaults', () => {
    const { scenario } = parseScenarioText(GOOD, 'good.yaml');
    expect(scenario.warmup).toBe(0);
    expect(scenario.interval).toBe(1800);
    expect(scenario.serviceLevel.threshold).toBe(20);
    expect(scenario.horizon).toBe(8 * 3600);
  });

  it('accepts the same scenario written as JSON', () => {
    const json = JSON.stringify({
      horizon: '8h',
      callTypes: [
        { name: 'sales', arrivals: { ratePerHour: 100 }, handleTime: { dist: 'exponential', mean: 240 } },
      ],
      agentGroups: [{ name: 'team', agents: 5, skills: ['sales'] }],
    });
    expect(parseScenarioText(json, 'good.json').scenario.callTypes[0].handleTime).toEqual({
      dist: 'exponential',
      mean: 240,
    });
  });

  it('names the file, line, field path and expectation of a negative mean', () => {
    const lines = problems(GOOD.replace('mean: 240s', 'mean: -3'));
    expect(lines).toEqual([
      'bad.yaml:6:44: callTypes[0].handleTime.mean: expected a positive duration, got -3',
    ]);
  });

  it('rejects an unknown field and suggests the likely one', () => {
    const lines = problems(GOOD.replace('    agents: 5', '    agnets: 5'));
    expect(
      lines.some((l) => l.includes('agentGroups[0].agnets: unknown field "agnets" (did you mean "agents"?)')),
    ).toBe(true);
    expect(
      lines.some((l) =>
        l.includes('agentGroups[0]: expected exactly one of agents, perInterval or shifts, got none'),
      ),
    ).toBe(true);
  });

  it('calls a field known elsewhere in the format misplaced, never "did you mean" itself', () => {
    const lines = problems(`${GOOD}shifts: []\n`);
    expect(lines).toContainEqual(
      'bad.yaml:11:1: shifts: unknown field "shifts" here ("shifts" is a field elsewhere in the format: is it indented at the wrong level?)',
    );
    expect(lines.join('\n')).not.toContain('did you mean "shifts"');
  });

  it('rejects a wrong type', () => {
    const [line] = problems(GOOD.replace('agents: 5', 'agents: five'));
    expect(line).toMatch(/^bad\.yaml:9:\d+: agentGroups\[0\]\.agents: expected .*got "five"$/);
  });

  it('rejects a negative rate', () => {
    const [line] = problems(GOOD.replace('ratePerHour: 100', 'ratePerHour: -100'));
    expect(line).toContain('callTypes[0].arrivals.ratePerHour: expected calls per hour ≥ 0, got -100');
  });

  it('rejects a skill naming no call type and suggests the closest', () => {
    const [line] = problems(GOOD.replace('skills: [sales]', 'skills: [sales, salse]'));
    expect(line).toContain('agentGroups[0].skills[1]: names no call type: "salse"');
    expect(line).toContain('did you mean "sales"?');
  });

  it('rejects an unknown distribution and a mistyped duration', () => {
    const lines = problems(
      GOOD.replace('dist: exponential', 'dist: expo').replace('horizon: 8h', 'horizon: 8 hours'),
    );
    expect(lines.some((l) => l.includes('horizon: expected a duration'))).toBe(true);
    expect(
      lines.some((l) => l.includes('callTypes[0].handleTime.dist: expected dist to be one of exponential')),
    ).toBe(true);
  });

  it('reports every problem at once, one per line', () => {
    const lines = problems(
      GOOD.replace('agents: 5', 'agents: -1').replace('ratePerHour: 100', 'ratePerHour: -1'),
    );
    expect(lines).toHaveLength(2);
  });

  it('rejects duplicate names and a call type nobody serves', () => {
    const text = GOOD + `  - name: team\n    agents: 1\n    skills: [sales]\n`;
    expect(problems(text)[0]).toContain('agentGroups[1].name: duplicate agent group name "team"');
    const unserved = GOOD.replace(
      'agentGroups:',
      `  - name: other\n    arrivals: { ratePerHour: 5 }\n    handleTime: { dist: exponential, mean: 60 }\nagentGroups:`,
    );
    expect(problems(unserved)[0]).toContain('callTypes[1]: no agent group has the skill "other"');
  });

  it('reports invalid YAML with its position', () => {
    const [line] = problems('horizon: [8h\n');
    expect(line).toMatch(/^bad\.yaml:\d+:\d+: not valid YAML\/JSON/);
  });
});
