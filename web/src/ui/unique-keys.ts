/**
 * React keys for rows that have no id of their own and may repeat (log lines, sightings, hits):
 * the natural key, with `#2`, `#3`… on repeats, so keys stay stable when rows are appended.
 */
export function uniqueKeys<T>(items: readonly T[], keyOf: (item: T) => string): [string, T][] {
  const seen = new Map<string, number>();
  return items.map((item) => {
    const base = keyOf(item);
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    return [n === 1 ? base : `${base}#${n}`, item];
  });
}
