/**
 * A deterministic fuzz of the bundled scenarios: seeded mutations (numbers
 * made absurd, names that are also JavaScript object properties, fields
 * dropped or repeated, lists emptied or doubled). Every mutant must either
 * be refused with a ScenarioError, or compile and run one replication
 * without any other error, within the work limits, with finite tallies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { layoutOf, simulateReplication } from '../../src/model/engine/replication.js';
import { Field, FIELD_COUNT } from '../../src/model/kpis.js';
import { expectedCallsOf } from '../../src/model/scenario/check-limits.js';
import { compileScenario, parseScenarioText, ScenarioError } from '../../src/model/scenario/index.js';
import { MAX_EXPECTED_CALLS } from '../../src/model/scenario/limits.js';

const SCENARIOS = 'scenarios';
const MUTANTS_PER_SCENARIO = 30;
/**
 * Accepted mutants expected to simulate more calls than this (a warm-up of
 * 10^9 s is valid) are validated and compiled but not run, to keep the test
 * short; the limits themselves are not relaxed.
 */
const CALLS_RUN_HERE = 500_000;

/** mulberry32: a small seeded generator, so that the mutants are the same on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = Array<string | number>;

const ABSURD_NUMBERS = [0, -1, 1e-300, 5e-324, 1e12, 1e308, 2 ** 53 + 1, 1e9];
const ABSURD_STRINGS = ['NaN', 'Infinity', '1e999', '9'.repeat(400), `${'9'.repeat(400)}s`, '1ms', '-0', ''];
const HOSTILE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
/** Fields whose strings are names or references to names. */
const NAME_FIELDS = new Set(['name', 'site', 'to', 'queue', 'callType', 'ivr']);

/** Every place in the document: [path, value]. */
function places(node: Json, path: Path = [], out: Array<[Path, Json]> = []): Array<[Path, Json]> {
  out.push([path, node]);
  if (Array.isArray(node)) node.forEach((v, i) => places(v, [...path, i], out));
  else if (node !== null && typeof node === 'object')
    for (const [k, v] of Object.entries(node)) places(v, [...path, k], out);
  return out;
}

function parentOf(root: Json, path: Path): Json {
  let node = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, Json>)[key];
  return node;
}

function setAt(root: Json, path: Path, value: Json): void {
  (parentOf(root, path) as Record<string | number, Json>)[path[path.length - 1]] = value;
}

