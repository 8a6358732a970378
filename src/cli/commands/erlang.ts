/**
 * `ccsim erlang b|c|a|lines|staff`: the closed forms, asked directly.
 *
 * Options take the units scenario files take: durations as `240`, `240s` or
 * `4m`; rates per hour as `675` or with a unit (`675/h`, `11.25/m`);
 * fractions as `0.8` or `80%`. Every bad option is reported at once, by its
 * flag; the formulas' own field names never reach the user.
 */
import type { Argv } from 'yargs';
import {
  erlangA,
  erlangB,
  erlangC,
  erlangCWaitQuantile,
  finiteLines,
  staffErlangA,
  staffErlangC,
} from '../../analytic/index.js';
// units.js, not the scenario module: erlang must not load zod and the YAML parser at start-up.
import { parseDurationString } from '../../model/scenario/units.js';
import { table } from '../../report/format.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';

type Fields = Record<string, number | string | boolean | null>;

/** Beyond this many agents, lines or erlangs the closed forms are no longer a sensible question (and get slow). */
const MAX_SERVERS = 100_000;

const RATE = {
  type: 'string',
  demandOption: true,
  describe: 'offered calls per hour: 675, or with a unit: 675/h, 11.25/m',
} as const;
const AHT = {
  type: 'string',
  demandOption: true,
  describe: 'average handle time: 240 (seconds), 240s, 4m',
} as const;
const AGENTS = { type: 'string', demandOption: true, describe: 'number of agents' } as const;
const THRESHOLD = {
  type: 'string',
  default: '20',
  describe: 'service-level threshold T: 20 (seconds), 20s, 1m',
} as const;
const PATIENCE = { type: 'string', describe: 'mean patience (exponential): 480 (seconds), 8m' } as const;
const JSON_FLAG = { type: 'boolean', default: false, describe: 'print JSON on stdout' } as const;

const RATE_UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, min: 60, h: 3600, d: 86400 };
const NUMBER = /^[+]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/** Reads options in their units, keeping every problem to report them together. */
class Options {
  private readonly problems: string[] = [];

  private problem(flag: string, expected: string, text: string | undefined): number {
    this.problems.push(`--${flag}: expected ${expected}, got "${text ?? ''}"`);
    return Number.NaN;
  }

  /** Seconds; a plain number is seconds. */
  duration(flag: string, text: string, positive: boolean): number {
    const trimmed = text.trim();
    const seconds = NUMBER.test(trimmed) ? Number(trimmed) : parseDurationString(trimmed);
    return seconds !== undefined && Number.isFinite(seconds) && (positive ? seconds > 0 : seconds >= 0)
      ? seconds
      : this.problem(flag, `a ${positive ? 'positive ' : ''}duration such as 240, 240s or 4m`, text);
  }

  optionalDuration(flag: string, text: string | undefined): number | undefined {
    return text === undefined ? undefined : this.duration(flag, text, true);
  }

  /** Calls per hour; a plain number is per hour. */
  rate(flag: string, text: string): number {
    const match = /^(.*?)\s*(?:\/\s*([a-z]+))?$/i.exec(text.trim());
    const value = match?.[1] ?? '';
    const per = RATE_UNIT_SECONDS[match?.[2]?.toLowerCase() ?? 'h'];
    const perHour = NUMBER.test(value) && per !== undefined ? (Number(value) * 3600) / per : Number.NaN;
    return Number.isFinite(perHour) && perHour >= 0
      ? perHour
      : this.problem(flag, 'calls per hour such as 675, 675/h or 11.25/m', text);
  }

  /** A fraction in (0, 1], written 0.8 or 80%. */
  fraction(flag: string, text: string | undefined, orOne: boolean): number | undefined {
    if (text === undefined) return undefined;
    const trimmed = text.trim();
    const percent = trimmed.endsWith('%');
    const digits = percent ? trimmed.slice(0, -1).trim() : trimmed;
    const value = NUMBER.test(digits) ? Number(digits) / (percent ? 100 : 1) : Number.NaN;
    return value > 0 && (orOne ? value <= 1 : value < 1)
      ? value
      : this.problem(flag, `a fraction in (0, 1${orOne ? ']' : ')'} such as 0.8 or 80%`, text);
  }

  /** A whole number in [min, MAX_SERVERS]. */
  whole(flag: string, text: string, min: number): number {
    const value = NUMBER.test(text.trim()) ? Number(text) : Number.NaN;
    return Number.isInteger(value) && value >= min && value <= MAX_SERVERS
      ? value
      : this.problem(flag, `a whole number from ${min} to ${MAX_SERVERS}`, text);
  }

