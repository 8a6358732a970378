/**
 * Forecasts from CSV files, read when the scenario is loaded and turned into
 * per-interval volumes, so the model never touches files.
 *
 * The format (the README's "CSV forecasts" says the same to the user):
 * - a header line, then one row per interval; cells separated by `,`, `;`
 *   or tabs (whichever the header uses), quoted as in RFC 4180; a UTF-8
 *   byte-order mark and CRLF line ends are fine; blank lines are skipped;
 * - a column `interval` with the start of each interval, a clock time
 *   (`08:00`, `08:00:00`; hours past 24 are later days) or a date and time
 *   (`2026-03-02 08:00`, `2026-03-02T08:00:00`, no time zone: local time);
 *   with dates, the first row's date is the scenario's first day;
 * - one column of volumes (expected calls in the interval, ≥ 0) per call
 *   type or entry point that reads the file, named after it or chosen with
 *   `column`; other columns are ignored (one file may hold several call
 *   types' forecasts, or notes); a decimal comma is read in `;` files;
 * - rows in increasing time order, one per interval, every interval of the
 *   horizon present; rows before or after the horizon are ignored (a file
 *   may cover the whole day), but rows dated after the horizon's last day
 *   are refused (the wrong day would otherwise be simulated silently).
 */
import { excerpt, suggest } from './problems.js';
import { formatClockTime, formatDuration, parseClockTime } from './units.js';

/** A problem in the CSV file, at a line and column when it has one. */
export interface CsvForecastProblem {
  readonly line?: number;
  readonly column?: number;
  readonly message: string;
}

/** The scenario's intervals: `count` of `interval` seconds from `start` (seconds since midnight). */
export interface IntervalGrid {
  readonly start: number;
  readonly interval: number;
  readonly count: number;
}

interface Cell {
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

/** A CSV file read against the scenario's intervals, before any volume column is chosen. */
export interface CsvTable {
  readonly delimiter: string;
  readonly header: readonly Cell[];
  /** Rows of the horizon's intervals, by interval index, in file order. */
  readonly rows: ReadonlyMap<number, readonly Cell[]>;
  /** Problems of the file as a whole: its header, its times, its rows' shapes. */
  readonly problems: readonly CsvForecastProblem[];
}

const SECONDS_PER_DAY = 86400;

/** Reads the rows of a CSV forecast and matches their times to the scenario's intervals. */
export function readCsvTable(text: string, grid: IntervalGrid): CsvTable {
  const delimiter = detectDelimiter(text);
  const { records, unclosed } = parseRecords(text, delimiter);
  const problems: CsvForecastProblem[] = [];
  if (unclosed !== undefined) {
    problems.push({ ...unclosed, message: 'a quoted cell ("…) is not closed: expected a closing "' });
  }
  const nonBlank = records.filter((r) => r.some((c) => c.text !== ''));
  const header = nonBlank[0];
  const rows = new Map<number, Cell[]>();
  if (header === undefined) {
    problems.push({
      message: 'the file is empty: expected a header line with "interval" and a volume column',
    });
    return { delimiter, header: [], rows, problems };
  }
  const times = header.filter((c) => c.text.toLowerCase() === 'interval');
  if (times.length !== 1) {
    const where = times.length === 0 ? header[0] : times[1];
    problems.push({
      line: where.line,
      column: where.column,
      message:
        times.length === 0
          ? `expected a column named "interval" (the start of each interval: 08:00, or 2026-03-02 08:00); the columns are ${listColumns(header)}`
          : `the column "interval" appears twice (columns ${times.map((c) => header.indexOf(c) + 1).join(' and ')}): expected it once`,
    });
    return { delimiter, header, rows, problems };
  }
  const timeColumn = header.indexOf(times[0]);
  new RowTimes(grid, header, timeColumn, delimiter, rows, problems).read(nonBlank.slice(1));
  return { delimiter, header, rows, problems };
}

/** Reads each data row's time and places it on the scenario's intervals, noting what is wrong. */
class RowTimes {
  /** With dates: the day number (days since 1970-01-01) of the first row; null: clock times only. */
  private firstDay: number | null | undefined;
  private firstLine = 0;
  private latest = -Infinity;
  private latestText = '';
  private latestLine = 0;
  private readonly seen = new Map<number, number>();
  /** Interval gaps a row with an unreadable time may fill: their missing intervals are not reported. */
  private readonly explained = new Set<string>();
  private lastPosition = -1;
  private pendingBadTime = false;
  private lateRows = 0;
  private firstLateRow: Cell | undefined;

