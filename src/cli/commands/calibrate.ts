/**
 * `ccsim calibrate <log> --mapping m.yaml`: a call log in, a scenario out (an average day of the
 * days kept), with calibration.json and a page of the fitted laws over the data.
 */
import { basename, join } from 'node:path';
import type { Argv } from 'yargs';
import type { ServiceModelChoice } from '../../planning/calibrate-choice.js';
import { calibrateChoosingServiceModel } from '../../planning/calibrate-choice.js';
import { scenarioYaml } from '../../data/calibrate/scenario-text.js';
import { calibrationJson, calibrationText, writeCalibrationReport } from '../../report/calibration-report.js';
import { slug } from '../../report/write-report.js';
import type { CliIo } from '../io.js';
import { durationOption, UsageError } from '../io.js';
import { columnVolumes, readCsvTable } from '../../model/scenario/csv-forecast.js';
import { InputFileError, MAX_CSV_BYTES, readTextFile } from '../../model/scenario/input-files.js';
import type { LogArgs } from '../log-options.js';
import { logOptions, readLogFromArgs } from '../log-options.js';

export interface CalibrateArgs extends LogArgs {
  interval: string;
  threshold: string;
  shortAbandon: string;
  bridgeGap: string;
  answerDelayCap: string;
  name?: string;
  roster?: string;
  handleByInterval: boolean;
  rosterColumn: string;
  out?: string;
  json: boolean;
}

export function calibrateOptions<T>(y: Argv<T>) {
  return logOptions(
    y.positional('log', {
      type: 'string',
      demandOption: true,
      describe: 'the call-by-call log exported by the ACD',
    }),
  )
    .option('interval', { type: 'string', default: '1h', describe: 'interval length: 15m, 30m or 1h' })
    .option('threshold', {
      type: 'string',
      default: '20s',
      describe: 'service-level threshold T (answered within T)',
    })
    .option('short-abandon', {
      type: 'string',
      default: '0s',
      describe: 'abandons within this wait leave the service level out',
    })
    .option('bridge-gap', {
      type: 'string',
      default: '15m',
      describe: "gaps between an agent's calls up to this long count as on duty (staffing inference)",
    })
    .option('answer-delay-cap', {
      type: 'string',
      default: '60s',
      describe: 'longest answer delay: longer waits with a free agent are the agent away',
    })
    .option('roster', {
      type: 'string',
      describe:
        'a CSV of the agents on duty per interval (column `interval` with clock times, and --roster-column): used instead of inferring staffing',
    })
    .option('roster-column', {
      type: 'string',
      default: 'agents',
      describe: 'the roster CSV column of agents',
    })
    .option('handle-by-interval', {
      type: 'boolean',
      default: false,
      describe: 'where handle time varies through the day, carry it as handleTimeFactors (one per interval)',
    })
    .option('name', { type: 'string', describe: 'the scenario name (default: from the log file)' })
    .option('out', {
      alias: 'o',
      type: 'string',
      describe:
        'folder for scenario.yaml, calibration.json and the page (default: reports/<log>-calibration)',
    })
    .option('json', { type: 'boolean', default: false, describe: 'print calibration.json on stdout' })
    .example(
      '$0 calibrate data/anonymous-bank/calls-1999-02-01-to-14.tsv --mapping data/mappings/anonymous-bank.yaml --days sun-thu --out reports/bank',
      "the bank's weekdays as a scenario",
    );
}

