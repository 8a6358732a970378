/**
 * CSVs carry rounded numbers (6 significant digits, whole units kept, money
 * to the cent), not 16-digit floats; the JSON keeps every digit.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compare } from '../../src/experiment/compare.js';
import type { RunResult } from '../../src/experiment/run-result.js';
import { simulate } from '../../src/experiment/simulate.js';
import { sweep } from '../../src/experiment/sweep.js';
import { modelFromText } from '../../src/model/scenario/index.js';
import { compareCsv } from '../../src/report/compare-report.js';
import { csvNumber, kpiCsv } from '../../src/report/kpi-csv.js';
import { sweepCsv } from '../../src/report/sweep-csv.js';

const CENTER = (agents: number) => `name: csv test
seed: 4
warmup: 10m
horizon: 2h
interval: 30m
callTypes:
  - name: sales
    arrivals: { ratePerHour: 300 }
    handleTime: { dist: exponential, mean: 240s }
    patience: { dist: exponential, mean: 3m }
agentGroups:
  - { name: team, agents: ${agents}, skills: [sales], costPerHour: 23.37 }
`;

/** Every number cell of a CSV (header skipped). */
function numbers(csv: string): number[] {
  return csv
    .trim()
    .split('\n')
    .slice(1)
    .flatMap((line) => line.split(','))
    .filter((cell) => /^-?[\d.]+(e[+-]?\d+)?$/.test(cell))
    .map(Number);
}

/** Significant digits written, leading and trailing zeros aside. */
function significant(value: number): number {
  const digits = String(value).split('e')[0].replace(/[-.]/g, '').replace(/^0+/, '');
  return digits.replace(/0+$/, '').length;
}

function expectRounded(csv: string): void {
  const values = numbers(csv);
  expect(values.length).toBeGreaterThan(20);
  for (const v of values) {
    const whole = Math.max(0, Math.floor(Math.log10(Math.abs(v) || 1)) + 1);
    expect(significant(v), String(v)).toBeLessThanOrEqual(Math.max(6, whole + 2));
  }
  expect(csv).not.toMatch(/\d\.\d{9,}/);
}

describe('csvNumber', () => {
  it('keeps 6 significant digits, whole units and cents', () => {
    expect(csvNumber(0.8741234567890123)).toBe(0.874123);
    expect(csvNumber(17.465512345678, 'seconds')).toBe(17.4655);
    expect(csvNumber(1234567.5, 'calls')).toBe(1234568);
    expect(csvNumber(43600.5612345, 'cost')).toBe(43600.56);
    expect(csvNumber(4.791234, 'cost')).toBe(4.79123);
    expect(csvNumber(1.6190123456e-276)).toBe(1.61901e-276);
    expect(csvNumber(0)).toBe(0);
    expect(csvNumber(null)).toBeNull();
    expect(csvNumber(undefined)).toBeNull();
  });
});

describe('report CSVs', () => {
  let result: RunResult;
  beforeAll(async () => {
    result = await simulate(modelFromText(CENTER(22)), { replications: 3, seed: 4, threads: 1 });
  });

  it('kpis.csv: rounded, and within rounding of result.json', () => {
    const csv = kpiCsv(result);
    expectRounded(csv);
    const header = csv.split('\n')[0].split(',');
    const all = csv.split('\n')[1].split(',');
    for (const kpi of ['serviceLevel', 'asa', 'occupancy', 'cost']) {
      const exact = result.total[kpi]?.mean ?? Number.NaN;
      const written = Number(all[header.indexOf(kpi)]);
      expect(Math.abs(written - exact), kpi).toBeLessThanOrEqual(Math.abs(exact) * 1e-5 + 0.005);
    }
  });

  it('sweep.csv and compare.csv: rounded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-csv-'));
    const file = join(dir, 'center.yaml');
    writeFileSync(file, CENTER(22));
    const grid = await sweep(file, [{ path: 'agentGroups.team.agents', values: [21, 23] }], {
      replications: 2,
      threads: 1,
    });
    expectRounded(sweepCsv(grid));
    const diff = await compare([modelFromText(CENTER(22)), modelFromText(CENTER(24))], {
      replications: 3,
      threads: 1,
    });
    expectRounded(compareCsv(diff));
  });
});
