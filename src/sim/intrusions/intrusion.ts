import type { HostProfile } from '../background/host-profile.js';
import type { InfectedHostTruth, IntrusionTruth, RelayTruth } from '../labels.js';
import { Rng } from '../random.js';
import type { Actor, SimContext } from '../sim-context.js';
import type { IntrusionKind, SimParams } from '../sim-options.js';

/** A planted intrusion: traffic hour by hour, then its ground truth. */
export interface Intrusion extends Actor {
  readonly kind: IntrusionKind;
  truth(): IntrusionTruth;
}

/** What an intrusion needs to build itself. */
export interface IntrusionSetup {
  readonly ctx: SimContext;
  readonly params: SimParams;
  readonly victims: readonly HostProfile[];
  /** Intrusion server addresses already given out (no two intrusions share one). */
  readonly takenIps: Set<string>;
}

/**
 * Picks `count` victims for an intrusion, preferring machines left on around the clock (an implant
 * on a PC that is switched off at night would beacon while the PC shows no other traffic).
 */
export function pickVictims(
  seed: number,
  kind: IntrusionKind,
  count: number,
  profiles: readonly HostProfile[],
  taken: Set<number>,
): HostProfile[] {
  const rng = Rng.derive(seed, 'victims', kind);
  const free = profiles.filter((p) => !taken.has(p.index));
  const on = free.filter((p) => p.alwaysOn);
  const pool = on.length >= count ? on : free;
  const picked: HostProfile[] = [];
  const left = [...pool];
  while (picked.length < count && left.length > 0) {
    const [p] = left.splice(Math.floor(rng.next() * left.length), 1);
    if (p) {
      picked.push(p);
      taken.add(p.index);
    }
  }
  return picked.sort((a, b) => a.index - b.index);
}

/** Counts what one infected host did, for its labels. */
export class HostTally {
  private first = Number.POSITIVE_INFINITY;
  private last = Number.NEGATIVE_INFINITY;
  private count = 0;
  private readonly endpoints = new Set<string>();

  constructor(
    readonly ip: string,
    readonly viaProxy: boolean,
  ) {}

  note(ts: number, ...endpoints: readonly string[]): void {
    if (ts < this.first) this.first = ts;
    if (ts > this.last) this.last = ts;
    this.count++;
    for (const e of endpoints) this.endpoints.add(e);
  }

  get active(): boolean {
    return this.count > 0;
  }

  truth(): InfectedHostTruth {
    const iso = (t: number) => new Date(Math.round(t * 1000)).toISOString();
    return {
      ip: this.ip,
      firstCompromise: iso(this.first),
      lastActivity: iso(this.last),
      viaProxy: this.viaProxy,
      connections: this.count,
      endpoints: [...this.endpoints].sort(),
    };
  }
}

/** The resolver and (when used) the proxy that relayed intrusion traffic. */
export function relaysOf(ctx: SimContext, tallies: readonly HostTally[], dns: boolean): RelayTruth[] {
  const relays: RelayTruth[] = [];
  if (dns) {
    const resolvers = new Set(tallies.filter((t) => t.active).map((t) => ctx.net.resolverFor(t.ip)));
    if (tallies.some((t) => t.active && t.viaProxy)) resolvers.add(ctx.net.resolverFor(ctx.net.proxy));
    for (const ip of [...resolvers].sort()) relays.push({ ip, role: 'dns-resolver' });
  }
  if (tallies.some((t) => t.active && t.viaProxy)) relays.push({ ip: ctx.net.proxy, role: 'proxy' });
  return relays;
}

/** ISO time of epoch seconds. */
export function iso(t: number): string {
  return new Date(Math.round(t * 1000)).toISOString();
}
