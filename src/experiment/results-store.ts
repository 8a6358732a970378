/**
 * The results database (DuckDB): every replication of a run or sweep, kept
 * as it finishes, so that an interrupted experiment resumes where it
 * stopped and the results can be queried with SQL.
 *
 * Tables:
 * - `meta(key, value)`: what wrote the file (format, ccsim version, command,
 *   scenario hash, seed, the sweep's parameters) and whether it finished.
 *   Another experiment replaces a finished one (like the rest of the report
 *   folder) but is refused while the file holds an unfinished one, whose
 *   replications could still be resumed.
 * - `scenario(hash, file, text)`: the scenario as run.
 * - `points(point, parameters, scenario_hash)`: the grid points (one for a run).
 * - `replications(point, replication, simulated_calls, events, records)`: each
 *   replication's raw tallies (see SummaryLayout), from which a resumed run
 *   folds exactly the same numbers.
 * - `kpi_values(point, replication, period, view, name, <one column per KPI>)`:
 *   every KPI of every view of every replication (period `all` or the
 *   interval's clock time; view `all`, `callType`, `tier`, `agentGroup`,
 *   `entryPoint`, `site`); NULL where a KPI does not apply or is undefined.
 * - `kpis(point, replication, period, view, name, kpi, value)`: the same in
 *   long form (a view), the easiest to query.
 *
 * Replications are folded in order, so the file always holds a prefix of
 * each point's replications; writes are committed at least every half
 * second and when the run ends or is interrupted.
 */
import { rmSync } from 'node:fs';
import type { DuckDBAppender, DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import type { ReplicationSummary } from '../model/engine/replication.js';
import { layoutOf } from '../model/engine/replication.js';
import { CCSIM_VERSION } from './version.js';
import { FIELD_COUNT, KPIS } from '../model/kpis.js';
import type { CompiledScenario } from '../model/scenario/index.js';
import { formatClockTime, intervalClockStart } from '../model/scenario/index.js';

/** Bumped when the tables change meaning. */
const FORMAT = '4'; // 2: summaries end with the wait-time distribution section; 3: outage fields and phases; 4: outages, downtime, availability
const COMMIT_EVERY_MS = 500;

export { CCSIM_VERSION } from './version.js';

/** What an experiment is: a database written by another is refused. */
export interface ExperimentIdentity {
  readonly command: 'run' | 'sweep';
  readonly scenarioHash: string;
  readonly seed: number;
  /** The sweep's parameters and values (JSON), or `[]` for a run. */
  readonly grid: string;
}

/** The database holds another experiment that finished: it may be replaced. */
class FinishedElsewhere extends Error {}

/** The database belongs to another experiment, or cannot be used. */
export class ResultsStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResultsStoreError';
  }
}

/** One grid point's view names, to label KPI rows. */
interface PointLabels {
  readonly periods: string[];
  readonly views: Array<{ view: string; name: string }>;
}

export class ResultsStore {
  private replicationAppender: DuckDBAppender | undefined;
  private kpiAppender: DuckDBAppender | undefined;
  private lastCommit = Date.now();
  private readonly labels = new Map<number, PointLabels>();

  private constructor(
    readonly path: string,
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
  ) {}

