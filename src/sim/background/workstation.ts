import { chromeProbeLabel } from '../catalog/names.js';
import { resolveOn } from '../catalog/resolve.js';
import { Rng } from '../random.js';
import type { Actor, SimContext } from '../sim-context.js';
import { localDay } from '../time-zone.js';
import { browse } from './browsing.js';
import { type DayPlan, planDay } from './day-plan.js';
import type { HostProfile } from './host-profile.js';
import { httpTo, tlsTo } from './web.js';
import { type Periodic, workstationServices } from './workstation-services.js';

/** Page views per hour at the desk, before the host's activity and the run's density. */
const pagesPerHour = 1.8;

/** One office PC: its daily rhythm, its timers, and its user's browsing. */
export class Workstation implements Actor {
  private readonly rng: Rng;
  private readonly plans = new Map<number, DayPlan>();
  private readonly tasks: Periodic[];
  private sshUntil = 0;

  constructor(
    private readonly ctx: SimContext,
    readonly p: HostProfile,
  ) {
    this.rng = Rng.derive(ctx.seed, 'workstation-traffic', p.index);
    this.tasks = workstationServices(ctx, this.rng, p, (ts) => this.deskEnd(ts));
  }

  private plan(t: number): DayPlan {
    const day = localDay(t, this.ctx.officeTz);
    let plan = this.plans.get(day);
    if (!plan) {
      plan = planDay(Rng.derive(this.ctx.seed, 'day', this.p.index, day), this.p, day, this.ctx.officeTz);
      this.plans.set(day, plan);
      if (this.plans.size > 3) this.plans.delete(this.plans.keys().next().value as number);
    }
    return plan;
  }

  /** Whether the machine is on at `t`. */
  powered(t: number): boolean {
    const d = this.plan(t);
    return t >= d.poweredFrom && t < d.poweredTo;
  }

  /** Whether its user is at the desk at `t`. */
  atDesk(t: number): boolean {
    return this.plan(t).desk.some(([a, b]) => t >= a && t < b);
  }

  private deskEnd(t: number): number {
    return this.plan(t).desk.find(([a, b]) => t >= a && t < b)?.[1] ?? t;
  }

  hour(t0: number): void {
    const t1 = t0 + 3600;
    const { ctx, rng, p } = this;
    for (const day of new Set([localDay(t0, ctx.officeTz), localDay(t1 - 1, ctx.officeTz)])) {
      const plan = this.plan(day * 86_400 - ctx.officeTz * 60);
      if (!p.alwaysOn && plan.poweredFrom >= t0 && plan.poweredFrom < t1 && plan.poweredTo > plan.poweredFrom)
        this.boot(plan.poweredFrom);
      const login = plan.desk[0]?.[0];
      if (login !== undefined && login >= t0 && login < t1) this.login(login);
    }
    for (const task of this.tasks) {
      while (task.next < t1) {
        const ts = task.next;
        const span = task.gap(rng);
        if (ts >= ctx.start && (task.needs === 'desk' ? this.atDesk(ts) : this.powered(ts)))
          task.run(ts, span);
        task.next += span;
      }
    }
    for (const [a, b] of this.deskOverlaps(t0, t1)) {
      const n = rng.poisson((ctx.density * p.activity * pagesPerHour * (b - a)) / 3600);
      for (let i = 0; i < n; i++) browse(ctx, rng, p, rng.uniform(a, b));
      this.deskHour(a, b);
    }
  }

  private deskOverlaps(t0: number, t1: number): [number, number][] {
    const out: [number, number][] = [];
    for (const t of [t0, t1 - 1]) {
      for (const [a, b] of this.plan(t).desk) {
        const lo = Math.max(a, t0);
        const hi = Math.min(b, t1);
        if (hi > lo && !out.some(([x]) => x === lo)) out.push([lo, hi]);
      }
    }
    return out;
  }

