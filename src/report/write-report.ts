/**
 * Writes a run's report folder. Each file is written to a temporary name
 * and renamed into place, so an interrupted write never leaves a
 * half-written file behind.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '../experiment/run-result.js';
import type { SweepSummary } from '../experiment/sweep.js';
import { kpiCsv } from './kpi-csv.js';
import { sweepCsv } from './sweep-csv.js';

export interface ReportFiles {
  readonly directory: string;
  readonly files: readonly string[];
}

/** A folder name from a scenario name: `Two-queue inbound center` → `two-queue-inbound-center`. */
export function slug(name: string): string {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'scenario' : s;
}

export function writeRunReport(result: RunResult, directory: string): ReportFiles {
  return writeFiles(directory, [
    ['result.json', `${JSON.stringify(result, null, 2)}\n`],
    ['kpis.csv', kpiCsv(result)],
  ]);
}

export function writeSweepReport(result: SweepSummary, directory: string): ReportFiles {
  return writeFiles(directory, [
    ['sweep.json', `${JSON.stringify(result, null, 2)}\n`],
    ['sweep.csv', sweepCsv(result)],
  ]);
}

function writeFiles(directory: string, contents: ReadonlyArray<readonly [string, string]>): ReportFiles {
  mkdirSync(directory, { recursive: true });
  const files: string[] = [];
  for (const [name, text] of contents) {
    const path = join(directory, name);
    const temporary = `${path}.${process.pid}.tmp`;
    writeFileSync(temporary, text);
    renameSync(temporary, path);
    files.push(path);
  }
  return { directory, files };
}
