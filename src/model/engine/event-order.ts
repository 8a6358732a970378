/**
 * The order of simultaneous events: at equal simulation times, lower
 * priority runs first (ties within a priority run in the order they were
 * scheduled). ARCHITECTURE.md explains each choice; in short:
 *
 *   0 interval boundary   closes one KPI interval and opens the next;
 *   1 staffing change     shifts, breaks and per-interval counts: agents come
 *                         on duty before anything else happens at that time;
 *     outage              start, detection, restoration and end, with staffing;
 *   2 talk end            the line is released; after-call work follows;
 *   3 work end            an agent freed at t serves a call arriving at t, and
 *                         a caller whose patience ends at t;
 *   4 overflow            a waiting call becomes eligible for delayed groups;
 *   5 abandonment         a caller whose patience ends at t hangs up unless an
 *                         agent freed at t took the call;
 *   6 IVR end             the caller leaves the IVR: self-served, hung up, or
 *                         into an agent queue;
 *   7 arrival             new calls, redials and callbacks join last.
 */
export const EVENT_PRIORITY = {
  intervalBoundary: 0,
  staffingChange: 1,
  talkEnd: 2,
  workEnd: 3,
  overflow: 4,
  abandonment: 5,
  ivrEnd: 6,
  arrival: 7,
  /** Outage start, detection, restoration and end: with staffing changes. */
  outage: 1,
} as const;
