/**
 * The largest scenario ccsim accepts, in one place (the README's "Limits"
 * section lists the same figures). Every size the engine allocates from,
 * and the work a replication can be asked to do, is checked against these
 * before anything is allocated, so that an absurd number (a typo, or a
 * hostile file) is refused with the field that asks for it instead of
 * exhausting memory or running for ever.
 *
 * The figures leave room for any real call center: a year of 15-minute
 * intervals, a hundred thousand agents in a group, millions of calls a
 * replication.
 */

/** Any duration (handle times, patience, delays, thresholds …): 100 years. */
export const MAX_DURATION_SECONDS = 100 * 365 * 86400;
/**
 * Simulated time of one replication, warm-up plus horizon: 100 years (a long
 * steady-state run of a small queue, such as bench/throughput.ts's 10^8
 * calls, spans 17).
 */
export const MAX_SIMULATED_SECONDS = 100 * 365 * 86400;
/** KPI intervals over the horizon (a year of 15-minute intervals is 35,136). */
export const MAX_INTERVALS = 50_000;
/** Agents on duty at once in one group, and in all groups together. */
export const MAX_AGENTS_PER_GROUP = 100_000;
export const MAX_AGENTS_TOTAL = 1_000_000;
/** Phone lines or IVR ports of one site. */
export const MAX_LINES = 10_000_000;
/** Chats an agent handles at once. */
export const MAX_CHAT_CONCURRENCY = 100;
/** Extra handle time per concurrent chat (1 + slowdown·m), and a skill's handle-time factor. */
export const MAX_CONCURRENCY_SLOWDOWN = 10;
export const MAX_HANDLE_TIME_FACTOR = 1000;
/** Costs per agent hour or line hour (totals stay finite: at most about 10^16). */
export const MAX_COST_PER_HOUR = 1_000_000;
/** Replications a scenario may ask for. */
export const MAX_REPLICATIONS = 100_000;
/** Attempts of a redialling caller, the first included. */
export const MAX_REDIAL_ATTEMPTS = 100;
/** Coefficients of variation of lognormal and gamma distributions, and of forecast uncertainty. */
export const MIN_CV = 0.001;
export const MAX_CV = 100;
export const MAX_UNCERTAINTY_CV = 2;
/** Phases of an Erlang distribution (a draw takes one uniform per phase). */
export const MAX_ERLANG_PHASES = 1000;
/** Weibull shape (below 0.1 the mean-to-scale conversion loses all precision). */
export const MIN_WEIBULL_SHAPE = 0.1;
export const MAX_WEIBULL_SHAPE = 100;
/**
 * Calls one replication is expected to simulate: arrivals over the warm-up
 * and the horizon (surges applied; with forecast uncertainty, at mean + 3
 * standard deviations), times the redials and callbacks each caller can
 * make at most: about a minute of simulation at full speed.
 */
export const MAX_EXPECTED_CALLS = 200_000_000;
/**
 * Calls in the center at once (waiting, talking, or with a redial pending):
 * one takes about 400 bytes, so this bounds memory at about 2 GB when calls
 * pile up with too few agents to answer them. Checked while the replication
 * runs: it depends on staffing and patience, not on the arrivals alone.
 */
export const MAX_CALLS_PRESENT = 5_000_000;
/** Random site failures expected in one replication, all outages together. */
export const MAX_EXPECTED_OUTAGES = 10_000;
/**
 * KPI records of one replication: (intervals + 1 + 3 per scheduled outage)
 * × (1 + call types + tiers + agent groups + entry points + sites). Each
 * record is 41 numbers, so this is about 130 MB a replication.
 */
export const MAX_KPI_RECORDS = 400_000;
/**
 * Entries of the agents' queue-scanning tables: per agent group and site it
 * can work at, one per (skill, tier, site) queue.
 */
export const MAX_ROUTING_ENTRIES = 2_000_000;

/** `1,234,567` */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return 'an unbounded number';
  if (n >= 1e15) return n.toExponential(1);
  return Math.round(n).toLocaleString('en');
}
