/**
 * The scenario format as JSON Schema (draft-07), for editors: the YAML
 * language server completes and checks the fields of a file whose first line
 * is `# yaml-language-server: $schema=<path or URL>`.
 *
 * Generated from the zod schema, as the file is written (before defaults and
 * conversions). Durations and clock times, which the schema parses from any
 * value, are described by what they accept; each field gets a description
 * from a table (a test checks that every field has one).
 */
import { z } from 'zod';
import { scenarioSchema } from './schema/index.js';
import { CLOCK, DURATION_WHOLE } from './units.js';

export type JsonSchema = Record<string, unknown>;

/**
 * Field descriptions, each keyed by the end of a field's path: `$.name` is
 * the top-level name only, `tiers.*.name` a tier's name wherever tiers are,
 * `mean` every mean (`*` stands for list items and record values). The
 * longest key that ends the path wins.
 */
export type FieldDescriptions = Readonly<Record<string, string>>;

const DURATION_TEXT = 'seconds as a number, or a string with units ms, s, m, h, d: "30s", "4m", "1h30m"';
const CLOCK_TEXT = '"HH:MM" or "HH:MM:SS"; hours past 24 are later days ("30:00" is 06:00 on day two)';

/** `schema` (a zod schema) as JSON Schema of its input, with `title` and the field descriptions. */
export function jsonSchemaOf(schema: z.ZodType, title: string, descriptions: FieldDescriptions): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: 'draft-7',
    io: 'input',
    // A field parsed from text has the JSON form of what it accepts (merged: a default set on it stays).
    override: ({ zodSchema, jsonSchema }) => {
      const form = textForm(zodSchema);
      if (form !== undefined) {
        delete jsonSchema.type;
        Object.assign(jsonSchema, form);
      }
    },
  }) as JsonSchema;
  describeFields(json, '$.', descriptions);
  const { $schema, ...rest } = json;
  return { $schema, title, ...rest };
}

/** The JSON Schema of scenario files. */
export function scenarioJsonSchema(): JsonSchema {
  return jsonSchemaOf(scenarioSchema, 'ccsim scenario', SCENARIO_FIELDS);
}

/**
 * The JSON form of a field parsed from text, found by what it accepts:
 * a duration takes "90s" and numbers, a clock time "08:30" only.
 */
function textForm(schema: unknown): JsonSchema | undefined {
  if (!(schema instanceof z.ZodPipe)) return undefined;
  const accepts = (value: unknown) => schema.safeParse(value).success;
  if (accepts('90s') && accepts(90)) {
    const number = accepts(0) ? { type: 'number', minimum: 0 } : { type: 'number', exclusiveMinimum: 0 };
    return {
      description: `A duration: ${DURATION_TEXT}.`,
      anyOf: [number, { type: 'string', pattern: DURATION_WHOLE.source }],
    };
  }
  if (accepts('08:30') && !accepts('90s') && !accepts(90)) {
    return {
      description: `A clock time: ${CLOCK_TEXT}.`,
      type: 'string',
      pattern: CLOCK.source,
    };
  }
  return undefined;
}

/** Sets each property's description from `descriptions`, walking nested objects, lists, records and unions. */
function describeFields(node: unknown, path: string, descriptions: FieldDescriptions): void {
  if (node === null || typeof node !== 'object') return;
  const schema = node as JsonSchema;
  const properties = schema.properties as Record<string, JsonSchema> | undefined;
  for (const [name, property] of Object.entries(properties ?? {})) {
    const fieldPath = `${path}${name}`;
    const description = descriptionOf(fieldPath, descriptions);
    if (description !== undefined) {
      // A field's own words first; what a duration or clock time accepts after them.
      const own = property.description;
      property.description = own === undefined || own === description ? description : `${description} ${own}`;
    }
    describeFields(property, `${fieldPath}.`, descriptions);
  }
  if (schema.items !== undefined) describeFields(schema.items, `${path}*.`, descriptions);
  if (typeof schema.additionalProperties === 'object') {
    describeFields(schema.additionalProperties, `${path}*.`, descriptions);
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[key] as unknown[] | undefined) ?? [])
      describeFields(branch, path, descriptions);
  }
}

