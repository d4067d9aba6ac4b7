import type { HostProfile } from '../background/host-profile.js';
import { dgaLabel } from '../catalog/names.js';
import type { IntrusionTruth } from '../labels.js';
import type { QType } from '../log/records.js';
import { Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';
import type { TunnelTool } from '../sim-options.js';
import { HostTally, type Intrusion, type IntrusionSetup, relaysOf } from './intrusion.js';

const base32 = 'abcdefghijklmnopqrstuvwxyz012345';
const base64ish = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

interface TunnelHost {
  readonly victim: HostProfile;
  readonly tally: HostTally;
  readonly startAt: number;
}

/**
 * A DNS tunnel through the office resolver: iodine (NULL queries, base32 labels under a short
 * sub-zone) or dns2tcp (TXT queries with high-entropy labels). A session is one client socket, so
 * Zeek logs one long UDP conn to the resolver carrying all of its queries; every query is a cache
 * miss the resolver forwards upstream. Sessions come and go as someone uses the tunnel.
 */
export class DnsTunnelIntrusion implements Intrusion {
  readonly kind = 'dns-tunnel' as const;
  private readonly rng: Rng;
  private readonly ctx: SimContext;
  private readonly tool: TunnelTool;
  private readonly registered: string;
  private readonly zone: string;
  private readonly hosts: TunnelHost[];
  private queries = 0;
  private payloadUp = 0;
  private sessions = 0;

  constructor(s: IntrusionSetup) {
    const rng = Rng.derive(s.ctx.seed, 'dns-tunnel');
    this.rng = rng;
    this.ctx = s.ctx;
    this.tool = s.params.tunnel;
    this.registered = `${dgaLabel(rng, 'syllables').slice(0, 7)}.${rng.pick(['com', 'net', 'info', 'xyz', 'top'])}`;
    this.zone =
      this.tool === 'iodine' ? `${rng.pick(['t', 'd', 'x', 'tun'])}.${this.registered}` : this.registered;
    const span = s.ctx.end - s.ctx.start;
    this.hosts = s.victims.map((victim) => ({
      victim,
      tally: new HostTally(victim.ip, false),
      startAt: s.ctx.start + span * rng.uniform(0.1, 0.4),
    }));
  }

  hour(t0: number): void {
    const t1 = t0 + 3600;
    const { rng } = this;
    for (const h of this.hosts) {
      if (h.startAt >= t1) continue;
      const first = h.startAt >= t0;
      if (!first && !rng.chance(0.08)) continue;
      const from = first ? h.startAt : t0 + rng.uniform(0, 1800);
      this.session(h, from, Math.min(from + rng.uniform(600, 3600), this.ctx.end));
    }
  }

  private queryName(): { name: string; payload: number } {
    const { rng } = this;
    const iodine = this.tool === 'iodine';
    const room = 250 - this.zone.length;
    const chars = Math.min(rng.int(90, 200), room - 8);
    const alphabet = iodine ? base32 : base64ish;
    let data = iodine
      ? rng.chars('0123456789abcdef', 1) + rng.chars(alphabet, chars - 1)
      : rng.chars(alphabet, chars);
    const labels: string[] = [];
    while (data.length > 0) {
      labels.push(data.slice(0, 63));
      data = data.slice(63);
    }
    return { name: `${labels.join('.')}.${this.zone}`, payload: Math.floor((chars * (iodine ? 5 : 6)) / 8) };
  }

  private session(h: TunnelHost, from: number, to: number): void {
    const { ctx, rng } = this;
    if (to <= from) return;
    const socket = { uid: ctx.traffic.uid(rng), port: ctx.traffic.ephemeralPort(rng) };
    const rate = rng.uniform(0.2, 1);
    const qtype: QType = this.tool === 'iodine' ? 'NULL' : 'TXT';
    let t = from;
    let last = from;
    let up = 0;
    let down = 0;
    while (t < to) {
      const q = this.queryName();
      const reply = rng.int(40, 900);
      const txt =
        qtype === 'TXT' ? `TXT ${Math.min(reply, 255)} ${rng.chars(base64ish, Math.min(reply, 255))}` : null;
      last = ctx.traffic.lookup(rng, {
        ts: t,
        client: h.victim.ip,
        name: q.name,
        qtypes: [qtype],
        answers: txt ? { TXT: { answers: [txt], ttls: [0] } } : undefined,
        forward: true,
        socket,
        extraAnswerBytes: txt ? 0 : reply,
      });
      up += q.name.length + 28;
      down += q.name.length + 28 + reply;
      this.queries++;
      this.payloadUp += q.payload;
      h.tally.note(t, this.zone, this.registered);
      t += rng.exponential(1 / rate);
    }
    ctx.traffic.conn(rng, {
      ts: from,
      uid: socket.uid,
      orig: h.victim.ip,
      origPort: socket.port,
      resp: ctx.net.resolverFor(h.victim.ip),
      respPort: 53,
      proto: 'udp',
      service: 'dns',
      duration: last - from,
      up,
      down,
      state: 'SF',
    });
    this.sessions++;
  }

  truth(): IntrusionTruth {
    const tallies = this.hosts.map((h) => h.tally);
    return {
      kind: 'dns-tunnel',
      techniques: ['T1048', 'T1071.004', 'T1132.001'],
      infectedHosts: tallies.filter((t) => t.active).map((t) => t.truth()),
      c2: [
        {
          role: 'c2',
          ips: [],
          domains: [this.zone, this.registered].filter((d, i, a) => a.indexOf(d) === i),
          ports: [53],
          proto: 'dns',
        },
      ],
      exfilBytes: this.payloadUp,
      relays: relaysOf(this.ctx, tallies, true),
      details: {
        tool: this.tool,
        zone: this.zone,
        queries: this.queries,
        sessions: this.sessions,
        qtype: this.tool === 'iodine' ? 'NULL' : 'TXT',
      },
    };
  }
}
