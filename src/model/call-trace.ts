/**
 * The call-by-call trace of a replication, in the shape of a real ACD log
 * (one row per attempt), as `ccsim run --trace` writes it and
 * `data/mappings/ccsim-trace.yaml` reads it back. The README's `run`
 * section documents the columns.
 *
 * A trace is a product of one replication: its rows depend only on the
 * scenario, the seed and the replication index, so that traces of runs on
 * any number of threads or machines are identical.
 */
import type { CallFateCode, CallView } from './engine/call-listener.js';
import { QuietListener } from './engine/run-listener.js';
import { CallFate } from './engine/call-listener.js';
import { agentNumbering } from './engine/agent-pool.js';
import type { ReplicationSummary, ReplicationTrace } from './engine/replication.js';
import { simulateReplication } from './engine/replication.js';
import { doubles, integers } from './engine/columns.js';
import type { CompiledScenario } from './scenario/compile.js';

export const TRACE_COLUMNS = [
  'replication',
  'date',
  'call_id',
  'call_type',
  'priority',
  'site',
  'arrival',
  'queue_entry',
  'wait',
  'outcome',
  'service_start',
  'service_end',
  'service_time',
  'agent',
] as const;

export type { ReplicationTrace } from './engine/replication.js';

export const TRACE_HEADER = `${TRACE_COLUMNS.join(',')}\n`;

const OUTCOME: Readonly<Record<CallFateCode, string>> = {
  [CallFate.served]: 'AGENT',
  [CallFate.abandoned]: 'HANG',
  [CallFate.blocked]: 'BLOCKED',
  [CallFate.ivrBlocked]: 'BLOCKED',
  [CallFate.ivr]: 'IVR',
  [CallFate.failed]: 'DROPPED',
  [CallFate.dropped]: 'DROPPED',
  [CallFate.unfinished]: 'UNFINISHED',
};

/** The first day of the trace: replication r is dated this + 7·r days (all Sundays). */
const FIRST_DATE_MS = Date.UTC(2000, 0, 2);
const DAY_MS = 86_400_000;

/** The date of replication `replication`'s rows, `YYYY-MM-DD`. */
export function traceDate(replication: number): string {
  return new Date(FIRST_DATE_MS + 7 * replication * DAY_MS).toISOString().slice(0, 10);
}

