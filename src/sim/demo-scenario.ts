import type { SimLog } from './log/zeek-layouts.js';
import { seededRandom } from './random.js';
import { writeRotated } from './zeek-writer.js';

/** The logs the demo scenario writes. */
type ScenarioLog = Extract<SimLog, 'conn' | 'dns' | 'http'>;

/** Options of the demo scenario. */
export interface DemoScenarioOptions {
  readonly dir: string;
  readonly hours?: number;
  readonly hosts?: number;
  readonly seed?: number;
  readonly start?: Date;
}

/** What the scenario planted, so a run can be checked against it. */
export interface DemoTruth {
  readonly infectedHost: string;
  readonly c2Ip: string;
  readonly c2Domain: string;
  readonly beaconSeconds: number;
  readonly files: number;
  readonly rows: Record<ScenarioLog, number>;
}

const benignSites = [
  ['www.example.com', '93.184.215.14'],
  ['news.example.org', '151.101.1.67'],
  ['cdn.example.net', '104.16.85.20'],
  ['mail.example.com', '142.250.74.101'],
  ['updates.example.com', '13.107.4.50'],
] as const;

/**
 * An office network for the demo: hosts browse benign sites by day, and one infected PC beacons
 * over HTTP to a C2 server every ~5 minutes (±30% jitter), around the clock, as hourly Zeek logs.
 */
export function writeDemoScenario(opts: DemoScenarioOptions): DemoTruth {
  const rand = seededRandom(opts.seed ?? 2016);
  const hours = opts.hours ?? 24;
  const hostCount = opts.hosts ?? 23;
  const start = opts.start ?? new Date(Date.UTC(2016, 11, 1, 0, 0, 0));
  const hosts = Array.from({ length: hostCount }, (_, i) => `10.20.0.${11 + i}`);
  const infected = hosts[7] as string;
  const c2 = { ip: '203.0.113.66', domain: 'update.cloud-maste.example' };
  const beacon = 300;
  const rows: Record<ScenarioLog, number> = { conn: 0, dns: 0, http: 0 };
  let uidN = 0;
  const uid = () => `C${(++uidN).toString(36).padStart(17, '0')}`;
  const port = () => String(49152 + Math.floor(rand() * 16000));
  let nextBeacon = start.getTime() / 1000 + rand() * beacon;
  let files = 0;

  for (let h = 0; h < hours; h++) {
    const hourStart = new Date(start.getTime() + h * 3600_000);
    const t0 = hourStart.getTime() / 1000;
    const conn: string[][] = [];
    const dns: string[][] = [];
    const http: string[][] = [];
    const hourOfDay = hourStart.getUTCHours();
    const busy = hourOfDay >= 8 && hourOfDay < 18 ? 40 : 3;
    const events: { ts: number; kind: 'browse' | 'beacon'; host: string }[] = [];
    for (const host of hosts) {
      const n = Math.floor(rand() * busy);
      for (let i = 0; i < n; i++) events.push({ ts: t0 + rand() * 3600, kind: 'browse', host });
    }
    while (nextBeacon < t0 + 3600) {
      events.push({ ts: nextBeacon, kind: 'beacon', host: infected });
      nextBeacon += beacon * (0.7 + rand() * 0.6);
    }
    events.sort((a, b) => a.ts - b.ts);
    for (const e of events) {
      const [domain, ip] =
        e.kind === 'beacon'
          ? [c2.domain, c2.ip]
          : (benignSites[Math.floor(rand() * benignSites.length)] as readonly [string, string]);
      const id = uid();
      const sport = port();
      const up = e.kind === 'beacon' ? 310 + Math.floor(rand() * 20) : 400 + Math.floor(rand() * 900);
      const down = e.kind === 'beacon' ? 180 + Math.floor(rand() * 10) : 2000 + Math.floor(rand() * 90000);
      const ts = e.ts.toFixed(6);
      dns.push([
        (e.ts - 0.05).toFixed(6),
        uid(),
        e.host,
        port(),
        '10.20.0.2',
        '53',
        'udp',
        String(Math.floor(rand() * 65535)),
        '0.012',
        domain,
        '1',
        'C_INTERNET',
        '1',
        'A',
        '0',
        'NOERROR',
        'F',
        'F',
        'T',
        'T',
        '0',
        ip,
        '300.000000',
        'F',
      ]);
      conn.push([
        ts,
        id,
        e.host,
        sport,
        ip,
        '80',
        'tcp',
        'http',
        (0.2 + rand()).toFixed(6),
        String(up),
        String(down),
        'SF',
        'T',
        'F',
        '0',
        'ShADadFf',
        '6',
        String(up + 320),
        '6',
        String(down + 320),
        '(empty)',
      ]);
      http.push([
        ts,
        id,
        e.host,
        sport,
        ip,
        '80',
        '1',
        e.kind === 'beacon' ? 'POST' : 'GET',
        domain,
        e.kind === 'beacon' ? '/index.php?id=8f3a' : '/',
        '-',
        '1.1',
        e.kind === 'beacon'
          ? 'Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 6.1)'
          : 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)',
        '-',
        String(up - 200),
        String(Math.max(0, down - 200)),
        '200',
        'OK',
        // info_code … resp_mime_types: unset, as for a plain request with no file.
        '-',
        '-',
        '(empty)',
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
        '-',
      ]);
    }
    for (const [type, r] of [
      ['conn', conn],
      ['dns', dns],
      ['http', http],
    ] as const) {
      writeRotated(opts.dir, type, hourStart, r);
      rows[type] += r.length;
      files += 1;
    }
  }
  return { infectedHost: infected, c2Ip: c2.ip, c2Domain: c2.domain, beaconSeconds: beacon, files, rows };
}
