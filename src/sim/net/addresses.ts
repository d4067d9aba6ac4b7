import { hashString, mix32, type Rng } from '../random.js';

/** Dotted quad to a 32-bit number. */
export function ipToInt(ip: string): number {
  const p = ip.split('.');
  return ((Number(p[0]) << 24) | (Number(p[1]) << 16) | (Number(p[2]) << 8) | Number(p[3])) >>> 0;
}

/** 32-bit number to a dotted quad. */
export function intToIp(n: number): string {
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

interface Prefix {
  readonly base: number;
  readonly size: number;
}

const parsed = new Map<string, Prefix>();

function prefix(cidr: string): Prefix {
  let p = parsed.get(cidr);
  if (!p) {
    const [ip, bits] = cidr.split('/');
    const size = 2 ** (32 - Number(bits));
    p = { base: (ipToInt(ip as string) & ~(size - 1)) >>> 0, size };
    parsed.set(cidr, p);
  }
  return p;
}

/** The address number `x` selects inside `cidr`, never a .0 or .255 (they look wrong in logs). */
export function addressIn(cidr: string, x: number): number {
  const p = prefix(cidr);
  let n = (p.base + (x % p.size)) >>> 0;
  if ((n & 255) === 0 || (n & 255) === 255) n = ((n & ~255) | (1 + (x % 254))) >>> 0;
  return n;
}

/**
 * Addresses of the benign providers, from their published ranges (the MISP warninglists hold most of
 * them). Sites on a provider get a stable address from their name, the same in every run.
 */
export const providerPrefixes = {
  google: ['142.250.0.0/15', '172.217.0.0/16', '216.58.192.0/19', '74.125.0.0/16', '173.194.0.0/16'],
  microsoft: ['13.107.0.0/16', '20.190.128.0/18', '40.126.0.0/18', '52.96.0.0/14', '204.79.197.0/24'],
  azure: ['20.42.64.0/19', '20.189.0.0/16', '13.69.0.0/16', '52.168.0.0/14', '20.50.0.0/18'],
  amazon: ['52.94.236.0/24', '205.251.242.0/24'],
  cloudfront: ['13.32.0.0/15', '52.84.0.0/15', '54.230.0.0/16', '18.160.0.0/15'],
  aws: ['52.16.0.0/15', '54.72.0.0/15', '3.248.0.0/13', '34.240.0.0/13'],
  s3: ['52.218.0.0/17', '52.216.0.0/15', '3.5.0.0/19'],
  gcp: ['34.104.64.0/18', '35.186.0.0/16', '104.196.128.0/17', '130.211.32.0/19'],
  cloudflare: ['104.16.0.0/13', '172.64.0.0/13', '162.158.0.0/15', '188.114.96.0/20'],
  akamai: ['23.32.0.0/11', '23.192.0.0/11', '104.64.0.0/10', '184.24.0.0/13', '2.16.0.0/13'],
  fastly: ['151.101.0.0/16', '199.232.0.0/16', '146.75.0.0/17'],
  meta: ['157.240.0.0/17', '31.13.64.0/18'],
  apple: ['17.253.0.0/16', '17.248.128.0/18', '17.57.144.0/22'],
  wikimedia: ['185.15.56.0/22', '208.80.152.0/22'],
  github: ['140.82.112.0/20'],
  twitter: ['104.244.40.0/21'],
  dropbox: ['162.125.0.0/16'],
  zoom: ['170.114.0.0/16'],
  canonical: ['185.125.188.0/22', '91.189.88.0/21'],
  eset: ['91.228.164.0/22'],
  backblaze: ['149.137.128.0/17', '45.11.36.0/22'],
  yahoo: ['98.136.0.0/14', '74.6.0.0/16'],
  linkedin: ['108.174.0.0/20'],
} as const;

export type Provider = keyof typeof providerPrefixes;

/** Ordinary hosting (VPS, shared and regional hosters): where the long tail of small sites lives. */
const hostingPrefixes = [
  '5.9.0.0/16',
  '88.198.0.0/16',
  '95.216.0.0/16',
  '78.46.0.0/15',
  '46.101.0.0/16',
  '159.65.0.0/16',
  '188.166.0.0/16',
  '139.59.0.0/16',
  '45.33.0.0/16',
  '139.162.0.0/16',
  '161.97.0.0/16',
  '62.171.128.0/17',
  '85.17.0.0/16',
  '217.160.0.0/16',
  '82.165.0.0/16',
  '51.15.0.0/16',
  '195.154.0.0/16',
  '192.3.0.0/16',
  '104.168.0.0/16',
  '23.94.0.0/15',
  '119.28.0.0/16',
  '47.74.0.0/15',
  '220.130.0.0/16',
  '213.186.32.0/19',
  '81.169.128.0/17',
  '37.59.0.0/16',
];

/**
 * Hosting ranges where intrusions put their servers: none of their addresses is on a benign MISP
 * warninglist (checked in test/sim/addresses-real.test.ts). Small sites live here too, so the range
 * alone gives nothing away.
 */
export const intrusionPrefixes = [
  '27.102.64.0/18',
  '103.79.76.0/22',
  '45.124.24.0/22',
  '43.240.12.0/22',
  '185.243.112.0/22',
  '193.29.56.0/22',
  '146.185.128.0/18',
  '23.92.16.0/20',
  '41.108.0.0/16',
  '185.130.104.0/22',
  '91.92.240.0/22',
  '185.225.68.0/22',
  '103.224.80.0/22',
  '185.174.100.0/22',
  '176.107.176.0/22',
  '5.252.176.0/22',
  '89.248.160.0/21',
  '80.94.92.0/22',
  '193.42.32.0/22',
  '185.82.216.0/22',
  '199.195.248.0/21',
  '162.33.176.0/20',
  '202.182.96.0/19',
  '122.10.0.0/16',
] as const;

const sharedHosting = [...hostingPrefixes, ...intrusionPrefixes];

/**
 * A hash-chosen sixteenth of the address space is kept for intrusion servers, so a benign site can
 * never land on a C2 address; the split follows no range or octet a detector could learn.
 */
export function reservedForIntrusions(ip: number): boolean {
  return mix32(ip ^ 0x51ed27a1) % 16 === 0;
}

/** Stable address of `name` on a provider. */
export function providerAddress(provider: Provider, name: string, salt = 0): string {
  const ranges = providerPrefixes[provider];
  const h = hashString(name, salt);
  return intToIp(addressIn(ranges[h % ranges.length] as string, mix32(h)));
}

/** Stable address of a small site on shared hosting, outside the intrusion reserve. */
export function hostingAddress(name: string): string {
  for (let salt = 0; ; salt++) {
    const h = hashString(name, 0x7f4a7c15 + salt);
    const n = addressIn(sharedHosting[h % sharedHosting.length] as string, mix32(h));
    if (!reservedForIntrusions(n)) return intToIp(n);
  }
}

/** A fresh intrusion server address: in an intrusion range, inside the reserve, not in `taken`. */
export function intrusionAddress(
  rng: Rng,
  taken: Set<string>,
  prefixes: readonly string[] = intrusionPrefixes,
): string {
  for (;;) {
    const n = addressIn(rng.pick(prefixes), rng.u32());
    const ip = intToIp(n);
    if (reservedForIntrusions(n) && !taken.has(ip)) {
      taken.add(ip);
      return ip;
    }
  }
}
