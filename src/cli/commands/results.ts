/**
 * `ccsim query <db> "<SQL>"` and `ccsim export <db> --format csv|parquet`.
 */
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import type { Cell } from '../../experiment/results-query.js';
import { exportResults, streamQuery } from '../../experiment/results-query.js';
import { csvCell } from '../../report/kpi-csv.js';
import type { CliIo } from '../io.js';
import { UsageError, checkWhole, processIo } from '../io.js';

const QUERY_FORMATS = ['table', 'csv', 'json', 'jsonl'] as const;
type QueryFormat = (typeof QUERY_FORMATS)[number];

/** Rows a table shows unless told otherwise: a table is for reading; CSV and JSON lines stream every row. */
const TABLE_LIMIT = 1000;

export function queryOptions<T>(y: Argv<T>) {
  return y
    .positional('db', { type: 'string', demandOption: true, describe: 'results database (results.duckdb)' })
    .positional('sql', { type: 'string', demandOption: true, describe: 'the query' })
    .option('format', {
      choices: QUERY_FORMATS,
      describe: `output: a table (first ${TABLE_LIMIT} rows unless --limit), or every row as CSV, a JSON array or JSON lines`,
    })
    .option('json', { type: 'boolean', default: false, describe: 'the same as --format json' })
    .option('limit', {
      type: 'number',
      describe: `print at most this many rows (default: ${TABLE_LIMIT} for a table, all otherwise)`,
    })
    .option('allow-external', {
      type: 'boolean',
      default: false,
      describe:
        'let the SQL read and write other files (COPY … TO, read_csv, ATTACH): only for SQL you trust',
    })
    .example(
      `$0 query reports/retail-bank/results.duckdb "SELECT name, avg(value) FROM kpis WHERE kpi = 'serviceLevel' AND period = 'all' AND view = 'callType' GROUP BY name"`,
      'service level per call type, averaged over replications',
    )
    .example(
      `$0 query reports/retail-bank/results.duckdb "SELECT * FROM kpis" --format csv > kpis.csv`,
      'every row, streamed',
    );
}

interface QueryArgs {
  db: string;
  sql: string;
  format?: QueryFormat;
  json: boolean;
  limit?: number;
  allowExternal: boolean;
}

/** Stdout as a streamed query sees it: full (wait for it), or gone (the reader stopped, as `| head` does). */
/** Thrown inside a row visitor to end the query early once nobody reads stdout. */
class ReaderGone extends Error {}

interface Flow {
  readonly drained: () => Promise<void>;
  readonly gone: () => boolean;
}

function stdoutFlow(io: CliIo): Flow {
  if (io !== processIo) return { drained: async () => {}, gone: () => false };
  const out = process.stdout;
  let gone = false;
  // EPIPE and the like: the reader has gone, so stop quietly rather than fail. The
  // listener stays: writes already queued can still fail after the command ends.
  out.on('error', () => (gone = true));
  return {
    gone: () => gone,
    drained: () =>
      gone || !out.writableNeedDrain
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const done = () => {
              for (const event of ['drain', 'close', 'error']) out.off(event, done);
              resolve();
            };
            for (const event of ['drain', 'close', 'error']) out.on(event, done);
          }),
  };
}

/** A writer for one output format: a header, one text per batch of rows, a footer. */
interface Printer {
  header(columns: readonly string[]): string;
  batch(columns: readonly string[], rows: readonly Cell[][]): string;
  footer(shown: number, total: number): string;
}

const jsonObject = (columns: readonly string[], cells: readonly Cell[]) =>
  JSON.stringify(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? null])));

const PRINTERS: Record<Exclude<QueryFormat, 'table'>, Printer> = {
  csv: {
    header: (columns) => `${columns.map(csvCell).join(',')}\n`,
    batch: (_, rows) => rows.map((r) => `${r.map((v) => csvCell(csvValue(v))).join(',')}\n`).join(''),
    footer: () => '',
  },
  jsonl: {
    header: () => '',
    batch: (columns, rows) => rows.map((r) => `${jsonObject(columns, r)}\n`).join(''),
    footer: () => '',
  },
  json: {
    header: () => '[',
    batch: (columns, rows) => rows.map((r) => `\n  ${jsonObject(columns, r)},`).join(''),
    footer: (shown) => (shown === 0 ? ']\n' : '\n]\n'),
  },
};

function csvValue(v: Cell): string | number | null {
  return typeof v === 'boolean' ? String(v) : v;
}

