import type { HourlyLogs } from '../log/hourly-logs.js';
import { type ConnRecord, connLine, dnsLine } from '../log/records.js';
import { fileLine, httpLine, sslLine } from '../log/web-records.js';
import type { Rng } from '../random.js';
import type { Flow, HttpExchange, Lookup, TlsHello } from './flows.js';
import type { OfficeNet } from './office-net.js';
import { ResolverCache } from './resolver-cache.js';

export type { DnsAnswer, Flow, HttpExchange, Lookup, TlsHello } from './flows.js';

const statusText: Record<number, string> = {
  200: 'OK',
  204: 'No Content',
  206: 'Partial Content',
  301: 'Moved Permanently',
  302: 'Found',
  304: 'Not Modified',
  404: 'Not Found',
  500: 'Internal Server Error',
};

/**
 * Turns what actors do (look a name up, open a TLS session, fetch a URL) into the conn, dns, http,
 * ssl and files records the sensor would log, including the resolver's forwarding and the proxy's
 * second leg. Randomness comes from the caller's stream.
 */
export class Traffic {
  private readonly cache = new ResolverCache();

  constructor(
    readonly logs: HourlyLogs,
    readonly net: OfficeNet,
  ) {}

  /** Forgets resolver cache entries that expired before `t` (once an hour, to bound memory). */
  pruneCache(t: number): void {
    this.cache.prune(t);
  }

  /** A Zeek connection uid. */
  uid(rng: Rng): string {
    return `C${rng.base62(17)}`;
  }

  /** A Zeek file id. */
  fuid(rng: Rng): string {
    return `F${rng.base62(17)}`;
  }

  /** A client source port from the dynamic range. */
  ephemeralPort(rng: Rng): number {
    return 49152 + Math.floor(rng.next() * 16383);
  }

  /** Who resolves names for a client's web traffic: the proxy does for proxied clients. */
  dnsClient(client: string, viaProxy: boolean | undefined): string {
    return viaProxy ? this.net.proxy : client;
  }

  /** A bare connection record; returns its uid. */
  conn(rng: Rng, c: ConnRecord & { readonly origPort?: number; readonly uid?: string }): string {
    const uid = c.uid ?? this.uid(rng);
    const line = connLine(c, uid, c.origPort ?? this.ephemeralPort(rng));
    // UDP flows are logged when their inactivity timer fires, TCP ones when they close.
    this.logs.add('conn', c.ts + (c.duration ?? 0) + (c.proto === 'udp' ? 60 : 1), line);
    return uid;
  }

  /** A lookup (one query per qtype on one socket); returns when the answer arrived. */
  lookup(rng: Rng, l: Lookup): number {
    // A resolver's own lookups never cross the wire to itself; only its upstream query is seen.
    const own = this.net.resolvers.includes(l.client);
    const resolver = own ? l.client : this.net.resolverFor(l.client);
    const rcode = l.rcode ?? 0;
    let upstreamRtt = 0;
    const forward =
      l.forward ?? this.cache.misses(resolver, l.name, l.ts, rcode === 0 ? (l.ttl ?? 300) : 900);
    if (forward) {
      upstreamRtt = rng.logNormal(0.022, 0.5);
      const upstream = rng.pick(this.net.upstreams);
      this.dnsExchange(rng, l, resolver, upstream, l.ts + 0.0003, upstreamRtt, rcode, undefined);
    }
    const rtt = upstreamRtt + rng.uniform(0.0002, 0.0015);
    if (!own) this.dnsExchange(rng, l, l.client, resolver, l.ts, rtt, rcode, l.socket);
    return l.ts + rtt;
  }

  private dnsExchange(
    rng: Rng,
    l: Lookup,
    orig: string,
    resp: string,
    ts: number,
    rtt: number,
    rcode: number,
    socket: Lookup['socket'],
  ): void {
    const uid = socket?.uid ?? this.uid(rng);
    const origPort = socket?.port ?? this.ephemeralPort(rng);
    let up = 0;
    let down = l.extraAnswerBytes ?? 0;
    for (const qtype of l.qtypes) {
      const a = l.answers?.[qtype];
      const q = 17 + l.name.length + 11;
      up += q;
      down += q + (a ? a.answers.reduce((s, x) => s + 12 + Math.min(x.length, 255), 0) : 0);
      this.logs.add(
        'dns',
        ts + rtt,
        dnsLine({
          ts,
          uid,
          orig,
          origPort,
          resp,
          transId: rng.int(1, 65535),
          rtt,
          query: l.name,
          qtype,
          rcode,
          answers: a?.answers ?? [],
          ttls: a?.ttls ?? [],
        }),
      );
    }
    if (socket) return;
    this.conn(rng, {
      ts,
      uid,
      orig,
      origPort,
      resp,
      respPort: 53,
      proto: 'udp',
      service: 'dns',
      duration: rtt,
      up,
      down,
      state: 'SF',
    });
  }

