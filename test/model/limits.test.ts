/**
 * Absurd and hostile numbers and names: each is refused at validation with
 * the path of the field to change (never a crash, a hang or a NaN inside the
 * run), or runs correctly.
 */
import { describe, expect, it } from 'vitest';
import { simulateReplication } from '../../src/model/engine/replication.js';
import { Field, FIELD_COUNT } from '../../src/model/kpis.js';
import {
  compileScenario,
  modelFromText,
  parseScenarioText,
  ScenarioError,
  validateScenarioInput,
} from '../../src/model/scenario/index.js';

const BASE = `name: base
horizon: 4h
interval: 30m
callTypes:
  - name: sales
    arrivals: { ratePerHour: 100 }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 120s }
agentGroups:
  - name: team
    agents: 8
    skills: [sales]
`;

/** The problems of a refused scenario, one line each; fails if it is accepted. */
function refusal(text: string): string {
  try {
    parseScenarioText(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof ScenarioError) return error.message;
    throw error;
  }
  throw new Error('expected the scenario to be refused');
}

/** BASE with one line replaced. */
const edit = (from: string, to: string) => {
  if (!BASE.includes(from)) throw new Error(`BASE has no ${from}`);
  return BASE.replace(from, to);
};
const withCallTypeLines = (lines: string) => edit('    patience: { dist: exponential, mean: 120s }', lines);
const withGroupLines = (lines: string) => edit('    agents: 8', lines);

