/**
 * Forecast accuracy against what happened (the ICMI "forecast accuracy" KPI):
 * - WAPE = Σ|actual − forecast| / Σ actual (weighted absolute percentage error: big intervals
 *   weigh more, and zero actuals are no problem);
 * - MAPE = mean of |actual − forecast| / actual over the items whose actual is above zero (items
 *   with no calls have no percentage error and are skipped; null when all are zero);
 * - coverage = share of items inside their 80% (95%) prediction interval, bounds included.
 *
 * Items are the (date, interval, call type) cells that either the forecast has or that received
 * calls: a call outside the forecast's opening window counts against a forecast of 0 in [0, 0].
 */
import type { ArrivalForecast } from './forecast.js';
import type { IntervalCounts } from './interval-counts.js';
import { countAt, intervalLabel } from './interval-counts.js';

export interface AccuracyFigures {
  /** Items compared. */
  readonly items: number;
  readonly actual: number;
  readonly forecast: number;
  readonly wape: number | null;
  readonly mape: number | null;
  /** Null where the items have no prediction interval (interval totals over call types). */
  readonly coverage80: number | null;
  readonly coverage95: number | null;
}

export interface HoldoutAccuracy {
  readonly dates: readonly string[];
  /** Cells date × interval × call type. */
  readonly intervals: AccuracyFigures;
  /** Date × interval, call types summed. */
  readonly intervalTotals: AccuracyFigures;
  /** Daily totals over intervals and call types. */
  readonly daily: AccuracyFigures;
  /** Per held-out date: its daily total, and its interval totals (call types summed). */
  readonly perDay: readonly {
    readonly date: string;
    readonly total: AccuracyFigures;
    readonly intervals: AccuracyFigures;
  }[];
  /** Per clock interval: its totals (call types summed) over the held-out dates. */
  readonly perInterval: readonly ({ readonly interval: string } & AccuracyFigures)[];
  /** Per call type, cells over the held-out dates and intervals. */
  readonly perCallType: readonly ({ readonly callType: string } & AccuracyFigures)[];
}

/** One compared item. */
export interface Item {
  readonly actual: number;
  readonly forecast: number;
  readonly bounds?: {
    readonly lo80: number;
    readonly hi80: number;
    readonly lo95: number;
    readonly hi95: number;
  };
}

/** Scores `forecast` against the counts of its dates in `actual` (dates missing from `actual` count as no calls). */
export function holdoutAccuracy(forecast: ArrivalForecast, actual: IntervalCounts): HoldoutAccuracy {
  const dates = forecast.daily.map((d) => d.date);
  const cells = new Map<string, { date: string; interval: string; callType: string; item: Item }>();
  const key = (date: string, interval: string, callType: string) =>
    `${date}\u0000${interval}\u0000${callType}`;
  for (const row of forecast.rows) {
    cells.set(key(row.date, row.interval, row.callType), {
      date: row.date,
      interval: row.interval,
      callType: row.callType,
      item: { actual: 0, forecast: row.mean, bounds: row },
    });
  }
  const dateIndex = new Map(actual.dates.map((d, k) => [d, k]));
  const dailyActual = new Map<string, number>();
  for (const date of dates) {
    const d = dateIndex.get(date);
    let total = 0;
    if (d !== undefined)
      for (let i = 0; i < actual.intervalCount; i++)
        for (let t = 0; t < actual.callTypes.length; t++) {
          const count = countAt(actual, d, i, t);
          if (count === 0) continue;
          total += count;
          const interval = intervalLabel(actual, i);
          const callType = actual.callTypes[t];
          const k = key(date, interval, callType);
          const cell = cells.get(k) ?? {
            date,
            interval,
            callType,
            item: { actual: 0, forecast: 0, bounds: { lo80: 0, hi80: 0, lo95: 0, hi95: 0 } },
          };
          cells.set(k, { ...cell, item: { ...cell.item, actual: count } });
        }
    dailyActual.set(date, total);
  }
  const all = [...cells.values()];
  const totals = new Map<string, { date: string; interval: string; item: Item }>();
  for (const t of forecast.intervalTotals)
    totals.set(`${t.date}\u0000${t.interval}`, {
      date: t.date,
      interval: t.interval,
      item: { actual: 0, forecast: t.mean, bounds: t },
    });
  for (const c of all) {
    const k = `${c.date}\u0000${c.interval}`;
    const t = totals.get(k) ?? {
      date: c.date,
      interval: c.interval,
      item: { actual: 0, forecast: 0, bounds: { lo80: 0, hi80: 0, lo95: 0, hi95: 0 } },
    };
    totals.set(k, { ...t, item: { ...t.item, actual: t.item.actual + c.item.actual } });
  }
  const intervalItems = [...totals.values()];
  const dailyItems = forecast.daily.map((d) => ({
    date: d.date,
    item: { actual: dailyActual.get(d.date) ?? 0, forecast: d.mean, bounds: d },
  }));
  return {
    dates,
    intervals: figures(all.map((c) => c.item)),
    intervalTotals: figures(intervalItems.map((t) => t.item)),
    daily: figures(dailyItems.map((d) => d.item)),
    perDay: dailyItems.map(({ date, item }) => ({
      date,
      total: figures([item]),
      intervals: figures(intervalItems.filter((t) => t.date === date).map((t) => t.item)),
    })),
    perInterval: [...groupBy(intervalItems, (t) => t.interval)]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([interval, items]) => ({ interval, ...figures(items) })),
    perCallType: [...groupBy(all, (c) => c.callType)].map(([callType, items]) => ({
      callType,
      ...figures(items),
    })),
  };
}

function groupBy<T extends { item: Item }>(
  entries: readonly T[],
  label: (entry: T) => string,
): Map<string, Item[]> {
  const groups = new Map<string, Item[]>();
  for (const entry of entries) {
    const key = label(entry);
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [entry.item]);
    else list.push(entry.item);
  }
  return groups;
}

/** WAPE, MAPE and coverage of a set of items (definitions at the top of this file). */
export function figures(items: readonly Item[]): AccuracyFigures {
  let actual = 0;
  let forecast = 0;
  let absolute = 0;
  let percentages = 0;
  let positive = 0;
  let in80 = 0;
  let in95 = 0;
  let bounded = 0;
  for (const item of items) {
    actual += item.actual;
    forecast += item.forecast;
    absolute += Math.abs(item.actual - item.forecast);
    if (item.actual > 0) {
      percentages += Math.abs(item.actual - item.forecast) / item.actual;
      positive++;
    }
    if (item.bounds !== undefined) {
      bounded++;
      if (item.actual >= item.bounds.lo80 && item.actual <= item.bounds.hi80) in80++;
      if (item.actual >= item.bounds.lo95 && item.actual <= item.bounds.hi95) in95++;
    }
  }
  return {
    items: items.length,
    actual,
    forecast,
    wape: actual > 0 ? absolute / actual : null,
    mape: positive > 0 ? percentages / positive : null,
    coverage80: bounded > 0 ? in80 / bounded : null,
    coverage95: bounded > 0 ? in95 / bounded : null,
  };
}
