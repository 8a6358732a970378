/**
 * Delimited text (CSV, TSV, `;`- or `|`-separated) split into rows of cells,
 * fast enough for months of call-by-call logs: a line without a quote is
 * split at once; only lines with quotes go through the RFC 4180 reader
 * (quoted cells may hold the delimiter, doubled quotes `""` and line breaks).
 * LF and CRLF line ends are both fine; blank lines are skipped; cells are
 * trimmed of surrounding spaces.
 */

/** The delimiters recognised in a header line when the mapping names none. */
export const DETECTED_DELIMITERS = ['\t', ',', ';', '|'] as const;

/** The delimiter most frequent outside quotes in `headerLine` (a comma when none appears). */
export function detectDelimiter(headerLine: string): string {
  const counts = new Map<string, number>(DETECTED_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [ch, n] of counts) if (n > (counts.get(best) ?? 0)) best = ch;
  return best;
}

/** Where the first non-blank line after `skip` lines starts and ends (its text without the line end). */
export function firstLine(text: string, skip = 0): { text: string; line: number } | undefined {
  let start = 0;
  let line = 1;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const content = text.slice(start, end).replace(/\r$/, '');
    if (line > skip && content.trim() !== '') return { text: content, line };
    start = end + 1;
    line++;
  }
  return undefined;
}

/** Called with each non-blank row's cells and the line it starts on (1-based). */
export type RowHandler = (cells: string[], line: number) => void;

/**
 * Calls `onRow` for each non-blank row from line `skip + 1` on. Returns the
 * line of a quoted cell that is never closed, if any (the rest of the file
 * is then not read).
 */
export function forEachRow(
  text: string,
  delimiter: string,
  onRow: RowHandler,
  skip = 0,
): { unclosedQuoteLine?: number } {
  const n = text.length;
  let start = 0;
  let line = 1;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    if (line <= skip) {
      start = end + 1;
      line++;
      continue;
    }
    const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    const content = text.slice(start, lineEnd);
    if (content.indexOf('"') < 0) {
      if (!isBlank(content)) onRow(trimAll(content.split(delimiter)), line);
      start = end + 1;
      line++;
      continue;
    }
    const quoted = readQuotedRow(text, start, delimiter);
    if (quoted === undefined) return { unclosedQuoteLine: line };
    if (quoted.cells.some((c) => c !== '')) onRow(quoted.cells, line);
    line += quoted.lines;
    start = quoted.next;
  }
  return {};
}

/** Whether a line holds only spaces and tabs (checked without copying it). */
function isBlank(line: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function trimAll(cells: string[]): string[] {
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (c.length > 0 && (c.charCodeAt(0) <= 32 || c.charCodeAt(c.length - 1) <= 32)) cells[i] = c.trim();
  }
  return cells;
}

/**
 * One row read from `start` by the RFC 4180 rules; `next` is where the next
 * row starts and `lines` how many lines this one spans. Undefined when a
 * quoted cell is not closed before the end of the text.
 */
function readQuotedRow(
  text: string,
  start: number,
  delimiter: string,
): { cells: string[]; next: number; lines: number } | undefined {
  const n = text.length;
  const cells: string[] = [];
  let lines = 1;
  let i = start;
  for (;;) {
    while (i < n && text[i] === ' ' && delimiter !== ' ') i++;
    let value = '';
    if (text[i] === '"') {
      let k = i + 1;
      for (;;) {
        const quote = text.indexOf('"', k);
        if (quote < 0) return undefined;
        for (let b = text.indexOf('\n', k); b >= 0 && b < quote; b = text.indexOf('\n', b + 1)) lines++;
        value += text.slice(k, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          k = quote + 2;
        } else {
          k = quote + 1;
          break;
        }
      }
      // Anything between the closing quote and the delimiter is kept (lenient, as spreadsheets are).
      let e = k;
      while (e < n && text[e] !== delimiter && text[e] !== '\n' && text[e] !== '\r') e++;
      value += text.slice(k, e).trim();
      i = e;
    } else {
      let e = i;
      while (e < n && text[e] !== delimiter && text[e] !== '\n' && text[e] !== '\r') e++;
      value = text.slice(i, e).trim();
      i = e;
    }
    cells.push(value);
    if (i < n && text[i] === delimiter) {
      i++;
      continue;
    }
    if (text[i] === '\r') i++;
    if (text[i] === '\n') i++;
    return { cells, next: i, lines };
  }
}
