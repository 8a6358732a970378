/**
 * How a calibrated scenario maps back to the call log it came from (`ccsim calibrate` writes it,
 * `ccsim backtest --per-day` reads it). The engine ignores it: it only says which log calls each
 * call type stands for and how staffing was inferred, so a day of a log can be replayed.
 */
import { z } from 'zod';
import { duration, name } from './primitives.js';

const classSchema = z.strictObject({
  /** The scenario's call type. */
  callType: name,
  /** The log's call type (after the mapping) whose calls it stands for. */
  log: z.string({ error: 'expected the call type as the log names it' }),
  /** Only calls of these priorities; omitted: every priority not claimed by another class of the same log type. */
  priorities: z.array(z.number({ error: 'expected a priority (a number)' })).optional(),
});

const staffingSchema = z.strictObject({
  /** The agent group whose perInterval staffing is inferred from agent activity. */
  group: name,
  /** Gaps between an agent's services up to this long belong to one session on duty. */
  bridgeGap: duration(),
  /** A session covers this long before its first service and after its last. */
  margin: duration(),
  /** Call types whose agents' busy time is taken out of the inferred staffing (served apart). */
  minusBusyOf: z.array(name).default([]),
});

export const calibrationSchema = z.strictObject({
  classes: z.array(classSchema, { error: 'expected a list of { callType, log, priorities }' }).min(1),
  staffing: staffingSchema.optional(),
});

export type CalibrationInput = z.output<typeof calibrationSchema>;
