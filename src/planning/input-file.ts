/**
 * Reading the planner's own input files (shift templates, requirements):
 * only regular files of a sensible size, so that a FIFO, a device or a huge
 * file is refused with a clear message instead of blocking or exhausting
 * memory.
 */
import { readFileSync, statSync } from 'node:fs';
import { ScenarioError } from '../model/scenario/index.js';

/** Largest input file read: far beyond any real template or requirements file. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

function reason(error: unknown): string {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EISDIR') return 'it is a directory';
  return 'not readable';
}

/** The text of `file`; `what` names it in messages ("the shift templates"). Problems are ScenarioErrors. */
export function readInputFile(file: string, what: string): string {
  const refuse = (message: string): never => {
    throw new ScenarioError([{ file, path: [], message: `cannot read ${what}: ${message}` }]);
  };
  let size = 0;
  try {
    const stats = statSync(file);
    if (stats.isDirectory()) refuse('it is a directory');
    if (!stats.isFile()) refuse('not a regular file');
    size = stats.size;
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    refuse(reason(error));
  }
  if (size > MAX_INPUT_BYTES)
    refuse(`${size} bytes, more than the ${MAX_INPUT_BYTES / 1024 / 1024} MB accepted`);
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    return refuse(reason(error));
  }
}
