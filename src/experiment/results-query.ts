/**
 * Reading a results database: SQL queries, and export of its tables to CSV
 * or Parquet (DuckDB's own COPY, no network).
 *
 * Queries run with DuckDB's external access off and the configuration
 * locked: a query may come from someone else (a shared notebook, a script),
 * and `COPY … TO`, `read_text`, `ATTACH` or `INSTALL` would otherwise read and
 * write any file the user can. `allowExternalAccess` turns that back on.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
// DuckDB is loaded with this module: only `query` and `export` import it (see cli.ts).
import type { DuckDBDataChunk, Json } from '@duckdb/node-api';
import { DuckDBInstance, DuckDBTypeId, JsonDuckDBValueConverter } from '@duckdb/node-api';
import { ResultsStoreError } from './results-store.js';

export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface QueryOptions {
  /** Let the SQL read and write files other than the database (COPY … TO, read_csv, ATTACH …). Off by default. */
  readonly allowExternalAccess?: boolean;
}

async function openReadOnly(path: string, external: boolean): Promise<DuckDBInstance> {
  if (!existsSync(path)) throw new ResultsStoreError(`${path}: no such results database`);
  const sandbox: Record<string, string> = external
    ? {}
    : { enable_external_access: 'false', lock_configuration: 'true' };
  try {
    return await DuckDBInstance.create(path, { access_mode: 'READ_ONLY', ...sandbox });
  } catch (error) {
    throw new ResultsStoreError(`${path}: cannot open the results database: ${firstLine(error)}`);
  }
}

function firstLine(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
}

/** The database's refusal of a sandboxed statement, said in the user's terms. */
function queryError(error: unknown): ResultsStoreError {
  const message = firstLine(error);
  if (/disabled by configuration|configuration has been locked/.test(message)) {
    return new ResultsStoreError(
      `query refused: it reaches outside the results database (${message.replace(/^[A-Za-z ]+Error: /, '').replace(/ - .*$/, '')}). ` +
        'ccsim query reads only the database: COPY … TO, read_text, read_csv, ATTACH and INSTALL are off. ' +
        "Use 'ccsim export' to write files, or --allow-external for SQL you trust.",
    );
  }
  return new ResultsStoreError(`query failed: ${message}`);
}

/** Types whose JSON form is a string of digits: numbers when a double holds them exactly enough. */
const WIDE_NUMBERS: ReadonlySet<DuckDBTypeId> = new Set([
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.DECIMAL,
]);

function cell(value: Json | null, wide: boolean): Cell {
  if (typeof value === 'string') {
    const n = Number(value);
    // Integers only when exact; decimals when their integer part is.
    return wide && Number.isFinite(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER ? n : value;
  }
  return value === null || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : JSON.stringify(value);
}

function chunkRows(chunk: DuckDBDataChunk, wide: readonly boolean[]): Cell[][] {
  return chunk
    .convertRows(JsonDuckDBValueConverter)
    .map((row) => row.map((v, i) => cell(v, wide[i] === true)));
}

export interface QueryVisitor {
  /** The result's column names, unique (DuckDB suffixes repeats), before any row. */
  readonly columns: (names: readonly string[]) => void;
  /**
   * One batch of rows (a few thousand at most), in order, each row's cells in
   * column order. Return false to receive no more: the rest are only counted.
   */
  readonly rows: (batch: readonly Cell[][]) => boolean | Promise<boolean>;
}

/**
 * Runs `sql` and hands its rows to `visitor` batch by batch, so that a
 * result of any size goes through bounded memory; returns the number of rows.
 */
export async function streamQuery(
  path: string,
  sql: string,
  visitor: QueryVisitor,
  options: QueryOptions = {},
): Promise<number> {
  const instance = await openReadOnly(path, options.allowExternalAccess === true);
  const connection = await instance.connect();
  // Only the database's own failures become query errors; the visitor's pass through.
  const duck = <T>(work: Promise<T>): Promise<T> =>
    work.catch((error: unknown) => {
      throw queryError(error);
    });
  try {
    const result = await duck(connection.stream(sql));
    visitor.columns(result.deduplicatedColumnNames());
    const wide = result.columnTypes().map((t) => WIDE_NUMBERS.has(t.typeId));
    let total = 0;
    let wanted = true;
    for (let chunk = await duck(result.fetchChunk()); chunk !== null && chunk.rowCount > 0;) {
      total += chunk.rowCount;
      if (wanted) wanted = await visitor.rows(chunkRows(chunk, wide));
      chunk = await duck(result.fetchChunk());
    }
    return total;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Runs `sql` and returns every row (for small results: use streamQuery for big ones). */
export async function queryResults(
  path: string,
  sql: string,
  options: QueryOptions = {},
): Promise<{ columns: string[]; rows: Row[] }> {
  let columns: string[] = [];
  const rows: Row[] = [];
  await streamQuery(
    path,
    sql,
    {
      columns: (names) => (columns = [...names]),
      rows: (batch) => {
        for (const cells of batch)
          rows.push(Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? null])));
        return true;
      },
    },
    options,
  );
  return { columns, rows };
}

export const EXPORTED_TABLES = ['kpis', 'points', 'replications_summary', 'meta'] as const;

/** Writes the tables to `directory` as CSV or Parquet; returns the files written. */
export async function exportResults(
  path: string,
  format: 'csv' | 'parquet',
  directory: string,
): Promise<string[]> {
  // Our own COPY statements write the files: this one needs the file system.
  const instance = await openReadOnly(path, true);
  const connection = await instance.connect();
  mkdirSync(directory, { recursive: true });
  const sources: Record<(typeof EXPORTED_TABLES)[number], string> = {
    kpis: 'SELECT * FROM kpis ORDER BY point, replication',
    points: 'SELECT * FROM points ORDER BY point',
    // The raw tallies are for resuming; export their counts only.
    replications_summary:
      'SELECT point, replication, simulated_calls, events FROM replications ORDER BY point, replication',
    meta: 'SELECT * FROM meta',
  };
  const files: string[] = [];
  try {
    for (const table of EXPORTED_TABLES) {
      const file = resolve(join(directory, `${table}.${format}`));
      const options = format === 'csv' ? "(HEADER, DELIMITER ',')" : '(FORMAT PARQUET)';
      await connection.run(`COPY (${sources[table]}) TO '${file.replace(/'/g, "''")}' ${options}`);
      files.push(file);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return files;
}
