/**
 * `ccsim worker --redis redis://host:port`: run replications for
 * `ccsim sweep … --redis` (or `ccsim run … --redis`) started anywhere,
 * until stopped. Ctrl-C (SIGINT) or SIGTERM finishes the jobs in hand and
 * exits; a second one exits at once (those jobs then run on another worker).
 */
import type { Argv } from 'yargs';
import { DistributedRunner } from '../../experiment/distributed-runner.js';
import type { WorkerJobEvent } from '../../experiment/distributed-worker.js';
import { DistributedWorker } from '../../experiment/distributed-worker.js';
import { PROTOCOL } from '../../experiment/queue.js';
import type { CliIo } from '../io.js';
import { ExitCode, UsageError } from '../io.js';

export interface WorkerArgs {
  redis: string;
  concurrency: number;
  queue?: string;
  lockDuration?: number;
  stalledInterval?: number;
  verbose: boolean;
}

export function workerOptions<T>(y: Argv<T>) {
  return y
    .option('redis', {
      type: 'string',
      demandOption: true,
      describe: 'the Redis that sweeps enqueue into: redis://[user:password@]host[:port][/db]',
    })
    .option('concurrency', {
      alias: 'c',
      type: 'number',
      default: 1,
      describe: 'jobs run at once, each on its own thread (the number of cores uses them all)',
    })
    .option('queue', { type: 'string', describe: 'queue name (default: ccsim)' })
    .option('lock-duration', {
      type: 'number',
      describe:
        'ms a job stays locked without renewal; a dead worker’s job runs again after it (default 30000)',
    })
    .option('stalled-interval', {
      type: 'number',
      describe: 'ms between checks for jobs whose worker died (default 30000)',
    })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'print a line per job' })
    .example('$0 worker --redis redis://10.0.0.5:6379 --concurrency 8', 'eight replications at a time')
    .example(
      '$0 sweep scenarios/inbound-sales.yaml --set agentGroups.team.agents=46..54:2 --redis redis://10.0.0.5:6379',
      'meanwhile, elsewhere: the sweep that feeds the workers',
    );
}

export async function workerCommand(args: WorkerArgs, io: CliIo): Promise<void> {
  for (const [flag, value] of [
    ['concurrency', args.concurrency],
    ['lock-duration', args.lockDuration],
    ['stalled-interval', args.stalledInterval],
  ] as const) {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1))
      throw new UsageError(`--${flag}: expected a whole number ≥ 1, got ${value}`);
  }
  let lastError = 0;
  const worker = await DistributedWorker.start({
    redis: args.redis,
    queue: args.queue,
    concurrency: args.concurrency,
    lockDuration: args.lockDuration,
    stalledInterval: args.stalledInterval,
    onJob: (e) => {
      if (args.verbose || e.kind === 'failed') io.stdout(`${jobLine(e)}\n`);
    },
    onError: (error) => {
      // Redis away: the connection retries; say so at most every 10 s.
      if (Date.now() - lastError < 10_000) return;
      lastError = Date.now();
      io.stderr(`ccsim worker: ${error.message} (retrying)\n`);
    },
  });
  const threads = `${worker.concurrency} thread${worker.concurrency === 1 ? '' : 's'}`;
  io.stdout(
    `ccsim worker (protocol ${PROTOCOL}, pid ${process.pid}): taking jobs from ${worker.source} on ${threads}; Ctrl-C to stop\n`,
  );
  let onSignal: () => void = () => undefined;
  await new Promise<void>((resolve, reject) => {
    let closing = false;
    onSignal = () => {
      if (closing) {
        // The jobs in hand are dropped: their locks expire and they run on another worker.
        io.stderr('Stopping now.\n');
        process.exit(ExitCode.interrupted);
      }
      closing = true;
      io.stderr('Stopping after the jobs in hand (Ctrl-C again to stop now; they will run elsewhere)…\n');
      worker.close().then(resolve, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }).finally(() => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  });
  const { jobs, replications, failed } = worker.stats;
  io.stdout(
    `ccsim worker stopped: ${jobs} job(s), ${replications} replication(s)${failed > 0 ? `, ${failed} failed` : ''}\n`,
  );
}

function jobLine(e: WorkerJobEvent): string {
  const r = e.replications;
  const which = r.length === 1 ? `replication ${r[0]}` : `replications ${r[0]}–${r[r.length - 1]}`;
  const head = `${e.kind} ${e.id}: ${which} of "${e.scenario}"`;
  if (e.kind === 'completed') return `${head} in ${(e.seconds ?? 0).toFixed(2)} s`;
  if (e.kind === 'failed') return `${head}: ${e.reason ?? ''}`;
  return head;
}

/** For `--redis` on run and sweep: the runner that sends replications to the workers. */
export async function distributedRunner(
  redis: string,
  io: CliIo,
  quiet: boolean,
): Promise<DistributedRunner> {
  let lastError = 0;
  const runner = await DistributedRunner.connect({
    redis,
    onError: (error) => {
      if (Date.now() - lastError < 10_000) return;
      lastError = Date.now();
      io.stderr(`ccsim: Redis: ${error.message} (retrying)\n`);
    },
  });
  if (!quiet) {
    const workers = await runner.workers();
    const hint = workers === 0 ? `; start some with \`ccsim worker --redis ${redis}\`` : '';
    io.stderr(`Replications go to ${runner.target}: ${workers} worker(s) connected${hint}\n`);
  }
  return runner;
}
