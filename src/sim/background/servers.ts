import { resolveOn } from '../catalog/resolve.js';
import { clientJa3 } from '../catalog/tls-profiles.js';
import { hostingAddress } from '../net/addresses.js';
import { Rng } from '../random.js';
import type { Actor, SimContext } from '../sim-context.js';
import { localDay, localHour, localMidnight } from '../time-zone.js';
import { fileServerBucket } from './lookalikes.js';
import { type Client, httpTo, tlsTo } from './web.js';

/** The domain controllers keep time with public NTP pool servers, by address, every 1024 s. */
class DomainController implements Actor {
  private readonly rng: Rng;
  private next: number;
  private poolDay = -1;

  constructor(
    private readonly ctx: SimContext,
    private readonly ip: string,
  ) {
    this.rng = Rng.derive(ctx.seed, 'dc', ip);
    this.next = ctx.start + this.rng.uniform(0, 1024);
  }

  hour(t0: number): void {
    const { ctx, rng } = this;
    while (this.next < t0 + 3600) {
      // The pool hands out other servers every day; the DC looks the pool name up again then.
      const day = Math.floor(this.next / 86_400);
      const servers = [0, 1, 2, 3].map((i) => hostingAddress(`${ctx.seed}.pool.ntp.org.${day}.${i}`));
      if (day !== this.poolDay) {
        this.poolDay = day;
        ctx.traffic.lookup(rng, {
          ts: this.next - 0.05,
          client: this.ip,
          name: '0.pool.ntp.org',
          qtypes: ['A'],
          answers: { A: { answers: servers, ttls: servers.map(() => 150) } },
          forward: true,
        });
      }
      ctx.traffic.conn(rng, {
        ts: this.next,
        orig: this.ip,
        origPort: 123,
        resp: rng.pick(servers),
        respPort: 123,
        proto: 'udp',
        service: 'ntp',
        duration: rng.uniform(0.01, 0.05),
        up: 48,
        down: 48,
        state: 'SF',
      });
      this.next += rng.jitter(1024, 0.002);
    }
  }
}

/** The file server's nightly off-site backup: hundreds of MB to a cloud bucket, in 64 MB parts. */
class FileServer implements Actor {
  private readonly rng: Rng;
  private readonly client: Client;

  constructor(private readonly ctx: SimContext) {
    this.rng = Rng.derive(ctx.seed, 'file-server');
    this.client = {
      ip: ctx.net.fileServer,
      proxied: false,
      userAgent: 'aws-cli/1.10.38 Python/2.7.9 Windows/2012ServerR2 botocore/1.4.28',
      ja3: clientJa3.python,
      qtypes: ['A'],
    };
  }

  hour(t0: number): void {
    const { ctx, rng } = this;
    if (Math.floor(localHour(t0, ctx.officeTz)) !== 1) return;
    const start = localMidnight(localDay(t0, ctx.officeTz), ctx.officeTz) + 3600 + rng.uniform(0, 1800);
    const bucket = fileServerBucket();
    let t = start;
    for (let left = rng.logNormal(700e6, 0.4); left > 0; left -= 64e6) {
      const part = Math.min(left, 64e6);
      const duration = part / rng.uniform(6e6, 15e6);
      tlsTo(ctx, rng, this.client, t, bucket, {
        lookupChance: 0.5,
        duration,
        up: part + 2000,
        down: rng.uniform(600, 1200),
      });
      t += duration + rng.uniform(0.2, 3);
    }
  }
}

/** The proxy's own upkeep: time and package updates. */
class ProxyServer implements Actor {
  private readonly rng: Rng;
  private readonly client: Client;
  private nextNtp: number;

  constructor(private readonly ctx: SimContext) {
    this.rng = Rng.derive(ctx.seed, 'proxy');
    this.client = {
      ip: ctx.net.proxy,
      proxied: false,
      userAgent: 'Debian APT-HTTP/1.3 (1.2.12)',
      ja3: clientJa3.curl,
      qtypes: ['A', 'AAAA'],
    };
    this.nextNtp = ctx.start + this.rng.uniform(0, 1024);
  }

  hour(t0: number): void {
    const { ctx, rng } = this;
    const ntp = resolveOn('ntp.ubuntu.com', 'canonical');
    while (this.nextNtp < t0 + 3600) {
      ctx.traffic.conn(rng, {
        ts: this.nextNtp,
        orig: this.client.ip,
        origPort: 123,
        resp: rng.pick(ntp.ips),
        respPort: 123,
        proto: 'udp',
        service: 'ntp',
        duration: rng.uniform(0.01, 0.05),
        up: 48,
        down: 48,
        state: 'SF',
      });
      this.nextNtp += rng.jitter(1024, 0.002);
    }
    if (Math.floor(localHour(t0, ctx.officeTz)) === 6) {
      httpTo(ctx, rng, this.client, t0 + rng.uniform(0, 3000), resolveOn('archive.ubuntu.com', 'canonical'), {
        lookupChance: 1,
        duration: rng.logNormal(1, 0.5),
        exchange: {
          method: 'GET',
          uri: '/ubuntu/dists/xenial-updates/InRelease',
          userAgent: this.client.userAgent,
          reqLen: 0,
          respLen: rng.int(90_000, 110_000),
          status: 200,
          respMime: 'text/plain',
        },
      });
    }
  }
}

/** The servers' own background traffic. */
export function officeServers(ctx: SimContext): Actor[] {
  return [
    ...ctx.net.resolvers.map((ip) => new DomainController(ctx, ip)),
    new FileServer(ctx),
    new ProxyServer(ctx),
  ];
}
