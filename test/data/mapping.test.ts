/** Mapping files: every problem at once, with the line, the field path and what was expected. */
import { describe, expect, it } from 'vitest';
import { parseMappingText } from '../../src/data/mapping.js';
import { DataInputError } from '../../src/data/problems.js';
import { readMappingFile } from '../../src/data/read-call-log.js';

function problemsOf(text: string): string[] {
  try {
    parseMappingText(text, 'm.yaml');
  } catch (error) {
    if (error instanceof DataInputError) return error.message.split('\n');
    throw error;
  }
  throw new Error('expected a DataInputError');
}

describe('mapping files', () => {
  it('reads the shipped mappings', () => {
    expect(readMappingFile('data/mappings/anonymous-bank.yaml').kind).toBe('calls');
    expect(readMappingFile('data/mappings/ccsim-trace.yaml').kind).toBe('calls');
    expect(readMappingFile('test/fixtures/data/interval-report.yaml').kind).toBe('intervals');
  });

  it('reports every wrong field with its line and path', () => {
    const lines = problemsOf(
      [
        'delimiter: ab', // 1
        'date: { column: date, format: YYYY/MM/DD }', // 2
        'times: hours', // 3
        'fields:', // 4
        '  arival: start', // 5
        '  outcome:', // 6
        '    column: result', // 7
        '    codes: { OK: served, X: lost, H: { when: late, then: ivr, else: abandoned } }', // 8
        '  wait: { column: wait, format: minutes }', // 9
      ].join('\n'),
    );
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^m\.yaml:1: delimiter: expected a delimiter: one character/),
        expect.stringMatching(/^m\.yaml:2: date\.format: expected a date format: YYYY-MM-DD, YYMMDD/),
        expect.stringMatching(/^m\.yaml:3: times: expected a time format: clock, seconds, datetime/),
        expect.stringMatching(
          /^m\.yaml:5: fields\.arival: unknown field "arival" \(did you mean "arrival"\?\)/,
        ),
        expect.stringMatching(/^m\.yaml:\d+: fields\.arrival: missing: expected a column name/),
        expect.stringMatching(
          /^m\.yaml:8: fields\.outcome\.codes\.X: expected an outcome \(served, abandoned, ivr, blocked, ignored\)/,
        ),
        expect.stringMatching(
          /^m\.yaml:8: fields\.outcome\.codes\.H\.when: expected a condition: waited, answered, queued/,
        ),
        expect.stringMatching(/^m\.yaml:9: fields\.wait\.format: expected a duration format: seconds, clock/),
      ]),
    );
  });

  it('says which fields a mapping needs for the outcomes it can give', () => {
    expect(
      problemsOf(
        [
          'fields:',
          '  arrival: start',
          '  outcome:',
          '    column: r',
          '    codes: { A: served, H: { when: waited, then: abandoned, else: ivr } }',
        ].join('\n'),
      ),
    ).toEqual([
      'm.yaml:5: fields.outcome.codes: a code depends on "waited": expected fields.wait (or fields.queueEntry and fields.queueExit)',
      'm.yaml:2: fields: calls can be served: expected fields.serviceStart',
      'm.yaml:2: fields: calls can be served: expected fields.serviceTime (or fields.serviceEnd)',
      'm.yaml:2: fields: calls can be abandoned: expected fields.wait (or fields.queueEntry and fields.queueExit)',
    ]);
  });

  it('wants outcome codes translated', () => {
    expect(problemsOf('fields: { arrival: start, outcome: 3 }')).toEqual([
      'm.yaml:1: fields.outcome.codes: missing: expected the outcome codes the log uses, translated: { AGENT: served, HANG: abandoned, … }',
    ]);
  });

  it('wants column positions without a header, and a call type from a column or fixed, not both', () => {
    expect(
      problemsOf(
        'header: false\nfields:\n  arrival: start\n  callType: { column: 2, fixed: sales }\n  outcome: { column: 3, codes: { B: blocked } }',
      ),
    ).toEqual([
      'm.yaml:3: fields.arrival.column: expected a column position (1 for the first): with header: false, columns have no names, got "start"',
      'm.yaml:4: fields.callType: expected either column (the column of call types) or fixed (one name for every row)',
    ]);
  });

  it('refuses a date given two ways, a fixed date that is not one, and an unknown kind', () => {
    const fields = '\nfields: { arrival: a, outcome: { column: o, codes: { B: blocked } } }';
    expect(problemsOf(`date: { column: d, fixed: 2026-02-30 }${fields}`)).toEqual([
      'm.yaml:1: date.fixed: expected either date.column or date.fixed, not both',
      'm.yaml:1: date.fixed: expected a date YYYY-MM-DD, got "2026-02-30"',
    ]);
    expect(problemsOf(`kind: agents${fields}`)).toEqual([
      'm.yaml:1: kind: expected calls (a call-by-call log) or intervals (an interval report)',
    ]);
  });

  it('wants an interval length and the counts of an interval report', () => {
    expect(problemsOf('kind: intervals\nfields:\n  interval: start\n  offered: o\n  answered: a')).toEqual([
      expect.stringMatching(/^m\.yaml:1: intervalLength: expected a duration: .*, got nothing$/),
      expect.stringMatching(/^m\.yaml:\d+: fields\.abandoned: missing: expected a column name/),
    ]);
  });

  it('reports YAML syntax errors and a file that is not a mapping', () => {
    expect(problemsOf('fields: [unclosed')[0]).toMatch(/^m\.yaml:1: not valid YAML: /);
    expect(problemsOf('- a list')).toEqual([
      'm.yaml: expected a mapping: delimiter, date, fields: { arrival: …, outcome: … } …',
    ]);
  });

  it('names a mapping file that cannot be read', () => {
    expect(() => readMappingFile('test/fixtures/data/no-such.yaml')).toThrow(
      'test/fixtures/data/no-such.yaml: cannot read the mapping file: no such file',
    );
  });
});
