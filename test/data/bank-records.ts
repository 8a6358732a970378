/**
 * A minimal reader of the shipped bank log for the tests of src/data/ that need real records, until
 * they switch to the real importer (src/data/read-call-log.ts). It follows data/anonymous-bank's
 * README: PHANTOM dropped, HANG with q_time 0 left in the VRU (`ivr`), HANG with q_time > 0
 * abandoned in the queue, AGENT served (queue entry: q_start when the call queued, else the VRU exit),
 * NO_SERVER = no agent; a clock time half a day before the VRU entry is after midnight.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import type { CallRecord } from '../../src/data/call-record.js';

export const BANK_LOG = fileURLToPath(
  new URL('../../data/anonymous-bank/calls-1999-02-01-to-14.tsv', import.meta.url),
);

function clock(text: string): number {
  const [h, m, s] = text.split(':').map(Number);
  return h * 3600 + m * 60 + s;
}

export function readBankRecords(file = BANK_LOG): CallRecord[] {
  const lines = readFileSync(file, 'utf8').split('\r\n');
  const records: CallRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    if (lines[i] === '') continue;
    const f = lines[i].split('\t');
    const outcomeCode = f[12];
    if (outcomeCode === 'PHANTOM') continue;
    const date = `19${f[5].slice(0, 2)}-${f[5].slice(2, 4)}-${f[5].slice(4, 6)}`;
    const arrival = clock(f[6]);
    // Half a day earlier than the arrival: the clock passed midnight (a second earlier is a clock quirk).
    const afterMidnight = (t: number) => (arrival - t > 43200 ? t + 86400 : t);
    const vruExit = afterMidnight(clock(f[7]));
    const wait = Number(f[11]);
    const queued = wait > 0;
    const outcome = outcomeCode === 'AGENT' ? 'served' : queued ? 'abandoned' : ('ivr' as const);
    records.push({
      line: i + 1,
      date,
      weekday: new Date(`${date}T00:00:00Z`).getUTCDay(),
      callType: f[4],
      priority: Number(f[3]),
      arrival,
      queueEntry: outcome === 'ivr' ? null : queued ? afterMidnight(clock(f[9])) : vruExit,
      wait: outcome === 'ivr' ? 0 : wait,
      outcome,
      serviceStart: outcome === 'served' ? afterMidnight(clock(f[13])) : null,
      serviceTime: outcome === 'served' ? Number(f[15]) : 0,
      agent: outcome === 'served' && f[16] !== 'NO_SERVER' ? f[16] : null,
      customer: f[2] === '0' ? null : f[2],
    });
  }
  return records;
}
