/**
 * `ccsim erlang b|c|a|lines|staff`: the closed forms, asked directly.
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
import { table } from '../../report/format.js';
import type { CliIo } from '../io.js';
import { UsageError } from '../io.js';

type Fields = Record<string, number | string | boolean | null>;

const RATE = { type: 'number', demandOption: true, describe: 'offered calls per hour' } as const;
const AHT = { type: 'number', demandOption: true, describe: 'average handle time, seconds' } as const;
const AGENTS = { type: 'number', demandOption: true, describe: 'number of agents' } as const;
const THRESHOLD = { type: 'number', default: 20, describe: 'service-level threshold T, seconds' } as const;
const PATIENCE = { type: 'number', describe: 'mean patience, seconds (exponential)' } as const;
const JSON_FLAG = { type: 'boolean', default: false, describe: 'print JSON on stdout' } as const;

export function erlangCommands<T>(y: Argv<T>, io: CliIo) {
  return y
    .command(
      'b',
      'Erlang B: blocking on n lines (M/M/n/n)',
      (c) =>
        c
          .option('rate', RATE)
          .option('aht', AHT)
          .option('lines', { type: 'number', demandOption: true, describe: 'number of lines (servers)' })
          .option('json', JSON_FLAG)
          .example('$0 erlang b --rate 300 --aht 180 --lines 20', 'blocking of 15 erlangs on 20 lines'),
      (a) => {
        const load = (a.rate * a.aht) / 3600;
        print(io, a.json, 'Erlang B (M/M/n/n)', { load, lines: a.lines, blocking: erlangB(a.lines, load) });
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
          .example('$0 erlang c --rate 675 --aht 240 --agents 50 --threshold 20', '45 erlangs on 50 agents'),
      (a) => {
        const input = {
          arrivalRatePerHour: a.rate,
          meanServiceSeconds: a.aht,
          agents: a.agents,
          thresholdSeconds: a.threshold,
        };
        const result = erlangC(input);
        const fields: Fields = { ...result };
        if (result.stable) {
          for (const p of [0.5, 0.8, 0.9, 0.95]) fields[`waitP${p * 100}`] = erlangCWaitQuantile(input, p);
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
            '$0 erlang a --rate 675 --aht 240 --agents 50 --patience 480',
            'with callers patient 8 min on average',
          ),
      (a) => {
        const result = erlangA({
          arrivalRatePerHour: a.rate,
          meanServiceSeconds: a.aht,
          agents: a.agents,
          thresholdSeconds: a.threshold,
          meanPatienceSeconds: a.patience,
        });
        print(io, a.json, 'Erlang A (M/M/n+M)', { ...result });
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
          .option('lines', { type: 'number', demandOption: true, describe: 'lines K ≥ agents' })
          .option('threshold', THRESHOLD)
          .option('json', JSON_FLAG)
          .example(
            '$0 erlang lines --rate 675 --aht 240 --agents 50 --lines 60',
            '50 agents behind 60 lines',
          ),
      (a) => {
        const result = finiteLines({
          arrivalRatePerHour: a.rate,
          meanServiceSeconds: a.aht,
          agents: a.agents,
          lines: a.lines,
          thresholdSeconds: a.threshold,
        });
        print(io, a.json, 'Finite lines (M/M/n/K)', { ...result });
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
            type: 'number',
            demandOption: true,
            describe: 'service-level target in (0, 1), e.g. 0.8',
          })
          .option('patience', PATIENCE)
          .option('max-asa', { type: 'number', describe: 'also keep the ASA at or below this, seconds' })
          .option('max-abandon', {
            type: 'number',
            describe: 'also keep abandonment at or below this fraction (Erlang A)',
          })
          .option('max-occupancy', {
            type: 'number',
            describe: 'also keep occupancy at or below this fraction',
          })
          .option('json', JSON_FLAG)
          .example(
            '$0 erlang staff --rate 675 --aht 240 --threshold 20 --target 0.8',
            'agents for 80/20 (Erlang C)',
          )
          .example(
            '$0 erlang staff --rate 675 --aht 240 --target 0.8 --patience 480',
            'the same with abandonment',
          ),
      (a) => {
        if (a.maxAbandon !== undefined && a.patience === undefined) {
          throw new UsageError('--max-abandon needs --patience (abandonment exists only in Erlang A)');
        }
        const base = {
          arrivalRatePerHour: a.rate,
          meanServiceSeconds: a.aht,
          thresholdSeconds: a.threshold,
          targetServiceLevel: a.target,
          maxAsaSeconds: a.maxAsa,
          maxOccupancy: a.maxOccupancy,
        };
        const result =
          a.patience === undefined
            ? staffErlangC(base)
            : staffErlangA({ ...base, meanPatienceSeconds: a.patience, maxAbandonRate: a.maxAbandon });
        if (!result.feasible) throw new UsageError(`no staffing meets the targets: ${result.reason}`);
        const model = a.patience === undefined ? 'Erlang C' : 'Erlang A';
        print(io, a.json, `Staffing (${model})`, {
          model,
          agents: result.agents,
          ...flatten(result.achieved),
        });
      },
    )
    .demandCommand(1, 'name a model: b, c, a, lines or staff')
    .example('$0 erlang c --rate 675 --aht 240 --agents 50', 'Erlang C measures')
    .example('$0 erlang staff --rate 675 --aht 240 --target 0.8', 'agents for 80% in 20 s');
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
