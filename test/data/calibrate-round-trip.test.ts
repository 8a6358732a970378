/**
 * Calibration checked on data whose truth is known: a ccsim trace of a known scenario, read back
 * through the shipped trace mapping, calibrated; the fitted numbers must hold the truth inside
 * their 95% intervals (arrivals, handle time, exponential patience), and staffing must come out
 * near the agents on duty.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrate } from '../../src/data/calibrate/calibrate.js';
import { readCallLog } from '../../src/data/read-call-log.js';
import { TRACE_HEADER, simulateTracedReplication } from '../../src/model/call-trace.js';
import { modelFromText } from '../../src/model/scenario/index.js';

const dir = mkdtempSync(join(tmpdir(), 'ccsim-roundtrip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Eight hours from 09:00, a busy queue (occupancy near 90%, so agents are rarely idle long enough
// to look absent): 120 calls an hour, 4-minute lognormal talks, 9 agents, exponential patience.
const TRUE = { perHour: 120, handleMean: 240, handleCv: 1, patienceMean: 300, agents: 9, days: 30 };
const scenario = `
name: truth
seed: 5
start: "09:00"
horizon: 8h
interval: 1h
callTypes:
  - name: sales
    arrivals: { ratePerHour: ${TRUE.perHour} }
    handleTime: { dist: lognormal, mean: ${TRUE.handleMean}s, cv: ${TRUE.handleCv} }
    patience: { dist: exponential, mean: ${TRUE.patienceMean}s }
agentGroups:
  - { name: team, agents: ${TRUE.agents}, skills: [sales] }
`;

function traceFile(): string {
  const model = modelFromText(scenario, 'truth.yaml');
  let csv = TRACE_HEADER;
  for (let r = 0; r < TRUE.days; r++) {
    const summary = simulateTracedReplication(model, r);
    csv += summary.trace?.csv ?? '';
  }
  const file = join(dir, 'calls.csv');
  writeFileSync(file, csv);
  return file;
}

describe('calibrate recovers a known scenario from its own trace', () => {
  const log = readCallLog(traceFile(), 'data/mappings/ccsim-trace.yaml');
  const cal = calibrate(log.records, { intervalSeconds: 3600 });
  const r = cal.report;
  const sales = r.classes.find((c) => c.name === 'sales');

  it('finds the days, the window and one queued call type', () => {
    expect(r.dates).toHaveLength(TRUE.days);
    expect(r.window).toEqual({ from: '09:00', to: '17:00', intervalSeconds: 3600 });
    expect(r.classes.map((c) => c.name)).toEqual(['sales']);
    expect(sales?.direct).toBe(false);
  });

  it('recovers the arrival rate within its interval', () => {
    const day = sales!.offeredPerDay;
    expect(day.lo).toBeLessThanOrEqual(TRUE.perHour * 8);
    expect(day.hi).toBeGreaterThanOrEqual(TRUE.perHour * 8);
    // No day factor in the truth: the measured over-dispersion is small.
    expect(sales!.uncertainty.lo).toBeLessThan(0.05);
  });

  it('recovers the mean handle time within its interval, with a lognormal-like law', () => {
    const mean = sales!.handleTime.fit.mean;
    expect(mean.lo).toBeLessThanOrEqual(TRUE.handleMean);
    expect(mean.hi).toBeGreaterThanOrEqual(TRUE.handleMean);
    expect(sales!.handleTime.fit.n).toBeGreaterThan(TRUE.days * 800);
  });

  it('recovers exponential patience from censored waits: abandons ÷ time waited, truth inside its interval', () => {
    const fit = sales!.patience!.fit;
    const exp = fit.exponential!;
    expect(exp.mean.lo).toBeLessThanOrEqual(TRUE.patienceMean);
    expect(exp.mean.hi).toBeGreaterThanOrEqual(TRUE.patienceMean);
    expect(exp.mean.value).toBeCloseTo(fit.totalWait / fit.abandons, 9);
  });

  it('infers the agents on duty from their activity within half an agent', () => {
    for (const iv of r.staffing.intervals) {
      expect(Math.abs(iv.agents - TRUE.agents)).toBeLessThan(0.5);
    }
  });

  it('finds no answer delay when there is none (a free agent answers at once)', () => {
    expect(r.answerDelay).toBeNull();
  });

  it('writes a scenario ccsim accepts, whose simulation gives back the truth', () => {
    const model = modelFromText(JSON.stringify(cal.scenario), join(dir, 'calibrated.json'));
    expect(model.callTypes.map((c) => c.name)).toEqual(['sales']);
    expect(
      model.agentGroups[0].schedule.counts.every(
        (n) => n === TRUE.agents || n === TRUE.agents - 1 || n === TRUE.agents + 1,
      ),
    ).toBe(true);
  });
});
