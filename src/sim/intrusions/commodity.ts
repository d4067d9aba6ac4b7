import type { HostProfile } from '../background/host-profile.js';
import { longTailDomain } from '../catalog/names.js';
import type { IntrusionTruth } from '../labels.js';
import { intrusionAddress } from '../net/addresses.js';
import { Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';
import { HostTally, type Intrusion, type IntrusionSetup, relaysOf } from './intrusion.js';

interface Bot {
  readonly victim: HostProfile;
  readonly tally: HostTally;
  readonly infectedAt: number;
  next: number;
}

/**
 * A commodity RAT (NjRAT-like): the victim downloads an executable from a compromised site, then
 * keeps a raw TCP session to the controller's address on an odd port. While the controller is
 * offline the bot retries on a short fixed interval (rejected or unanswered SYNs); while online it
 * holds sessions of minutes to hours and uploads what it collects.
 */
export class CommodityIntrusion implements Intrusion {
  readonly kind = 'commodity' as const;
  private readonly rng: Rng;
  private readonly ctx: SimContext;
  private readonly c2: string;
  private readonly port: number;
  private readonly retry: number;
  private readonly site: { name: string; ip: string; path: string };
  private readonly online: [number, number][] = [];
  private readonly bots: Bot[];

  constructor(s: IntrusionSetup) {
    const rng = Rng.derive(s.ctx.seed, 'commodity');
    this.rng = rng;
    this.ctx = s.ctx;
    this.c2 = intrusionAddress(rng, s.takenIps);
    this.port = rng.pick([1177, 5552, 1604, 7777, 4782]);
    this.retry = rng.pick([10, 15, 20, 23, 30]);
    this.site = {
      name: `www.${longTailDomain(rng)}`,
      ip: intrusionAddress(rng, s.takenIps),
      path: `/wp-includes/images/${rng.pick(['scan', 'invoice', 'photo', 'update'])}_${rng.int(100, 999)}.exe`,
    };
    // The controller is up for a few hours, then away for a while.
    for (let t = s.ctx.start + rng.uniform(0, 7200); t < s.ctx.end; ) {
      const up = rng.logNormal(3 * 3600, 0.8);
      this.online.push([t, t + up]);
      t += up + rng.logNormal(1.5 * 3600, 0.8);
    }
    const span = s.ctx.end - s.ctx.start;
    this.bots = s.victims.map((victim) => {
      const infectedAt = s.ctx.start + Math.max(300, span * rng.uniform(0.05, 0.4));
      return {
        victim,
        tally: new HostTally(victim.ip, victim.proxied),
        infectedAt,
        next: infectedAt + rng.uniform(30, 120),
      };
    });
  }

  private onlineUntil(t: number): number | null {
    for (const [a, b] of this.online) if (t >= a && t < b) return b;
    return null;
  }

  hour(t0: number): void {
    const t1 = t0 + 3600;
    const { ctx, rng } = this;
    for (const bot of this.bots) {
      if (bot.infectedAt >= t0 && bot.infectedAt < t1) this.download(bot);
      while (bot.next < t1 && bot.next < ctx.end) {
        const ts = bot.next;
        const until = this.onlineUntil(ts);
        const base = {
          ts,
          orig: bot.victim.ip,
          resp: this.c2,
          respPort: this.port,
          proto: 'tcp' as const,
          service: null,
        };
        if (until === null) {
          ctx.traffic.conn(rng, {
            ...base,
            duration: rng.chance(0.5) ? rng.uniform(2.99, 3.01) : null,
            up: 0,
            down: 0,
            state: 'S0',
          });
          bot.next = ts + rng.jitter(this.retry, 0.02);
        } else {
          const duration = Math.max(5, Math.min(rng.logNormal(1800, 1), until - ts));
          const upload = rng.chance(0.2) ? rng.logNormal(200_000, 1) : 0;
          ctx.traffic.conn(rng, {
            ...base,
            duration,
            up: Math.round(duration * rng.uniform(3, 10) + upload),
            down: Math.round(duration * rng.uniform(1, 4)),
            state: rng.chance(0.7) ? 'SF' : 'RSTO',
          });
          bot.next = ts + duration + rng.jitter(this.retry, 0.02);
        }
        bot.tally.note(ts, this.c2);
      }
    }
  }

  private download(bot: Bot): void {
    const { ctx, rng } = this;
    const ts = bot.infectedAt;
    const viaProxy = bot.victim.proxied;
    const at = ctx.traffic.lookup(rng, {
      ts,
      client: ctx.traffic.dnsClient(bot.victim.ip, viaProxy),
      name: this.site.name,
      qtypes: ['A'],
      answers: { A: { answers: [this.site.ip], ttls: [3600] } },
      ttl: 3600,
    });
    ctx.traffic.http(
      rng,
      {
        ts: at + 0.01,
        client: bot.victim.ip,
        server: this.site.ip,
        port: 80,
        duration: rng.uniform(1, 6),
        up: 0,
        down: 0,
        viaProxy,
      },
      {
        method: 'GET',
        host: this.site.name,
        uri: this.site.path,
        userAgent: bot.victim.userAgent,
        reqLen: 0,
        respLen: rng.int(90_000, 900_000),
        status: 200,
        respMime: 'application/x-dosexec',
        filename: this.site.path.slice(this.site.path.lastIndexOf('/') + 1),
        hashes: { md5: rng.hex(32), sha1: rng.hex(40), sha256: rng.hex(64) },
      },
    );
    bot.tally.note(ts, this.site.name, this.site.ip);
  }

  truth(): IntrusionTruth {
    const tallies = this.bots.map((b) => b.tally);
    return {
      kind: 'commodity',
      techniques: ['T1095', 'T1105', 'T1571'],
      infectedHosts: tallies.filter((t) => t.active).map((t) => t.truth()),
      c2: [
        { role: 'c2', ip: this.c2, ips: [this.c2], domains: [], ports: [this.port], proto: 'tcp' },
        {
          role: 'delivery',
          ip: this.site.ip,
          ips: [this.site.ip],
          domains: [this.site.name, this.site.name.replace(/^www\./, '')],
          ports: [80],
          proto: 'http',
        },
      ],
      exfilBytes: 0,
      relays: relaysOf(this.ctx, tallies, true),
      details: { family: 'njRAT-like', retrySeconds: this.retry, controllerOnline: this.online.length },
    };
  }
}
