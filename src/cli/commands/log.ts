/**
 * `ccsim log <file> --mapping m.yaml`: import a call log (or an interval
 * report, with a `kind: intervals` mapping) and print what it holds: the
 * check to run on a new mapping before calibrating from it.
 */
import type { Argv } from 'yargs';
import type { CallLogSummary, IntervalReportSummary } from '../../data/import-summary.js';
import { summarizeCallLog, summarizeIntervalReport } from '../../data/import-summary.js';
import { formatDuration } from '../../model/scenario/units.js';
import { table } from '../../report/format.js';
import type { CliIo } from '../io.js';
import type { LogArgs } from '../log-options.js';
import { logOptions, readDataFromArgs } from '../log-options.js';

export function logCommandOptions<T>(y: Argv<T>) {
  return logOptions(
    y.positional('log', {
      type: 'string',
      demandOption: true,
      describe:
        'the call-by-call log (CSV, TSV …) exported by the ACD, or an interval report (kind: intervals mapping)',
    }),
  )
    .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' })
    .example(
      '$0 log data/anonymous-bank/calls-1999-02-01-to-14.tsv --mapping data/mappings/anonymous-bank.yaml --days sun-thu',
      "the bank's weekdays: calls by type and outcome",
    );
}

export function logCommand(
  args: LogArgs & { json: boolean },
  io: CliIo,
): CallLogSummary | IntervalReportSummary {
  const data = readDataFromArgs(args);
  if (data.kind === 'intervals') {
    const summary = summarizeIntervalReport(data.report);
    io.stdout(args.json ? `${JSON.stringify(summary, null, 2)}\n` : formatReportSummary(summary));
    return summary;
  }
  const summary = summarizeCallLog(data.log);
  io.stdout(args.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return summary;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function formatSummary(s: CallLogSummary): string {
  const n = (x: number) => x.toLocaleString('en');
  const days = s.daysByWeekday
    .flatMap((count, d) => (count > 0 ? [`${WEEKDAYS[d]} ${count}`] : []))
    .join(', ');
  const lines = [
    `${s.file} (mapping ${s.mappingFile})`,
    `${n(s.rows)} rows on ${s.days} day(s), ${s.firstDate} to ${s.lastDate} (${days}); ${n(s.ignored)} ignored`,
    `${n(s.total.offered)} offered to agents (served + abandoned), ${s.agents} agent name(s)`,
    '',
  ];
  const row = (name: string, c: CallLogSummary['total']) => [
    name,
    n(c.calls),
    n(c.served),
    n(c.abandoned),
    n(c.ivr),
    n(c.blocked),
    n(c.offered),
  ];
  const types = Object.entries(s.byCallType).map(([name, c]) => row(name, c));
  let text = lines.join('\n');
  text += table(
    ['Call type', 'Calls', 'Served', 'Abandoned', 'IVR', 'Blocked', 'Offered'],
    [...types, row('all', s.total)],
  );
  const priorities = Object.entries(s.byPriority);
  if (priorities.length > 1) {
    text += `\nBy priority: ${priorities.map(([p, c]) => `${p}: ${n(c)}`).join(', ')}\n`;
  }
  if (s.repairs.length > 0) {
    text += "\nCorrected for the log's quirks:\n";
    for (const r of s.repairs) text += `  ${n(r.count)} × ${r.message} (first on line ${r.firstLine})\n`;
  }
  return text;
}

function formatReportSummary(s: IntervalReportSummary): string {
  const n = (x: number) => x.toLocaleString('en');
  const seconds = (x: number | null) => (x === null ? '' : `${x.toFixed(1)} s`);
  const row = (name: string, t: IntervalReportSummary['total']) => [
    name,
    n(t.intervals),
    n(t.offered),
    n(t.answered),
    n(t.abandoned),
    seconds(t.aht),
    seconds(t.asa),
    t.serviceLevel === null ? '' : `${(100 * t.serviceLevel).toFixed(1)}%`,
    t.agentHours === null ? '' : t.agentHours.toFixed(1),
  ];
  const head = [
    `${s.file} (mapping ${s.mappingFile})`,
    `${n(s.rows)} rows of ${formatDuration(s.intervalLength)} intervals on ${s.days} day(s), ${s.firstDate} to ${s.lastDate}`,
    '',
  ].join('\n');
  const sl = s.threshold === null ? 'SL' : `SL ${s.threshold}s`;
  return (
    head +
    table(
      ['Call type', 'Intervals', 'Offered', 'Answered', 'Abandoned', 'AHT', 'ASA', sl, 'Agent-hours'],
      [...Object.entries(s.byCallType).map(([name, t]) => row(name, t)), row('all', s.total)],
    )
  );
}
