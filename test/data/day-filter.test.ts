/** The day filter's grammar: names, ranges that wrap round the week, lists, dates. */
import { describe, expect, it } from 'vitest';
import { dayFilter, keepsDay, parseDays } from '../../src/data/day-filter.js';

const days = (text: string) => [...parseDays(text)].sort((a, b) => a - b);

describe('--days', () => {
  it('reads ranges, lists, full names and any case', () => {
    expect(days('sun-thu')).toEqual([0, 1, 2, 3, 4]);
    expect(days('mon,wed,fri')).toEqual([1, 3, 5]);
    expect(days('Saturday')).toEqual([6]);
    expect(days('SUN-tue, thu')).toEqual([0, 1, 2, 4]);
    expect(days('all')).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('wraps a range round the end of the week', () => {
    expect(days('fri-sun')).toEqual([0, 5, 6]);
    expect(days('sat-mon')).toEqual([0, 1, 6]);
    expect(days('wed-wed')).toEqual([3]);
  });

  it('refuses what is not a day, with what was expected', () => {
    for (const bad of ['weekdays', 'th', 'mon-', 'mon-tue-wed', '', 'mon,,tue']) {
      expect(() => parseDays(bad), bad).toThrow(/expected days of the week such as sun-thu/);
    }
  });
});

describe('date ranges', () => {
  it('keeps the days from --from to --to, both included, and the weekdays asked for', () => {
    const filter = dayFilter({ days: 'sun-thu', from: '1999-02-03', to: '1999-02-07' });
    const kept = ['1999-02-02', '1999-02-03', '1999-02-05', '1999-02-07', '1999-02-08'].filter((d) =>
      keepsDay(filter, d, new Date(`${d}T00:00:00Z`).getUTCDay()),
    );
    // 02-05 is a Friday.
    expect(kept).toEqual(['1999-02-03', '1999-02-07']);
  });

  it('refuses dates that are not dates, and a range that ends before it starts', () => {
    expect(() => dayFilter({ from: '1999-2-3' })).toThrow(
      '--from: expected a date YYYY-MM-DD, got "1999-2-3"',
    );
    expect(() => dayFilter({ to: '1999-02-29' })).toThrow('--to: expected a date YYYY-MM-DD');
    expect(() => dayFilter({ from: '1999-02-10', to: '1999-02-01' })).toThrow(
      '--from 1999-02-10 is after --to 1999-02-01: expected from ≤ to',
    );
    expect(() => dayFilter({ days: 'funday' })).toThrow(/^--days: expected days of the week/);
  });
});
