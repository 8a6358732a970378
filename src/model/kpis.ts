/**
 * KPI definitions: every KPI is defined here once, with its formula, the
 * views it applies to and its estimator across replications. The README's
 * "KPI definitions" section quotes this module.
 *
 * A replication records raw tallies (counts, sums of waits, busy seconds …)
 * in one record per view. A KPI is a function of one record:
 *
 * - `count` KPIs are a tally itself; across replications their estimate is
 *   the mean with a Student-t interval.
 * - `ratio` KPIs are numerator ÷ denominator of tallies; across replications
 *   their estimate is the ratio of the sums (ratio of means), with a
 *   delta-method interval. This is the consistent estimator of a long-run
 *   fraction (service level, abandonment, occupancy) and it never divides by
 *   a replication's empty interval.
 * - `perReplication` KPIs (wait percentiles) are computed inside each
 *   replication; across replications their estimate is the mean of the
 *   replication values with a Student-t interval.
 */

/** Raw tallies of a record (one view of one replication). */
export const Field = {
  /** Calls that arrived (by arrival time, in the interval of arrival). */
  offered: 0,
  /** Calls answered by an agent. */
  answered: 1,
  /** Calls answered with wait ≤ the service-level threshold T. */
  answeredWithinThreshold: 2,
  /** Calls that hung up while waiting (all abandons, short ones included). */
  abandoned: 3,
  /** Abandons with wait ≤ the short-abandon threshold. */
  shortAbandoned: 4,
  /** Calls refused on arrival (no line, no port, queue full). */
  blocked: 5,
  /** Calls that found no idle agent and waited. */
  queued: 6,
  /** Sum of waits of answered calls (s). */
  waitAnswered: 7,
  /** Sum of waits of abandoned calls (s). */
  waitAbandoned: 8,
  /** Sum of service (talk) times of answered calls (s). */
  talkTime: 9,
  /** Calls still waiting or in service when the run ended (only with agents that never free up). */
  unfinished: 10,
  /** Agent-seconds busy with calls. */
  busyTime: 11,
  /** Agent-seconds available (staffed). */
  staffedTime: 12,
  /** Time-integral of the number of calls waiting (call-seconds). */
  queueArea: 13,
  /** Largest number of calls waiting at once. */
  queueMax: 14,
  /** Length of the measured window of the view (s). */
  duration: 15,
  /** Percentiles of the wait of answered calls (s); NaN when no call was answered. */
  waitP50: 16,
  waitP80: 17,
  waitP90: 18,
  waitP95: 19,
  waitP99: 20,
} as const;

export type FieldName = keyof typeof Field;
export const FIELD_COUNT = 21;

/** The percentiles recorded per view, with the field each is stored in. */
export const WAIT_PERCENTILES: ReadonlyArray<{ readonly p: number; readonly field: number }> = [
  { p: 0.5, field: Field.waitP50 },
  { p: 0.8, field: Field.waitP80 },
  { p: 0.9, field: Field.waitP90 },
  { p: 0.95, field: Field.waitP95 },
  { p: 0.99, field: Field.waitP99 },
];

/** Which kinds of view a KPI is defined for. */
export type ViewKind = 'all' | 'callType' | 'agentGroup';

export type Unit = 'calls' | 'fraction' | 'seconds' | 'agents' | 'calls waiting';

interface KpiBase {
  readonly name: string;
  readonly label: string;
  readonly unit: Unit;
  /** The definition in words, as quoted in the README. */
  readonly definition: string;
  readonly views: readonly ViewKind[];
}

export interface CountKpi extends KpiBase {
  readonly estimator: 'count';
  readonly value: (r: Float64Array) => number;
}

export interface RatioKpi extends KpiBase {
  readonly estimator: 'ratio';
  readonly numerator: (r: Float64Array) => number;
  readonly denominator: (r: Float64Array) => number;
}

export interface PerReplicationKpi extends KpiBase {
  readonly estimator: 'perReplication';
  /** The replication's value, or NaN when it has none (then it is left out). */
  readonly value: (r: Float64Array) => number;
}

export type KpiDefinition = CountKpi | RatioKpi | PerReplicationKpi;

const CALL_VIEWS: readonly ViewKind[] = ['all', 'callType'];
const ALL_VIEWS: readonly ViewKind[] = ['all', 'callType', 'agentGroup'];
const AGENT_VIEWS: readonly ViewKind[] = ['all', 'agentGroup'];

const F = Field;

/** Calls the service level counts: offered − blocked − short abandons. */
const serviceLevelBase = (r: Float64Array) => r[F.offered] - r[F.blocked] - r[F.shortAbandoned];

function percentileKpi(name: string, p: number, field: number): PerReplicationKpi {
  return {
    name,
    label: `Wait p${Math.round(p * 100)}`,
    unit: 'seconds',
    definition: `${Math.round(p * 100)}th percentile of the wait of answered calls (within each replication; mean over replications)`,
    views: CALL_VIEWS,
    estimator: 'perReplication',
    value: (r) => r[field],
  };
}