  constructor(
    private readonly grid: IntervalGrid,
    private readonly header: readonly Cell[],
    private readonly timeColumn: number,
    private readonly delimiter: string,
    private readonly rows: Map<number, Cell[]>,
    private readonly problems: CsvForecastProblem[],
  ) {}

  read(records: readonly Cell[][]): void {
    for (const record of records) this.readRow(record);
    if (this.pendingBadTime) this.explained.add(`${this.lastPosition}/${this.grid.count}`);
    if (this.firstLateRow !== undefined) {
      const lastDay = Math.floor((this.end() - 1) / SECONDS_PER_DAY);
      this.problems.push({
        line: this.firstLateRow.line,
        column: this.firstLateRow.column,
        message:
          `${this.lateRows === 1 ? 'this row is' : `this row and ${this.lateRows - 1} more are`} dated after the horizon's last day, ` +
          `${isoDate((this.firstDay ?? 0) + lastDay)} (the first row's date is the scenario's first day): ` +
          'keep one file per day simulated, or a horizon as long as the file',
      });
    }
    this.reportMissing();
  }

  private end(): number {
    return this.grid.start + this.grid.count * this.grid.interval;
  }

  private readRow(record: readonly Cell[]): void {
    const extra = record.slice(this.header.length).find((c) => c.text !== '');
    if (extra !== undefined) {
      const hint =
        this.delimiter === ','
          ? ': a number written with a thousands separator ("1,234")? Write 1234, or quote the cell'
          : '';
      this.problems.push({
        line: extra.line,
        column: extra.column,
        message: `this row has ${record.length} cells, the header ${this.header.length}${hint}`,
      });
    }
    const cell = record[this.timeColumn] ?? missingCell(record);
    const offset = this.offsetOf(cell);
    if (offset === undefined) {
      this.pendingBadTime = true;
      return;
    }
    const first = this.seen.get(offset);
    if (first !== undefined) {
      this.problems.push({
        line: cell.line,
        column: cell.column,
        message: `a second row for ${this.formatTime(offset)} (the first is line ${first}): expected one row per interval`,
      });
      return;
    }
    this.seen.set(offset, cell.line);
    if (offset < this.latest) {
      this.problems.push({
        line: cell.line,
        column: cell.column,
        message: `${this.formatTime(offset)} comes after ${this.latestText} (line ${this.latestLine}): expected rows in increasing time order`,
      });
    } else {
      this.latest = offset;
      this.latestText = this.formatTime(offset);
      this.latestLine = cell.line;
    }
    const position = this.place(offset, cell);
    if (position === undefined) return;
    if (this.pendingBadTime) this.explained.add(`${this.lastPosition}/${position}`);
    this.pendingBadTime = false;
    this.lastPosition = position;
    // A row with cells beyond the header has shifted cells: its values are not read.
    if (extra === undefined && position >= 0 && position < this.grid.count)
      this.rows.set(position, [...record]);
  }

  /** Seconds since midnight of the first day, or undefined (and a problem) if unreadable. */
  private offsetOf(cell: Cell): number | undefined {
    const time = parseIntervalStart(cell.text);
    if ('error' in time) {
      this.problems.push({ line: cell.line, column: cell.column, message: time.error });
      return undefined;
    }
    const day = time.day ?? null;
    if (this.firstDay === undefined) {
      this.firstDay = day;
      this.firstLine = cell.line;
    } else if ((this.firstDay === null) !== (day === null)) {
      this.problems.push({
        line: cell.line,
        column: cell.column,
        message: `expected ${this.firstDay === null ? 'a clock time, as' : 'a date and time, as'} on line ${this.firstLine}, got ${excerpt(cell.text)}`,
      });
      return undefined;
    }
    return (day === null ? 0 : (day - (this.firstDay ?? 0)) * SECONDS_PER_DAY) + time.clock;
  }

