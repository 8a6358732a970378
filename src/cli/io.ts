import { parseDurationString } from '../model/scenario/units.js';

/** Where the CLI writes, so that tests can run it in-process. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stdout is a terminal (progress bars, colours). */
  readonly interactive: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stdout.isTTY === true,
};

/**
 * Exit codes: 0 success, 1 an internal failure, 2 bad input (arguments,
 * scenario, results database), 3 a target not reached (`dr --size`: the
 * results are printed and written all the same), 130 interrupted.
 */
export const ExitCode = { ok: 0, failure: 1, badInput: 2, targetNotReached: 3, interrupted: 130 } as const;

/** Bad command-line input; printed without a stack trace, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** An option that must be a whole number ≥ `min` (absent is fine). */
export function checkWhole(flag: string, value: number | undefined, min: number): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= min)) {
    throw new UsageError(`--${flag}: expected a whole number ≥ ${min}, got ${value}`);
  }
}

/** A duration option: `2h`, `90m`, `30s`, or plain seconds. */
export function durationOption(flag: string, text: string, positive: boolean): number {
  const trimmed = text.trim();
  const seconds = /^[0-9]*\.?[0-9]+$/.test(trimmed) ? Number(trimmed) : parseDurationString(trimmed);
  if (seconds === undefined || !(positive ? seconds > 0 : seconds >= 0)) {
    throw new UsageError(
      `--${flag}: expected a ${positive ? 'positive ' : ''}duration such as 2h, 90m or 30s, got "${text}"`,
    );
  }
  return seconds;
}
