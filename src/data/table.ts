/**
 * A delimited export opened through a mapping: its delimiter, its header,
 * and the columns the mapping's fields name, found in the header (or by
 * position); shared by call logs and interval reports.
 */
import { suggest } from '../model/scenario/problems.js';
import { detectDelimiter, firstLine, forEachRow } from './delimited-text.js';
import type { ColumnSpec } from './mapping.js';
import type { ProblemList } from './problems.js';

/** A mapped column, found in the file. */
export interface ResolvedColumn {
  /** 0-based position in each row. */
  readonly index: number;
  /** Its header name (or `column N` without a header), for messages. */
  readonly name: string;
  /** Values that mean "absent" (an empty cell always does); a few, compared one by one (no hashing of every cell). */
  readonly absent: readonly string[];
  readonly format?: string;
}

/** How the file is laid out, as the mapping says. */
export interface TableLayout {
  readonly delimiter?: string;
  readonly header?: boolean;
  readonly skipLines?: number;
}

export class Table {
  readonly delimiter: string;
  /** The header's names; undefined without a header. */
  readonly header: readonly string[] | undefined;
  /** The header's line (1-based), or the line before the first row without a header. */
  readonly headerLine: number;
  /** Rows must have at least this many cells: the largest mapped column. */
  private widest = 0;

  /** The text without a leading byte-order mark (files read from disk have it dropped already). */
  private readonly text: string;

  constructor(
    text: string,
    private readonly layout: TableLayout,
    private readonly file: string,
    private readonly mappingFile: string,
    private readonly problems: ProblemList,
  ) {
    this.text = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const skip = layout.skipLines ?? 0;
    const first = firstLine(this.text, skip);
    this.delimiter = layout.delimiter ?? (first === undefined ? ',' : detectDelimiter(first.text));
    this.headerLine = skip;
    if (first === undefined) {
      this.unusable = true;
      problems.add({
        file,
        message:
          layout.header === false
            ? 'the file is empty: expected rows of calls'
            : 'the file is empty: expected a header line naming the columns, then rows',
      });
      return;
    }
    if (layout.header !== false) {
      let names: string[] = [];
      forEachRow(first.text, this.delimiter, (cells) => (names = cells));
      this.header = names;
      this.headerLine = first.line;
      const detected = detectDelimiter(first.text);
      if (names.length === 1 && detected !== this.delimiter && first.text.includes(detected)) {
        problems.add({
          file,
          line: first.line,
          message: `the header is one column: the mapping (${mappingFile}) says the delimiter is ${describeDelimiter(this.delimiter)}, but the header is separated by ${describeDelimiter(detected)}`,
        });
        this.unusable = true;
      }
    }
  }

  /** Columns the mapping names that the header lacks. */
  private missing = 0;

  /** After the columns are looked up: the header's columns, once, if any was missing. */
  listColumnsIfMissing(): void {
    if (this.missing === 0 || this.header === undefined) return;
    const columns = this.header.map((h) => `"${h}"`).join(', ');
    this.problems.add({
      file: this.file,
      line: this.headerLine,
      message: `the header's columns are ${columns} (separated by ${describeDelimiter(this.delimiter)})`,
    });
  }

  /** The header does not split with the mapping's delimiter (or there is none): no column is looked for. */
  private unusable = false;

  /**
   * The column a mapping field names (`field` is its path in the mapping,
   * for messages), or undefined when the file lacks it (a problem is added).
   */
  column(field: string, spec: ColumnSpec): ResolvedColumn | undefined;
  column(field: string, spec: ColumnSpec | undefined): ResolvedColumn | undefined;
  column(field: string, spec: ColumnSpec | undefined): ResolvedColumn | undefined {
    if (spec === undefined || this.unusable) return undefined;
    const absent = spec.absent.filter((a) => a !== '');
    const format = spec.format === undefined ? {} : { format: spec.format };
    const where = { file: this.file, line: this.headerLine > 0 ? this.headerLine : undefined };
    if (typeof spec.column === 'number') {
      const index = spec.column - 1;
      if (this.header !== undefined && index >= this.header.length) {
        this.problems.add({
          ...where,
          message: `the mapping's ${field} (${this.mappingFile}) names column ${spec.column}, but the header has ${this.header.length} columns`,
        });
        return undefined;
      }
      this.widest = Math.max(this.widest, index + 1);
      const name = this.header?.[index] ?? `column ${spec.column}`;
      return { index, name, absent, ...format };
    }
    const index = this.header?.indexOf(spec.column) ?? -1;
    if (index < 0) {
      this.missing++;
      const hint = suggest(spec.column, this.header ?? []);
      this.problems.add({
        ...where,
        field: spec.column,
        message: `no such column in the header (the mapping's ${field} names it, in ${this.mappingFile})${hint === undefined ? '' : `: did you mean "${hint}"?`}`,
      });
      return undefined;
    }
    this.widest = Math.max(this.widest, index + 1);
    return { index, name: spec.column, absent, ...format };
  }

  /**
   * Calls `onRow` with each data row that has every mapped column; rows
   * too short and an unclosed quote are problems.
   */
  forEachRow(onRow: (cells: readonly string[], line: number) => void): void {
    const { unclosedQuoteLine } = forEachRow(
      this.text,
      this.delimiter,
      (cells, line) => {
        if (cells.length < this.widest) {
          this.problems.add({
            file: this.file,
            line,
            message: `expected at least ${this.widest} cells separated by ${describeDelimiter(this.delimiter)}, got ${cells.length}`,
          });
          return;
        }
        onRow(cells, line);
      },
      this.headerLine,
    );
    if (unclosedQuoteLine !== undefined) {
      this.problems.add({
        file: this.file,
        line: unclosedQuoteLine,
        message: 'a quoted cell ("…) is not closed: expected a closing "',
      });
    }
  }
}

export function describeDelimiter(delimiter: string): string {
  switch (delimiter) {
    case '\t':
      return 'tabs';
    case ' ':
      return 'spaces';
    default:
      return `"${delimiter}"`;
  }
}
