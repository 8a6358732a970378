/**
 * Forecasts from CSV files: a column `interval` of clock times ("08:00")
 * and one column of volumes per call type or entry point (named after it,
 * or chosen with `column`). Read when the scenario is loaded and turned into
 * per-interval volumes, so the model never touches files.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { formatClockTime, parseClockTime } from './units.js';

export interface CsvForecastProblem {
  /** The CSV file (as resolved), or undefined for a problem with the scenario's field itself. */
  readonly file?: string;
  readonly line?: number;
  readonly message: string;
}

/** Splits one CSV line (RFC 4180 quotes). */
function splitLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}

/**
 * Volumes per interval of the horizon from `csvPath` (relative to the
 * scenario file), or the problems that prevent it.
 */
export function readCsvForecast(
  scenarioFile: string,
  csvPath: string,
  column: string,
  intervalStarts: readonly number[],
): { volumes: number[] } | { problems: CsvForecastProblem[] } {
  const file = resolve(dirname(scenarioFile), csvPath);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { problems: [{ message: `cannot read the CSV forecast "${csvPath}" (looked for ${file})` }] };
  }
  const lines = text.split(/\r?\n/);
  const header = splitLine(lines[0] ?? '');
  const timeColumn = header.indexOf('interval');
  const valueColumn = header.indexOf(column);
  const problems: CsvForecastProblem[] = [];
  if (timeColumn < 0)
    problems.push({ file, line: 1, message: 'expected a column named "interval" (clock times)' });
  if (valueColumn < 0) {
    problems.push({
      file,
      line: 1,
      message: `expected a column named "${column}"; columns are ${header.map((h) => `"${h}"`).join(', ')}`,
    });
  }
  if (problems.length > 0) return { problems };
  const byStart = new Map<number, number>();
  lines.slice(1).forEach((raw, k) => {
    if (raw.trim() === '') return;
    const line = k + 2;
    const cells = splitLine(raw);
    const start = parseClockTime(cells[timeColumn] ?? '');
    const volume = Number(cells[valueColumn]);
    if (start === undefined) {
      problems.push({
        file,
        line,
        message: `expected a clock time "HH:MM" in column "interval", got "${cells[timeColumn] ?? ''}"`,
      });
    } else if (!(cells[valueColumn] !== '' && Number.isFinite(volume) && volume >= 0)) {
      problems.push({
        file,
        line,
        message: `expected a volume ≥ 0 in column "${column}", got "${cells[valueColumn] ?? ''}"`,
      });
    } else {
      byStart.set(start, volume);
    }
  });
  const volumes: number[] = [];
  for (const start of intervalStarts) {
    const v = byStart.get(start);
    if (v === undefined)
      problems.push({ file, message: `no row for the interval starting at ${formatClockTime(start)}` });
    else volumes.push(v);
  }
  return problems.length > 0 ? { problems } : { volumes };
}
