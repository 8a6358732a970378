/** Names to indices, for compiling a scenario's references (validated before: they resolve). */

/** Name → position in `items`. */
export function indexByName(items: readonly { readonly name: string }[]): ReadonlyMap<string, number> {
  return new Map(items.map((x, i) => [x.name, i]));
}

/** The value of a reference validation has already resolved. */
export function mustGet<K, V>(map: ReadonlyMap<K, V>, key: K): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`internal: unresolved reference ${String(key)}`);
  return value;
}