  /** A TLS session, directly or through the proxy; returns the client-side uid. */
  tls(rng: Rng, f: Flow, hello: TlsHello): string {
    if (!f.viaProxy) return this.tlsLeg(rng, f, hello, f.client, f.server, f.port, 'ssl').uid;
    const port = this.net.proxyPort;
    const { uid, origPort } = this.tlsLeg(
      rng,
      { ...f, duration: f.duration + 0.02, up: f.up + 220, down: f.down + 40 },
      hello,
      f.client,
      this.net.proxy,
      port,
      'http,ssl',
    );
    const connectTs = f.ts + 0.001;
    const target = `${hello.sni ?? f.server}:${f.port}`;
    this.logs.add(
      'http',
      connectTs,
      httpLine({
        ts: connectTs,
        uid,
        orig: f.client,
        origPort,
        resp: this.net.proxy,
        respPort: port,
        depth: 1,
        method: 'CONNECT',
        host: hello.sni ?? f.server,
        uri: target,
        referrer: null,
        userAgent: f.userAgent ?? null,
        reqLen: 0,
        respLen: 0,
        status: 200,
        statusMsg: 'Connection established',
        proxied: 'PROXY-CONNECTION -> Keep-Alive',
        origFuid: null,
        origMime: null,
        respFuid: null,
        respMime: null,
      }),
    );
    this.tlsLeg(rng, { ...f, ts: f.ts + 0.012 }, hello, this.net.proxy, f.server, f.port, 'ssl');
    return uid;
  }

  private tlsLeg(
    rng: Rng,
    f: Flow,
    hello: TlsHello,
    orig: string,
    resp: string,
    respPort: number,
    service: string,
  ): { uid: string; origPort: number } {
    const origPort = this.ephemeralPort(rng);
    const uid = this.conn(rng, {
      ts: f.ts,
      orig,
      origPort,
      resp,
      respPort,
      proto: 'tcp',
      service,
      duration: f.duration,
      up: f.up,
      down: f.down,
      state: f.state ?? 'SF',
    });
    const ts = f.ts + Math.min(0.03, f.duration / 3);
    const hidden = hello.version === 'TLSv13';
    this.logs.add(
      'ssl',
      ts,
      sslLine({
        ts,
        uid,
        orig,
        origPort,
        resp,
        respPort,
        version: hello.version,
        cipher: hello.cipher,
        curve: hello.curve,
        serverName: hello.sni,
        resumed: hello.resumed ?? false,
        nextProtocol: hello.nextProtocol,
        established: true,
        subject: hidden ? null : hello.subject,
        issuer: hidden ? null : hello.issuer,
        validation: hidden ? null : hello.validation,
        ja3: hello.ja3,
        ja3s: hello.ja3s,
      }),
    );
    return { uid, origPort };
  }

  /** An HTTP exchange, directly or through the proxy; returns the client-side uid. */
  http(rng: Rng, f: Flow, x: HttpExchange): string {
    if (!f.viaProxy) return this.httpLeg(rng, f, x, f.client, f.server, f.port, x.uri);
    const absolute = `http://${x.host ?? f.server}${f.port === 80 ? '' : `:${f.port}`}${x.uri}`;
    const uid = this.httpLeg(
      rng,
      { ...f, duration: f.duration + 0.02, up: f.up + 30, down: f.down + 60 },
      x,
      f.client,
      this.net.proxy,
      this.net.proxyPort,
      absolute,
    );
    this.httpLeg(rng, { ...f, ts: f.ts + 0.01 }, x, this.net.proxy, f.server, f.port, x.uri);
    return uid;
  }

  private httpLeg(
    rng: Rng,
    f: Flow,
    x: HttpExchange,
    orig: string,
    resp: string,
    respPort: number,
    uri: string,
  ): string {
    const origPort = this.ephemeralPort(rng);
    const headerUp = 120 + uri.length + (x.host?.length ?? 0) + (x.userAgent?.length ?? 0);
    const uid = this.conn(rng, {
      ts: f.ts,
      orig,
      origPort,
      resp,
      respPort,
      proto: 'tcp',
      service: 'http',
      duration: f.duration,
      up: f.up + x.reqLen + headerUp,
      down: f.down + x.respLen + 240,
      state: f.state ?? 'SF',
    });
    const ts = f.ts + Math.min(0.05, f.duration / 4);
    const respFuid = x.respLen > 0 ? this.fuid(rng) : null;
    const origFuid = x.reqLen > 0 ? this.fuid(rng) : null;
    const respMime = x.respMime ?? (x.respLen > 0 ? 'text/html' : null);
    this.logs.add(
      'http',
      ts,
      httpLine({
        ts,
        uid,
        orig,
        origPort,
        resp,
        respPort,
        depth: 1,
        method: x.method,
        host: x.host,
        uri,
        referrer: x.referrer ?? null,
        userAgent: x.userAgent,
        reqLen: x.reqLen,
        respLen: x.respLen,
        status: x.status,
        statusMsg: x.statusMsg ?? statusText[x.status] ?? 'OK',
        proxied: null,
        origFuid,
        origMime: origFuid ? (x.reqMime ?? 'application/octet-stream') : null,
        respFuid,
        respMime,
      }),
    );
    const file = (fuid: string, isOrig: boolean, bytes: number, mime: string | null) =>
      this.logs.add(
        'files',
        ts + f.duration,
        fileLine({
          ts: ts + 0.001,
          fuid,
          uid,
          orig,
          origPort,
          resp,
          respPort,
          source: 'HTTP',
          mime,
          filename: isOrig ? null : (x.filename ?? null),
          duration: Math.max(0, f.duration - 0.05),
          isOrig,
          bytes,
          hashes: isOrig ? null : (x.hashes ?? null),
        }),
      );
    if (origFuid) file(origFuid, true, x.reqLen, x.reqMime ?? 'application/octet-stream');
    if (respFuid) file(respFuid, false, x.respLen, respMime);
    return uid;
  }
}
