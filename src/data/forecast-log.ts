/**
 * `ccsim forecast` as a library call: count a log's offered calls, forecast the days after it,
 * and, with a holdout, forecast its own last days from the ones before and score them.
 */
import type { CallRecord } from './call-record.js';
import type { ArrivalForecast } from './forecast.js';
import { fitArrivalModel, forecastArrivals, ForecastError, horizonDates } from './forecast.js';
import type { HoldoutAccuracy } from './forecast-accuracy.js';
import { holdoutAccuracy } from './forecast-accuracy.js';
import type { DateSelection, IntervalCounts, IntervalSeconds } from './interval-counts.js';
import { addDays, countOfferedCalls } from './interval-counts.js';

export interface ForecastRequest {
  readonly intervalSeconds: IntervalSeconds;
  /** Calendar days forecast after the log's last date (only the weekdays the selection keeps). */
  readonly horizonDays: number;
  /** Calendar days at the end of the log forecast from the days before them and scored; none when absent. */
  readonly holdoutDays?: number;
  /** The days of the log used (the --days, --from, --to filter). */
  readonly selection?: DateSelection;
}

export interface LogForecast {
  readonly counts: IntervalCounts;
  /** The horizon's forecast, from every date of the log. */
  readonly forecast: ArrivalForecast;
  readonly holdout?: {
    readonly forecast: ArrivalForecast;
    readonly accuracy: HoldoutAccuracy;
  };
}

/** Forecasts the offered calls of the `horizonDays` after the records' last date (see ForecastRequest). */
export function forecastLog(records: readonly CallRecord[], request: ForecastRequest): LogForecast {
  return forecastCounts(
    countOfferedCalls(records, request.intervalSeconds, request.selection ?? {}),
    request,
  );
}

/**
 * The same from counts already made (an interval report's: countOfferedIntervals, with the same
 * selection); `request.selection` then only chooses the horizon's weekdays.
 */
export function forecastCounts(counts: IntervalCounts, request: ForecastRequest): LogForecast {
  const selection = request.selection ?? {};
  if (counts.dates.length === 0 || counts.intervalCount === 0) {
    throw new ForecastError(
      'the log holds no offered call (served or abandoned) on the days kept: nothing to forecast from',
    );
  }
  const lastDate = counts.dates[counts.dates.length - 1];
  const model = fitArrivalModel(counts);
  const forecast = forecastArrivals(model, horizonDates(lastDate, request.horizonDays, selection.weekdays));
  if (request.holdoutDays === undefined) return { counts, forecast };
  const cut = addDays(lastDate, -request.holdoutDays);
  const training = counts.dates.flatMap((d, k) => (d <= cut ? [k] : []));
  const heldOut = counts.dates.filter((d) => d > cut);
  if (training.length === 0) {
    throw new ForecastError(
      `--holdout ${request.holdoutDays}d leaves no day to learn from: the log covers ${counts.dates[0]} to ${lastDate}`,
    );
  }
  const holdoutForecast = forecastArrivals(fitArrivalModel(counts, training), heldOut);
  return {
    counts,
    forecast,
    holdout: { forecast: holdoutForecast, accuracy: holdoutAccuracy(holdoutForecast, counts) },
  };
}
