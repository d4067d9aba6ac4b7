import { longTailDomain, vendorUpdateHost } from '../catalog/names.js';
import { type Browser, browserAgents, clientJa3, linuxFirefoxAgent } from '../catalog/tls-profiles.js';
import { addressIn, intToIp, providerPrefixes } from '../net/addresses.js';
import type { OfficeNet } from '../net/office-net.js';
import { Rng } from '../random.js';
import type { Client } from './web.js';

/** A department's in-house or niche software that checks a small vendor's server on a timer. */
export interface VendorUpdater {
  readonly host: string;
  readonly interval: number;
  readonly userAgent: string;
  readonly path: string;
  /** Reads a TXT record for the current version first. */
  readonly txtCheck: boolean;
}

/** Everything about one workstation that stays the same for the whole run. */
export interface HostProfile extends Client {
  readonly index: number;
  readonly os: 'windows' | 'mac' | 'linux';
  readonly browser: Browser;
  /** Left on over night and weekends (its background services keep running). */
  readonly alwaysOn: boolean;
  /** Usual arrival and departure, office-local hours. */
  readonly arrival: number;
  readonly departure: number;
  /** Browsing rate multiplier (some people browse a lot more than others). */
  readonly activity: number;
  readonly av: 'defender' | 'eset';
  readonly chat: 'teams' | 'slack' | null;
  readonly outlook: boolean;
  readonly dropbox: boolean;
  /** Runs a continuous cloud backup client (hundreds of MB out). */
  readonly cloudBackup: boolean;
  /** A developer's cloud VM reached over SSH for hours. */
  readonly devVm: string | null;
  readonly updater: VendorUpdater | null;
  /** Popular sites this user favours (indices into headSites). */
  readonly favourites: readonly number[];
  /** Small sites this user returns to; the first two are shared with the desk neighbour. */
  readonly regulars: readonly string[];
}

const vendorAgents = [
  (v: string) => `${v}Updater/2.4.1 (Windows NT 10.0; x64)`,
  (v: string) => `${v} Update Service 3.1`,
  (v: string) => `WinHttp-${v}/1.0`,
  (v: string) => `${v.toLowerCase()}-agent/5.2.0 (+license-check)`,
];

/** Hosts per department; a department may share a niche updater. */
const departmentSize = 40;

function departmentUpdater(seed: number, dept: number): VendorUpdater | null {
  const rng = Rng.derive(seed, 'department', dept);
  if (!rng.chance(0.35)) return null;
  const host = vendorUpdateHost(rng);
  const vendor = (host.split('.')[1] as string).replace(/^./, (c) => c.toUpperCase());
  return {
    host,
    interval: rng.pick([1800, 3600, 3600, 7200, 14_400, 21_600]),
    userAgent: rng.pick(vendorAgents)(vendor),
    path: rng.pick(['/check.php?v=2.4.1', '/api/v1/license/status', '/update/latest.xml', '/versioncheck']),
    txtCheck: rng.chance(0.5),
  };
}

/** The profile of workstation `index`; it depends only on the seed and the index. */
export function hostProfile(seed: number, index: number, net: OfficeNet, proxyShare: number): HostProfile {
  const rng = Rng.derive(seed, 'workstation', index);
  const r = rng.next();
  const os = r < 0.84 ? 'windows' : r < 0.95 ? 'mac' : 'linux';
  const browser: Browser =
    os === 'mac'
      ? rng.chance(0.6)
        ? 'safari'
        : 'chrome'
      : os === 'linux'
        ? 'firefox'
        : rng.pick(['chrome', 'chrome', 'chrome', 'edge', 'firefox']);
  const userAgent = os === 'linux' ? linuxFirefoxAgent : browserAgents[browser];
  const team = Rng.derive(seed, 'desk-pair', Math.floor(index / 2));
  const shared = [longTailDomain(team), longTailDomain(team)];
  const own = Array.from({ length: rng.int(2, 7) }, () => longTailDomain(rng));
  const dept = departmentUpdater(seed, Math.floor(index / departmentSize));
  const dev = rng.chance(0.03);
  return {
    index,
    ip: net.workstationIp(index),
    proxied: rng.chance(proxyShare),
    userAgent,
    ja3: clientJa3[browser],
    qtypes: os === 'windows' && rng.chance(0.5) ? ['A'] : ['A', 'AAAA'],
    os,
    browser,
    alwaysOn: rng.chance(0.3),
    arrival: rng.uniform(7, 9.5),
    departure: rng.uniform(16, 18.5),
    activity: rng.logNormal(1, 0.5),
    av: os === 'windows' && rng.chance(0.25) ? 'eset' : 'defender',
    chat: rng.chance(0.6) ? 'teams' : rng.chance(0.5) ? 'slack' : null,
    outlook: rng.chance(0.85),
    dropbox: rng.chance(0.08),
    cloudBackup: rng.chance(0.02),
    devVm: dev ? intToIp(addressIn(rng.pick(providerPrefixes.aws), rng.u32())) : null,
    updater: dept && rng.chance(0.7) ? dept : null,
    favourites: Array.from({ length: 4 }, () => rng.int(0, 40)),
    regulars: [...shared, ...own],
  };
}
