/**
 * `npm test` on a fresh machine (issue 11, item 9): before any test runs, it
 * installs what the tests need (Chromium, DejaVu fonts, redis-server) with
 * apt-get when it can, and otherwise says in one line what to install.
 *
 * Nothing is installed for real: the checks look under an empty folder
 * (CCSIM_PREREQUISITES_ROOT) and on a PATH holding a fake apt-get that
 * records its arguments and "installs" by creating the files checked.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface Machine {
  /** PATH for the run: only the fake commands. */
  readonly bin: string;
  /** What CCSIM_PREREQUISITES_ROOT points at. */
  readonly root: string;
  /** One line per apt-get call: DEBIAN_FRONTEND, then the arguments. */
  readonly aptLog: string;
}

/** A machine with nothing installed; `apt` adds apt-get (and sudo, for a run that is not root). */
function freshMachine(options: { apt: boolean }): Machine {
  const dir = mkdtempSync(join(tmpdir(), 'ccsim-prereq-'));
  const bin = join(dir, 'bin');
  const root = join(dir, 'root');
  const aptLog = join(dir, 'apt.log');
  mkdirSync(bin);
  mkdirSync(root);
  writeFileSync(aptLog, '');
  if (options.apt) {
    script(
      bin,
      'apt-get',
      `echo "$DEBIAN_FRONTEND $*" >> '${aptLog}'
PATH=/usr/bin:/bin # for mkdir and chmod; the run's own PATH stays the fake one
[ "$1" = install ] || exit 0
for p in "$@"; do
  case "$p" in
    chromium) printf '#!/bin/sh\\n' > '${bin}/chromium'; chmod +x '${bin}/chromium' ;;
    redis-server) printf '#!/bin/sh\\n' > '${bin}/redis-server'; chmod +x '${bin}/redis-server' ;;
    fonts-dejavu-core) mkdir -p '${root}/usr/share/fonts/truetype/dejavu'; : > '${root}/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf' ;;
  esac
done`,
    );
    script(bin, 'sudo', '[ "$1" = -n ] && shift\nexec /usr/bin/env "$@"');
  }
  return { bin, root, aptLog };
}

function script(dir: string, name: string, body: string): void {
  writeFileSync(join(dir, name), `#!/bin/sh\n${body}\n`);
  chmodSync(join(dir, name), 0o755);
}

/** `node scripts/test.mjs --setup-only` on `machine`: the provisioning step alone. */
function setUp(machine: Machine, env: Record<string, string> = {}) {
  const run = spawnSync(process.execPath, ['scripts/test.mjs', '--setup-only'], {
    encoding: 'utf8',
    env: { PATH: machine.bin, CCSIM_PREREQUISITES_ROOT: machine.root, ...env },
  });
  const aptCalls = readFileSync(machine.aptLog, 'utf8').split('\n').filter(Boolean);
  return { status: run.status, lines: run.stdout.split('\n').filter(Boolean), stderr: run.stderr, aptCalls };
}

describe('npm test provisions what the tests need', () => {
  it('installs chromium, the DejaVu fonts and redis-server with apt-get (update first) when they are missing', () => {
    const machine = freshMachine({ apt: true });
    const { status, lines, aptCalls } = setUp(machine);
    expect(aptCalls).toEqual([
      'noninteractive update -qq',
      'noninteractive install -y -qq --no-install-recommends chromium fonts-dejavu-core redis-server',
    ]);
    expect(lines).toEqual(
      ['npm test: installing chromium, fonts-dejavu-core, redis-server (apt-get)'].map((line) =>
        process.getuid?.() === 0 ? line : line.replace('(apt-get)', '(apt-get through sudo)'),
      ),
    );
    expect(status).toBe(0);
    expect(existsSync(join(machine.bin, 'redis-server'))).toBe(true);
  });

  it('installs only what is missing, and nothing when nothing is', () => {
    const machine = freshMachine({ apt: true });
    script(machine.bin, 'chromium', '');
    mkdirSync(join(machine.root, 'usr/share/fonts/truetype/dejavu'), { recursive: true });
    writeFileSync(join(machine.root, 'usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'), '');
    expect(setUp(machine).aptCalls).toEqual([
      'noninteractive update -qq',
      'noninteractive install -y -qq --no-install-recommends redis-server',
    ]);
    const again = setUp(machine);
    expect(again.aptCalls).toHaveLength(2); // no new call
    expect(again.lines).toEqual([]);
    expect(again.status).toBe(0);
  });

  it('says in one line what to install when it cannot install (no apt-get)', () => {
    const machine = freshMachine({ apt: false });
    const { status, lines } = setUp(machine);
    expect(lines).toEqual([
      "npm test: missing chromium (browser tests), fonts-dejavu-core (chart text), redis-server (Redis tests): their tests will fail; install chromium fonts-dejavu-core redis-server with your system's package manager (or set CHROMIUM_PATH)",
    ]);
    expect(status).toBe(1);
  });

  it('does not install when told not to, and leaves Chromium out when the browser tests are skipped', () => {
    const machine = freshMachine({ apt: true });
    const { status, lines, aptCalls } = setUp(machine, { CCSIM_TEST_INSTALL: '0', CCSIM_SKIP_BROWSER: '1' });
    expect(aptCalls).toEqual([]);
    expect(lines).toEqual([
      'npm test: missing fonts-dejavu-core (chart text), redis-server (Redis tests): their tests will fail; install with: sudo apt-get install fonts-dejavu-core redis-server',
    ]);
    expect(status).toBe(1);
  });
});

describe('npm test without a prerequisite', () => {
  it('says so before any test runs, and the Redis tests fail (their file counts as failed) instead of being skipped', () => {
    const machine = freshMachine({ apt: false });
    const run = spawnSync(
      process.execPath,
      ['scripts/test.mjs', 'test/experiment/distributed.test.ts', '-t', 'distributed workers'],
      {
        encoding: 'utf8',
        env: {
          PATH: machine.bin,
          CCSIM_PREREQUISITES_ROOT: machine.root,
          CCSIM_SKIP_BROWSER: '1',
          CCSIM_TEST_INSTALL: '0',
          CCSIM_TEST_RESULTS_FILE: join(machine.root, 'results.json'),
        },
      },
    );
    const lines = run.stdout.split('\n').filter(Boolean);
    expect(lines[0]).toMatch(
      /^npm test: missing fonts-dejavu-core \(chart text\), redis-server \(Redis tests\)/,
    );
    expect(run.stdout + run.stderr).toContain('redis-server not found on PATH');
    expect(run.stdout).toMatch(
      /test\/experiment\/distributed\.test\.ts: failed to load or set up, so its \d+ tests did not run/,
    );
    expect(lines.at(-1)).toMatch(/^0 passed, 1 failed/);
    expect(run.status).toBe(1);
  });
});