  /** Start-up: connectivity check, domain controller discovery, logon traffic, WPAD. */
  private boot(ts: number): void {
    const { ctx, rng, p } = this;
    const net = ctx.net;
    if (p.os !== 'windows') return;
    const dc = net.resolverFor(p.ip);
    const dcName = `dc${net.resolvers.indexOf(dc) + 1}.${net.domain}`;
    ctx.traffic.lookup(rng, {
      ts,
      client: p.ip,
      name: `_ldap._tcp.dc._msdcs.${net.domain}`,
      qtypes: ['SRV'],
      answers: { SRV: { answers: [dcName], ttls: [600] } },
      ttl: 600,
      forward: false,
    });
    for (const [port, service] of [
      [88, 'krb_tcp'],
      [389, 'ldap_tcp'],
      [445, 'smb,gssapi'],
    ] as const) {
      ctx.traffic.conn(rng, {
        ts: ts + rng.uniform(0.5, 20),
        orig: p.ip,
        resp: dc,
        respPort: port,
        proto: 'tcp',
        service,
        duration: rng.logNormal(0.2, 1),
        up: rng.logNormal(3000, 0.7),
        down: rng.logNormal(6000, 0.9),
        state: 'SF',
      });
    }
    ctx.traffic.lookup(rng, {
      ts: ts + rng.uniform(1, 30),
      client: p.ip,
      name: `wpad.${net.domain}`,
      qtypes: ['A'],
      rcode: 3,
      forward: false,
    });
    httpTo(ctx, rng, p, ts + rng.uniform(2, 15), resolveOn('www.msftconnecttest.com', 'akamai'), {
      lookupChance: 1,
      direct: true,
      duration: rng.logNormal(0.1, 0.4),
      exchange: {
        method: 'GET',
        uri: '/connecttest.txt',
        userAgent: 'Microsoft NCSI',
        reqLen: 0,
        respLen: 22,
        status: 200,
        respMime: 'text/plain',
      },
    });
  }

  /** The user logs in: the browser starts (Chrome's NXDOMAIN probes), drives map, lists update. */
  private login(ts: number): void {
    const { ctx, rng, p } = this;
    if (p.browser === 'chrome' || p.browser === 'edge') {
      for (let i = 0; i < 3; i++) {
        ctx.traffic.lookup(rng, {
          ts: ts + 30 + rng.uniform(0, 2),
          client: p.ip,
          name: chromeProbeLabel(rng),
          qtypes: ['A'],
          rcode: 3,
        });
      }
    }
    if (p.os === 'windows') {
      httpTo(ctx, rng, p, ts + rng.uniform(60, 600), resolveOn('ctldl.windowsupdate.com', 'akamai'), {
        lookupChance: 1,
        duration: rng.logNormal(0.3, 0.5),
        exchange: {
          method: 'GET',
          uri: `/msdownload/update/v3/static/trustedr/en/disallowedcertstl.cab?${rng.hex(16)}`,
          userAgent: 'Microsoft-CryptoAPI/10.0',
          reqLen: 0,
          respLen: rng.int(5000, 32_000),
          status: 200,
          respMime: 'application/vnd.ms-cab-compressed',
        },
      });
    }
  }

  /** Less regular things a user at the desk does: file shares, reverse lookups, uploads, SSH. */
  private deskHour(a: number, b: number): void {
    const { ctx, rng, p } = this;
    const share = (b - a) / 3600;
    if (rng.chance(0.5 * share)) {
      ctx.traffic.conn(rng, {
        ts: rng.uniform(a, b),
        orig: p.ip,
        resp: ctx.net.fileServer,
        respPort: 445,
        proto: 'tcp',
        service: 'smb',
        duration: rng.logNormal(20, 1.5),
        up: rng.logNormal(20_000, 1.2),
        down: rng.logNormal(400_000, 1.8),
        state: 'SF',
      });
    }
    if (rng.chance(0.05 * share)) {
      ctx.traffic.lookup(rng, {
        ts: rng.uniform(a, b),
        client: p.ip,
        name: '20.0.0.10.in-addr.arpa',
        qtypes: ['PTR'],
        answers: { PTR: { answers: [`files.${ctx.net.domain}`], ttls: [1200] } },
        forward: false,
      });
    }
    if (rng.chance(0.0012 * share * ctx.density)) {
      let t = rng.uniform(a, b);
      const drive = resolveOn('www.googleapis.com', 'google');
      for (let i = rng.int(1, 3); i > 0; i--) {
        const size = rng.logNormal(60e6, 0.7);
        const duration = size / rng.uniform(2e6, 6e6);
        tlsTo(ctx, rng, p, t, drive, {
          lookupChance: 0.8,
          duration,
          up: size,
          down: rng.uniform(4000, 20_000),
        });
        t += duration + rng.uniform(2, 30);
      }
    }
    if (p.devVm && a >= this.sshUntil && rng.chance(0.15 * share)) {
      const ts = rng.uniform(a, b);
      const duration = Math.max(60, Math.min(rng.uniform(3600, 6 * 3600), this.deskEnd(ts) - ts));
      this.sshUntil = ts + duration;
      ctx.traffic.conn(rng, {
        ts,
        orig: p.ip,
        resp: p.devVm,
        respPort: 22,
        proto: 'tcp',
        service: 'ssh',
        duration,
        up: duration * rng.uniform(20, 200),
        down: duration * rng.uniform(100, 2000),
        state: 'SF',
      });
    }
  }
}
