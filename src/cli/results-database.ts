/**
 * The results database around a command: what a run reused from it, and
 * what is left of it when the command fails.
 */
import type { ResultsStore } from '../experiment/results-store.js';
import type { ReportFolder } from '../report/write-report.js';
import { discardReportFolder } from '../report/write-report.js';
import type { CliIo } from './io.js';

/**
 * Closes the database. When the command failed before any replication was
 * kept, the database (and the folder, when the command created it) goes
 * too: a failed command leaves something to resume, or nothing.
 */
export async function closeStore(
  store: ResultsStore | undefined,
  folder: ReportFolder | undefined,
  failed: boolean,
): Promise<void> {
  if (!failed) {
    await store?.close();
    return;
  }
  const discarded = store === undefined ? true : await store.closeAfterFailure();
  if (discarded && folder !== undefined) discardReportFolder(folder);
}

/**
 * Says on stderr what came from the database rather than being simulated,
 * and what a resume had to repair in it.
 */
export function reportReuse(
  io: CliIo,
  store: ResultsStore,
  results: ReadonlyArray<{ replications: number; performance: { reusedReplications: number } }>,
): void {
  const reused = results.reduce((sum, r) => sum + r.performance.reusedReplications, 0);
  const total = results.reduce((sum, r) => sum + r.replications, 0);
  if (store.repairedReplications > 0)
    io.stderr(
      `${store.path}: rebuilt the missing or incomplete KPI rows of ${store.repairedReplications} replication(s) from their stored records\n`,
    );
  if (store.droppedReplications > 0)
    io.stderr(
      `${store.path}: dropped ${store.droppedReplications} unusable replication(s) (out of order or of another size); they were run again\n`,
    );
  if (reused > 0) io.stderr(`reused ${reused} of ${total} replications from ${store.path}\n`);
}
