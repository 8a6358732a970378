/**
 * Cells read as values in the mapping's formats; a cell that is not in its
 * format adds a problem naming the file, line, column and what was expected,
 * and reads as NaN (the row is then refused with the rest of the file).
 */
import { excerpt } from '../model/scenario/problems.js';
import type { ProblemList } from './problems.js';
import type { ResolvedColumn } from './table.js';
import type { DateFormat, Day, DurationFormat, TimeFormat } from './time-formats.js';
import {
  describeDateFormat,
  describeDurationFormat,
  describeTimeFormat,
  parseClock,
  parseDate,
  parseDatetime,
  parseDecimal,
  parseDuration,
  SECONDS_PER_DAY,
} from './time-formats.js';

export class RowValues {
  /** The line of the row being read. */
  line = 0;
  private readonly days = new Map<string, Day | undefined>();
  private lastDateText = '';
  private lastDay: Day | undefined;

  constructor(
    private readonly file: string,
    private readonly problems: ProblemList,
    private readonly dateFormat: DateFormat,
    private readonly timeFormat: TimeFormat,
    /** Whether `12,5` is a number: in `;`-separated files (elsewhere `1,234` may be a thousands separator). */
    private readonly decimalComma = false,
  ) {}

  /** Problems found so far (in every row). */
  get problemCount(): number {
    return this.problems.count;
  }

  /** Adds a problem with the row's line and the column's name. */
  problem(column: ResolvedColumn | undefined, message: string): void {
    this.problems.add({
      file: this.file,
      line: this.line,
      ...(column === undefined ? {} : { field: column.name }),
      message,
    });
  }

  private bad(column: ResolvedColumn, expected: string, text: string): number {
    this.problem(column, `expected ${expected}, got ${excerpt(text)}`);
    return NaN;
  }

  /** The cell's text, or null when it is empty or one of the column's "absent" values. */
  text(column: ResolvedColumn | undefined, cells: readonly string[]): string | null {
    if (column === undefined) return null;
    const text = cells[column.index];
    if (text === '') return null;
    const absent = column.absent;
    for (let i = 0; i < absent.length; i++) if (text === absent[i]) return null;
    return text;
  }

  /** The cell's text; a problem when it is absent. */
  required(column: ResolvedColumn, cells: readonly string[], what: string): string | null {
    const text = this.text(column, cells);
    if (text === null) this.problem(column, `expected ${what}, got ${excerpt(cells[column.index])}`);
    return text;
  }

  /** The day a date cell names (cached: a log has few distinct dates); a problem when it names none. */
  day(column: ResolvedColumn, cells: readonly string[]): Day | undefined {
    const text = cells[column.index];
    // Rows come in runs of one date: compare with the last before looking up.
    if (text === this.lastDateText && this.lastDay !== undefined) return this.lastDay;
    let day = this.days.get(text);
    if (day === undefined && !this.days.has(text)) {
      day = parseDate(text, this.dateFormat);
      this.days.set(text, day);
    }
    if (day === undefined) this.bad(column, describeDateFormat(this.dateFormat), text);
    this.lastDateText = text;
    this.lastDay = day;
    return day;
  }

  private formatOf(column: ResolvedColumn): TimeFormat {
    return (column.format as TimeFormat | undefined) ?? this.timeFormat;
  }

  /**
   * A time of day in seconds after midnight of `day` (datetimes on later
   * days count from it), null when absent, NaN when not in its format.
   */
  time(column: ResolvedColumn | undefined, cells: readonly string[], day: Day | undefined): number | null {
    const text = this.text(column, cells);
    if (text === null || column === undefined) return null;
    const format = this.formatOf(column);
    if (format === 'clock') {
      const t = parseClock(text);
      return Number.isNaN(t) ? this.bad(column, describeTimeFormat(format, this.dateFormat), text) : t;
    }
    if (format === 'seconds') {
      const t = parseDecimal(text, this.decimalComma);
      return t >= 0 ? t : this.bad(column, describeTimeFormat(format, this.dateFormat), text);
    }
    const at = parseDatetime(text, this.dateFormat);
    if (at === undefined) return this.bad(column, describeTimeFormat(format, this.dateFormat), text);
    return day === undefined ? at.seconds : at.seconds + (at.day.dayNumber - day.dayNumber) * SECONDS_PER_DAY;
  }

  /** Whether the column holds datetimes (which carry their own day). */
  isDatetime(column: ResolvedColumn): boolean {
    return this.formatOf(column) === 'datetime';
  }

  /** The day of a datetime cell (for a log whose only date is in its times). */
  dayOfDatetime(column: ResolvedColumn, cells: readonly string[]): Day | undefined {
    const text = this.text(column, cells);
    return text === null ? undefined : parseDatetime(text, this.dateFormat)?.day;
  }

  /** A duration in seconds, null when absent, NaN when not in its format. */
  duration(column: ResolvedColumn | undefined, cells: readonly string[]): number | null {
    const text = this.text(column, cells);
    if (text === null || column === undefined) return null;
    const format = (column.format as DurationFormat | undefined) ?? 'seconds';
    const d = parseDuration(text, format, this.decimalComma);
    return Number.isNaN(d) ? this.bad(column, describeDurationFormat(format), text) : d;
  }

  /** A number ≥ 0 (whole when `whole`), null when absent, NaN when not one. */
  count(column: ResolvedColumn | undefined, cells: readonly string[], whole: boolean): number | null {
    const text = this.text(column, cells);
    if (text === null || column === undefined) return null;
    const n = parseDecimal(text, this.decimalComma);
    if (!(n >= 0) || (whole && !Number.isInteger(n))) {
      return this.bad(column, whole ? 'a whole number ≥ 0' : 'a number ≥ 0', text);
    }
    return n;
  }
}
