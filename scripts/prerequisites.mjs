// What the tests need besides node_modules: Chromium (the HTML reports are checked in a real browser),
// the DejaVu fonts (text in PNG charts and in the browser) and redis-server (the distributed runner's
// tests start a real one). `npm test` (scripts/test.mjs) calls ensurePrerequisites() before any test
// runs: what is missing is installed with apt-get when this is Debian and we are root or have
// passwordless sudo; otherwise one line says what to install, and the tests that need it fail.
//
// CCSIM_PREREQUISITES_ROOT (for the tests of this file) is prepended to the absolute paths checked,
// so that a test can point the checks at an empty folder; commands are looked up on PATH.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

/**
 * @typedef {object} Prerequisite
 * @property {string} debianPackage
 * @property {string} neededBy which tests fail without it
 * @property {(env: NodeJS.ProcessEnv) => string | undefined} find the path found, if any
 */

/** @type {Prerequisite[]} */
export const PREREQUISITES = [
  {
    debianPackage: 'chromium',
    neededBy: 'browser tests',
    find: (env) => {
      if (env.CHROMIUM_PATH) return existsSync(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined;
      return onPath('chromium', env) ?? existing(env, '/usr/bin/chromium');
    },
  },
  {
    debianPackage: 'fonts-dejavu-core',
    neededBy: 'chart text',
    find: (env) =>
      existing(env, '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf') ??
      existing(env, '/usr/share/fonts/dejavu/DejaVuSans.ttf'),
  },
  {
    debianPackage: 'redis-server',
    neededBy: 'Redis tests',
    find: (env) => onPath('redis-server', env),
  },
];

/**
 * Installs what is missing when it can, and says in one line what is still missing.
 * @param {{ env?: NodeJS.ProcessEnv, log?: (line: string) => void, install?: boolean }} [options]
 * @returns {{ missing: Prerequisite[], env: Record<string, string> }} what is still missing, and
 *   variables the tests need (CHROMIUM_PATH, where Chromium was found)
 */
export function ensurePrerequisites({ env = process.env, log = console.log, install = true } = {}) {
  const wanted = PREREQUISITES.filter(
    (p) => !(p.debianPackage === 'chromium' && env.CCSIM_SKIP_BROWSER === '1'),
  );
  let missing = wanted.filter((p) => p.find(env) === undefined);
  // A CHROMIUM_PATH that points nowhere is the user's to fix: installing chromium would not change it.
  const installable = missing.filter((p) => !(p.debianPackage === 'chromium' && env.CHROMIUM_PATH));
  if (installable.length > 0 && install) {
    const how = installer(env);
    if (how !== undefined) {
      const packages = installable.map((p) => p.debianPackage);
      log(
        `npm test: installing ${packages.join(', ')} (apt-get${how.length > 0 ? ` through ${how[0]}` : ''})`,
      );
      const ok =
        run([...how, 'apt-get', 'update', '-qq'], env) &&
        run([...how, 'apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages], env);
      missing = wanted.filter((p) => p.find(env) === undefined);
      if (!ok && missing.length === 0)
        log('npm test: apt-get reported a problem, but everything needed is there');
    }
  }
  if (missing.length > 0) log(missingLine(missing, env));

  const chromium = PREREQUISITES[0].find(env);
  return { missing, env: chromium !== undefined && !env.CHROMIUM_PATH ? { CHROMIUM_PATH: chromium } : {} };
}

/** The one line that says what is missing, what fails without it, and how to install it. */
function missingLine(missing, env) {
  const names = missing.map((p) => `${p.debianPackage} (${p.neededBy})`).join(', ');
  const packages = missing.map((p) => p.debianPackage).join(' ');
  const how =
    onPath('apt-get', env) !== undefined
      ? `install with: sudo apt-get install ${packages}`
      : `install ${packages} with your system's package manager`;
  const chromium = missing.some((p) => p.debianPackage === 'chromium')
    ? env.CHROMIUM_PATH
      ? ` (CHROMIUM_PATH=${env.CHROMIUM_PATH} does not exist)`
      : ' (or set CHROMIUM_PATH)'
    : '';
  return `npm test: missing ${names}: their tests will fail; ${how}${chromium}`;
}

/** The command prefix that runs apt-get as root ([] when we are root), or undefined when we cannot. */
function installer(env) {
  if (onPath('apt-get', env) === undefined) return undefined;
  if (process.getuid?.() === 0) return [];
  if (onPath('sudo', env) === undefined) return undefined;
  const probe = spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' });
  return probe.status === 0 ? ['sudo', '-n'] : undefined;
}

/** Runs a command with apt-get's non-interactive settings, its output shown; true when it succeeded. */
function run(command, env) {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  // sudo resets the environment: pass the setting on its command line.
  const args =
    command[0] === 'sudo'
      ? [...command.slice(0, 2), 'DEBIAN_FRONTEND=noninteractive', ...command.slice(2)]
      : command;
  const result = spawnSync(args[0], args.slice(1), { env: aptEnv, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

/** @returns {string | undefined} */
function onPath(command, env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const path = join(dir, command);
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** @returns {string | undefined} */
function existing(env, path) {
  const rooted = env.CCSIM_PREREQUISITES_ROOT ? join(env.CCSIM_PREREQUISITES_ROOT, path) : path;
  return existsSync(rooted) ? rooted : undefined;
}
