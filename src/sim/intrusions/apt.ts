import type { HostProfile } from '../background/host-profile.js';
import { lookalikeDomain } from '../catalog/names.js';
import type { C2Truth, IntrusionTruth } from '../labels.js';
import { intrusionAddress } from '../net/addresses.js';
import { Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';
import type { SimParams } from '../sim-options.js';
import { parseUtcOffset } from '../time-zone.js';
import { downloadImplants, openLure, scanNetwork, spreadOverSmb, stageFromFileServer } from './apt-moves.js';
import { compromiseTimes, type ExfilChunk, planExfil } from './apt-plan.js';
import { inOperatorHours, isAsleep, nextBeacon, wakeTime } from './apt-schedule.js';
import { type C2Domain, c2DomainTruth, createC2Domains, ipsAt } from './c2-infra.js';
import { HostTally, type Intrusion, type IntrusionSetup, iso, relaysOf } from './intrusion.js';

interface Implant {
  readonly victim: HostProfile;
  readonly tally: HostTally;
  readonly servers: readonly C2Domain[];
  readonly compromise: number;
  readonly id: string;
  readonly lateralFrom: HostProfile | null;
  next: number;
  session: { from: number; to: number } | null;
  readonly resolvedUntil: Map<string, number>;
}

type Contact = 'idle' | 'task' | 'exfil';

const implantAgents = [
  'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0; .NET CLR 2.0.50727; .NET CLR 3.5.30729)',
  'Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko',
  'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1; SV1)',
];

const implantPaths = [
  '/wp-content/themes/default/inc/ajax.php',
  '/news/list.asp',
  '/index.php',
  '/rss/feed.php',
  '/api/v2/status',
];

const techniques = {
  common: ['T1071.001', 'T1105', 'T1021.002', 'T1046', 'T1039', 'T1074.001', 'T1041', 'T1030'],
  tls: ['T1573.002'],
} as const;

/**
 * A targeted intrusion: a first host compromised through a download, others through SMB from it;
 * each implant beacons to its C2 domains with jitter, sleeps as configured (operator's zone), turns
 * interactive when the operator works, and one host stages data from the file server and uploads it.
 */
export class AptIntrusion implements Intrusion {
  readonly kind = 'apt' as const;
  private readonly rng: Rng;
  private readonly ctx: SimContext;
  private readonly p: SimParams;
  private readonly tz: number;
  private readonly servers: C2Domain[];
  private readonly delivery: { domain: string; registered: string; ip: string };
  private readonly implants: Implant[];
  private readonly agent: string;
  private readonly path: string;
  private readonly exfil: ExfilChunk[];
  private readonly reconAt: number;
  private exfilBytes = 0;

  constructor(s: IntrusionSetup) {
    this.ctx = s.ctx;
    this.p = s.params;
    this.tz = parseUtcOffset(s.params.operatorTz) ?? 0;
    const rng = Rng.derive(s.ctx.seed, 'apt');
    this.rng = rng;
    const { start, end } = s.ctx;
    this.servers = createC2Domains(
      rng,
      s.params.c2,
      s.params.c2Proto,
      start,
      end,
      s.takenIps,
      s.params.planted,
    );
    const lure = lookalikeDomain(rng);
    this.delivery = { domain: lure.host, registered: lure.registered, ip: intrusionAddress(rng, s.takenIps) };
    const drawnAgent = rng.pick(implantAgents);
    this.agent = s.params.planted?.userAgent ?? drawnAgent;
    this.path = rng.pick(implantPaths);
    const n = s.victims.length;
    const times = compromiseTimes(rng, n, start, end);
    const first = s.victims[0] ?? null;
    this.implants = s.victims.map((victim, i) => {
      const c2 = this.servers.length;
      const mine = c2 >= n ? this.servers.filter((_, j) => j % n === i) : [this.servers[i % c2] as C2Domain];
      const compromise = times[i] as number;
      return {
        victim,
        tally: new HostTally(victim.ip, victim.proxied),
        servers: mine,
        compromise,
        id: rng.hex(8),
        lateralFrom: i === 0 ? null : first,
        next: compromise + rng.uniform(5, 60),
        session: null,
        resolvedUntil: new Map(),
      };
    });
    const p0 = this.implants[0];
    this.exfil = p0
      ? planExfil(
          rng,
          s.params.exfilMb * 1e6,
          p0.compromise,
          end,
          this.tz,
          s.params.operatorHours,
          s.params.sleep,
        )
      : [];
    this.reconAt = p0 ? p0.compromise + rng.uniform(1800, 7200) : Number.POSITIVE_INFINITY;
  }

  hour(t0: number): void {
    const t1 = t0 + 3600;
    const { rng } = this;
    const p0 = this.implants[0];
    if (!p0) return;
    for (const im of this.implants) {
      if (im.compromise >= t1) continue;
      if (im.compromise >= t0) this.infect(im);
      const mid = t0 + 1800;
      if (
        !im.session &&
        im.compromise < t0 &&
        inOperatorHours(mid, this.tz, this.p.operatorHours) &&
        !isAsleep(mid, this.p.sleep, this.tz) &&
        rng.chance(im === p0 ? 0.35 : 0.2)
      ) {
        const from = t0 + rng.uniform(0, 3000);
        im.session = { from, to: from + rng.uniform(600, 2400) };
      }
      this.beacons(im, t1);
    }
    if (this.reconAt >= t0 && this.reconAt < t1) {
      scanNetwork(this.ctx, rng, p0.victim.ip, this.reconAt);
      p0.tally.note(this.reconAt);
    }
    const staging = this.exfil[0];
    const stageAt = staging ? staging.ts - 1800 : Number.NaN;
    if (stageAt >= t0 && stageAt < t1) {
      stageFromFileServer(this.ctx, rng, p0.victim.ip, stageAt, this.p.exfilMb * 1e6);
      p0.tally.note(stageAt);
    }
    for (const c of this.exfil) if (c.ts >= t0 && c.ts < t1) this.contact(p0, c.ts, 'exfil', c.bytes);
  }

  /** The way in: a document from the delivery server for the first host, SMB from it for the others. */
  private infect(im: Implant): void {
    const { ctx, rng } = this;
    if (im.lateralFrom) {
      spreadOverSmb(ctx, rng, im.lateralFrom.ip, im.victim.ip, im.compromise);
      return;
    }
    openLure(ctx, rng, im.victim, im.compromise - 40, this.delivery);
    im.tally.note(im.compromise - 40, this.delivery.domain, this.delivery.ip);
    const files = this.p.planted?.files ?? [];
    if (files.length > 0) {
      // A stream of its own, so that planting files leaves every other draw of the run as it was.
      const own = Rng.derive(ctx.seed, 'apt', 'planted-files');
      for (const at of downloadImplants(ctx, own, im.victim, im.compromise, this.delivery, files, this.agent))
        im.tally.note(at, this.delivery.domain, this.delivery.ip);
    }
  }

  private beacons(im: Implant, t1: number): void {
    const { rng, p } = this;
    for (;;) {
      const s = im.session;
      if (s && s.from < t1 && s.from <= im.next) {
        // Hands on keyboard: the implant checks in every few seconds until the operator leaves.
        for (let t = s.from; t < s.to; t += rng.uniform(5, 20)) this.contact(im, t, 'task', 0);
        im.session = null;
        im.next = nextBeacon(s.to, p.interval, p.jitter, rng.next());
        continue;
      }
      if (im.next >= t1) return;
      const ts = im.next;
      if (isAsleep(ts, p.sleep, this.tz)) {
        im.next = wakeTime(ts, p.sleep, this.tz) + rng.uniform(0, p.interval);
        continue;
      }
      this.contact(im, ts, 'idle', 0);
      im.next = nextBeacon(ts, p.interval, p.jitter, rng.next());
    }
  }

  /** One C2 exchange: a lookup when the cached answer expired, then HTTP or TLS. */
  private contact(im: Implant, ts: number, kind: Contact, bytes: number): void {
    const { ctx, rng } = this;
    if (ts >= ctx.end) return;
    const server =
      im.servers.length === 1 || rng.chance(0.85) ? (im.servers[0] as C2Domain) : rng.pick(im.servers);
    const ips = ipsAt(server, ts);
    const viaProxy = im.victim.proxied;
    let at = ts;
    if ((im.resolvedUntil.get(server.domain) ?? 0) <= ts) {
      at =
        ctx.traffic.lookup(rng, {
          ts,
          client: ctx.traffic.dnsClient(im.victim.ip, viaProxy),
          name: server.domain,
          qtypes: ['A'],
          answers: { A: { answers: [...ips], ttls: ips.map(() => server.ttl) } },
          ttl: server.ttl,
        }) + 0.002;
      im.resolvedUntil.set(server.domain, ts + server.ttl);
    }
    const ip = rng.pick(ips);
    const up =
      kind === 'exfil'
        ? bytes
        : kind === 'task'
          ? Math.min(rng.logNormal(2500, 1.6), 2e6)
          : rng.uniform(250, 450);
    const down = kind === 'task' ? Math.min(rng.logNormal(3000, 1.8), 5e6) : rng.uniform(0, 80);
    const duration =
      kind === 'exfil' ? bytes / rng.uniform(1e6, 4e6) : rng.uniform(0.2, 1.2) + (up + down) / 2e6;
    const flow = {
      ts: at,
      client: im.victim.ip,
      server: ip,
      port: server.port,
      duration,
      viaProxy,
      userAgent: this.agent,
    };
    if (server.hello)
      ctx.traffic.tls(
        rng,
        { ...flow, up: Math.round(up) + 700, down: Math.round(down) + 1500 },
        server.hello,
      );
    else {
      const post = kind !== 'idle' || rng.chance(0.1);
      ctx.traffic.http(
        rng,
        { ...flow, up: 0, down: 0 },
        {
          method: post ? 'POST' : 'GET',
          host: server.domain,
          uri: post ? `${this.path}?s=${im.id}` : `${this.path}?id=${im.id}&r=${rng.int(1000, 99_999)}`,
          userAgent: this.agent,
          reqLen: post ? Math.round(up) : 0,
          respLen: Math.round(down),
          status: 200,
          respMime: down > 0 ? 'text/html' : null,
          reqMime: 'application/octet-stream',
        },
      );
    }
    if (kind === 'exfil') this.exfilBytes += bytes;
    im.tally.note(ts, server.domain, ip);
  }

  truth(): IntrusionTruth {
    const used = new Set(this.implants.flatMap((im) => [...im.tally.truth().endpoints]));
    const c2: C2Truth[] = this.servers.filter((s) => used.has(s.domain)).map(c2DomainTruth);
    if (used.has(this.delivery.domain))
      c2.push({
        role: 'delivery',
        ip: this.delivery.ip,
        ips: [this.delivery.ip],
        domains: [this.delivery.domain, this.delivery.registered],
        ports: [80],
        proto: 'http',
      });
    const tallies = this.implants.map((im) => im.tally);
    const hello = this.servers[0]?.hello;
    return {
      kind: 'apt',
      actor: this.p.actor,
      techniques: [...techniques.common, ...(this.p.c2Proto === 'tls' ? techniques.tls : [])].sort(),
      infectedHosts: tallies.filter((t) => t.active).map((t) => t.truth()),
      c2,
      exfilBytes: Math.round(this.exfilBytes),
      relays: relaysOf(this.ctx, tallies, true),
      details: {
        interval: this.p.interval,
        jitter: this.p.jitter,
        sleep: this.p.sleep,
        operatorTz: this.p.operatorTz,
        operatorHours: this.p.operatorHours,
        c2Proto: this.p.c2Proto,
        userAgent: this.agent,
        ...(hello ? { ja3: hello.ja3, certificate: hello.validation } : {}),
        exfilHost: this.exfil.length > 0 ? this.implants[0]?.victim.ip : null,
        exfilStart: this.exfil[0] ? iso(this.exfil[0].ts) : null,
        lateralMovement: this.implants
          .slice(1)
          .map((im) => ({ from: im.lateralFrom?.ip, to: im.victim.ip, at: iso(im.compromise) })),
      },
    };
  }
}
