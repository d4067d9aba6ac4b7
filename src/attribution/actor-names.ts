/**
 * The aliases a reader is most likely to know, best first: numbered APT names, then multi-word
 * vendor names ("Stone Panda", "Cloud Hopper"), then the rest, each group in the knowledge base's order.
 */
export function bestAliases(name: string, aliases: readonly string[], n: number): string[] {
  const rank = (a: string) => (/^APT\s?\d+$/i.test(a) ? 0 : /^[A-Z][a-z]+( [A-Z][a-z]+)+$/.test(a) ? 1 : 2);
  return aliases
    .filter((a) => a.toLowerCase() !== name.toLowerCase())
    .map((a, i) => ({ a, i, r: rank(a) }))
    .sort((x, y) => x.r - y.r || x.i - y.i)
    .slice(0, n)
    .map((x) => x.a);
}

/** "menuPass (APT10, Cloud Hopper)": the canonical name and up to `n` well-known aliases. */
export function nameWithAliases(name: string, aliases: readonly string[], n = 2): string {
  const best = bestAliases(name, aliases, n);
  return best.length > 0 ? `${name} (${best.join(', ')})` : name;
}