  /** Opens (or creates) the database at `path` for `identity`; refuses one written by another experiment. */
  static async open(
    path: string,
    identity: ExperimentIdentity,
    scenario: { file: string; text: string },
  ): Promise<ResultsStore> {
    // Loaded here, not at start-up: only commands that write a database pay for DuckDB.
    const { DuckDBInstance: Instance } = await import('@duckdb/node-api');
    let instance: DuckDBInstance;
    try {
      instance = await Instance.create(path);
    } catch (error) {
      throw new ResultsStoreError(
        `${path}: cannot open the results database: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const connection = await instance.connect();
    const store = new ResultsStore(path, instance, connection);
    try {
      await store.prepare(identity, scenario);
    } catch (error) {
      store.closeQuietly();
      if (error instanceof FinishedElsewhere) {
        // A finished experiment's database is replaced, like the rest of its report folder.
        rmSync(path, { force: true });
        rmSync(`${path}.wal`, { force: true });
        return ResultsStore.open(path, identity, scenario);
      }
      throw error;
    }
    return store;
  }

  /** Marks the experiment finished: a different experiment may then replace this database. */
  async markFinished(): Promise<void> {
    this.commit();
    await this.connection.run(`INSERT OR REPLACE INTO meta VALUES ('finished', 'true')`);
  }

  private async prepare(
    identity: ExperimentIdentity,
    scenario: { file: string; text: string },
  ): Promise<void> {
    const c = this.connection;
    await c.run(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`);
    const wanted: Record<string, string> = {
      format: FORMAT,
      ccsim_version: CCSIM_VERSION,
      command: identity.command,
      scenario_hash: identity.scenarioHash,
      seed: String(identity.seed),
      grid: identity.grid,
    };
    const existing = await c.runAndReadAll(`SELECT key, value FROM meta`);
    const found = new Map(existing.getRowObjectsJson().map((row) => [String(row.key), String(row.value)]));
    if (found.size > 0) {
      for (const [key, value] of Object.entries(wanted)) {
        if (found.get(key) === value) continue;
        if (found.get('finished') === 'true') throw new FinishedElsewhere();
        throw new ResultsStoreError(mismatch(this.path, key, found.get(key), value));
      }
    } else {
      for (const [key, value] of Object.entries(wanted))
        await c.run(`INSERT INTO meta VALUES ($1, $2)`, [key, value]);
    }
    await c.run(`CREATE TABLE IF NOT EXISTS scenario (hash VARCHAR, file VARCHAR, text VARCHAR)`);
    if (found.size === 0) {
      await c.run(`INSERT INTO scenario VALUES ($1, $2, $3)`, [
        identity.scenarioHash,
        scenario.file,
        scenario.text,
      ]);
    }
    await c.run(
      `CREATE TABLE IF NOT EXISTS points (point INTEGER PRIMARY KEY, parameters VARCHAR, scenario_hash VARCHAR)`,
    );
    await c.run(
      `CREATE TABLE IF NOT EXISTS replications (point INTEGER, replication INTEGER, simulated_calls BIGINT, events BIGINT, records BLOB, PRIMARY KEY (point, replication))`,
    );
    const kpiColumns = KPIS.map((k) => `"${k.name}" DOUBLE`).join(', ');
    await c.run(
      `CREATE TABLE IF NOT EXISTS kpi_values (point INTEGER, replication INTEGER, period VARCHAR, view VARCHAR, name VARCHAR, ${kpiColumns})`,
    );
    await c.run(
      `CREATE VIEW IF NOT EXISTS kpis AS SELECT * FROM (UNPIVOT kpi_values ON ${KPIS.map((k) => `"${k.name}"`).join(', ')} INTO NAME kpi VALUE value)`,
    );
    this.replicationAppender = await c.createAppender('replications');
    this.kpiAppender = await c.createAppender('kpi_values');
  }

  /** Registers a grid point (idempotent). */
  async addPoint(
    point: number,
    parameters: Readonly<Record<string, number | string>>,
    model: CompiledScenario,
  ): Promise<void> {
    await this.connection.run(`INSERT OR IGNORE INTO points VALUES ($1, $2, $3)`, [
      point,
      JSON.stringify(parameters),
      model.source.hash,
    ]);
    this.labels.set(point, labelsOf(model));
  }

  /** The replications of `point` already stored, in order (a prefix 0, 1, …). */
  async finished(point: number): Promise<ReplicationSummary[]> {
    this.commit();
    const reader = await this.connection.runAndReadAll(
      `SELECT replication, simulated_calls, events, records FROM replications WHERE point = $1 ORDER BY replication`,
      [point],
    );
    const summaries: ReplicationSummary[] = [];
    for (const row of reader.getRows()) {
      const replication = Number(row[0]);
      if (replication !== summaries.length) break; // keep the prefix only
      const blob = row[3] as { bytes: Uint8Array };
      const bytes = blob.bytes;
      const records = new Float64Array(bytes.byteLength / 8);
      new Uint8Array(records.buffer).set(bytes);
      summaries.push({ replication, simulatedCalls: Number(row[1]), events: Number(row[2]), records });
    }
    return summaries;
  }

  /** Stores a finished replication of `point` (committed within half a second). */
  add(point: number, summary: ReplicationSummary): void {
    const replications = this.replicationAppender as DuckDBAppender;
    replications.appendInteger(point);
    replications.appendInteger(summary.replication);
    replications.appendBigInt(BigInt(summary.simulatedCalls));
    replications.appendBigInt(BigInt(summary.events));
    replications.appendBlob(
      new Uint8Array(summary.records.buffer, summary.records.byteOffset, summary.records.byteLength),
    );
    replications.endRow();
    this.appendKpis(point, summary);
    if (Date.now() - this.lastCommit >= COMMIT_EVERY_MS) this.commit();
  }

  private appendKpis(point: number, summary: ReplicationSummary): void {
    const labels = this.labels.get(point);
    if (labels === undefined) throw new Error(`internal: point ${point} not registered`);
    const kpis = this.kpiAppender as DuckDBAppender;
    const views = labels.views.length;
    for (let record = 0; record < labels.periods.length * views; record++) {
      const period = labels.periods[Math.floor(record / views)];
      const { view, name } = labels.views[record % views];
      const r = summary.records.subarray(record * FIELD_COUNT, (record + 1) * FIELD_COUNT);
      kpis.appendInteger(point);
      kpis.appendInteger(summary.replication);
      kpis.appendVarchar(period);
      kpis.appendVarchar(view);
      kpis.appendVarchar(name);
      for (const kpi of KPIS) {
        let value = NaN;
        if (kpi.views.includes(view as (typeof kpi.views)[number])) {
          if (kpi.estimator === 'ratio') {
            const den = kpi.denominator(r);
            value = den !== 0 ? kpi.numerator(r) / den : NaN;
          } else {
            value = kpi.value(r);
          }
        }
        if (Number.isFinite(value)) kpis.appendDouble(value);
        else kpis.appendNull();
      }
      kpis.endRow();
    }
  }

  /** Makes everything added so far durable. */
  commit(): void {
    this.replicationAppender?.flushSync();
    this.kpiAppender?.flushSync();
    this.lastCommit = Date.now();
  }

  close(): void {
    this.commit();
    this.closeQuietly();
  }

  private closeQuietly(): void {
    this.replicationAppender?.closeSync();
    this.kpiAppender?.closeSync();
    this.replicationAppender = undefined;
    this.kpiAppender = undefined;
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

function mismatch(path: string, key: string, found: string | undefined, wanted: string): string {
  const what: Record<string, string> = {
    format: 'a different results format',
    ccsim_version: `ccsim ${found ?? '?'} (this is ${wanted})`,
    command: `\`ccsim ${found ?? '?'}\` (this is \`ccsim ${wanted}\`)`,
    scenario_hash: 'another scenario (or another version of this scenario file)',
    seed: `seed ${found ?? '?'} (this run uses seed ${wanted})`,
    grid: 'another sweep grid',
  };
  return `${path}: this results database holds an unfinished experiment of ${what[key] ?? key}; refusing to mix results. Run that experiment's command again to finish it, use another --out folder, or delete the file.`;
}

/** Period and view labels of a model's summary records, in layout order. */
function labelsOf(model: CompiledScenario): PointLabels {
  const layout = layoutOf(model);
  const periods = ['all'];
  for (let i = 0; i < model.clock.intervalCount; i++)
    periods.push(formatClockTime(intervalClockStart(model.clock, i)));
  // Outage phases: "outage 1 during" (outages numbered from 1 as in the scenario's list).
  for (const p of model.phases) periods.push(`outage ${p.outage + 1} ${p.name}`);
  const tiered = model.queues.filter((q) => model.callTypes[q.callType].tiers.length > 1);
  const views: Array<{ view: string; name: string }> = [{ view: 'all', name: '' }];
  for (const c of model.callTypes) views.push({ view: 'callType', name: c.name });
  for (const q of tiered) views.push({ view: 'tier', name: q.name });
  for (const g of model.agentGroups) views.push({ view: 'agentGroup', name: g.name });
  for (const e of model.entryPoints) views.push({ view: 'entryPoint', name: e.name });
  for (const s of model.sites) views.push({ view: 'site', name: s.name });
  if (views.length !== layout.viewsPerPeriod)
    throw new Error('internal: view labels do not match the layout');
  return { periods, views };
}
