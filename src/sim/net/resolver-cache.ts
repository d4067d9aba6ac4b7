/**
 * The office resolvers' cache: a name is asked upstream once per TTL period. Actors are simulated one
 * after another, not in time order, so the first query of a period to be simulated is the one
 * forwarded; the number of forwards is what a real cache would make.
 */
export class ResolverCache {
  /** Per resolver, name and TTL period: when that period's answer expires. */
  private readonly until = new Map<string, number>();

  /** Whether `resolver` must ask upstream for `name` at `ts`; records the fetch when it does. */
  misses(resolver: string, name: string, ts: number, ttl: number): boolean {
    const span = Math.max(1, ttl);
    const period = Math.floor(ts / span);
    const key = `${resolver} ${name} ${period}`;
    if (this.until.has(key)) return false;
    this.until.set(key, (period + 1) * span);
    return true;
  }

  /** Forgets entries that expired before `t`. */
  prune(t: number): void {
    for (const [k, until] of this.until) if (until < t) this.until.delete(k);
  }
}
