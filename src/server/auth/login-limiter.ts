/**
 * Failed logins per client address in a sliding minute. After `perMinute` failures the address is
 * refused (429) until the oldest failure is a minute old. In memory: a restart forgets, which is
 * fine for slowing guessing down.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `address` may try again, or 0 when it may now. */
  retryAfter(address: string): number {
    const recent = this.recent(address);
    if (recent.length < this.perMinute) return 0;
    return Math.max(1, Math.ceil(((recent[0] as number) + 60_000 - this.now()) / 1000));
  }

  /** Counts one failure. */
  fail(address: string): void {
    const recent = this.recent(address);
    recent.push(this.now());
    this.failures.set(address, recent);
    // Addresses with no recent failure are dropped, so a scan of many addresses cannot grow this.
    if (this.failures.size > 10_000)
      for (const a of [...this.failures.keys()]) if (!this.recent(a).length) this.failures.delete(a);
  }

  /** A successful login clears the address's failures. */
  succeed(address: string): void {
    this.failures.delete(address);
  }

  private recent(address: string): number[] {
    const cutoff = this.now() - 60_000;
    const list = (this.failures.get(address) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(address, list);
    else this.failures.delete(address);
    return list;
  }
}
