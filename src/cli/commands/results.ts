/**
 * `ccsim query <db> "<SQL>"` and `ccsim export <db> --format csv|parquet`.
 */
import { dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { exportResults, queryResults } from '../../experiment/results-query.js';
import { table } from '../../report/format.js';
import type { CliIo } from '../io.js';

export function queryOptions<T>(y: Argv<T>) {
  return y
    .positional('db', { type: 'string', demandOption: true, describe: 'results database (results.duckdb)' })
    .positional('sql', { type: 'string', demandOption: true, describe: 'the query' })
    .option('json', { type: 'boolean', default: false, describe: 'print rows as JSON' })
    .example(
      `$0 query reports/retail-bank/results.duckdb "SELECT name, avg(value) FROM kpis WHERE kpi = 'serviceLevel' AND period = 'all' AND view = 'callType' GROUP BY name"`,
      'service level per call type, averaged over replications',
    );
}

export async function queryCommand(
  args: { db: string; sql: string; json: boolean },
  io: CliIo,
): Promise<void> {
  const { columns, rows } = await queryResults(args.db, args.sql);
  if (args.json) {
    io.stdout(`${JSON.stringify(rows, null, 2)}\n`);
    return;
  }
  const text = (v: Row[string]) =>
    v === null
      ? ''
      : typeof v === 'number' && !Number.isInteger(v)
        ? Number(v.toPrecision(6)).toString()
        : String(v);
  io.stdout(
    table(
      columns,
      rows.map((row) => columns.map((c) => text(row[c]))),
    ),
  );
  io.stdout(`(${rows.length} row${rows.length === 1 ? '' : 's'})\n`);
}

type Row = Record<string, string | number | boolean | null>;

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
