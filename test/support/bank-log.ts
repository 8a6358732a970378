/**
 * A tiny reader of the anonymous bank's TSV, for tests of what consumes CallRecords (the real
 * importer is src/data/read-call-log.ts, with its mapping file). It follows the data's README:
 * PHANTOM ignored; HANG without a queue start hung up in the VRU; AGENT served; times that run
 * backwards from the arrival crossed midnight.
 */
import { readFileSync } from 'node:fs';
import type { CallOutcome, CallRecord } from '../../src/data/call-record.js';

export const BANK_LOG = new URL('../../data/anonymous-bank/calls-1999-02-01-to-14.tsv', import.meta.url);

function seconds(clock: string): number {
  const [h, m, s] = clock.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

export function readBankLog(path: URL | string = BANK_LOG): CallRecord[] {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = lines[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  const records: CallRecord[] = [];
  for (let n = 1; n < lines.length; n++) {
    if (lines[n] === '') continue;
    const f = lines[n].split('\t');
    const yymmdd = f[col('date')];
    const date = `19${yymmdd.slice(0, 2)}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
    const arrival = seconds(f[col('vru_entry')]);
    const after = (clock: string) => {
      const t = seconds(clock);
      return t < arrival - 43200 ? t + 86400 : t;
    };
    const queued = f[col('q_start')] !== '0:00:00';
    const raw = f[col('outcome')];
    const outcome: CallOutcome =
      raw === 'PHANTOM' ? 'ignored' : raw === 'AGENT' ? 'served' : queued ? 'abandoned' : 'ivr';
    const serviceStart = outcome === 'served' ? after(f[col('ser_start')]) : null;
    const queueEntry = queued ? after(f[col('q_start')]) : serviceStart;
    records.push({
      line: n + 1,
      date,
      weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
      callType: f[col('type')],
      priority: Number(f[col('priority')]),
      arrival,
      queueEntry,
      wait: Number(f[col('q_time')]),
      outcome,
      serviceStart,
      serviceTime: outcome === 'served' ? Number(f[col('ser_time')]) : 0,
      agent: f[col('server')] === 'NO_SERVER' ? null : f[col('server')],
      customer: f[col('customer_id')] === '0' ? null : f[col('customer_id')],
    });
  }
  return records;
}
