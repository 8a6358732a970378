/**
 * calibrate's choice between an answer delay and after-call work, on traces whose truth is known:
 * a scenario with after-call work must be calibrated with after-call work; the bank's log keeps
 * the answer delay (its bundled scenario).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCallLog } from '../../src/data/read-call-log.js';
import { parseDays } from '../../src/data/day-filter.js';
import { TRACE_HEADER, simulateTracedReplication } from '../../src/model/call-trace.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { calibrateChoosingServiceModel } from '../../src/planning/calibrate-choice.js';

const dir = mkdtempSync(join(tmpdir(), 'ccsim-choice-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('what holds agents between calls', () => {
  it('finds after-call work in the trace of a scenario that has it', async () => {
    const model = modelFromText(
      `
name: with after-call work
seed: 9
start: "09:00"
horizon: 6h
interval: 1h
callTypes:
  - name: service
    arrivals: { ratePerHour: 150 }
    handleTime: { dist: lognormal, mean: 180s, cv: 0.8 }
    acw: { dist: lognormal, mean: 60s, cv: 0.5 }
    patience: { dist: exponential, mean: 240s }
agentGroups:
  - { name: team, agents: 11, skills: [service] }
`,
      'acw.yaml',
    );
    let csv = TRACE_HEADER;
    for (let r = 0; r < 10; r++) csv += simulateTracedReplication(model, r).trace?.csv ?? '';
    const file = join(dir, 'acw.csv');
    writeFileSync(file, csv);
    const log = readCallLog(file, 'data/mappings/ccsim-trace.yaml');
    const choice = await calibrateChoosingServiceModel(
      log.records,
      { intervalSeconds: 3600 },
      join(dir, 's.yaml'),
    );
    expect(choice.candidates.map((c) => c.model).sort()).toEqual(['afterCallWork', 'answerDelay']);
    expect(choice.chosen).toBe('afterCallWork');
    const types = choice.calibration.scenario.callTypes as { acw?: unknown; answerDelay?: unknown }[];
    expect(types[0].acw).toBeDefined();
    expect(types[0].answerDelay).toBeUndefined();
  }, 120_000);

  it("keeps the answer delay for the bank's weekdays", async () => {
    const log = readCallLog(
      'data/anonymous-bank/calls-1999-02-01-to-14.tsv',
      'data/mappings/anonymous-bank.yaml',
      {
        weekdays: parseDays('sun-thu'),
      },
    );
    const choice = await calibrateChoosingServiceModel(
      log.records,
      { intervalSeconds: 3600 },
      join(dir, 'b.yaml'),
    );
    expect(choice.chosen).toBe('answerDelay');
    const [delay, acw] = ['answerDelay', 'afterCallWork'].map((m) =>
      choice.candidates.find((c) => c.model === m),
    );
    expect(delay!.score).toBeLessThan(acw!.score);
  }, 120_000);
});