/** The description whose key is the longest end of `path` (`$.callTypes.*.name`). */
function descriptionOf(path: string, descriptions: FieldDescriptions): string | undefined {
  const segments = path.split('.');
  for (let i = 0; i < segments.length; i++) {
    const description = descriptions[segments.slice(i).join('.')];
    if (description !== undefined) return description;
  }
  return undefined;
}

/** Every property path of a JSON Schema (as `describeFields` names them), for tests. */
export function fieldPaths(node: unknown, path = '$.'): string[] {
  if (node === null || typeof node !== 'object') return [];
  const schema = node as JsonSchema;
  const paths: string[] = [];
  for (const [name, property] of Object.entries((schema.properties as Record<string, unknown>) ?? {})) {
    paths.push(`${path}${name}`, ...fieldPaths(property, `${path}${name}.`));
  }
  if (schema.items !== undefined) paths.push(...fieldPaths(schema.items, `${path}*.`));
  if (typeof schema.additionalProperties === 'object') {
    paths.push(...fieldPaths(schema.additionalProperties, `${path}*.`));
  }
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    for (const branch of (schema[key] as unknown[] | undefined) ?? [])
      paths.push(...fieldPaths(branch, path));
  }
  return [...new Set(paths)];
}

const DISTRIBUTION = 'A distribution: { dist: exponential, mean: 240s }, or another dist (see the README).';