  /** The offered load rate × aht, kept within what the formulas answer quickly. */
  load(rate: number, aht: number): void {
    if ((rate * aht) / 3600 > MAX_SERVERS) {
      this.problems.push(
        `--rate × --aht: an offered load of ${Number(((rate * aht) / 3600).toPrecision(4))} erlangs is above the ${MAX_SERVERS} these formulas answer`,
      );
    }
  }

  /** Throws every problem found, one line each. */
  check(): void {
    if (this.problems.length > 0) throw new UsageError(this.problems.join('\n'));
  }
}

/** The formulas' field names, as the options that set them. */
const FLAG_OF: Readonly<Record<string, string>> = {
  arrivalRatePerHour: '--rate',
  meanServiceSeconds: '--aht',
  agents: '--agents',
  lines: '--lines',
  thresholdSeconds: '--threshold',
  meanPatienceSeconds: '--patience',
  targetServiceLevel: '--target',
  maxAsaSeconds: '--max-asa',
  maxAbandonRate: '--max-abandon',
  maxOccupancy: '--max-occupancy',
};

/** Runs a formula; a range error it raises is said in terms of the options (a last guard: Options checks first). */
function solve<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const message = error.message
      .replace(/^\w+: /, '')
      .replace(/\b[a-zA-Z]+\b/g, (word) => FLAG_OF[word] ?? word);
    throw new UsageError(message);
  }
}