/** Renames a name everywhere: string values and object keys equal to it. */
function rename(node: Json, from: string, to: string): Json {
  if (typeof node === 'string') return node === from ? to : node;
  if (Array.isArray(node)) return node.map((v) => rename(v, from, to));
  if (node !== null && typeof node === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [k, v] of Object.entries(node)) {
      Object.defineProperty(out, k === from ? to : k, {
        value: rename(v, from, to),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return node;
}

/** One mutation of `doc`; returns the new document (or text) and what was done. */
function mutate(doc: Json, text: string, random: () => number): { doc?: Json; text?: string; what: string } {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const all = places(doc).filter(([path]) => path.length > 0);
  const kind = random();
  if (kind < 0.35) {
    const numbers = all.filter(([, v]) => typeof v === 'number' || typeof v === 'string');
    const [path] = pick(numbers);
    const value = random() < 0.6 ? pick(ABSURD_NUMBERS) : pick(ABSURD_STRINGS);
    setAt(doc, path, value);
    return { doc, what: `${path.join('.')} = ${String(value).slice(0, 20)}` };
  }
  if (kind < 0.5) {
    const names = all.filter(
      ([path, v]) =>
        typeof v === 'string' &&
        (NAME_FIELDS.has(String(path[path.length - 1])) || String(path[path.length - 2]) === 'skills'),
    );
    if (names.length > 0) {
      const [path, value] = pick(names);
      const to = pick(HOSTILE_NAMES);
      return {
        doc: rename(doc, value as string, to),
        what: `rename ${String(value)} → ${to} (${path.join('.')})`,
      };
    }
  }
  if (kind < 0.65) {
    const fields = all.filter(([path]) => typeof path[path.length - 1] === 'string');
    const [path] = pick(fields);
    delete (parentOf(doc, path) as Record<string, Json>)[path[path.length - 1]];
    return { doc, what: `drop ${path.join('.')}` };
  }
  if (kind < 0.85) {
    const lists = all.filter(([, v]) => Array.isArray(v));
    const [path, list] = pick(lists) as [Path, Json[]];
    if (random() < 0.5) {
      setAt(doc, path, []);
      return { doc, what: `empty ${path.join('.')}` };
    }
    setAt(doc, path, [...list, ...list.map((v) => structuredClone(v))]);
    return { doc, what: `double ${path.join('.')}` };
  }
  // Text level: a line repeated (duplicate keys or list entries).
  const lines = text.split('\n');
  const at = Math.floor(random() * lines.length);
  lines.splice(at, 0, lines[at]);
  return { text: lines.join('\n'), what: `repeat line ${at + 1}` };
}

/**
 * The first number of a summary that is not finite, or −1. Tallies are always
 * finite; the recovery time and wait percentiles are NaN when they do not apply.
 */
function firstBadNumber(records: Float64Array, recordsEnd: number): number {
  return records.findIndex((x, i) => {
    const mayBeNaN = i < recordsEnd && i % FIELD_COUNT >= Field.recovery;
    return !(Number.isFinite(x) || (mayBeNaN && Number.isNaN(x)));
  });
}

interface Outcome {
  refused: number;
  ran: number;
  tooBigToRunHere: number;
  failures: string[];
}

function tryMutant(file: string, text: string, what: string, outcome: Outcome): void {
  let loaded;
  try {
    loaded = parseScenarioText(text, file);
  } catch (error) {
    if (error instanceof ScenarioError) {
      outcome.refused++;
      return;
    }
    outcome.failures.push(`${file} [${what}]: validation threw ${String(error)}`);
    return;
  }
  try {
    const model = compileScenario(loaded);
    const expected = expectedCallsOf(loaded.scenario);
    if (!(expected <= MAX_EXPECTED_CALLS))
      outcome.failures.push(`${file} [${what}]: accepted with ${expected} calls expected`);
    if (expected > CALLS_RUN_HERE) {
      outcome.tooBigToRunHere++;
      return;
    }
    const summary = simulateReplication(model, 0);
    outcome.ran++;
    if (summary.simulatedCalls > MAX_EXPECTED_CALLS)
      outcome.failures.push(`${file} [${what}]: ${summary.simulatedCalls} calls simulated`);
    const bad = firstBadNumber(summary.records, layoutOf(model).waitSectionOffset);
    if (bad >= 0)
      outcome.failures.push(`${file} [${what}]: summary number ${bad} is ${summary.records[bad]}`);
  } catch (error) {
    outcome.failures.push(`${file} [${what}]: run threw ${String(error).slice(0, 300)}`);
  }
}

describe('fuzzed scenarios', () => {
  it('refuses each mutant of the bundled scenarios with a ScenarioError, or runs it in bounded work', () => {
    const outcome: Outcome = { refused: 0, ran: 0, tooBigToRunHere: 0, failures: [] };
    const files = readdirSync(SCENARIOS)
      .filter((f) => f.endsWith('.yaml'))
      .sort();
    files.forEach((name, f) => {
      const file = join(SCENARIOS, name);
      const original = readFileSync(file, 'utf8');
      for (let m = 0; m < MUTANTS_PER_SCENARIO; m++) {
        const random = generator(1000 * f + m + 1);
        let doc = parse(original) as Json;
        let text = original;
        const done: string[] = [];
        const count = 1 + Math.floor(random() * 2);
        for (let k = 0; k < count; k++) {
          const step = mutate(doc, text, random);
          done.push(step.what);
          if (step.text !== undefined) {
            text = step.text; // possibly no longer YAML: mutated no further
            break;
          }
          text = stringify(step.doc);
          doc = parse(text) as Json;
        }
        tryMutant(file, text, done.join('; '), outcome);
      }
    });
    expect(outcome.failures).toEqual([]);
    // Both outcomes occur: the fuzz reaches the engine, not only the validator.
    expect(outcome.refused).toBeGreaterThan(50);
    expect(outcome.ran).toBeGreaterThan(50);
  }, 120_000);
});