describe('refused at validation, with the field path', () => {
  const cases: Array<[string, string, string]> = [
    ['agents: 1e12', withGroupLines('    agents: 1e12'), 'agentGroups[0].agents'],
    [
      'agents: 1e9 in a shift',
      withGroupLines('    shifts: [{ start: "00:00", length: 4h, count: 1e9 }]'),
      'agentGroups[0].shifts[0].count',
    ],
    [
      'shifts adding up to more agents than a group may have',
      withGroupLines(`    shifts:\n${'      - { start: "00:00", length: 4h, count: 60000 }\n'.repeat(2)}`),
      'agentGroups[0].shifts',
    ],
    ['a rate of 1e12 calls an hour', edit('ratePerHour: 100', 'ratePerHour: 1e12'), 'callTypes[0].arrivals'],
    ['a rate of 1e308', edit('ratePerHour: 100', 'ratePerHour: 1e308'), 'callTypes[0].arrivals'],
    ['a rate of 2^53 + 1', edit('ratePerHour: 100', `ratePerHour: ${2 ** 53 + 1}`), 'callTypes[0].arrivals'],
    [
      'a volume of 1e308 in perInterval',
      edit('ratePerHour: 100', `perInterval: [1e308, ${'10, '.repeat(6)}10]`),
      'callTypes[0].arrivals',
    ],
    [
      'a surge factor of 1e308',
      edit(
        '{ ratePerHour: 100 }',
        '{ ratePerHour: 100, surges: [{ from: "01:00", to: "02:00", factor: 1e308 }] }',
      ),
      'callTypes[0].arrivals',
    ],
    ['interval: 1ms', edit('interval: 30m', 'interval: 1ms'), 'interval'],
    [
      'a 1-second interval over 30 days',
      edit('horizon: 4h\ninterval: 30m', 'horizon: 30d\ninterval: 1s'),
      'interval',
    ],
    ['a horizon of 1e9 s (default intervals)', edit('horizon: 4h\ninterval: 30m', 'horizon: 1e9'), 'horizon'],
    ['a horizon of 1e10 s', edit('horizon: 4h\ninterval: 30m', 'horizon: 1e10\ninterval: 1d'), 'horizon'],
    ['a warm-up of 1e10 s', edit('horizon: 4h', 'horizon: 4h\nwarmup: 1e10'), 'warmup'],
    [
      'a warm-up of 1e9 s at a million calls an hour',
      edit('horizon: 4h', 'horizon: 4h\nwarmup: 1e9').replace('ratePerHour: 100', 'ratePerHour: 1e6'),
      'callTypes[0].arrivals',
    ],
    ['a warm-up of 400 digits', edit('horizon: 4h', `horizon: 4h\nwarmup: "${'9'.repeat(400)}s"`), 'warmup'],
    [
      'a threshold of 400 digits',
      edit('horizon: 4h', `horizon: 4h\nserviceLevel: { threshold: "${'9'.repeat(400)}s" }`),
      'serviceLevel.threshold',
    ],
    [
      'chat concurrency 1e9',
      withGroupLines('    agents: 8\n    concurrency: 1e9'),
      'agentGroups[0].concurrency',
    ],
    [
      'lognormal cv 1e200',
      edit('{ dist: exponential, mean: 240s }', '{ dist: lognormal, mean: 240s, cv: 1e200 }'),
      'callTypes[0].handleTime.cv',
    ],
    [
      'gamma cv 1e-300',
      edit('{ dist: exponential, mean: 240s }', '{ dist: gamma, mean: 240s, cv: 1e-300 }'),
      'callTypes[0].handleTime.cv',
    ],
    [
      'erlang with 1e9 phases',
      edit('{ dist: exponential, mean: 240s }', '{ dist: erlang, mean: 240s, k: 1e9 }'),
      'callTypes[0].handleTime.k',
    ],
    [
      'forecast uncertainty cv 1e-300',
      edit('{ ratePerHour: 100 }', '{ ratePerHour: 100, uncertainty: { cv: 1e-300 } }'),
      'callTypes[0].arrivals.uncertainty.cv',
    ],
    [
      'redials with p = 1, delay 0 and 1e9 attempts',
      withCallTypeLines(
        '    patience: { dist: exponential, mean: 120s }\n    redial: { probability: 1, delay: { dist: deterministic, value: 0 }, maxAttempts: 1e9 }',
      ),
      'callTypes[0].redial.maxAttempts',
    ],
    [
      'zero handle time with zero-delay callbacks that never resolve',
      edit(
        '    handleTime: { dist: exponential, mean: 240s }',
        '    handleTime: { dist: deterministic, value: 0 }\n    fcr: 0\n    callbackDelay: { dist: deterministic, value: 0 }',
      ),
      'callTypes[0].fcr',
    ],
    [
      'random outages every millisecond',
      `${BASE}outages:\n  - { site: main, mtbf: { dist: deterministic, value: 1ms }, mttr: { dist: deterministic, value: 1ms } }\n`,
      'outages[0].mtbf',
    ],
    [
      'random outages with mtbf and mttr of 0',
      `${BASE}outages:\n  - { site: main, mtbf: { dist: deterministic, value: 0 }, mttr: { dist: deterministic, value: 0 } }\n`,
      'outages[0].mtbf',
    ],
    [
      'an outage after the horizon',
      `${BASE}outages:\n  - { site: main, at: "09:00", duration: 1h }\n`,
      'outages[0].at',
    ],
    [
      'a cost per agent hour of 1e308',
      withGroupLines('    agents: 8\n    costPerHour: 1e308'),
      'agentGroups[0].costPerHour',
    ],
    [
      'a cost per line hour of 1e308',
      `${BASE}sites: [{ name: main, lines: 20, costPerLineHour: 1e308 }]\n`,
      'sites[0].costPerLineHour',
    ],
    ['1e12 lines', `${BASE}sites: [{ name: main, lines: 1e12 }]\n`, 'sites[0].lines'],
    ['1e9 replications', edit('horizon: 4h', 'horizon: 4h\nreplications: 1e9'), 'replications'],
    [
      'an entry point into an IVR node called __proto__ (a key JavaScript objects drop)',
      `${BASE}entryPoints: [{ name: main, ivr: __proto__, arrivals: { ratePerHour: 10 } }]\nivr:\n  __proto__: { duration: { dist: deterministic, value: 5 }, next: [{ p: 1, to: hangup }] }\n`,
      'entryPoints[0].ivr',
    ],
  ];
  it.each(cases)('%s', (_, text, path) => {
    const message = refusal(text);
    expect(message).toContain(`bad.yaml:`);
    expect(message).toContain(` ${path}: `);
    expect(message).not.toMatch(/internal|TypeError|RangeError|NaN|Infinity|null/);
  });
});

/** Runs one replication; every tally finite (the recovery time and wait percentiles may be NaN: not applicable). */
function runsCleanly(text: string): void {
  const model = modelFromText(text, 'ok.yaml');
  const { records } = simulateReplication(model, 0);
  const finite = records.every(
    (x, i) => Number.isFinite(x) || (Number.isNaN(x) && i % FIELD_COUNT >= Field.recovery),
  );
  expect(finite).toBe(true);
}