/** `H:MM:SS.sss` of seconds after midnight (hours go on past 24). */
export function formatTraceClock(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor(ms / 60_000) % 60;
  const s = Math.floor(ms / 1000) % 60;
  const frac = ms % 1000;
  return `${h}:${pad(m, 2)}:${pad(s, 2)}.${pad(frac, 3)}`;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Seconds with three decimals. */
function seconds(x: number): string {
  return x.toFixed(3);
}

/** Rows joined into one string at a time. */
const CHUNK = 4096;

/**
 * Listens to one replication and collects its trace: calls arriving in the
 * measured window (not the warm-up), in arrival order, numbered from 1.
 */
/** Listens to a run for how each call ended (see RunListener); hears nothing else. */
export class CallTrace extends QuietListener {
  // Per call heard, what its row needs, as numbers: rows are formatted once, in order, by finish()
  // (a string per row held until the end cost more in garbage collection than the simulation).
  private readonly seq = doubles(0);
  private readonly fate: number[] = integers(0);
  private readonly type: number[] = integers(0);
  private readonly queue: number[] = integers(0);
  private readonly site: number[] = integers(0);
  private readonly agent: number[] = integers(0);
  private readonly source: number[] = integers(0);
  private readonly arrival = doubles(0);
  private readonly queuedAt = doubles(0);
  private readonly answeredAt = doubles(0);
  private readonly endedAt = doubles(0);
  private readonly prefix: string;
  private readonly entryCount: number;
  private readonly entryNames: readonly string[];
  private readonly typeNames: readonly string[];
  /** Per queue: its tier's priority. */
  private readonly queuePriority: readonly number[];
  private readonly siteNames: readonly string[];
  /** Per agent row: `<group>#<n>`. */
  private readonly agentLabels: readonly string[];
  /** Clock time (seconds after midnight) = simulation time + this. */
  private readonly clockOffset: number;

  constructor(model: CompiledScenario, replication: number) {
    super();
    this.prefix = `${replication},${traceDate(replication)},`;
    this.entryCount = model.entryPoints.length;
    this.entryNames = model.entryPoints.map((e) => csvField(e.name));
    this.typeNames = model.callTypes.map((c) => csvField(c.name));
    this.queuePriority = model.queues.map((q) => model.callTypes[q.callType].tiers[q.tier].priority);
    this.siteNames = model.sites.map((s) => csvField(s.name));
    const numbering = agentNumbering(model.agentGroups.map((g) => g.maxAgents));
    this.agentLabels = numbering.group.map((g, k) =>
      csvField(`${model.agentGroups[g].name}#${numbering.number[k]}`),
    );
    this.clockOffset = model.clock.start - model.clock.measureStart;
  }

  override callEnded(call: CallView, fate: CallFateCode, at: number): void {
    if (call.interval < 0) return; // arrived during the warm-up
    this.seq.push(call.seq);
    this.fate.push(fate);
    this.source.push(call.source);
    this.type.push(call.type);
    this.queue.push(call.queue);
    this.site.push(call.site);
    this.agent.push(call.agent);
    this.arrival.push(call.arrival);
    this.queuedAt.push(call.queuedAt);
    this.answeredAt.push(call.answeredAt);
    this.endedAt.push(at);
  }

  /** The rows heard, in arrival order, numbered 1, 2, … */
  finish(): ReplicationTrace {
    // Arrival numbers are distinct and dense (warm-up calls leave a gap before them): calls are put
    // in arrival order by slotting each at its number, without a sort.
    const seq = this.seq;
    let first = Infinity;
    let last = -Infinity;
    for (const n of seq) {
      if (n < first) first = n;
      if (n > last) last = n;
    }
    const slots = new Int32Array(seq.length === 0 ? 0 : last - first + 1).fill(-1);
    seq.forEach((n, k) => (slots[n - first] = k));
    // Joined in chunks, so that each row's pieces are garbage young.
    const chunks: string[] = [];
    let lines: string[] = [];
    for (const k of slots) {
      if (k < 0) continue;
      lines.push(this.row(k, chunks.length * CHUNK + lines.length + 1));
      if (lines.length === CHUNK) {
        chunks.push(lines.join(''));
        lines = [];
      }
    }
    chunks.push(lines.join(''));
    return { rows: seq.length, csv: chunks.join('') };
  }

  /** Row of the k-th call heard, numbered `id`, with its LF. */
  private row(k: number, id: number): string {
    const offset = this.clockOffset;
    const fate = this.fate[k];
    const at = this.endedAt[k];
    const queuedAt = this.queuedAt[k];
    const answeredAt = this.answeredAt[k];
    const queued = !Number.isNaN(queuedAt);
    const answered = !Number.isNaN(answeredAt);
    // Turned away calls never joined the queue; calls still waiting at the end have no wait yet.
    const inQueue = queued && fate !== CallFate.blocked;
    const waited = inQueue && (answered || fate !== CallFate.unfinished);
    // A call's type is known once it asked for an agent (entry-point calls: once out of the IVR);
    // a call that never left the IVR is logged under the entry point it dialled, without priority.
    const source = this.source[k];
    const type =
      source >= this.entryCount || queued
        ? `${this.typeNames[this.type[k]]},${this.queuePriority[this.queue[k]]}`
        : `${this.entryNames[source]},`;
    const queue = inQueue ? formatTraceClock(queuedAt + offset) : '';
    const wait = waited ? seconds((answered ? answeredAt : at) - queuedAt) : '';
    const agent = answered ? this.agentLabels[this.agent[k]] : '';
    const service = !answered
      ? ',,'
      : fate === CallFate.unfinished
        ? `${formatTraceClock(answeredAt + offset)},,`
        : `${formatTraceClock(answeredAt + offset)},${formatTraceClock(at + offset)},${seconds(at - answeredAt)}`;
    const arrival = formatTraceClock(this.arrival[k] + offset);
    return `${this.prefix}${id},${type},${this.siteNames[this.site[k]]},${arrival},${queue},${wait},${OUTCOME[fate as CallFateCode]},${service},${agent}\n`;
  }
}

/** A name as a CSV field: quoted when it holds a comma, a quote or a line break (RFC 4180). */
function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Runs replication `replication` of `model` as simulateReplication does, with its trace. */
export function simulateTracedReplication(
  model: CompiledScenario,
  replication: number,
  seed: number = model.seed,
): ReplicationSummary {
  const trace = new CallTrace(model, replication);
  const summary = simulateReplication(model, replication, seed, trace);
  return { ...summary, trace: trace.finish() };
}
