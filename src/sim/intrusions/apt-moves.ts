import type { HostProfile } from '../background/host-profile.js';
import type { Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';
import type { PlantedFile } from './planted-evidence.js';

/** The first victim opens a document from the delivery server (HTTP, with the file's hashes). */
export function openLure(
  ctx: SimContext,
  rng: Rng,
  victim: HostProfile,
  ts: number,
  delivery: { domain: string; ip: string },
): void {
  const at = ctx.traffic.lookup(rng, {
    ts,
    client: ctx.traffic.dnsClient(victim.ip, victim.proxied),
    name: delivery.domain,
    qtypes: ['A'],
    answers: { A: { answers: [delivery.ip], ttls: [300] } },
    ttl: 300,
  });
  ctx.traffic.http(
    rng,
    {
      ts: at + 0.01,
      client: victim.ip,
      server: delivery.ip,
      port: 80,
      duration: rng.uniform(1, 4),
      up: 0,
      down: 0,
      viaProxy: victim.proxied,
    },
    {
      method: 'GET',
      host: delivery.domain,
      uri: `/doc/${rng.pick(['Invoice', 'Meeting_Notes', 'CV', 'Salary_Review'])}_${rng.int(1000, 9999)}.doc`,
      userAgent: victim.userAgent,
      reqLen: 0,
      respLen: rng.int(180_000, 600_000),
      status: 200,
      respMime: 'application/msword',
      hashes: { md5: rng.hex(32), sha1: rng.hex(40), sha256: rng.hex(64) },
    },
  );
}

/** Lateral movement: the implant copied over SMB and started as a service over RPC, minutes before it runs. */
export function spreadOverSmb(ctx: SimContext, rng: Rng, from: string, to: string, runsAt: number): void {
  for (const [port, service, up] of [
    [445, 'smb', rng.int(300_000, 2_000_000)],
    [135, 'dce_rpc', rng.int(2000, 6000)],
  ] as const) {
    ctx.traffic.conn(rng, {
      ts: runsAt - rng.uniform(60, 300),
      orig: from,
      resp: to,
      respPort: port,
      proto: 'tcp',
      service,
      duration: rng.uniform(0.5, 8),
      up,
      down: rng.int(2000, 20_000),
      state: 'SF',
    });
  }
}

/** The operator probes 30–80 internal addresses for file shares, RDP, RPC, SSH and WinRM. */
export function scanNetwork(ctx: SimContext, rng: Rng, from: string, ts: number): void {
  let t = ts;
  for (let i = rng.int(30, 80); i > 0; i--) {
    const target = rng.chance(0.2)
      ? ctx.net.fileServer
      : ctx.net.workstationIp(rng.int(0, Math.max(0, ctx.net.workstations - 1)));
    if (target === from) continue;
    const r = rng.next();
    ctx.traffic.conn(rng, {
      ts: t,
      orig: from,
      resp: target,
      respPort: rng.pick([445, 3389, 135, 22, 5985]),
      proto: 'tcp',
      service: null,
      duration: r < 0.6 ? null : rng.uniform(0.001, 0.05),
      up: r < 0.85 ? 0 : rng.int(100, 400),
      down: r < 0.85 ? 0 : rng.int(100, 900),
      state: r < 0.6 ? 'S0' : r < 0.85 ? 'REJ' : 'SF',
    });
    t += rng.uniform(0.01, 0.3);
  }
}

/** Staging: somewhat more than what will be stolen is pulled from the file server first. */
export function stageFromFileServer(
  ctx: SimContext,
  rng: Rng,
  host: string,
  ts: number,
  toSteal: number,
): void {
  const bytes = toSteal * rng.uniform(1.05, 1.3);
  ctx.traffic.conn(rng, {
    ts,
    orig: host,
    resp: ctx.net.fileServer,
    respPort: 445,
    proto: 'tcp',
    service: 'smb',
    duration: bytes / rng.uniform(30e6, 80e6),
    up: rng.int(200_000, 900_000),
    down: Math.round(bytes),
    state: 'SF',
  });
}

/**
 * The implant fetches its planted files from the delivery server over HTTP, a minute to ten after
 * it starts, so files.log records their hashes; hashes a file does not give are made up. Returns
 * the download times.
 */
export function downloadImplants(
  ctx: SimContext,
  rng: Rng,
  victim: HostProfile,
  ts: number,
  delivery: { domain: string; ip: string },
  files: readonly PlantedFile[],
  userAgent: string,
): number[] {
  let at = ts + rng.uniform(60, 600);
  const times: number[] = [];
  for (const f of files) {
    ctx.traffic.http(
      rng,
      {
        ts: at,
        client: victim.ip,
        server: delivery.ip,
        port: 80,
        duration: rng.uniform(0.5, 3),
        up: 0,
        down: 0,
        viaProxy: victim.proxied,
      },
      {
        method: 'GET',
        host: delivery.domain,
        uri: `/${rng.pick(['update', 'images', 'css', 'download'])}/${rng.hex(8)}.${rng.pick(['bin', 'dat', 'jpg', 'gif'])}`,
        userAgent,
        reqLen: 0,
        respLen: rng.int(60_000, 900_000),
        status: 200,
        respMime: 'application/x-dosexec',
        hashes: { md5: f.md5 ?? rng.hex(32), sha1: f.sha1 ?? rng.hex(40), sha256: f.sha256 ?? rng.hex(64) },
      },
    );
    times.push(at);
    at += rng.uniform(5, 120);
  }
  return times;
}
