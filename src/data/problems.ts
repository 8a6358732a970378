/**
 * User-facing messages about data input (call logs, interval reports and
 * their mapping files), one line per problem: `file:line: field: message`,
 * where `field` is the log's column or the mapping's field path.
 */
import { safeText } from '../model/scenario/problems.js';

export interface DataProblem {
  /** The file as the user named it. */
  readonly file: string;
  /** 1-based line of the file, when the problem has one. */
  readonly line?: number;
  /** The column of the log (its header name) or the field path of the mapping (`fields.arrival.format`). */
  readonly field?: string;
  /** What is wrong and what was expected. */
  readonly message: string;
}

/** Longest message of one problem; longer ones (long quoted values) are cut. */
const MAX_MESSAGE_LENGTH = 400;

/** Thrown when a log, a report or a mapping cannot be read; holds every problem found (a capped list). */
export class DataInputError extends Error {
  readonly problems: readonly DataProblem[];
  /** Problems found beyond those listed (see {@link ProblemList}). */
  readonly unlisted: number;

  constructor(problems: readonly DataProblem[], unlisted = 0) {
    // Messages quote the input: make them safe to print whatever the file held.
    const safe = problems.map((p) => ({
      ...p,
      file: safeText(p.file, Infinity),
      ...(p.field === undefined ? {} : { field: safeText(p.field, 80) }),
      message: safeText(p.message, MAX_MESSAGE_LENGTH),
    }));
    const lines = safe.map(formatDataProblem);
    if (unlisted > 0) lines.push(`… and ${unlisted.toLocaleString('en')} more problem(s) like these`);
    super(lines.join('\n'));
    this.name = 'DataInputError';
    this.problems = safe;
    this.unlisted = unlisted;
  }
}

/** One line: `file:line: field: message` (parts left out when unknown). */
export function formatDataProblem(problem: DataProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  return problem.field === undefined || problem.field === ''
    ? `${where}: ${problem.message}`
    : `${where}: ${problem.field}: ${problem.message}`;
}

/** Most problems listed for one file: a log with a wrong mapping would otherwise print a line per row. */
export const MAX_LISTED_PROBLEMS = 50;

/** Collects problems, keeping the first {@link MAX_LISTED_PROBLEMS} and counting the rest. */
export class ProblemList {
  readonly listed: DataProblem[] = [];
  unlisted = 0;

  constructor(private readonly max = MAX_LISTED_PROBLEMS) {}

  add(problem: DataProblem): void {
    if (this.listed.length < this.max) this.listed.push(problem);
    else this.unlisted++;
  }

  get count(): number {
    return this.listed.length + this.unlisted;
  }
}
