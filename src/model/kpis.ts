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
  /** Calls offered to agents: arrived directly or transferred from the IVR, counted in the interval of arrival. */
  offered: 0,
  /** Calls answered by an agent. */
  answered: 1,
  /** Calls answered with wait ≤ the service-level threshold T. */
  answeredWithinThreshold: 2,
  /** Calls that hung up while waiting (all abandons, short ones included). */
  abandoned: 3,
  /** Abandons with wait ≤ the short-abandon threshold. */
  shortAbandoned: 4,
  /** Calls refused before reaching an agent queue: no free line (direct voice calls) or the queue full; entry-point calls refused for want of a line or an IVR port are counted in ivrBlocked. */
  blocked: 5,
  /** Calls that found no agent free and waited. */
  queued: 6,
  /** Sum of waits of answered calls (s). */
  waitAnswered: 7,
  /** Sum of waits of abandoned calls (s). */
  waitAbandoned: 8,
  /** Sum of service (talk) times of answered calls (s). */
  talkTime: 9,
  /** Sum of after-call work (s). */
  acwTime: 10,
  /** Calls still waiting or in service when the run ended (agents that never free up). */
  unfinished: 11,
  /** First attempts: callers, not counting their redials and callbacks. */
  uniqueCallers: 12,
  /** Attempts after an abandon, a block or a drop. */
  redials: 13,
  /** Callbacks of unresolved callers (1 − first-contact resolution). */
  repeatCalls: 14,
  /** Contacts with a due time (e-mails) whose work ended. */
  completed: 15,
  /** E-mails completed within their due time of arrival. */
  completedWithinDue: 16,
  /** Contacts waiting at the end of the interval (e-mail backlog). */
  backlog: 17,
  /** Calls that dialled an entry point (all attempts). */
  ivrOffered: 18,
  /** Entry-point calls refused: no free line or no free IVR port. */
  ivrBlocked: 19,
  /** Calls completed in the IVR (self-service). */
  ivrSelfServed: 20,
  /** Calls that hung up in the IVR. */
  ivrHangups: 21,
  /** Calls the IVR passed to an agent queue. */
  ivrTransferred: 22,
  /** Agent-seconds busy with contacts (talk and after-call work; a chat counts 1/concurrency). */
  busyTime: 23,
  /** Agent-seconds on duty. */
  staffedTime: 24,
  /** Cost of agents on duty and of lines. */
  cost: 25,
  /** Line-seconds in use. */
  lineTime: 26,
  /** Line-seconds available (0 when lines are unlimited). */
  lineCapacity: 27,
  /** IVR-port-seconds in use. */
  portTime: 28,
  /** IVR-port-seconds available (0 when ports are unlimited). */
  portCapacity: 29,
  /** Time-integral of the number of calls waiting (call-seconds). */
  queueArea: 30,
  /** Largest number of calls waiting at once. */
  queueMax: 31,
  /** Length of the measured window of the view (s). */
  duration: 32,
  /** Calls routed to a failed site before the failure was detected (they get no service). */
  failed: 33,
  /** Calls cut off by an outage: in the IVR, waiting, or talking at the failed site (counted when cut). */
  dropped: 34,
  /**
   * Set in the network record of a real outage's "during" phase only (NaN elsewhere, and for an
   * outage that takes nothing down): seconds from the outage start until the interval service level
   * is back at target (see Recorder.summarizePhases and the timeToRecover KPI).
   */
  recovery: 35,
  /** Outages (scheduled or random, any scope) that began at the site, in the interval they began. */
  outages: 36,
  /** Seconds the site had an outage in effect (any scope). */
  downTime: 37,
  /** Seconds of site time measured: the window's length per site (the network: × sites). */
  siteTime: 38,
  /** Percentiles of the wait of answered calls (s); NaN when no call was answered. */
  waitP50: 39,
  waitP80: 40,
  waitP90: 41,
  waitP95: 42,
  waitP99: 43,
} as const;

export type FieldName = keyof typeof Field;
export const FIELD_COUNT = 44;

/** The percentiles recorded per view, with the field each is stored in. */
export const WAIT_PERCENTILES: ReadonlyArray<{ readonly p: number; readonly field: number }> = [
  { p: 0.5, field: Field.waitP50 },
  { p: 0.8, field: Field.waitP80 },
  { p: 0.9, field: Field.waitP90 },
  { p: 0.95, field: Field.waitP95 },
  { p: 0.99, field: Field.waitP99 },
];

/** Which kinds of view a KPI is defined for. */
export type ViewKind = 'all' | 'callType' | 'tier' | 'agentGroup' | 'entryPoint' | 'site';

/**
 * How a KPI's value reads. `seconds` are waits and handle times (`12.3s`);
 * `duration` are seconds too, but long spans of the clock (time to recover,
 * downtime), printed as `26m15s` or `2h03m`.
 */