describe('hostile names and tiny numbers that are valid run correctly', () => {
  const NAMES = ['toString', 'constructor', 'hasOwnProperty', 'valueOf'];

  it.each(NAMES)('a call type, group, site, entry point and IVR node all called %s', (name) => {
    const text = `name: ${name}
horizon: 2h
sites:
  - { name: ${name}, lines: 50 }
  - { name: other }
routing: { policy: shares, shares: { ${name}: 1, other: 1 } }
entryPoints:
  - { name: ${name}, ivr: ${name}, arrivals: { ratePerHour: 60 } }
ivr:
  ${name}:
    duration: { dist: deterministic, value: 10 }
    next: [{ p: 0.5, to: { queue: ${name} } }, { p: 0.5, to: menu }]
  menu:
    duration: { dist: deterministic, value: 5 }
    next: [{ p: 1, to: { queue: ${name} } }]
callTypes:
  - name: ${name}
    arrivals: { ratePerHour: 60 }
    handleTime: { dist: exponential, mean: 120s }
    tiers: [{ name: ${name}, share: 0.2, priority: 1 }]
    routing: { policy: shares, shares: { other: 1 } }
agentGroups:
  - { name: ${name}, site: ${name}, agents: 4, skills: [{ callType: ${name} }] }
  - { name: helpers, site: other, agents: 2, skills: [${name}] }
outages:
  - { site: ${name}, at: "01:00", duration: 30m, restore: { fraction: 0.5, to: other, after: 5m } }
`;
    runsCleanly(text);
    const model = modelFromText(text, 'ok.yaml');
    expect(model.routing.shares).toEqual([0.5, 0.5]);
    expect(model.callTypes[0].routing.shares).toEqual([0, 1]);
    expect(model.ivrNodes.map((n) => n.name)).toEqual([name, 'menu']);
  });

  it.each(NAMES)('an IVR branch to an unknown node %s is refused with its path, not a TypeError', (name) => {
    const text = `${BASE}entryPoints:\n  - { name: main-number, ivr: menu, arrivals: { ratePerHour: 10 } }\nivr:\n  menu:\n    duration: { dist: deterministic, value: 5 }\n    next: [{ p: 1, to: ${name} }]\n`;
    expect(refusal(text)).toContain('ivr.menu.next[0].to: expected selfService, hangup or an IVR node');
  });

  it.each(NAMES)('a skill, site or share naming an unknown %s is refused with its path', (name) => {
    const text = `${edit('skills: [sales]', `site: ${name}\n    skills: [${name}]`)}routing: { policy: shares, shares: { ${name}: 1 } }\n`;
    const message = refusal(text);
    expect(message).toContain(`agentGroups[0].skills[0]: names no call type: "${name}"`);
    expect(message).toContain(`agentGroups[0].site: names no site: "${name}"`);
    expect(message).toContain(`routing.shares.${name}: names no site: "${name}"`);
  });

  it('denormal volumes and a zero handle time with delayed callbacks', () => {
    runsCleanly(
      edit('ratePerHour: 100', `perInterval: [5e-324, 1e-300, ${'20, '.repeat(5)}20]`).replace(
        '    handleTime: { dist: exponential, mean: 240s }',
        '    handleTime: { dist: deterministic, value: 0 }\n    fcr: 0.5\n    callbackDelay: { dist: deterministic, value: 0 }',
      ),
    );
  });
});

describe('validation grows linearly with the scenario', () => {
  it('lists a dozen of 1,000 call types in a message about an unknown one, not all', () => {
    const types = Array.from(
      { length: 1000 },
      (_, i) =>
        `  - { name: t${i}, arrivals: { ratePerHour: 1 }, handleTime: { dist: exponential, mean: 60 } }`,
    );
    const skills = ['nope', ...Array.from({ length: 1000 }, (_, i) => `t${i}`)];
    const text = `horizon: 1h\ncallTypes:\n${types.join('\n')}\nagentGroups:\n  - { name: g, agents: 5, skills: [${skills.join(', ')}] }\n`;
    const message = refusal(text);
    expect(message).toContain(
      'agentGroups[0].skills[0]: names no call type: "nope"; call types are "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11" and 988 more',
    );
  });

  it('validates and compiles 100,000 call types served by one group', () => {
    const n = 100_000;
    const names = Array.from({ length: n }, (_, i) => `t${i}`);
    const scenario = {
      horizon: '30m',
      callTypes: names.map((name) => ({
        name,
        arrivals: { ratePerHour: 1 },
        handleTime: { dist: 'exponential', mean: 60 },
      })),
      agentGroups: [{ name: 'everyone', agents: 10, skills: names }],
    };
    // The object as parsed (YAML parsing itself, in the yaml library, is linear but slow at this size).
    const loaded = validateScenarioInput(scenario, { file: 'many.yaml', text: '' });
    const model = compileScenario(loaded);
    expect(model.callTypes).toHaveLength(n);
    expect(model.agentGroups[0].routes).toHaveLength(n);
  }, 120_000);
});
