/**
 * A report folder is replaced whole, so that a kill at any moment leaves
 * the previous report or the new one, never a mix of both nor temporary
 * files for good:
 *
 * 1. the new report is written into a staging folder next to it,
 *    `.<name>.ccsim-<pid>.tmp`, with the list of its files
 *    (`.ccsim-report.json`) last;
 * 2. every file of the folder that the new report does not write (the
 *    results database, other charts, the user's own files) is moved into
 *    the staging folder;
 * 3. the folder is renamed `.<name>.ccsim-<pid>.old`, the staging folder
 *    renamed to the folder, and the old one deleted.
 *
 * What a killed process leaves behind (a staging folder, or the old folder
 * between the two renames of step 3) is put right the next time ccsim
 * opens or writes the folder (recoverReportFolder). When the folder is the
 * working directory or contains it, it cannot be renamed: each file is then
 * written to a temporary name and renamed into place.
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

/** Lists the files the report wrote (paths relative to the folder), to tell them from the files moved in. */
const MANIFEST = '.ccsim-report.json';

/** A report folder opened for a command: whether the command created it. */
export interface ReportFolder {
  readonly path: string;
  readonly created: boolean;
}

/** Puts right what an interrupted write left, then creates the folder when missing. */
export function openReportFolder(path: string): ReportFolder {
  recoverReportFolder(path);
  const created = !existsSync(path);
  mkdirSync(path, { recursive: true });
  return { path, created };
}

/** Removes the folder when this command created it and left nothing in it. */
export function discardReportFolder(folder: ReportFolder): void {
  if (!folder.created) return;
  try {
    if (readdirSync(folder.path).length === 0) rmdirSync(folder.path);
  } catch {
    // Already gone, or no longer ours to remove.
  }
}

/** Writes `contents` (paths relative to the folder) as the folder's report, replacing the previous one whole. */
export function replaceReport(
  directory: string,
  contents: ReadonlyArray<readonly [string, string | Buffer]>,
): void {
  recoverReportFolder(directory);
  if (!renameable(directory)) {
    writeInPlace(directory, contents);
    return;
  }
  const { staging, old } = namesOf(directory, process.pid);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const written = writeAll(staging, contents);
    // Written last: its presence says the staging folder holds the whole report.
    writeFileSync(join(staging, MANIFEST), `${JSON.stringify({ files: [...written] }, null, 2)}\n`);
    if (existsSync(directory)) {
      for (const file of filesUnder(directory)) {
        if (file === MANIFEST || written.has(file)) continue;
        mkdirSync(dirname(join(staging, file)), { recursive: true });
        renameSync(join(directory, file), join(staging, file));
      }
      renameSync(directory, old);
    }
    renameSync(staging, directory);
  } catch {
    // Put back what was moved, then write in place (a folder that cannot be renamed: a mount point …).
    recoverFrom(directory, process.pid);
    writeInPlace(directory, contents);
    return;
  }
  rmSync(old, { recursive: true, force: true });
}

/**
 * Finishes or undoes what a killed ccsim left next to (and in) `directory`:
 * a swap cut between its two renames is completed; a staging folder gives
 * back what it took from the folder and is deleted; temporary files of
 * in-place writes are deleted.
 */
export function recoverReportFolder(directory: string): void {
  const parent = dirname(resolve(directory));
  const prefix = `.${basename(resolve(directory))}.ccsim-`;
  let siblings: string[];
  try {
    siblings = readdirSync(parent);
  } catch {
    return; // no parent yet: nothing to recover
  }
  const pids = new Set<number>();
  for (const entry of siblings) {
    if (!entry.startsWith(prefix)) continue;
    const match = /^(\d+)\.(tmp|old)$/.exec(entry.slice(prefix.length));
    if (match !== null) pids.add(Number(match[1]));
  }
  for (const pid of pids) if (!alive(pid)) recoverFrom(directory, pid);
  removeStaleTemporaryFiles(directory);
  removeStaleTemporaryFiles(join(directory, 'charts'));
}

function recoverFrom(directory: string, pid: number): void {
  const { staging, old } = namesOf(directory, pid);
  if (existsSync(old) && !existsSync(directory)) {
    // Cut between the two renames: the staging folder is complete (the swap starts only then).
    renameSync(existsSync(join(staging, MANIFEST)) ? staging : old, directory);
  }
  if (existsSync(staging) && existsSync(directory)) {
    // Give back what was moved in from the folder: whatever the new report did not write.
    const written = manifestFiles(staging);
    if (written !== undefined) {
      for (const file of filesUnder(staging)) {
        if (file === MANIFEST || written.has(file) || existsSync(join(directory, file))) continue;
        mkdirSync(dirname(join(directory, file)), { recursive: true });
        renameSync(join(staging, file), join(directory, file));
      }
    }
  }
  rmSync(staging, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
}

function namesOf(directory: string, pid: number): { staging: string; old: string } {
  const absolute = resolve(directory);
  const stem = join(dirname(absolute), `.${basename(absolute)}.ccsim-${pid}`);
  return { staging: `${stem}.tmp`, old: `${stem}.old` };
}

/** A folder can be swapped unless it is (or contains) the working directory or a root, or its parent is read-only. */
function renameable(directory: string): boolean {
  const absolute = resolve(directory);
  const cwd = process.cwd();
  if (dirname(absolute) === absolute) return false;
  if (cwd === absolute || cwd.startsWith(absolute + sep)) return false;
  try {
    accessSync(dirname(absolute), constants.W_OK);
  } catch {
    return false;
  }
  return !existsSync(absolute) || statSync(absolute).isDirectory();
}

/** Writes every file under `root`; returns the paths written (relative, with `/`). */
function writeAll(root: string, contents: ReadonlyArray<readonly [string, string | Buffer]>): Set<string> {
  const written = new Set<string>();
  for (const [name, content] of contents) {
    const path = join(root, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
    written.add(relative(root, path).split(sep).join('/'));
  }
  return written;
}

/** Every file (not folder) under `root`, relative, with `/`. */
function filesUnder(root: string): string[] {
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = folder === '' ? entry.name : `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk('');
  return files;
}

function manifestFiles(directory: string): Set<string> | undefined {
  try {
    const parsed = JSON.parse(readFileSync(join(directory, MANIFEST), 'utf8')) as { files?: unknown };
    if (Array.isArray(parsed.files)) return new Set(parsed.files.filter((f) => typeof f === 'string'));
  } catch {
    // No manifest: the staging folder was not complete, nothing was moved into it.
  }
  return undefined;
}

/** The working directory's own folder: each file through a temporary name (`.<file>.ccsim-<pid>.tmp`). */
function writeInPlace(directory: string, contents: ReadonlyArray<readonly [string, string | Buffer]>): void {
  mkdirSync(directory, { recursive: true });
  for (const [name, content] of contents) {
    const path = join(directory, name);
    mkdirSync(dirname(path), { recursive: true });
    const temporary = join(dirname(path), `.${basename(path)}.ccsim-${process.pid}.tmp`);
    writeFileSync(temporary, content);
    renameSync(temporary, path);
  }
}

/** Temporary files of in-place writes by processes no longer running (this naming, and `<file>.<pid>.tmp` of older versions). */
function removeStaleTemporaryFiles(directory: string): void {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return;
  }
  for (const entry of entries) {
    const match = /^\..+\.ccsim-(\d+)\.tmp$/.exec(entry) ?? /^[^.].*\.(\d+)\.tmp$/.exec(entry);
    if (match !== null && !alive(Number(match[1]))) rmSync(join(directory, entry), { force: true });
  }
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false; // ours, from an earlier failed attempt in this process
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
