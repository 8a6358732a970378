/**
 * Reading the files a scenario names, and the scenario file itself, safely.
 *
 * A scenario may come from someone else, so it reads only files under its
 * own folder or under a folder the user allowed (`--allow-read`), with
 * symbolic links resolved before the check. Only regular files are read, and
 * only up to a size limit checked before reading: a FIFO, `/dev/zero` or a
 * 10 GB file is refused, never read.
 */
import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';

/** Largest scenario file read (a center with a thousand call types is well under 1 MiB). */
export const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/**
 * Most lines plus commas in a scenario: a bound on its YAML nodes, checked
 * before parsing, since the parser takes about a kilobyte and several
 * microseconds per node (a list of a million numbers would take gigabytes).
 * Long series belong in a CSV forecast.
 */
export const MAX_SCENARIO_ENTRIES = 100_000;

/** Largest CSV forecast read (a year of quarter hours for 20 call types is about 4 MiB). */
export const MAX_CSV_BYTES = 16 * 1024 * 1024;

/** How a scenario may read the files it names. */
export interface LoadOptions {
  /**
   * Folders whose files (and their subfolders' files) a scenario may read
   * besides those under its own folder, e.g. a shared forecasts folder.
   */
  readonly allowRead?: readonly string[];
}

/** A file a scenario read, with the digest of its content (part of the scenario's hash). */
export interface InputFile {
  /** As the scenario names it (relative to the scenario's folder). */
  readonly reference: string;
  /** The file read: absolute, symbolic links resolved. */
  readonly path: string;
  /** SHA-256 of its bytes, hex. */
  readonly sha256: string;
}

/** A file's text and the digest of its bytes. */
export interface TextFile {
  readonly text: string;
  readonly sha256: string;
}

/** Why a file cannot be read, in the user's words (no stack, no internal names). */
export class InputFileError extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'InputFileError';
  }
}

/**
 * The UTF-8 text of the regular file at `path`, refused (InputFileError)
 * when it is not a regular file, is larger than `limit` bytes, or is not
 * UTF-8 text. A leading byte-order mark is dropped.
 */
export function readTextFile(path: string, limit: number): TextFile {
  let fd: number;
  try {
    // Non-blocking: opening a FIFO without a writer would otherwise wait forever.
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new InputFileError(describeFsError(error));
  }
  let bytes: Buffer;
  try {
    bytes = readRegularFile(fd, limit);
  } finally {
    closeSync(fd);
  }
  return { text: decodeText(bytes), sha256: createHash('sha256').update(bytes).digest('hex') };
}

function readRegularFile(fd: number, limit: number): Buffer {
  const stat = fstatSync(fd);
  if (stat.isDirectory()) throw new InputFileError('it is a folder, not a file');
  if (!stat.isFile()) throw new InputFileError('it is not a regular file (a device, pipe or socket)');
  if (stat.size > limit) throw new InputFileError(tooLarge(stat.size, limit));
  // Read until the end, never more than limit + 1 bytes: files such as
  // those of /proc report a size of 0 and hold more.
  let buffer = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(stat.size + 1, 64 * 1024)));
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) throw new InputFileError(tooLarge(length, limit, true));
      const bigger = Buffer.allocUnsafe(Math.min(limit + 1, buffer.length * 2));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const read = readSync(fd, buffer, length, buffer.length - length, null);
    if (read === 0) break;
    length += read;
  }
  if (length > limit) throw new InputFileError(tooLarge(length, limit, true));
  return buffer.subarray(0, length);
}

function tooLarge(size: number, limit: number, atLeast = false): string {
  return `it is ${atLeast ? 'more than ' : ''}${formatBytes(size)}, above the limit of ${formatBytes(limit)}`;
}

/** `8 MiB`, `1.5 KiB`, `300 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toFixed(1))} ${units[unit]}`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function decodeText(bytes: Buffer): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputFileError('it is UTF-16 text: save it as UTF-8');
  }
  if (bytes.includes(0)) throw new InputFileError('it is not a text file (it holds NUL bytes)');
  try {
    // TextDecoder drops a leading UTF-8 byte-order mark (ignoreBOM: false).
    return UTF8.decode(bytes);
  } catch {
    throw new InputFileError('it is not UTF-8 text: save it as UTF-8');
  }
}

/** Plain words for the usual file-system errors. */
export function describeFsError(error: unknown): string {
  const code = error !== null && typeof error === 'object' && 'code' in error ? error.code : undefined;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'ENOTDIR':
      return 'no such file (a part of the path is not a folder)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    case 'ERR_INVALID_ARG_VALUE':
    case 'ERR_INVALID_ARG_TYPE':
      return 'not a valid path';
    default:
      return typeof code === 'string' ? `cannot be read (${code})` : 'cannot be read';
  }
}

/** The file a scenario names, or why it may not be read (a reason, to follow the file's name). */
export type InputPath = { readonly path: string } | { readonly refused: string };

/**
 * Where `reference` (relative to the folder of `scenarioFile`) points, if
 * the scenario may read it: under the scenario's folder or an allowed one,
 * both before and after resolving symbolic links. Nothing outside is
 * opened, so a refusal says nothing about what exists there.
 */
export function resolveInputPath(
  scenarioFile: string,
  reference: string,
  options: LoadOptions = {},
): InputPath {
  if (reference.trim() === '' || /\p{Cc}/u.test(reference)) {
    return { refused: 'expected the path of a file' };
  }
  const folder = dirname(resolve(scenarioFile));
  const roots = [folder, ...(options.allowRead ?? []).map((d) => resolve(d))];
  const lexical = resolve(folder, reference);
  if (!roots.some((root) => isWithin(root, lexical))) {
    return {
      refused:
        `it is outside the scenario's folder (${folder}): a scenario reads only files in its own folder, ` +
        `unless you allow another, e.g. --allow-read ${dirname(lexical)}`,
    };
  }
  let real: string;
  try {
    real = realpathSync.native(lexical);
  } catch (error) {
    return { refused: `${describeFsError(error)} (looked for ${lexical})` };
  }
  const realRoots = roots.flatMap((root) => {
    try {
      return [realpathSync.native(root)];
    } catch {
      return [];
    }
  });
  if (!realRoots.some((root) => isWithin(root, real))) {
    return {
      refused:
        `it is a link to a file outside the scenario's folder (${folder}): allow the folder it links to ` +
        'with --allow-read <folder>',
    };
  }
  return { path: real };
}

/** Whether `path` is `folder` or inside it (both absolute). */
function isWithin(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
