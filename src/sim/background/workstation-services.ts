import { resolveOn, resolveSmallSite } from '../catalog/resolve.js';
import { clientJa3 } from '../catalog/tls-profiles.js';
import type { Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';
import type { HostProfile } from './host-profile.js';
import { cloudBackupEndpoint } from './lookalikes.js';
import { httpTo, reach, tlsTo } from './web.js';

/** A background service that runs on a timer while the machine is on (or while its user is in). */
export interface Periodic {
  next: number;
  readonly needs: 'powered' | 'desk';
  /** Seconds to the next run. */
  readonly gap: (rng: Rng) => number;
  /** One run at `ts`; `span` is the time to the next run (long-lived sessions last about that long). */
  readonly run: (ts: number, span: number) => void;
}

const esetAgent =
  'ESS Update (Windows; U; 64bit; BPC 9.0.381.0; OS: 10.0.14393 SP 0.0 NT; TDB 33612; CL 1.1.1; x64s; APP eea; BEO 1; ASP 0.0; FW 0.0; PX 0; PUA 0; CD 0; RA 0; UNS 1; UBR 0; HVCI 0)';

/**
 * The timers of a workstation: Windows telemetry every 15 min, antivirus signatures hourly, update
 * scans daily, NTP every 1024 s on Macs and Linux, Outlook and chat sessions held open while the user
 * is in, Chrome's updater, Dropbox long-polls, a department's niche updater, continuous cloud backup.
 * `deskEnd(ts)` is when the user's current stretch at the desk ends.
 */
export function workstationServices(
  ctx: SimContext,
  rng: Rng,
  p: HostProfile,
  deskEnd: (ts: number) => number,
): Periodic[] {
  const tasks: Periodic[] = [];
  const add = (needs: Periodic['needs'], period: number, gap: Periodic['gap'], run: Periodic['run']) =>
    tasks.push({ next: ctx.start + rng.uniform(0, period), needs, gap, run });
  const windows = p.os === 'windows';
  // Windows services use the system's TLS stack and send no user agent in a CONNECT.
  const schannel = clientJa3.schannel;

  if (windows) {
    add(
      'powered',
      900,
      (r) => r.jitter(900, 0.05),
      (ts) =>
        tlsTo(ctx, rng, p, ts, resolveOn('v10.events.data.microsoft.com', 'azure'), {
          ja3: schannel,
          agent: null,
          lookupChance: 0.25,
          duration: rng.logNormal(0.5, 0.5),
          up: rng.logNormal(6000, 0.8),
          down: rng.uniform(450, 900),
        }),
    );
    add(
      'powered',
      79_200,
      (r) => r.jitter(79_200, 0.1),
      (ts) => windowsUpdate(ctx, rng, p, ts),
    );
  }
  if (p.av === 'eset') {
    add(
      'powered',
      3600,
      (r) => r.jitter(3600, 0.01),
      (ts) =>
        httpTo(ctx, rng, p, ts, resolveOn('update.eset.com', 'eset'), {
          lookupChance: 0.8,
          duration: rng.logNormal(0.3, 0.4),
          exchange: {
            method: 'GET',
            uri: '/eset_upd/ep7/dll/update.ver',
            userAgent: esetAgent,
            reqLen: 0,
            respLen: rng.int(8000, 40_000),
            status: 200,
            respMime: 'application/octet-stream',
          },
        }),
    );
    // Cloud reputation lookups: a file hash per query, as hex labels under the vendor's zone.
    add(
      'desk',
      450,
      (r) => r.exponential(450),
      (ts) =>
        ctx.traffic.lookup(rng, {
          ts,
          client: p.ip,
          name: `${rng.hex(16)}.${rng.hex(16)}.${rng.hex(8)}.a.e5.sk`,
          qtypes: ['A'],
          answers: { A: { answers: [`127.0.${rng.int(0, 3)}.${rng.int(0, 64)}`], ttls: [60] } },
          ttl: 60,
        }),
    );
  } else if (windows) {
    add(
      'powered',
      3600,
      (r) => r.jitter(3600, 0.02),
      (ts) =>
        tlsTo(ctx, rng, p, ts, resolveOn('definitionupdates.microsoft.com', 'microsoft'), {
          ja3: schannel,
          agent: null,
          lookupChance: 0.4,
          duration: rng.logNormal(0.6, 0.5),
          up: rng.uniform(900, 1600),
          down: rng.chance(0.04) ? rng.logNormal(8e6, 0.8) : rng.uniform(3000, 9000),
        }),
    );
  } else {
    const [name, provider] =
      p.os === 'mac' ? (['time.apple.com', 'apple'] as const) : (['ntp.ubuntu.com', 'canonical'] as const);
    add(
      'powered',
      1024,
      (r) => r.jitter(1024, 0.002),
      (ts) => {
        const at = reach(ctx, rng, p, ts, resolveOn(name, provider), { lookupChance: 0.02, direct: true });
        ctx.traffic.conn(rng, {
          ts: at.ts,
          orig: p.ip,
          origPort: 123,
          resp: at.ip,
          respPort: 123,
          proto: 'udp',
          service: 'ntp',
          duration: rng.uniform(0.015, 0.06),
          up: 48,
          down: 48,
          state: 'SF',
        });
      },
    );
  }
  if (p.outlook) {
    add(
      'desk',
      2400,
      (r) => r.uniform(1200, 3300),
      (ts, span) => {
        const duration = Math.max(5, Math.min(span - 2, deskEnd(ts) - ts));
        tlsTo(ctx, rng, p, ts, resolveOn('outlook.office365.com', 'microsoft'), {
          ja3: schannel,
          agent: null,
          lookupChance: 0.4,
          duration,
          up: rng.logNormal(15_000, 1),
          down: rng.logNormal(120_000, 1.2),
        });
      },
    );
  }
  if (p.chat) {
    const [name, provider] =
      p.chat === 'teams'
        ? (['go.trouter.teams.microsoft.com', 'microsoft'] as const)
        : (['wss-primary.slack.com', 'aws'] as const);
    add(
      'desk',
      7200,
      (r) => r.uniform(3600, 14_400),
      (ts, span) => {
        const duration = Math.max(30, Math.min(span - 1, deskEnd(ts) - ts));
        tlsTo(ctx, rng, p, ts, resolveOn(name, provider), {
          lookupChance: 0.8,
          duration,
          up: duration * rng.uniform(2, 6),
          down: duration * rng.uniform(5, 20),
        });
      },
    );
  }
  if (p.browser === 'chrome') {
    add(
      'powered',
      18_000,
      (r) => r.jitter(18_000, 0.1),
      (ts) =>
        tlsTo(ctx, rng, p, ts, resolveOn('update.googleapis.com', 'google'), {
          lookupChance: 0.9,
          duration: rng.logNormal(0.4, 0.4),
          up: rng.uniform(1500, 3000),
          down: rng.uniform(1500, 6000),
        }),
    );
  }
  if (p.dropbox) {
    // Long-polls: one session held about eight minutes, then the next.
    add(
      'powered',
      480,
      (r) => r.jitter(480, 0.03),
      (ts, span) =>
        tlsTo(ctx, rng, p, ts, resolveOn('bolt.dropbox.com', 'dropbox'), {
          ja3: clientJa3.python,
          agent: 'DropboxDesktopClient/4.4.29 (Windows; 10; PC; en_US)',
          lookupChance: 0.3,
          duration: Math.max(1, span - rng.uniform(0.5, 3)),
          up: rng.uniform(700, 1200),
          down: rng.uniform(400, 900),
        }),
    );
  }
  if (p.updater) {
    const u = p.updater;
    add(
      'powered',
      u.interval,
      (r) => r.jitter(u.interval, 0.01),
      (ts) => {
        // Some of these read the latest version from a TXT record before asking over HTTP.
        if (u.txtCheck)
          ctx.traffic.lookup(rng, {
            ts: ts - 0.2,
            client: p.ip,
            name: `_version.${u.host}`,
            qtypes: ['TXT'],
            answers: { TXT: { answers: ['TXT 22 v=2.4.1;channel=stable'], ttls: [3600] } },
            ttl: 3600,
          });
        httpTo(ctx, rng, p, ts, resolveSmallSite(u.host), {
          lookupChance: 0.9,
          duration: rng.logNormal(0.3, 0.4),
          exchange: {
            method: 'GET',
            uri: u.path,
            userAgent: u.userAgent,
            reqLen: 0,
            respLen: rng.int(200, 900),
            status: 200,
            respMime: 'text/xml',
          },
        });
      },
    );
  }
  if (p.cloudBackup) {
    const backblaze = cloudBackupEndpoint();
    add(
      'powered',
      3600,
      (r) => r.jitter(3600, 0.05),
      (ts) =>
        tlsTo(ctx, rng, p, ts, backblaze, {
          ja3: clientJa3.go,
          agent: 'bzclient/8.0',
          lookupChance: 0.5,
          duration: rng.logNormal(4, 0.6),
          up: rng.logNormal(300_000, 1),
          down: rng.uniform(2000, 6000),
        }),
    );
    add(
      'powered',
      86_400,
      (r) => r.jitter(86_400, 0.05),
      (ts) => {
        let t = ts;
        for (let left = rng.logNormal(250e6, 0.6); left > 0; ) {
          const chunk = Math.min(left, rng.uniform(20e6, 100e6));
          const duration = chunk / rng.uniform(2e6, 8e6);
          tlsTo(ctx, rng, p, t, backblaze, {
            ja3: clientJa3.go,
            agent: 'bzclient/8.0',
            lookupChance: 0.5,
            duration,
            up: chunk,
            down: rng.uniform(3000, 9000),
          });
          t += duration + rng.uniform(1, 20);
          left -= chunk;
        }
      },
    );
  }
  return tasks;
}

function windowsUpdate(ctx: SimContext, rng: Rng, p: HostProfile, ts: number): void {
  tlsTo(ctx, rng, p, ts, resolveOn('fe3.delivery.mp.microsoft.com', 'microsoft'), {
    ja3: clientJa3.schannel,
    agent: 'Windows-Update-Agent/10.0.10011.16384 Client-Protocol/1.40',
    lookupChance: 0.9,
    duration: rng.logNormal(2, 0.5),
    up: rng.logNormal(20_000, 0.5),
    down: rng.logNormal(60_000, 0.8),
  });
  if (!rng.chance(0.25)) return;
  let t = ts + rng.uniform(20, 300);
  for (let i = rng.int(1, 3); i > 0; i--) {
    const size = Math.min(rng.logNormal(30e6, 1), 400e6);
    const duration = size / rng.uniform(3e6, 12e6);
    httpTo(ctx, rng, p, t, resolveOn('download.windowsupdate.com', 'akamai'), {
      lookupChance: 0.7,
      duration,
      exchange: {
        method: 'GET',
        uri: `/d/msdownload/update/software/secu/2016/06/windows10.0-kb${rng.int(3_100_000, 3_199_999)}-x64_${rng.hex(40)}.psf`,
        userAgent: 'Microsoft-Delivery-Optimization/10.0',
        reqLen: 0,
        respLen: Math.round(size),
        status: 206,
        respMime: 'application/vnd.ms-cab-compressed',
        hashes: { md5: rng.hex(32), sha1: rng.hex(40), sha256: rng.hex(64) },
      },
    });
    t += duration + rng.uniform(5, 60);
  }
}