export type Unit =
  'calls' | 'fraction' | 'seconds' | 'duration' | 'agents' | 'calls waiting' | 'cost' | 'outages';

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
/** Call KPIs also reported per customer-value tier. */
const TIERED_VIEWS: readonly ViewKind[] = ['all', 'callType', 'tier', 'site'];
const ALL_VIEWS: readonly ViewKind[] = ['all', 'callType', 'tier', 'agentGroup', 'site'];
const AGENT_VIEWS: readonly ViewKind[] = ['all', 'agentGroup'];
const IVR_VIEWS: readonly ViewKind[] = ['all', 'entryPoint'];
const SITE_VIEWS: readonly ViewKind[] = ['all', 'site'];
const CALLER_VIEWS: readonly ViewKind[] = ['all', 'callType', 'entryPoint'];

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
    definition:
      'calls offered to a call type: arrived directly, or passed on by the IVR; counted in the interval of arrival at the center',
    views: TIERED_VIEWS,
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
    views: TIERED_VIEWS,
    estimator: 'count',
    value: (r) => r[F.abandoned],
  },
  {
    name: 'shortAbandoned',
    label: 'Short abandons',
    unit: 'calls',
    definition: 'abandoned calls whose wait was ≤ the short-abandon threshold',
    views: TIERED_VIEWS,
    estimator: 'count',
    value: (r) => r[F.shortAbandoned],
  },
  {
    name: 'blocked',
    label: 'Blocked',
    unit: 'calls',
    definition:
      'calls refused at a call type: no free line (direct calls) or the queue full (entry-point calls refused for want of a line or port are ivrBlocked)',
    views: TIERED_VIEWS,
    estimator: 'count',
    value: (r) => r[F.blocked],
  },
  {
    name: 'serviceLevel',
    label: 'Service level',
    unit: 'fraction',
    definition: 'answered with wait ≤ T ÷ (offered − blocked − abandoned with wait ≤ shortAbandon)',
    views: TIERED_VIEWS,
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
    views: TIERED_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.answered],
    denominator: (r) => r[F.offered] - r[F.blocked],
  },
  {
    name: 'abandonRate',
    label: 'Abandon rate',
    unit: 'fraction',
    definition: 'abandoned ÷ (offered − blocked)',
    views: TIERED_VIEWS,
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
    views: TIERED_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.waitAnswered] + r[F.waitAbandoned],
    denominator: (r) => r[F.answered] + r[F.abandoned],
  },
  {
    name: 'pWait',
    label: 'Calls that waited',
    unit: 'fraction',
    definition: 'calls that found no idle agent ÷ (offered − blocked)',
    views: TIERED_VIEWS,
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
    name: 'uniqueCallers',
    label: 'Unique callers',
    unit: 'calls',
    definition: 'first attempts: callers counted once, whatever their redials and callbacks',
    views: CALLER_VIEWS,
    estimator: 'count',
    value: (r) => r[F.uniqueCallers],
  },
  {
    name: 'redials',
    label: 'Redials',
    unit: 'calls',
    definition: 'attempts made after an abandon, a block or a drop',
    views: CALLER_VIEWS,
    estimator: 'count',
    value: (r) => r[F.redials],
  },
  {
    name: 'repeatCalls',
    label: 'Repeat calls',
    unit: 'calls',
    definition: 'callbacks of callers whose issue was not resolved (1 − first-contact resolution)',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.repeatCalls],
  },
  {
    name: 'dueServiceLevel',
    label: 'Completed within due',
    unit: 'fraction',
    definition: 'e-mails completed within their due time ÷ e-mails completed',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.completedWithinDue],
    denominator: (r) => r[F.completed],
  },
  {
    name: 'backlog',
    label: 'Backlog',
    unit: 'calls waiting',
    definition: 'contacts waiting at the end of the interval (of the horizon, for the whole run)',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.backlog],
  },
  {
    name: 'acw',
    label: 'After-call work',
    unit: 'seconds',
    definition: 'mean after-call work per answered call',
    views: CALL_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.acwTime],
    denominator: (r) => r[F.answered],
  },
  {
    name: 'ivrOffered',
    label: 'IVR calls',
    unit: 'calls',
    definition: 'calls that dialled an entry point, all attempts',
    views: IVR_VIEWS,
    estimator: 'count',
    value: (r) => r[F.ivrOffered],
  },
  {
    name: 'ivrBlocked',
    label: 'IVR blocked',
    unit: 'calls',
    definition: 'entry-point calls refused for want of a free line or IVR port',
    views: IVR_VIEWS,
    estimator: 'count',
    value: (r) => r[F.ivrBlocked],
  },
  {
    name: 'ivrContained',
    label: 'Self-served in IVR',
    unit: 'calls',
    definition: 'calls completed in the IVR without an agent',
    views: IVR_VIEWS,
    estimator: 'count',
    value: (r) => r[F.ivrSelfServed],
  },
  {
    name: 'ivrContainment',
    label: 'IVR containment',
    unit: 'fraction',
    definition: 'self-served in the IVR ÷ calls that entered the IVR',
    views: IVR_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.ivrSelfServed],
    denominator: (r) => r[F.ivrOffered] - r[F.ivrBlocked],
  },
  {
    name: 'ivrHangups',
    label: 'IVR hang-ups',
    unit: 'calls',
    definition: 'calls that hung up in the IVR',
    views: IVR_VIEWS,
    estimator: 'count',
    value: (r) => r[F.ivrHangups],
  },
  {
    name: 'ivrTransferred',
    label: 'IVR to agents',
    unit: 'calls',
    definition: 'calls the IVR passed to an agent queue',
    views: IVR_VIEWS,
    estimator: 'count',
    value: (r) => r[F.ivrTransferred],
  },
  {
    name: 'lineUtilisation',
    label: 'Line utilisation',
    unit: 'fraction',
    definition: 'line time in use ÷ line time available (sites with a line limit)',
    views: SITE_VIEWS,
    estimator: 'ratio',
    numerator: (r) => (r[F.lineCapacity] > 0 ? r[F.lineTime] : 0),
    denominator: (r) => r[F.lineCapacity],
  },
  {
    name: 'portUtilisation',
    label: 'IVR port utilisation',
    unit: 'fraction',
    definition: 'IVR port time in use ÷ port time available (sites with a port limit)',
    views: SITE_VIEWS,
    estimator: 'ratio',
    numerator: (r) => (r[F.portCapacity] > 0 ? r[F.portTime] : 0),
    denominator: (r) => r[F.portCapacity],
  },
  {
    name: 'cost',
    label: 'Cost',
    unit: 'cost',
    definition: 'agents on duty × cost per agent hour, plus lines × cost per line hour',
    views: ['all', 'agentGroup', 'site'],
    estimator: 'count',
    value: (r) => r[F.cost],
  },
  {
    name: 'costPerContact',
    label: 'Cost per handled contact',
    unit: 'cost',
    definition: 'cost ÷ contacts answered',
    views: ['all', 'agentGroup'],
    estimator: 'ratio',
    numerator: (r) => r[F.cost],
    denominator: (r) => r[F.answered],
  },
  {
    name: 'unfinished',
    label: 'Unfinished',
    unit: 'calls',
    definition: 'calls still waiting or in service when the run ended (agents that never free up)',
    views: CALL_VIEWS,
    estimator: 'count',
    value: (r) => r[F.unfinished],
  },
  {
    name: 'failed',
    label: 'Failed (site down)',
    unit: 'calls',
    definition:
      'calls routed to a failed site before the failure was detected; they get no service and count against the service level',
    views: TIERED_VIEWS,
    estimator: 'count',
    value: (r) => r[F.failed],
  },
  {
    name: 'dropped',
    label: 'Dropped (site down)',
    unit: 'calls',
    definition:
      'calls cut off by an outage while in the IVR, waiting or talking, counted in the interval they were cut',
    views: TIERED_VIEWS,
    estimator: 'count',
    value: (r) => r[F.dropped],
  },
  {
    name: 'callsLost',
    label: 'Calls lost',
    unit: 'calls',
    definition:
      'blocked + abandoned + failed + dropped: attempts that got no complete service (some callers try again)',
    views: TIERED_VIEWS,
    estimator: 'count',
    value: (r) => r[F.blocked] + r[F.abandoned] + r[F.failed] + r[F.dropped],
  },
  {
    name: 'timeToRecover',
    label: 'Time to recover',
    unit: 'duration',
    definition:
      'per scheduled outage that takes something down: from its start to the end of the first run of KPI intervals below the service-level target that starts during the outage (0 if none does; censored at the next outage or the end of the horizon). Undefined (–) without such an outage: a run without outages, or an outage of scope agents with fraction 0, has none. A dip that starts during the outage counts whatever its cause: compare with the same run without it (ccsim dr does)',
    views: ['all'],
    estimator: 'perReplication',
    value: (r) => r[F.recovery],
  },
  {
    name: 'outages',
    label: 'Outages',
    unit: 'outages',
    definition:
      'outages (scheduled or random, any scope) that began at the site within the window; the network: at all sites. An outage of scope agents with fraction 0 takes nothing down and is not counted',
    views: SITE_VIEWS,
    estimator: 'count',
    value: (r) => r[F.outages],
  },
  {
    name: 'downtime',
    label: 'Downtime',
    unit: 'duration',
    definition:
      'time within the window during which the site had an outage in effect (any scope, overlapping outages once); the network: summed over sites',
    views: SITE_VIEWS,
    estimator: 'count',
    value: (r) => r[F.downTime],
  },
  {
    name: 'availability',
    label: 'Availability',
    unit: 'fraction',
    definition:
      'fraction of the window the site had no outage in effect: 1 − downtime ÷ length of the window; the network: of all site time, 1 − Σ downtime ÷ (sites × length of the window)',
    views: SITE_VIEWS,
    estimator: 'ratio',
    numerator: (r) => r[F.siteTime] - r[F.downTime],
    denominator: (r) => r[F.siteTime],
  },
];

/** KPI by name. */
export const KPI_BY_NAME: ReadonlyMap<string, KpiDefinition> = new Map(KPIS.map((k) => [k.name, k]));
