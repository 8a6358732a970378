/**
 * Ctrl-C during a long run: stop between replications, keep what finished
 * (committed to the results database), say how to resume, exit 130.
 */
import type { ResultsStore } from '../experiment/results-store.js';
import type { CliIo } from './io.js';

/** Raised to end the CLI with exit code 130 after an interruption. */
export class Interrupted extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Interrupted';
  }
}

/**
 * Runs `work` with a signal that aborts on SIGINT or SIGTERM. `store` is the
 * results database (or a function giving it, for work that opens it later).
 */
export async function interruptible<T>(
  io: CliIo,
  store: ResultsStore | undefined | (() => ResultsStore | undefined),
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const onSignal = () => controller.abort(new Interrupted('interrupted'));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await work(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) {
      const database = typeof store === 'function' ? store() : store;
      await database?.commit();
      const count = (await database?.storedReplications()) ?? 0;
      const kept =
        database && count > 0
          ? ` ${count} finished replication(s) are kept in ${database.path}; run the same command again to resume.`
          : '';
      io.stderr(`\nInterrupted.${kept}\n`);
      throw new Interrupted('interrupted');
    }
    throw error;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
