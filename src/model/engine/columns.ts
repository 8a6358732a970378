/**
 * Per-entity state of the hot loop (agents, groups, call types, routes,
 * tallies) is kept in plain packed arrays of numbers rather than typed
 * arrays. Once any ArrayBuffer in the process has been detached (tsx's
 * loader does it, so do transfers to worker threads), V8 checks on every
 * typed-array access that the buffer is still attached; a packed array of
 * small integers or of doubles needs no such check. These helpers create
 * such arrays with the right element kind from the start, so that V8 never
 * has to convert one on the first store of a fraction, and fill them with
 * a push loop (several times faster than Array.from).
 */

/** An empty array whose elements are unboxed doubles (the literal's 0.5 fixes the kind). */
function emptyDoubles(): number[] {
  const column = [0.5];
  column.pop();
  return column;
}

/** `length` copies of `value` (a small integer): packed small-integer elements. */
export function integers(length: number, value = 0): number[] {
  const column: number[] = [];
  for (let k = 0; k < length; k++) column.push(value);
  return column;
}

/** `length` zeros as doubles: packed double elements. */
export function doubles(length: number): number[] {
  const column = emptyDoubles();
  for (let k = 0; k < length; k++) column.push(0);
  return column;
}

/** `f` of each item, as small integers. */
export function integersOf<T>(items: readonly T[], f: (item: T) => number): number[] {
  return items.map(f);
}

/** `f` of each item (and its index), as doubles (even if all happen to be whole). */
export function doublesOf<T>(items: readonly T[], f: (item: T, index: number) => number): number[] {
  const column = emptyDoubles();
  items.forEach((item, k) => column.push(f(item, k)));
  return column;
}
