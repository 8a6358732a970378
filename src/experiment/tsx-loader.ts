/**
 * Worker threads running the TypeScript source (under tsx or vitest) need
 * tsx's loader. `--import tsx` would resolve the package from the working
 * directory, which need not be this checkout (`ccsim` run from another
 * folder): resolve it from here, as an absolute URL.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** `execArgv` for a worker thread running `filename` (TypeScript source needs tsx; built JS nothing). */
export function workerExecArgv(fromSource: boolean): string[] {
  return fromSource ? ['--import', pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href] : [];
}