export async function queryCommand(args: QueryArgs, io: CliIo): Promise<void> {
  checkWhole('limit', args.limit, 1);
  if (args.json && args.format !== undefined && args.format !== 'json') {
    throw new UsageError(`--json and --format ${args.format} disagree: pass one of them`);
  }
  const format: QueryFormat = args.format ?? (args.json ? 'json' : 'table');
  const limit = args.limit ?? (format === 'table' ? TABLE_LIMIT : Infinity);
  const options = { allowExternalAccess: args.allowExternal };
  const flow = stdoutFlow(io);
  try {
    if (format === 'table') await printTable(args, limit, options, flow, io);
    else await printRows(args, format, limit, options, flow, io);
  } catch (error) {
    if (!(error instanceof ReaderGone)) throw error;
  }
}

async function printRows(
  args: QueryArgs,
  format: Exclude<QueryFormat, 'table'>,
  limit: number,
  options: { allowExternalAccess: boolean },
  flow: Flow,
  io: CliIo,
): Promise<void> {
  const printer = PRINTERS[format];
  let columns: readonly string[] = [];
  let shown = 0;
  let pendingComma = false;
  const total = await streamQuery(
    args.db,
    args.sql,
    {
      columns: (names) => {
        columns = names;
        io.stdout(printer.header(names));
      },
      rows: async (batch) => {
        const rows = batch.slice(0, limit - shown);
        shown += rows.length;
        let text = printer.batch(columns, rows);
        // JSON arrays: the comma after the last row printed so far is written only when another row follows.
        if (format === 'json' && text !== '') {
          text = `${pendingComma ? ',' : ''}${text.slice(0, -1)}`;
          pendingComma = true;
        }
        io.stdout(text);
        await flow.drained();
        if (flow.gone()) throw new ReaderGone();
        return shown < limit;
      },
    },
    options,
  );
  io.stdout(printer.footer(shown, total));
  if (shown < total && !flow.gone()) {
    io.stderr(`ccsim: printed the first ${shown} of ${total} rows (--limit ${limit})\n`);
  }
}

/** The table keeps its rows (at most `limit`) to size the columns, then prints them line by line. */
async function printTable(
  args: QueryArgs,
  limit: number,
  options: { allowExternalAccess: boolean },
  flow: Flow,
  io: CliIo,
): Promise<void> {
  let columns: readonly string[] = [];
  const lines: string[][] = [];
  const total = await streamQuery(
    args.db,
    args.sql,
    {
      columns: (names) => (columns = names),
      rows: (batch) => {
        for (const row of batch.slice(0, limit - lines.length)) lines.push(row.map(tableText));
        return lines.length < limit;
      },
    },
    options,
  );
  const widths = columns.map((c) => c.length);
  for (const cells of lines) cells.forEach((text, i) => (widths[i] = Math.max(widths[i] ?? 0, text.length)));
  const line = (cells: readonly string[]) =>
    `${cells
      .map((cell, c) => (c === 0 ? cell.padEnd(widths[c] ?? 0) : cell.padStart(widths[c] ?? 0)))
      .join('  ')
      .trimEnd()}\n`;
  io.stdout(line(columns) + line(widths.map((w) => '-'.repeat(w))));
  // A page of lines per write: one string for every line could exceed what a string holds.
  for (let start = 0; start < lines.length && !flow.gone(); start += 1000) {
    io.stdout(
      lines
        .slice(start, start + 1000)
        .map(line)
        .join(''),
    );
    await flow.drained();
  }
  const plural = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  io.stdout(
    lines.length < total
      ? `(first ${lines.length} of ${plural(total)}: raise --limit, or --format csv or jsonl for every row)\n`
      : `(${plural(total)})\n`,
  );
}

function tableText(v: Cell): string {
  return v === null
    ? ''
    : typeof v === 'number' && !Number.isInteger(v)
      ? Number(v.toPrecision(6)).toString()
      : String(v);
}

export function exportOptions<T>(y: Argv<T>) {
  return y
    .positional('db', { type: 'string', demandOption: true, describe: 'results database (results.duckdb)' })
    .option('format', {
      choices: ['csv', 'parquet'] as const,
      default: 'csv' as const,
      describe: 'file format',
    })
    .option('out', {
      alias: 'o',
      type: 'string',
      describe: 'folder for the files (default: beside the database, in export/)',
    })
    .example(
      '$0 export reports/retail-bank/results.duckdb --format parquet',
      'kpis.parquet, points.parquet … for pandas, R, Spark',
    );
}

export async function exportCommand(
  args: { db: string; format: 'csv' | 'parquet'; out?: string },
  io: CliIo,
): Promise<void> {
  const files = await exportResults(args.db, args.format, args.out ?? join(dirname(args.db), 'export'));
  io.stdout(`${files.join('\n')}\n`);
}
