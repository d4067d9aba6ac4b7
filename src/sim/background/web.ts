import { answersOf, type Resolution } from '../catalog/resolve.js';
import { benignHello } from '../catalog/tls-profiles.js';
import type { QType } from '../log/records.js';
import type { HttpExchange } from '../net/traffic.js';
import type { Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';

/** How a workstation (or server) talks to the web. */
export interface Client {
  readonly ip: string;
  readonly proxied: boolean;
  readonly userAgent: string;
  readonly ja3: string;
  /** Query types of one lookup: dual-stack clients ask A and AAAA together. */
  readonly qtypes: readonly QType[];
}

interface Reach {
  /** Chance the client has no cached answer and looks the name up now. */
  readonly lookupChance: number;
  /** Direct even on a proxied client (services that ignore the proxy setting). */
  readonly direct?: boolean;
}

/** A lookup when needed (by the proxy for proxied clients); returns when to connect and where. */
export function reach(
  ctx: SimContext,
  rng: Rng,
  client: Client,
  ts: number,
  r: Resolution,
  o: Reach,
): { ts: number; ip: string; viaProxy: boolean } {
  const viaProxy = client.proxied && !o.direct;
  let at = ts;
  if (rng.chance(o.lookupChance)) {
    at = ctx.traffic.lookup(rng, {
      ts,
      client: ctx.traffic.dnsClient(client.ip, viaProxy),
      name: r.name,
      qtypes: client.qtypes,
      answers: answersOf(r),
      ttl: r.ttl,
    });
  }
  return { ts: at + 0.001, ip: rng.pick(r.ips), viaProxy };
}

/** A TLS session to a benign name. */
export function tlsTo(
  ctx: SimContext,
  rng: Rng,
  client: Client,
  ts: number,
  r: Resolution,
  o: Reach & {
    duration: number;
    up: number;
    down: number;
    ja3?: string;
    port?: number;
    tls13Share?: number;
    /** User agent of a proxied session's CONNECT (system services send their own or none). */
    agent?: string | null;
  },
): void {
  const at = reach(ctx, rng, client, ts, r, o);
  const ja3 = o.ja3 ?? client.ja3;
  ctx.traffic.tls(
    rng,
    {
      ts: at.ts,
      client: client.ip,
      server: at.ip,
      port: o.port ?? 443,
      duration: o.duration,
      up: Math.round(o.up),
      down: Math.round(o.down),
      viaProxy: at.viaProxy,
      userAgent: o.agent === undefined ? client.userAgent : o.agent,
    },
    benignHello(rng, r.name, r.provider, ja3, o.tls13Share),
  );
}

/** A plain HTTP exchange with a benign name. */
export function httpTo(
  ctx: SimContext,
  rng: Rng,
  client: Client,
  ts: number,
  r: Resolution,
  o: Reach & { duration: number; exchange: Omit<HttpExchange, 'host'>; port?: number },
): void {
  const at = reach(ctx, rng, client, ts, r, o);
  ctx.traffic.http(
    rng,
    {
      ts: at.ts,
      client: client.ip,
      server: at.ip,
      port: o.port ?? 80,
      duration: o.duration,
      up: 0,
      down: 0,
      viaProxy: at.viaProxy,
    },
    { ...o.exchange, host: r.name },
  );
}

/** Heavy-tailed transfer sizes and durations of ordinary web requests. */
export function webSizes(rng: Rng, medianDown: number): { duration: number; up: number; down: number } {
  const down = Math.min(rng.logNormal(medianDown, 1.4), 40e6);
  return {
    duration: Math.min(rng.logNormal(1.2, 1.2) + down / 4e6, 600),
    up: 450 + rng.logNormal(900, 0.7),
    down: 3000 + down,
  };
}
