/**
 * Agent groups: skills, staffing (fixed, per interval, or shifts), costs.
 */
import { z } from 'zod';
import {
  MAX_AGENTS_PER_GROUP,
  MAX_CHAT_CONCURRENCY,
  MAX_CONCURRENCY_SLOWDOWN,
  MAX_COST_PER_HOUR,
  MAX_HANDLE_TIME_FACTOR,
} from '../limits.js';
import { clockTime, duration, name, nonNegative, probability, wholeNumber } from './primitives.js';

const agentCount = () => wholeNumber('agents', 0, MAX_AGENTS_PER_GROUP);

const skillSchema = z.union(
  [
    z.string({ error: 'expected a call type name' }),
    z.strictObject({
      callType: z.string({ error: 'expected a call type name' }),
      /** Preference: 1 is the most preferred; an arriving call goes to the best level with an idle agent. */
      level: wholeNumber('a preference level', 1).default(1),
      /** The group is offered the call only once it has waited this long (delay overflow). */
      after: duration().default(0),
      /** Multiplies this group's handle time for the call type. */
      handleTimeFactor: z
        .number({ error: 'expected a handle-time factor (a positive number)' })
        .positive({ error: 'expected a handle-time factor > 0' })
        .max(MAX_HANDLE_TIME_FACTOR, { error: `expected a handle-time factor ≤ ${MAX_HANDLE_TIME_FACTOR}` })
        .default(1),
    }),
  ],
  { error: 'expected a call type name, or { callType, level, after, handleTimeFactor }' },
);

const breakSchema = z.strictObject({ at: clockTime(), length: duration({ positive: true }) });

const shiftSchema = z.strictObject({
  start: clockTime(),
  length: duration({ positive: true }),
  count: agentCount(),
  breaks: z.array(breakSchema, { error: 'expected a list of { at, length }' }).default([]),
});

export const agentGroupSchema = z
  .strictObject({
    name,
    description: z.string().optional(),
    /** The site the group works at (default: the first site). */
    site: z.string().optional(),
    /** Agents on duty all the time. */
    agents: agentCount().optional(),
    /**
     * Agents on duty per interval of the horizon. A fractional count (7.4, as calibration infers from
     * a log) puts 8 agents on duty for the first 40% of the interval and 7 for the rest.
     */
    perInterval: z
      .array(nonNegative('agents', MAX_AGENTS_PER_GROUP), { error: 'expected a list of agents per interval' })
      .optional(),
    /** Shifts: agents on duty from start for length, off during breaks. */
    shifts: z.array(shiftSchema, { error: 'expected a list of shifts' }).optional(),
    /** Fraction of scheduled agents unavailable (meetings, training, absence). */
    shrinkage: probability.default(0),
    /** Chats an agent handles at once (voice and e-mail always take the whole agent). */
    concurrency: wholeNumber('concurrent chats', 1, MAX_CHAT_CONCURRENCY).default(1),
    /** A chat that starts while the agent has m other chats takes (1 + concurrencySlowdown·m) times its handle time. */
    concurrencySlowdown: nonNegative('a slowdown per extra chat', MAX_CONCURRENCY_SLOWDOWN).default(0),
    /** Cost of one agent on duty for an hour. */
    costPerHour: nonNegative('a cost per agent hour', MAX_COST_PER_HOUR).default(0),
    skills: z
      .array(skillSchema, { error: 'expected a list of skills' })
      .min(1, { error: 'expected at least one skill' }),
  })
  .superRefine((g, ctx) => {
    const given = ['agents', 'perInterval', 'shifts'].filter((k) => g[k as keyof typeof g] !== undefined);
    if (given.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `expected exactly one of agents, perInterval or shifts, got ${given.length === 0 ? 'none' : given.join(' and ')}`,
      });
    }
  });

export type AgentGroupInput = z.output<typeof agentGroupSchema>;
export type SkillInput = AgentGroupInput['skills'][number];
