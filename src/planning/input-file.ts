/**
 * Reading the planner's own input files (shift templates, requirements)
 * through the scenario's reader (readTextFile): only regular UTF-8 files of
 * a sensible size, so that a FIFO, a device or a huge file is refused with a
 * clear message instead of blocking or exhausting memory.
 */
import { InputFileError, readTextFile, ScenarioError } from '../model/scenario/index.js';

/** Largest input file read: far beyond any real template or requirements file. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** The text of `file`; `what` names it in messages ("the shift templates"). Problems are ScenarioErrors. */
export function readInputFile(file: string, what: string): string {
  try {
    return readTextFile(file, MAX_INPUT_BYTES).text;
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    throw new ScenarioError([{ file, path: [], message: `cannot read ${what}: ${error.message}` }]);
  }
}
