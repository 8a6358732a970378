/**
 * Shift template files (`ccsim shifts --templates`) as JSON Schema, for
 * editors (see src/model/scenario/json-schema.ts).
 */
import type { FieldDescriptions, JsonSchema } from '../model/scenario/json-schema.js';
import { jsonSchemaOf } from '../model/scenario/json-schema.js';
import { shiftTemplatesSchema } from './shifts.js';

/** The fields of a shift template file, in the words of the README ("Capacity planning"). */
export const SHIFT_TEMPLATE_FIELDS: FieldDescriptions = {
  shifts: 'The shapes of shift that may be rostered.',
  'shifts.*.name': 'The template name, shown in the roster.',
  'shifts.*.length': 'Paid length of the shift, breaks included: 8h, 4h30m, or seconds.',
  'shifts.*.start':
    'Allowed start times: a list of clock times ["08:00", "09:30"], or a window { from, to, every }.',
  'start.from': 'First allowed start, a clock time "HH:MM".',
  'start.to': 'Last allowed start, a clock time "HH:MM".',
  'start.every': 'Step between allowed starts: 30m, 1h, or seconds.',
  'shifts.*.breaks': 'Breaks { after, length }: agents on a break do not cover the requirement.',
  'breaks.*.after': 'When the break starts, from the shift start: 4h, or seconds.',
  'breaks.*.length': 'Length of the break: 30m, or seconds.',
  costPerHour: 'Cost of one agent on this shift for one paid hour (default 1: the cost is paid hours).',
};

/** The JSON Schema of shift template files. */
export function shiftTemplatesJsonSchema(): JsonSchema {
  return jsonSchemaOf(shiftTemplatesSchema, 'ccsim shift templates', SHIFT_TEMPLATE_FIELDS);
}