  /**
   * The interval index of a row's time; -1 before the horizon, `count`
   * after it; undefined for a time that is not an interval's start.
   */
  private place(offset: number, cell: Cell): number | undefined {
    const { start, interval, count } = this.grid;
    if (offset < start) return -1;
    if (offset >= this.end()) {
      if (this.firstDay !== null && offset >= Math.ceil(this.end() / SECONDS_PER_DAY) * SECONDS_PER_DAY) {
        this.lateRows++;
        this.firstLateRow ??= cell;
      }
      return count;
    }
    const index = Math.round((offset - start) / interval);
    if (Math.abs(start + index * interval - offset) > 1e-6) {
      this.problems.push({
        line: cell.line,
        column: cell.column,
        message: `${this.formatTime(offset)} is not the start of an interval: the scenario's intervals are ${formatDuration(interval)} long from ${formatClockTime(start)}`,
      });
      return undefined;
    }
    return index;
  }

  /** One problem per run of consecutive intervals without a row (not those a bad row may hold). */
  private reportMissing(): void {
    const present = [...this.rows.keys(), ...this.unreadRows()].sort((a, b) => a - b);
    let previous = -1;
    for (const next of [...present, this.grid.count]) {
      if (next > previous + 1 && !this.explained.has(`${previous}/${next}`)) {
        const from = this.grid.start + (previous + 1) * this.grid.interval;
        const n = next - previous - 1;
        this.problems.push({
          message:
            n === 1
              ? `no row for the interval starting at ${this.formatTime(from)}`
              : `no rows for the ${n} intervals from ${this.formatTime(from)} to ${this.formatTime(from + (n - 1) * this.grid.interval)}`,
        });
      }
      previous = Math.max(previous, next);
    }
  }

  /** Intervals whose row was found but set aside (cells beyond the header): not missing. */
  private unreadRows(): number[] {
    const indices: number[] = [];
    for (const offset of this.seen.keys()) {
      const index = (offset - this.grid.start) / this.grid.interval;
      if (Number.isInteger(index) && index >= 0 && index < this.grid.count && !this.rows.has(index))
        indices.push(index);
    }
    return indices;
  }

  private formatTime(offset: number): string {
    if (this.firstDay === null || this.firstDay === undefined) return formatClockTime(offset);
    const day = Math.floor(offset / SECONDS_PER_DAY);
    return `${isoDate(this.firstDay + day)} ${formatClockTime(offset - day * SECONDS_PER_DAY)}`;
  }
}

/**
 * The volumes of `column` for each interval of the grid, or the problems
 * that prevent them (the table's own problems are the caller's to report).
 */
export function columnVolumes(
  table: CsvTable,
  column: string,
  grid: IntervalGrid,
): { volumes: number[] } | { problems: CsvForecastProblem[] } {
  const problems: CsvForecastProblem[] = [];
  const named = table.header.filter((c) => c.text === column);
  if (named.length !== 1) {
    if (table.header.length === 0) return { problems };
    const where = named.length === 0 ? table.header[0] : named[1];
    const hint = suggest(
      column,
      table.header.map((c) => c.text),
    );
    problems.push({
      line: where.line,
      column: where.column,
      message:
        named.length === 0
          ? `expected a column named ${excerpt(column)}${hint ? ` (did you mean ${excerpt(hint)}?)` : ''}; the columns are ${listColumns(table.header)}`
          : `the column ${excerpt(column)} appears twice: expected it once`,
    });
    return { problems };
  }
  const index = table.header.indexOf(named[0]);
  const byInterval = new Map<number, number>();
  for (const [position, record] of table.rows) {
    const cell = record[index] ?? missingCell(record);
    const volume = parseVolume(cell.text, table.delimiter);
    if (volume === undefined) {
      const thousands =
        table.delimiter === ',' && cell.text.includes(',') ? ' (write it without thousands separators)' : '';
      problems.push({
        line: cell.line,
        column: cell.column,
        message: `expected a volume ≥ 0 in column ${excerpt(column)}, got ${cell.text === '' ? 'an empty cell' : excerpt(cell.text)}${thousands}`,
      });
    } else byInterval.set(position, volume);
  }
  if (problems.length > 0 || table.problems.length > 0 || byInterval.size !== grid.count) return { problems };
  return { volumes: Array.from({ length: grid.count }, (_, i) => byInterval.get(i) ?? 0) };
}

/** Where a row has no cell for a column: just after its last cell. */
function missingCell(record: readonly Cell[]): Cell {
  const last = record[record.length - 1];
  return { text: '', line: last.line, column: last.column + last.text.length + 1 };
}

function listColumns(header: readonly Cell[]): string {
  const shown = header.slice(0, 12).map((c) => excerpt(c.text, 24));
  return header.length > shown.length ? `${shown.join(', ')} … (${header.length} columns)` : shown.join(', ');
}

const NUMBER = /^\+?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DECIMAL_COMMA = /^\+?\d+,\d+$/;

/** A volume ≥ 0 written as a plain decimal number (a decimal comma in `;` files), or undefined. */
function parseVolume(text: string, delimiter: string): number | undefined {
  let digits = text;
  if (delimiter === ';' && DECIMAL_COMMA.test(digits)) digits = digits.replace(',', '.');
  if (!NUMBER.test(digits)) return undefined;
  const value = Number(digits);
  return Number.isFinite(value) ? value : undefined;
}

const DATED = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.0+)?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|[+-]\d{2}:?\d{2})$/i;

