/**
 * The README stays true: its KPI table quotes the KPI module, its error
 * example is what the CLI prints, its quick-start scripts exist, and its
 * code examples run as written: the library examples (importing the source
 * for 'ccsim') and every `ccsim` command line of its shell blocks, but those
 * that need a Redis server.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { KPIS } from '../src/model/kpis.js';
import { cli } from './support/cli.js';

const readme = readFileSync('README.md', 'utf8');

describe('README', () => {
  it('quotes the definition of every KPI', () => {
    for (const kpi of KPIS) expect(readme, kpi.name).toContain(`| \`${kpi.name}\` | ${kpi.definition} |`);
  });

  it('shows the error output the CLI really prints for the bad example', async () => {
    const r = await cli('run', 'test/fixtures/bad.yaml');
    expect(r.code).toBe(2);
    for (const line of r.stderr.trim().split('\n')) expect(readme).toContain(line);
  });

  it('names scripts that exist in package.json', () => {
    const scripts = JSON.parse(readFileSync('package.json', 'utf8')).scripts as Record<string, string>;
    for (const match of readme.matchAll(/npm (?:run )?(start|test|run [a-z:]+)/g)) {
      const name = match[1].replace(/^run /, '');
      expect(scripts, name).toHaveProperty(name);
    }
  });
});

/** The body of each fenced block of `language` in the README section under `heading`. */
function codeBlocks(heading: string, language: string): string[] {
  const start = readme.indexOf(`\n## ${heading}`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = readme.indexOf('\n## ', start + 4);
  const section = readme.slice(start, end < 0 ? undefined : end);
  return [...section.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))].map((m) => m[1]);
}

/**
 * The `ccsim` commands of a shell block, as argument lists: double quotes may
 * span lines, a backslash continues a line, comments and `> file` are dropped.
 */
function shellCommands(block: string): string[][] {
  const commands: string[][] = [];
  let words: string[] = [];
  let word: string | null = null;
  let quoted = false;
  let redirect = false;
  const endWord = () => {
    if (word !== null && !redirect) words.push(word);
    else if (word !== null) redirect = false;
    word = null;
  };
  const endCommand = () => {
    endWord();
    if (words[0] === 'npx') words.shift();
    if (words[0] === 'ccsim') commands.push(words.slice(1));
    words = [];
  };
  for (let i = 0; i < block.length; i++) {
    const c = block[i];
    if (quoted) {
      if (c === '"') quoted = false;
      else word = (word ?? '') + c;
    } else if (c === '"') {
      quoted = true;
      word = word ?? '';
    } else if (c === '\\' && block[i + 1] === '\n') {
      i++;
      endWord();
    } else if (c === '\n') {
      endCommand();
    } else if (c === ' ' || c === '\t') {
      endWord();
    } else if (c === '#' && word === null) {
      while (i + 1 < block.length && block[i + 1] !== '\n') i++;
    } else if (c === '>' && word === null) {
      redirect = true;
    } else {
      word = (word ?? '') + c;
    }
  }
  endCommand();
  return commands;
}

describe('README shell blocks', () => {
  it('reads commands, quotes, continuations, comments and redirections', () => {
    expect(
      shellCommands(
        'npx ccsim run a.yaml --reps 5 > out.json   # comment\nnpm test\nccsim query db "SELECT 1\n  FROM t" \\\n  --json\n',
      ),
    ).toEqual([
      ['run', 'a.yaml', '--reps', '5'],
      ['query', 'db', 'SELECT 1\n  FROM t', '--json'],
    ]);
  });
});

const WRITES_REPORT = new Set(['run', 'sweep', 'compare', 'staff', 'shifts', 'dr', 'calibrate', 'backtest']);

describe('README examples run as written', () => {
  it('every ccsim command line of the shell blocks (bar Redis ones) exits 0', async () => {
    // `my-center.yaml` is the reader's copy of the default scenario; report folders go to a temporary
    // folder instead of the checkout's reports/ (paths under reports/ follow them there).
    const dir = mkdtempSync(join(tmpdir(), 'ccsim-readme-'));
    copyFileSync('scenarios/default.yaml', join(dir, 'my-center.yaml'));
    const blocks = [
      ...codeBlocks('Quick start', 'sh'),
      ...codeBlocks('Experiments at scale', 'sh'),
      ...codeBlocks('From your ACD data to a model', 'sh'),
      ...codeBlocks('Importing a call log (mapping files)', 'sh'),
    ];
    const commands = blocks
      .flatMap(shellCommands)
      .filter((args) => !args.some((a) => a.startsWith('--redis')));
    expect(commands.length).toBeGreaterThanOrEqual(10);
    for (const [n, written] of commands.entries()) {
      const args = written.map((a) =>
        a === 'my-center.yaml' ? join(dir, a) : a.startsWith('reports/') ? join(dir, a) : a,
      );
      if (WRITES_REPORT.has(args[0]) && !args.includes('--out') && !args.includes('--no-report')) {
        args.push('--out', join(dir, `command-${n}`));
      }
      const r = await cli(...args);
      expect(r.code, `ccsim ${written.join(' ')}\n${r.stderr}`).toBe(0);
    }
  }, 1_800_000);

  const library = codeBlocks('As a library', 'ts');
  const ROOT = resolve('.');
  it('has the library examples', () => expect(library.length).toBeGreaterThanOrEqual(2));

  for (const [n, code] of library.entries()) {
    it(`library example ${n + 1} runs`, async () => {
      // The examples import 'ccsim': here, the source. They run from the checkout (paths such as
      // scenarios/… are relative to it); what they write under reports/ goes to a temporary folder.
      const dir = mkdtempSync(join(tmpdir(), 'ccsim-readme-library-'));
      const file = join(dir, `example-${n + 1}.mts`);
      const index = pathToFileURL(join(ROOT, 'src/index.ts')).href;
      writeFileSync(
        file,
        code.replaceAll("from 'ccsim'", `from '${index}'`).replaceAll("'reports/", `'${dir}/`),
      );
      const run = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      }).catch((error: { stderr?: string; message: string }) => {
        throw new Error(`library example ${n + 1} failed:\n${error.stderr ?? error.message}`);
      });
      expect(run.stdout.length).toBeGreaterThan(0);
    }, 1_800_000);
  }
});
