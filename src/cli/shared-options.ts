/**
 * The options the simulating commands (`run`, `sweep`, `compare`, `dr`,
 * `staff`) share, declared once: how many replications with which seed,
 * confidence level and threads (`replicationOptions`, `confidenceOption`,
 * `threadsOption`), where they run
 * (`redisOption`), when to stop adding replications (`precisionOptions`),
 * what is printed and written (`outputOptions`) and whether progress is
 * shown (`quietOption`). `shifts` shares the replication, threads and
 * output options too. Each command words
 * only what differs: what its replications are of, what its JSON is, and
 * its default report folder. {@link readSimulationArgs} is the one reader
 * of the simulation options; its errors are UsageErrors (exit 2).
 */
import type { Argv } from 'yargs';
import type { PrecisionTarget } from '../experiment/precision.js';
import { parsePrecision } from '../experiment/precision.js';
import { UsageError, checkWhole } from './io.js';

export const FORMATS = ['table', 'md'] as const;
export type Format = (typeof FORMATS)[number];

/** How a command words its replications and seed: `per point`, `of every run` … */
export interface SimulationWords {
  /** E.g. "replications per point (default: the scenario's)". */
  readonly reps: string;
  /** E.g. "seed of every run (default: the scenario's)". */
  readonly seed: string;
}

export interface SimulationArgs {
  reps?: number;
  seed?: number;
  threads?: number;
}

export interface ConfidenceArgs {
  confidence: number;
}

export interface PrecisionArgs {
  precision?: string[];
  maxReps?: number;
}

export interface OutputArgs {
  json: boolean;
  format: Format;
  out?: string;
  report: boolean;
}

export interface QuietArgs {
  quiet: boolean;
}

/** Adds --reps (-r) and --seed (-s). */
export function replicationOptions<T>(y: Argv<T>, words: SimulationWords) {
  return y
    .option('reps', { alias: 'r', type: 'number', describe: words.reps })
    .option('seed', { alias: 's', type: 'number', describe: words.seed });
}

/** Adds --threads (-t). */
export function threadsOption<T>(y: Argv<T>) {
  return y.option('threads', {
    alias: 't',
    type: 'number',
    describe:
      'worker threads (default: all cores when the run is long enough to gain); results do not depend on it',
  });
}

/** Adds --confidence. */
export function confidenceOption<T>(y: Argv<T>) {
  return y.option('confidence', {
    type: 'number',
    default: 0.95,
    describe: 'confidence level of the intervals',
  });
}

/** Adds --redis: replications on `ccsim worker` processes. */
export function redisOption<T>(y: Argv<T>) {
  return y.option('redis', {
    type: 'string',
    describe:
      'run the replications on `ccsim worker --redis <url>` processes, here or on other machines; results do not depend on it',
  });
}

/** Adds --precision and --max-reps; `scope` says where they apply ("at every point, "). */
export function precisionOptions<T>(y: Argv<T>, scope = '', perWhat = '') {
  return y
    .option('precision', {
      type: 'string',
      array: true,
      describe: `${scope}add replications until a KPI's half-width is at most this: serviceLevel=0.01, or asa=5% (relative)`,
    })
    .option('max-reps', {
      type: 'number',
      describe: `with --precision: the most replications${perWhat} (default 1000)`,
    });
}

/** How a command words its output: what its JSON is, and its default report folder. */
export interface OutputWords {
  /** E.g. "print the plan as JSON on stdout". */
  readonly json: string;
  /** E.g. "report folder (default: reports/<scenario name>-dr)". */
  readonly out: string;
}

/** Adds --json, --format, --out (-o) and --report (--no-report). */
export function outputOptions<T>(y: Argv<T>, words: OutputWords) {
  return y
    .option('json', { type: 'boolean', default: false, describe: words.json })
    .option('format', {
      type: 'string',
      choices: FORMATS,
      default: 'table' as Format,
      describe: 'stdout: an aligned table, or a markdown summary (md) to paste into a ticket',
    })
    .option('out', { alias: 'o', type: 'string', describe: words.out })
    .option('report', {
      type: 'boolean',
      default: true,
      describe: 'write the report folder (--no-report to skip)',
    });
}

/** Adds --quiet (-q). */
export function quietOption<T>(y: Argv<T>) {
  return y.option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'no progress output' });
}

/** The simulation options as the library takes them. */
export interface SimulationSettings {
  readonly replications?: number;
  readonly seed?: number;
  readonly threads: number | 'auto';
  /** Absent for a command without --confidence. */
  readonly confidenceLevel?: number;
  /** Empty for a command without --precision. */
  readonly precision: PrecisionTarget[];
  readonly maxReplications?: number;
}

/**
 * Checks the shared options (whole numbers in range, a confidence level in
 * (0, 1), the precision targets) and returns them as the library takes them.
 */
export function readSimulationArgs(
  args: SimulationArgs & Partial<ConfidenceArgs> & PrecisionArgs,
): SimulationSettings {
  checkWhole('reps', args.reps, 1);
  checkWhole('seed', args.seed, 0);
  checkWhole('threads', args.threads, 1);
  checkWhole('max-reps', args.maxReps, 1);
  const level = args.confidence;
  if (level !== undefined && !(level > 0 && level < 1)) {
    throw new UsageError(`--confidence: expected a level between 0 and 1 (e.g. 0.95), got ${level}`);
  }
  return {
    replications: args.reps,
    seed: args.seed,
    threads: args.threads ?? 'auto',
    confidenceLevel: level,
    precision: (args.precision ?? []).map(parsePrecision),
    maxReplications: args.maxReps,
  };
}