/** An interval's start: seconds since midnight, and the day number (days since 1970-01-01) when dated. */
function parseIntervalStart(text: string): { clock: number; day?: number } | { error: string } {
  const expected =
    'expected the start of an interval in column "interval", a clock time (08:00) or a date and time (2026-03-02 08:00)';
  if (text === '') return { error: `${expected}, got an empty cell` };
  const clock = parseClockTime(text);
  if (clock !== undefined) return { clock };
  const dated = DATED.exec(text);
  if (dated !== null) {
    const [year, month, date, hours, minutes, seconds] = dated.slice(1).map((s) => Number(s ?? 0));
    const time = Date.UTC(year, month - 1, date);
    const valid = new Date(time).getUTCDate() === date && month >= 1 && month <= 12;
    if (valid && hours < 24 && minutes < 60 && seconds < 60) {
      return { clock: hours * 3600 + minutes * 60 + seconds, day: time / (SECONDS_PER_DAY * 1000) };
    }
    return { error: `${expected}, got ${excerpt(text)}, which is not a valid date and time` };
  }
  if (ZONED.test(text)) {
    return {
      error: `expected a local date and time without a time zone (2026-03-02 08:00), got ${excerpt(text)}`,
    };
  }
  return { error: `${expected}, got ${excerpt(text)}` };
}

function isoDate(day: number): string {
  return new Date(day * SECONDS_PER_DAY * 1000).toISOString().slice(0, 10);
}

/** The delimiter the header (the first line with text) uses most, outside quotes: `,`, `;` or a tab. */
function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  let seenText = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) {
      if (seenText) break;
      continue;
    } else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
    if (ch.trim() !== '') seenText = true;
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

/**
 * Splits CSV text into records of cells, each with its line and column
 * (1-based; the column of its first character, or of its opening quote).
 * Quoted cells may hold delimiters, doubled quotes and line breaks.
 */
function parseRecords(
  text: string,
  delimiter: string,
): { records: Cell[][]; unclosed?: { line: number; column: number } } {
  const records: Cell[][] = [];
  let record: Cell[] = [];
  let line = 1;
  let lineStart = 0;
  let i = 0;
  const n = text.length;
  const isBlank = (ch: string) => ch === ' ' || (ch === '\t' && delimiter !== '\t');
  const endOfCell = (from: number) => {
    let e = from;
    while (e < n && text[e] !== delimiter && text[e] !== '\n' && text[e] !== '\r') e++;
    return e;
  };
  for (;;) {
    let j = i;
    while (j < n && isBlank(text[j])) j++;
    const cellLine = line;
    const cellColumn = j - lineStart + 1;
    let value: string;
    if (text[j] === '"') {
      let k = j + 1;
      value = '';
      for (;;) {
        const quote = text.indexOf('"', k);
        if (quote < 0) return { records, unclosed: { line: cellLine, column: cellColumn } };
        for (let b = text.indexOf('\n', k); b >= 0 && b < quote; b = text.indexOf('\n', b + 1)) {
          line++;
          lineStart = b + 1;
        }
        value += text.slice(k, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          k = quote + 2;
        } else {
          k = quote + 1;
          break;
        }
      }
      const end = endOfCell(k);
      value += text.slice(k, end).trim();
      j = end;
    } else {
      const end = endOfCell(j);
      value = text.slice(j, end).trim();
      j = end;
    }
    record.push({ text: value, line: cellLine, column: cellColumn });
    if (j >= n) break;
    if (text[j] === delimiter) {
      i = j + 1;
      continue;
    }
    j += text[j] === '\r' && text[j + 1] === '\n' ? 2 : 1;
    records.push(record);
    record = [];
    line++;
    lineStart = j;
    i = j;
    if (i >= n) return { records };
  }
  records.push(record);
  return { records };
}
