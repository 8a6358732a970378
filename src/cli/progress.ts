/**
 * A progress bar on the terminal (stderr, so stdout stays clean for --json):
 * replications done, rate, ETA. Silent when stdout is not a terminal or
 * with --quiet.
 */
import { createRequire } from 'node:module';
import type * as CliProgress from 'cli-progress';
import type { ProgressEvent } from '../experiment/simulate.js';
import type { CliIo } from './io.js';

export interface Progress {
  readonly update: (event: ProgressEvent) => void;
  readonly stop: () => void;
}

const SILENT: Progress = { update: () => undefined, stop: () => undefined };

const require = createRequire(import.meta.url);

export function progressBar(io: CliIo, quiet: boolean, label: string): Progress {
  if (quiet || !io.interactive) return SILENT;
  // Required here, not at start-up: only a terminal shows a bar.
  const cliProgress = require('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} replications | {calls} calls | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (e) => {
      if (!started) {
        bar.start(e.replicationsTotal, 0, { calls: 0 });
        started = true;
      }
      bar.setTotal(e.replicationsTotal);
      bar.update(e.replicationsDone, { calls: e.simulatedCalls.toLocaleString('en') });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