/** The scenario's fields, in the words of the README's "Scenario format". */
export const SCENARIO_FIELDS: FieldDescriptions = {
  name: 'A name: letters, digits, spaces, "-", "_" or ".", starting with a letter or digit.',
  description: 'Free text.',
  // Top level
  '$.name': 'The scenario name, shown in reports and used for the report folder.',
  seed: 'Seed of every random stream (default 1; --seed overrides).',
  replications: 'Independent replications (default 10; --reps overrides).',
  start: 'Clock time of the first measured instant, the end of the warm-up (default "00:00").',
  horizon: 'Measured time, after the warm-up (required).',
  warmup: 'Simulated before start to reach a loaded state; not measured (default 0).',
  interval: 'Length of a KPI interval (default 30m, or the horizon if shorter).',
  serviceLevel: 'Service level: X% of calls answered within threshold.',
  'serviceLevel.threshold': 'T in "X% of calls answered within T" (default 20s).',
  'serviceLevel.shortAbandon':
    'Calls abandoned within this wait are short abandons, excluded from the service level (default 0).',
  'serviceLevel.target': 'The target fraction X, 0..1, shown against results in reports.',
  targets: 'Further targets, shown green or red in reports.',
  'targets.maxAbandonRate': 'Highest acceptable abandonment rate (abandoned ÷ offered), 0..1.',
  'targets.maxAsa': 'Highest acceptable average speed of answer.',
  'targets.maxOccupancy': 'Highest acceptable agent occupancy, 0..1.',
  // Sites, routing, outages
  sites: 'Sites with their lines and IVR ports (omitted: one site "main" with unlimited lines and ports).',
  'sites.*.name': 'The site name.',
  'sites.*.lines':
    'Lines (trunks): a voice call holds one from arrival until it leaves, not during after-call work; all busy, a caller hears busy. Omitted: unlimited.',
  'sites.*.ivrPorts': 'IVR ports: a call holds one while in the IVR. Omitted: unlimited.',
  'sites.*.costPerLineHour': 'Cost of one line for an hour (default 0).',
  routing: 'How arrivals are spread over sites (default policy mostIdle).',
  policy:
    'shares: a site drawn by its share; mostIdle: the site with the most idle eligible agents; shortestExpectedWait: the site with the shortest expected wait (default mostIdle).',
  shares: "With policy shares: each site's share of the arrivals, by site name (normalised to sum to 1).",
  overflowAfter:
    "Inter-site overflow: once a call has waited this long, any site's eligible agents may take it (omitted: never).",
  outages: 'Site failures: scheduled (at, duration) or random (mtbf, mttr).',
  'outages.*.site': 'The site that fails.',
  'outages.*.at': 'Clock time a scheduled outage starts.',
  'outages.*.duration': 'How long a scheduled outage lasts.',
  'outages.*.mtbf': `Random outages: time between failures. ${DISTRIBUTION}`,
  'outages.*.mttr': `Random outages: time to repair. ${DISTRIBUTION}`,
  'outages.*.detectionDelay':
    'Until the failure is detected, calls routed to the site fail; then its share goes to the other sites (default 0).',
  'outages.*.scope':
    'What fails: full (lines, IVR and agents; default), ivr, lines, or agents (a fraction of them).',
  'outages.*.fraction': "With scope agents: the fraction of the site's agents lost (default 1).",
  'outages.*.restore': 'Agents of the failed site who resume work at another site.',
  'outages.*.restore.fraction': "Fraction of the failed site's agents who resume work elsewhere.",
  'outages.*.restore.to': 'The site they work from (its lines carry their calls).',
  'outages.*.restore.after': 'Time from the failure until they are back at work.',
  // Entry points and IVR
  entryPoints: 'Numbers callers dial, leading into the IVR.',
  'entryPoints.*.name': 'The entry point name (also the CSV column its volumes are read from).',
  'entryPoints.*.ivr': 'The IVR node callers enter first.',
  '$.ivr': 'IVR menu nodes by name.',
  'ivr.*.duration': `Time spent in the node. ${DISTRIBUTION}`,
  'ivr.*.next': 'Branches { p, to } whose probabilities add up to 1.',
  'ivr.*.next.*.p': 'Probability of the branch.',
  'ivr.*.next.*.to': 'Another IVR node, selfService (the call completes), hangup, or { queue: <call type> }.',
  'ivr.*.next.*.to.queue': 'The call type whose queue the call joins.',
  // Calibration (written by ccsim calibrate, read by backtest --per-day)
  '$.calibration':
    'Written by ccsim calibrate: which log calls each call type stands for and how staffing was inferred (read by ccsim backtest --per-day; the engine ignores it).',
  'calibration.classes': 'The call types and the log calls they stand for.',
  'calibration.classes.*.callType': "The scenario's call type.",
  'calibration.classes.*.log': 'The call type as the log names it (after the mapping).',
  'calibration.classes.*.priorities':
    'Only log calls of these priorities; omitted: every priority not taken by another class of the same log call type.',
  'calibration.staffing': 'How staffing per interval is inferred from agent activity for a day of a log.',
  'calibration.staffing.group': 'The agent group whose perInterval staffing is inferred.',
  'calibration.staffing.bridgeGap':
    "Gaps between an agent's services up to this long are one session on duty.",
  'calibration.staffing.margin': 'A session covers this long before its first service and after its last.',
  'calibration.staffing.minusBusyOf':
    "Call types served apart: their agents' busy time is taken out of the staffing.",
  // Arrivals
  arrivals: 'How calls arrive: exactly one of ratePerHour, perInterval, csv or times.',
  ratePerHour: 'Poisson arrivals at a constant rate, calls per hour.',
  'arrivals.perInterval': 'Expected calls in each interval of the horizon, one value per interval.',
  csv: 'A CSV forecast next to the scenario: a column "interval" of clock times and one column of volumes.',
  column: "The CSV column to read (default: the call type's or entry point's name).",
  times: 'Calls at exactly these offsets from start: a replayed trace, in increasing order.',
  uncertainty:
    "Forecast uncertainty: each replication multiplies the day's rate by a gamma variate of mean 1.",
  'uncertainty.cv': 'Coefficient of variation of the day factor.',
  surges: 'Calendar multipliers of the rate between two clock times.',
  'surges.*.from': 'Clock time the surge starts.',
  'surges.*.to': 'Clock time it ends (exclusive).',
  'surges.*.factor': 'Multiplies the arrival rate in [from, to).',
  // Call types
  callTypes: 'Call types: the queues, what their callers need and do.',
  'callTypes.*.name': 'The call type name (skills, IVR branches and CSV columns refer to it).',
  channel: 'voice (default), chat or email. Chats and e-mails hold no phone line.',
  'callTypes.*.priority': 'Higher is served first (default 0).',
  tiers:
    'Customer value tiers inside the call type, served before lower tiers; the rest are tier "standard", priority 0.',
  'tiers.*.name': 'The tier name.',
  'tiers.*.share': "Fraction of this call type's callers in the tier.",
  'tiers.*.priority': 'Higher is served first, within the call type.',
  handleTime: `Talk (or handling) time. ${DISTRIBUTION}`,
  acw: `After-call work: the agent stays busy, the line is released. ${DISTRIBUTION}`,
  handleTimeFactors:
    'Multiplies the handle time of calls arriving in each interval, one factor per interval (calibration writes it where handle time varies through the day).',
  answerDelay: `From an agent taking the call to the talk starting: the agent is held, the caller's wait goes on (in ASA and service level) but the caller no longer abandons. ${DISTRIBUTION}`,
  patience: `How long callers wait before abandoning (omitted: they never do). ${DISTRIBUTION}`,
  redial: 'Callers who abandoned, were blocked or dropped may try again.',
  'redial.probability': 'Probability that such a caller tries again.',
  'redial.delay': `Time until the next attempt. ${DISTRIBUTION}`,
  'redial.maxAttempts': 'Attempts in all, the first included (default 3).',
  fcr: 'First-contact resolution: the fraction of answered calls resolved; the rest call back.',
  callbackDelay: `Time until an unresolved caller calls back (required with fcr < 1). ${DISTRIBUTION}`,
  maxQueue: 'Calls waiting beyond this many are blocked.',
  'callTypes.*.routing': "Overrides the network's routing of arrivals to sites for this call type.",
  due: 'E-mail and work items: the time within which an item should be completed.',
  // Agent groups
  agentGroups: 'Agent groups: staffing (exactly one of agents, perInterval, shifts), skills and costs.',
  'agentGroups.*.name': 'The group name.',
  'agentGroups.*.site': 'The site the group works at (default: the first site).',
  agents: 'Agents on duty all the time.',
  'agentGroups.*.perInterval':
    'Agents on duty in each interval of the horizon, one value per interval; a fractional count such as 7.4 puts 8 on duty for the first 40% of the interval and 7 for the rest.',
  'agentGroups.*.shifts': 'Shifts: agents on duty from start for length, off during breaks.',
  'shifts.*.start': 'Clock time the shift starts.',
  'shifts.*.length': 'Length of the shift, breaks included.',
  'shifts.*.count': 'Agents working the shift.',
  'shifts.*.breaks': 'Breaks { at, length } during the shift.',
  'breaks.*.at': 'Clock time the break starts.',
  'breaks.*.length': 'Length of the break.',
  shrinkage:
    'Fraction of scheduled agents unavailable (meetings, training, absence): on duty = round(scheduled × (1 − shrinkage)) (default 0).',
  concurrency: 'Chats an agent handles at once (voice and e-mail always take the whole agent; default 1).',
  concurrencySlowdown:
    'A chat that starts while the agent has m other chats takes (1 + concurrencySlowdown·m) times its handle time (default 0).',
  'agentGroups.*.costPerHour': 'Cost of one agent on duty for an hour (default 0).',
  skills:
    'Call types the group answers: a name (level 1, no delay), or { callType, level, after, handleTimeFactor }.',
  callType: 'The call type answered.',
  level:
    'Preference: 1 is the most preferred; an arriving call goes to the best level with an idle agent (default 1).',
  'skills.*.after':
    'The group is offered the call only once it has waited this long: delay overflow (default 0).',
  handleTimeFactor: "Multiplies this group's handle time for the call type (default 1).",
  // Distribution parameters
  dist: 'The distribution: exponential, deterministic, uniform, lognormal, gamma, erlang, weibull or empirical.',
  mean: 'The mean.',
  value: 'The constant value.',
  min: 'The smallest value.',
  max: 'The largest value.',
  cv: 'Coefficient of variation (standard deviation ÷ mean).',
  k: 'Number of exponential phases.',
  shape: 'Weibull shape (scale = mean / Γ(1 + 1/shape)).',
  points: 'Points [x, cdf] of a piecewise-linear CDF; the last cdf is 1.',
};
