/**
 * Reading a results database: SQL queries, and export of its tables to CSV
 * or Parquet (DuckDB's own COPY, no network).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DuckDBInstance } from '@duckdb/node-api';
import { ResultsStoreError } from './results-store.js';

export type Row = Record<string, string | number | boolean | null>;

async function openReadOnly(path: string): Promise<DuckDBInstance> {
  if (!existsSync(path)) throw new ResultsStoreError(`${path}: no such results database`);
  // Loaded here, not at start-up: only commands that read a database pay for DuckDB.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  try {
    return await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
  } catch (error) {
    throw new ResultsStoreError(
      `${path}: cannot open the results database: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/** Runs `sql` on the database; big integers come back as numbers when they fit, else as strings. */
export async function queryResults(path: string, sql: string): Promise<{ columns: string[]; rows: Row[] }> {
  const instance = await openReadOnly(path);
  const connection = await instance.connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    const columns = reader.columnNames();
    const rows = reader.getRowObjectsJson().map((raw) => {
      const row: Row = {};
      for (const column of columns) {
        const v = raw[column];
        // DuckDB's JSON form gives BIGINT as strings: make them numbers when exact.
        row[column] =
          typeof v === 'string' && /^-?\d+$/.test(v) && Number.isSafeInteger(Number(v))
            ? Number(v)
            : v === null || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'string'
              ? v
              : JSON.stringify(v);
      }
      return row;
    });
    return { columns, rows };
  } catch (error) {
    throw new ResultsStoreError(
      `query failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

export const EXPORTED_TABLES = ['kpis', 'points', 'replications_summary', 'meta'] as const;

/** Writes the tables to `directory` as CSV or Parquet; returns the files written. */
export async function exportResults(
  path: string,
  format: 'csv' | 'parquet',
  directory: string,
): Promise<string[]> {
  const instance = await openReadOnly(path);
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