export const KPIS: readonly KpiDefinition[] = [
  {
    name: 'offered',
    label: 'Offered',
    unit: 'calls',
    definition: 'calls that arrived, counted in the interval of arrival',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.offered],
  },
  {
    name: 'answered',
    label: 'Answered',
    unit: 'calls',
    definition: 'calls answered by an agent (by the interval of arrival)',
    views: ALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.answered],
  },
  {
    name: 'abandoned',
    label: 'Abandoned',
    unit: 'calls',
    definition: 'calls that hung up while waiting, short abandons included',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.abandoned],
  },
  {
    name: 'shortAbandoned',
    label: 'Short abandons',
    unit: 'calls',
    definition: 'abandoned calls whose wait was ≤ the short-abandon threshold',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.shortAbandoned],
  },
  {
    name: 'blocked',
    label: 'Blocked',
    unit: 'calls',
    definition: 'calls refused on arrival (no free line or port, or the queue full)',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.blocked],
  },
  {
    name: 'serviceLevel',
    label: 'Service level',
    unit: 'fraction',
    definition: 'answered with wait ≤ T ÷ (offered − blocked − abandoned with wait ≤ shortAbandon)',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.answeredWithinThreshold],
    denominator: serviceLevelBase,
  },
  {
    name: 'serviceLevelOfAnswered',
    label: 'Service level of answered',
    unit: 'fraction',
    definition: 'answered with wait ≤ T ÷ answered',
    views: ALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.answeredWithinThreshold],
    denominator: (r) => r[F.answered],
  },
  {
    name: 'answerRate',
    label: 'Answer rate',
    unit: 'fraction',
    definition: 'answered ÷ (offered − blocked)',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.answered],
    denominator: (r) => r[F.offered] - r[F.blocked],
  },
  {
    name: 'abandonRate',
    label: 'Abandon rate',
    unit: 'fraction',
    definition: 'abandoned ÷ (offered − blocked)',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.abandoned],
    denominator: (r) => r[F.offered] - r[F.blocked],
  },
  {
    name: 'asa',
    label: 'ASA',
    unit: 'seconds',
    definition: 'average speed of answer: mean wait of answered calls',
    views: ALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.waitAnswered],
    denominator: (r) => r[F.answered],
  },
  {
    name: 'meanWait',
    label: 'Mean wait',
    unit: 'seconds',
    definition: 'mean wait of all calls that were answered or abandoned',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.waitAnswered] + r[F.waitAbandoned],
    denominator: (r) => r[F.answered] + r[F.abandoned],
  },
  {
    name: 'pWait',
    label: 'Calls that waited',
    unit: 'fraction',
    definition: 'calls that found no idle agent ÷ (offered − blocked)',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.queued],
    denominator: (r) => r[F.offered] - r[F.blocked],
  },
  {
    name: 'aht',
    label: 'Average handle time',
    unit: 'seconds',
    definition: 'mean service time of answered calls',
    views: ALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.talkTime],
    denominator: (r) => r[F.answered],
  },
  {
    name: 'occupancy',
    label: 'Occupancy',
    unit: 'fraction',
    definition: 'agent time busy with calls ÷ agent time available',
    views: AGENT_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.busyTime],
    denominator: (r) => r[F.staffedTime],
  },
  {
    name: 'agents',
    label: 'Agents on duty',
    unit: 'agents',
    definition: 'time-average number of agents available (agent time available ÷ length of the window)',
    views: AGENT_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.staffedTime],
    denominator: (r) => r[F.duration],
  },
  {
    name: 'queueLength',
    label: 'Queue length',
    unit: 'calls waiting',
    definition: 'time-average number of calls waiting',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.queueArea],
    denominator: (r) => r[F.duration],
  },
  {
    name: 'queueMax',
    label: 'Longest queue',
    unit: 'calls waiting',
    definition: 'largest number of calls waiting at once (per replication; mean over replications)',
    views: CALL_VIEWS,
    estimator: 'perReplication',
    value: (r) => r[F.queueMax],
  },
  percentileKpi('waitP50', 0.5, F.waitP50),
  percentileKpi('waitP80', 0.8, F.waitP80),
  percentileKpi('waitP90', 0.9, F.waitP90),
  percentileKpi('waitP95', 0.95, F.waitP95),
  percentileKpi('waitP99', 0.99, F.waitP99),
  {
    name: 'unfinished',
    label: 'Unfinished',
    unit: 'calls',
    definition: 'calls still waiting or in service when the run ended (agents that never free up)',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.unfinished],
  },
];

/** KPI by name. */
export const KPI_BY_NAME: ReadonlyMap<string, KpiDefinition> = new Map(KPIS.map((k) => [k.name, k]));
