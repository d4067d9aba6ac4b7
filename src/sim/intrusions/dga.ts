import type { HostProfile } from '../background/host-profile.js';
import { dgaLabel } from '../catalog/names.js';
import type { IntrusionTruth } from '../labels.js';
import { intrusionAddress } from '../net/addresses.js';
import { Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';
import { HostTally, type Intrusion, type IntrusionSetup, relaysOf } from './intrusion.js';

interface DgaDay {
  readonly names: readonly string[];
  /** The one name the operator registered that day. */
  readonly live: number;
}

interface DgaBot {
  readonly victim: HostProfile;
  readonly tally: HostTally;
  nextBurst: number;
  nextBeacon: number;
  domain: string | null;
  resolvedUntil: number;
}

const beaconSeconds = 900;

/**
 * A DGA bot (Simda-like): the names of the day come from the date, the bot walks them in bursts of
 * NXDOMAIN until it reaches the one that resolves, then polls that host over HTTP every ~15 min.
 * A new burst comes every few hours and at each new day (new names, same controller address).
 */
export class DgaIntrusion implements Intrusion {
  readonly kind = 'dga' as const;
  private readonly rng: Rng;
  private readonly ctx: SimContext;
  private readonly style: 'syllables' | 'random';
  private readonly tlds: readonly string[];
  private readonly c2: string;
  private readonly days = new Map<number, DgaDay>();
  private readonly bots: DgaBot[];
  private readonly queried = new Set<string>();
  private readonly resolved = new Set<string>();

  constructor(s: IntrusionSetup) {
    const rng = Rng.derive(s.ctx.seed, 'dga');
    this.rng = rng;
    this.ctx = s.ctx;
    this.style = rng.chance(0.5) ? 'syllables' : 'random';
    const tlds = ['com', 'net', 'org', 'info', 'biz', 'ru', 'cc', 'in'];
    this.tlds = tlds
      .filter(() => rng.chance(0.5))
      .concat(['com'])
      .filter((t, i, a) => a.indexOf(t) === i);
    this.c2 = intrusionAddress(rng, s.takenIps);
    const span = s.ctx.end - s.ctx.start;
    this.bots = s.victims.map((victim) => {
      const startAt = s.ctx.start + span * rng.uniform(0.05, 0.3);
      return {
        victim,
        tally: new HostTally(victim.ip, victim.proxied),
        nextBurst: startAt,
        nextBeacon: Number.POSITIVE_INFINITY,
        domain: null,
        resolvedUntil: 0,
      };
    });
  }

  /** The generated names of UTC day `day`, the same for every bot (seeded by the date). */
  private day(day: number): DgaDay {
    let d = this.days.get(day);
    if (!d) {
      const rng = Rng.derive(this.ctx.seed, 'dga-day', day);
      const names = Array.from({ length: 150 }, () => `${dgaLabel(rng, this.style)}.${rng.pick(this.tlds)}`);
      d = { names, live: rng.int(20, names.length - 1) };
      this.days.set(day, d);
    }
    return d;
  }

  hour(t0: number): void {
    const t1 = t0 + 3600;
    for (const bot of this.bots) {
      for (;;) {
        const t = Math.min(bot.nextBurst, bot.nextBeacon);
        if (t >= t1 || t >= this.ctx.end) break;
        if (bot.nextBurst <= bot.nextBeacon) this.burst(bot, t);
        else this.beacon(bot, t);
      }
    }
  }

  private burst(bot: DgaBot, ts: number): void {
    const { ctx, rng } = this;
    const day = Math.floor(ts / 86_400);
    const d = this.day(day);
    let t = ts;
    for (let i = 0; i <= d.live; i++) {
      const name = d.names[i] as string;
      const live = i === d.live;
      t = ctx.traffic.lookup(rng, {
        ts: t,
        client: bot.victim.ip,
        name,
        qtypes: ['A'],
        rcode: live ? 0 : 3,
        answers: live ? { A: { answers: [this.c2], ttls: [300] } } : undefined,
        ttl: 300,
      });
      this.queried.add(name);
      bot.tally.note(t);
      t += rng.uniform(0.05, 0.4);
    }
    const live = d.names[d.live] as string;
    this.resolved.add(live);
    bot.tally.note(t, this.c2);
    bot.domain = live;
    bot.resolvedUntil = ts + 300;
    bot.nextBeacon = t + 0.5;
    bot.nextBurst = Math.min((day + 1) * 86_400 + rng.uniform(0, 900), t + rng.uniform(3, 8) * 3600);
  }

  private beacon(bot: DgaBot, ts: number): void {
    const { ctx, rng } = this;
    const domain = bot.domain as string;
    const viaProxy = bot.victim.proxied;
    let at = ts;
    if (ts >= bot.resolvedUntil) {
      at = ctx.traffic.lookup(rng, {
        ts,
        client: ctx.traffic.dnsClient(bot.victim.ip, viaProxy),
        name: domain,
        qtypes: ['A'],
        answers: { A: { answers: [this.c2], ttls: [300] } },
        ttl: 300,
      });
      bot.resolvedUntil = ts + 300;
    }
    ctx.traffic.http(
      rng,
      {
        ts: at + 0.01,
        client: bot.victim.ip,
        server: this.c2,
        port: 80,
        duration: rng.uniform(0.3, 1.5),
        up: 0,
        down: 0,
        viaProxy,
      },
      {
        method: 'GET',
        host: domain,
        uri: `/login.php?${rng.base62(40)}`,
        userAgent: 'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1; Trident/7.0; SLCC2)',
        reqLen: 0,
        respLen: rng.chance(0.1) ? rng.int(2000, 40_000) : rng.int(0, 200),
        status: 200,
        respMime: 'text/html',
      },
    );
    bot.tally.note(ts, domain, this.c2);
    bot.nextBeacon = ts + rng.jitter(beaconSeconds, 0.2);
  }

  truth(): IntrusionTruth {
    const tallies = this.bots.map((b) => b.tally);
    const resolved = [...this.resolved].sort();
    return {
      kind: 'dga',
      techniques: ['T1071.001', 'T1568.002'],
      infectedHosts: tallies.filter((t) => t.active).map((t) => t.truth()),
      c2: [{ role: 'c2', ip: this.c2, ips: [this.c2], domains: resolved, ports: [80], proto: 'http' }],
      exfilBytes: 0,
      relays: relaysOf(this.ctx, tallies, true),
      generatedDomains: [...this.queried].filter((n) => !this.resolved.has(n)).sort(),
      details: { style: this.style, tlds: this.tlds, beaconSeconds },
    };
  }
}