export function erlangCommands<T>(y: Argv<T>, io: CliIo) {
  return y
    .command(
      'b',
      'Erlang B: blocking on n lines (M/M/n/n)',
      (c) =>
        c
          .option('rate', RATE)
          .option('aht', AHT)
          .option('lines', { type: 'string', demandOption: true, describe: 'number of lines (servers)' })
          .option('json', JSON_FLAG)
          .example('$0 erlang b --rate 300 --aht 3m --lines 20', 'blocking of 15 erlangs on 20 lines'),
      (a) => {
        const o = new Options();
        const rate = o.rate('rate', a.rate);
        const aht = o.duration('aht', a.aht, true);
        const lines = o.whole('lines', a.lines, 1);
        o.load(rate, aht);
        o.check();
        const load = (rate * aht) / 3600;
        print(io, a.json, 'Erlang B (M/M/n/n)', { load, lines, blocking: solve(() => erlangB(lines, load)) });
      },
    )
    .command(
      'c',
      'Erlang C: waiting with infinite patience (M/M/n)',
      (c) =>
        c
          .option('rate', RATE)
          .option('aht', AHT)
          .option('agents', AGENTS)
          .option('threshold', THRESHOLD)
          .option('json', JSON_FLAG)
          .example('$0 erlang c --rate 675 --aht 4m --agents 50 --threshold 20s', '45 erlangs on 50 agents'),
      (a) => {
        const o = new Options();
        const input = {
          arrivalRatePerHour: o.rate('rate', a.rate),
          meanServiceSeconds: o.duration('aht', a.aht, true),
          agents: o.whole('agents', a.agents, 1),
          thresholdSeconds: o.duration('threshold', a.threshold, false),
        };
        o.load(input.arrivalRatePerHour, input.meanServiceSeconds);
        o.check();
        const result = solve(() => erlangC(input));
        const fields: Fields = { ...result };
        if (result.stable) {
          for (const p of [0.5, 0.8, 0.9, 0.95]) {
            fields[`waitP${p * 100}`] = solve(() => erlangCWaitQuantile(input, p));
          }
        }
        print(io, a.json, 'Erlang C (M/M/n)', fields);
      },
    )
    .command(
      'a',
      'Erlang A: waiting with exponential patience (M/M/n+M)',
      (c) =>
        c
          .option('rate', RATE)
          .option('aht', AHT)
          .option('agents', AGENTS)
          .option('threshold', THRESHOLD)
          .option('patience', { ...PATIENCE, demandOption: true })
          .option('json', JSON_FLAG)
          .example(
            '$0 erlang a --rate 675 --aht 4m --agents 50 --patience 8m',
            'with callers patient 8 min on average',
          ),
      (a) => {
        const o = new Options();
        const input = {
          arrivalRatePerHour: o.rate('rate', a.rate),
          meanServiceSeconds: o.duration('aht', a.aht, true),
          agents: o.whole('agents', a.agents, 1),
          thresholdSeconds: o.duration('threshold', a.threshold, false),
          meanPatienceSeconds: o.duration('patience', a.patience, true),
        };
        o.load(input.arrivalRatePerHour, input.meanServiceSeconds);
        o.check();
        print(io, a.json, 'Erlang A (M/M/n+M)', { ...solve(() => erlangA(input)) });
      },
    )
    .command(
      'lines',
      'finite lines: n agents and K lines, callers blocked when all lines are busy (M/M/n/K)',
      (c) =>
        c
          .option('rate', RATE)
          .option('aht', AHT)
          .option('agents', AGENTS)
          .option('lines', { type: 'string', demandOption: true, describe: 'lines K ≥ agents' })
          .option('threshold', THRESHOLD)
          .option('json', JSON_FLAG)
          .example('$0 erlang lines --rate 675 --aht 4m --agents 50 --lines 60', '50 agents behind 60 lines'),
      (a) => {
        const o = new Options();
        const input = {
          arrivalRatePerHour: o.rate('rate', a.rate),
          meanServiceSeconds: o.duration('aht', a.aht, true),
          agents: o.whole('agents', a.agents, 1),
          lines: o.whole('lines', a.lines, 1),
          thresholdSeconds: o.duration('threshold', a.threshold, false),
        };
        o.load(input.arrivalRatePerHour, input.meanServiceSeconds);
        o.check();
        if (input.lines < input.agents) {
          throw new UsageError(`--lines: expected at least --agents (${input.agents}), got ${input.lines}`);
        }
        print(io, a.json, 'Finite lines (M/M/n/K)', { ...solve(() => finiteLines(input)) });
      },
    )
    .command(
      'staff',
      'fewest agents meeting a service-level target (Erlang C, or Erlang A with --patience)',
      (c) =>
        c
          .option('rate', RATE)
          .option('aht', AHT)
          .option('threshold', THRESHOLD)
          .option('target', {
            type: 'string',
            demandOption: true,
            describe: 'service-level target: 0.8 or 80%',
          })
          .option('patience', PATIENCE)
          .option('max-asa', { type: 'string', describe: 'also keep the ASA at or below this: 30, 30s' })
          .option('max-abandon', {
            type: 'string',
            describe: 'also keep abandonment at or below this: 0.05 or 5% (Erlang A)',
          })
          .option('max-occupancy', {
            type: 'string',
            describe: 'also keep occupancy at or below this: 0.9 or 90%',
          })
          .option('json', JSON_FLAG)
          .example(
            '$0 erlang staff --rate 675 --aht 4m --threshold 20s --target 80%',
            'agents for 80/20 (Erlang C)',
          )
          .example(
            '$0 erlang staff --rate 675 --aht 240 --target 0.8 --patience 8m',
            'the same with abandonment',
          ),
      (a) => {
        const o = new Options();
        const base = {
          arrivalRatePerHour: o.rate('rate', a.rate),
          meanServiceSeconds: o.duration('aht', a.aht, true),
          thresholdSeconds: o.duration('threshold', a.threshold, false),
          targetServiceLevel: o.fraction('target', a.target, false) ?? Number.NaN,
          maxAsaSeconds: o.optionalDuration('max-asa', a.maxAsa),
          maxOccupancy: o.fraction('max-occupancy', a.maxOccupancy, true),
        };
        const patience = o.optionalDuration('patience', a.patience);
        const maxAbandonRate = o.fraction('max-abandon', a.maxAbandon, true);
        o.load(base.arrivalRatePerHour, base.meanServiceSeconds);
        o.check();
        if (maxAbandonRate !== undefined && patience === undefined) {
          throw new UsageError('--max-abandon needs --patience (abandonment exists only in Erlang A)');
        }
        const result = solve(() =>
          patience === undefined
            ? staffErlangC(base)
            : staffErlangA({ ...base, meanPatienceSeconds: patience, maxAbandonRate }),
        );
        if (!result.feasible) throw new UsageError(`no staffing meets the targets: ${result.reason}`);
        const model = patience === undefined ? 'Erlang C' : 'Erlang A';
        print(io, a.json, `Staffing (${model})`, {
          model,
          agents: result.agents,
          ...flatten(result.achieved),
        });
      },
    )
    .demandCommand(1, 'name a model: b, c, a, lines or staff')
    .example('$0 erlang c --rate 675 --aht 4m --agents 50', 'Erlang C measures')
    .example('$0 erlang staff --rate 675 --aht 4m --target 80%', 'agents for 80% in 20 s');
}

function flatten(achieved: object): Fields {
  const out: Fields = {};
  for (const [key, value] of Object.entries(achieved)) {
    if (
      key !== 'agents' &&
      (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean')
    ) {
      out[key] = value;
    }
  }
  return out;
}

function print(io: CliIo, json: boolean, title: string, fields: Fields): void {
  if (json) {
    io.stdout(`${JSON.stringify(fields, null, 2)}\n`);
    return;
  }
  const rows = Object.entries(fields).map(([k, v]) => [
    k,
    typeof v === 'number' ? formatNumber(v) : String(v),
  ]);
  io.stdout(`${title}\n${table(['measure', 'value'], rows)}`);
}

function formatNumber(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return Math.abs(v) >= 1000 ? v.toFixed(1) : Number(v.toPrecision(6)).toString();
}
