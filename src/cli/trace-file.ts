/**
 * `run --trace calls.csv`: the trace file, written as replications are
 * folded in (streaming: one replication's rows in memory at a time) under a
 * temporary name next to it, and renamed to its name only when the run has
 * finished. A run that fails or is interrupted leaves no trace file (and an
 * older file of that name as it was).
 */
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ReplicationTrace } from '../model/call-trace.js';
import { TRACE_HEADER } from '../model/call-trace.js';
import { UsageError } from './io.js';

/** Rows a trace may hold unless `--trace-limit` says more: about 600 MB of CSV. */
export const DEFAULT_TRACE_LIMIT = 5_000_000;

const fmt = (n: number) => n.toLocaleString('en');

export class TraceFile {
  private fd: number | undefined;
  private rows = 0;
  private replications = 0;

  private constructor(
    readonly path: string,
    private readonly temporary: string,
    private readonly limit: number,
    private readonly plannedReplications: number,
  ) {
    this.fd = openSync(temporary, 'w');
    writeSync(this.fd, TRACE_HEADER);
  }

  /**
   * Opens `path`'s temporary file (`.<name>.ccsim-<pid>.tmp`, as the report
   * folder's). Past `limit` rows, or when the first replication's rows
   * times `plannedReplications` would pass it, the run stops (exit 2).
   */
  static open(path: string, limit: number, plannedReplications: number): TraceFile {
    const temporary = join(dirname(path), `.${basename(path)}.ccsim-${process.pid}.tmp`);
    if (statSync(path, { throwIfNoEntry: false })?.isDirectory() === true)
      throw new UsageError(`--trace: ${path} is a folder; name the CSV file to write`);
    try {
      return new TraceFile(path, temporary, limit, plannedReplications);
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? ` (${String(error.code)})` : '';
      throw new UsageError(`--trace: cannot write ${path}${reason}`);
    }
  }

  /** Appends one replication's rows (replications in order). */
  append(trace: ReplicationTrace): void {
    if (this.fd === undefined) throw new Error('internal: trace file already closed');
    this.rows += trace.rows;
    this.replications++;
    const projected = this.replications === 1 ? trace.rows * this.plannedReplications : this.rows;
    if (this.rows > this.limit || projected > this.limit) {
      throw new UsageError(
        `--trace: the trace would hold about ${fmt(Math.max(projected, this.rows))} rows, more than the limit of ` +
          `${fmt(this.limit)}; run fewer replications (--reps), or raise the limit with --trace-limit`,
      );
    }
    const bytes = Buffer.from(trace.csv, 'utf8');
    for (let done = 0; done < bytes.length;) done += writeSync(this.fd, bytes, done);
  }

  /** The run finished: the trace takes its name. */
  commit(): void {
    this.close();
    renameSync(this.temporary, this.path);
  }

  /** The run failed or was interrupted: no trace (an older file of the name stays as it was). */
  discard(): void {
    this.close();
    rmSync(this.temporary, { force: true });
  }

  get rowCount(): number {
    return this.rows;
  }

  private close(): void {
    if (this.fd === undefined) return;
    closeSync(this.fd);
    this.fd = undefined;
  }
}