export async function calibrateCommand(args: CalibrateArgs, io: CliIo): Promise<void> {
  const intervalSeconds = durationOption('interval', args.interval, true);
  if (!Number.isInteger(intervalSeconds) || 86400 % intervalSeconds !== 0 || intervalSeconds < 60) {
    throw new UsageError(
      `--interval: expected a length that divides a day, such as 15m, 30m or 1h, got ${args.interval}`,
    );
  }
  const thresholdSeconds = durationOption('threshold', args.threshold, false);
  const shortAbandonSeconds = durationOption('short-abandon', args.shortAbandon, false);
  const bridgeGapSeconds = durationOption('bridge-gap', args.bridgeGap, false);
  const answerDelayCapSeconds = durationOption('answer-delay-cap', args.answerDelayCap, true);
  const log = readLogFromArgs(args);
  const filter = [
    args.days && `--days ${args.days}`,
    args.from && `--from ${args.from}`,
    args.to && `--to ${args.to}`,
  ]
    .filter(Boolean)
    .join(' ');
  const name =
    args.name ?? `Calibrated from ${basename(args.log)}${args.days === undefined ? '' : ` (${args.days})`}`;
  const out = args.out ?? join('reports', `${slug(basename(args.log).replace(/\.[^.]+$/, ''))}-calibration`);
  let cal;
  let choice: ServiceModelChoice;
  let rosterNote: string | undefined;
  try {
    choice = await calibrateChoosingServiceModel(
      log.records,
      {
        intervalSeconds,
        thresholdSeconds,
        shortAbandonSeconds,
        bridgeGapSeconds,
        answerDelayCapSeconds,
        handleByInterval: args.handleByInterval,
        name,
        ...(args.roster === undefined ? {} : { roster: rosterReader(args.roster, args.rosterColumn) }),
      },
      join(out, 'scenario.yaml'),
    );
    cal = choice.calibration;
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(`${args.log}: ${error.message}`);
    throw error;
  }
  if (args.roster !== undefined && args.roster !== '') rosterNote = `staffing from the roster ${args.roster}`;
  const r = cal.report;
  const header = [
    `${name}: written by \`ccsim calibrate\` from ${basename(args.log)} (mapping ${basename(args.mapping)}${filter === '' ? '' : `, ${filter}`})`,
    `${r.dates.length} day(s), ${r.dates[0]} to ${r.dates[r.dates.length - 1]}; an average day, ${r.window.from}–${r.window.to}.`,
    'Every number below is fitted from the log: see calibration.json (values, 95% intervals, samples) and index.html.',
    '  arrivals: calls offered to an agent (served or abandoned), mean per interval; uncertainty: day-to-day cv',
    '  handle time, patience (Kaplan–Meier, served waits censored): per call type, laws chosen by goodness of fit',
    choice.chosen === 'answerDelay'
      ? '  answerDelay: queued calls taken by an agent already free still waited (the agent is held)'
      : "  acw: the gaps between an agent's calls while calls waited (after-call work)",
    ...serviceModelLines(choice),
    rosterNote === undefined
      ? '  agentGroups: staffing inferred from agent activity (agents present less those busy with calls served apart)'
      : `  agentGroups: ${rosterNote} (less those busy with calls served apart)`,
    '  calibration: which log calls each call type stands for (read by `ccsim backtest --per-day`)',
  ];
  const text = scenarioYaml(cal.scenario, header);
  const source = { log: args.log, mapping: args.mapping, filter };
  const report = await writeCalibrationReport(cal, text, source, out, serviceModelOf(choice));
  if (args.json) {
    io.stdout(`${JSON.stringify(calibrationJson(r, source, serviceModelOf(choice)), null, 2)}\n`);
    io.stderr(`Wrote ${report.files.filter((f) => !f.includes('/charts/')).join(', ')}\n`);
  } else {
    io.stdout(
      serviceModelLines(choice)
        .map((l) => `${l.trim()}\n`)
        .join(''),
    );
    io.stdout(
      calibrationText(
        cal,
        report.files.filter((f) => !f.includes(`charts`)),
      ),
    );
  }
}

/** Reads the roster CSV against the calibrated window: one whole or fractional count per interval. */
function rosterReader(file: string, column: string) {
  return (grid: { start: number; interval: number; count: number }): number[] => {
    let text: string;
    try {
      text = readTextFile(file, MAX_CSV_BYTES).text;
    } catch (error) {
      if (error instanceof InputFileError) throw new UsageError(`--roster: ${error.message}`);
      throw error;
    }
    const table = readCsvTable(text, grid);
    const result = columnVolumes(table, column, grid);
    const problems = [...table.problems, ...('problems' in result ? result.problems : [])];
    if (problems.length > 0 || !('volumes' in result)) {
      throw new UsageError(
        problems
          .map(
            (p) =>
              `${file}${p.line === undefined ? '' : `:${p.line}`}${p.column === undefined ? '' : `:${p.column}`}: ${p.message}`,
          )
          .join('\n'),
      );
    }
    return result.volumes;
  };
}

function serviceModelOf(choice: ServiceModelChoice) {
  return { chosen: choice.chosen, candidates: choice.candidates };
}

/** One line per candidate of the service model, and the choice. */
function serviceModelLines(choice: ServiceModelChoice): string[] {
  if (choice.candidates.length === 0) return [];
  const f = (x: number | null, k: number, unit: string) =>
    x === null ? '–' : `${(x * k).toFixed(1)}${unit}`;
  return [
    `  between calls: ${choice.chosen === 'answerDelay' ? 'an answer delay' : 'after-call work'}, the closer of two back-tests on this log:`,
    ...choice.candidates.map(
      (c) =>
        `    ${c.model === 'answerDelay' ? 'answer delay   ' : 'after-call work'}: SL ${f(c.mae.serviceLevel, 100, ' pt')}, abandonment ${f(c.mae.abandonRate, 100, ' pt')}, ASA ${f(c.mae.asa, 1, ' s')} (mean absolute error per interval)`,
    ),
  ];
}
