import type { QType } from '../log/records.js';
import { hostingAddress, type Provider, providerAddress } from '../net/addresses.js';
import type { DnsAnswer } from '../net/traffic.js';
import { hashString } from '../random.js';
import { hashedLabel } from './names.js';

/** Where a name points: its CNAME chain, addresses, IPv6 addresses and TTL. */
export interface Resolution {
  readonly name: string;
  readonly provider: Provider | 'hosting';
  readonly cnames: readonly string[];
  readonly ips: readonly string[];
  readonly v6: readonly string[];
  readonly ttl: number;
}

const firstLabel = (name: string) => name.replace(/^www\./, '').split('.')[0] as string;
const hex4 = (h: number) => (h & 0xffff).toString(16);

/** How each provider answers: CNAME chain, address count, TTL, IPv6 address shape. */
const styles: Partial<
  Record<
    Provider,
    { cnames: (n: string) => string[]; count: number; ttl: number; v6?: (h: number) => string }
  >
> = {
  google: { cnames: () => [], count: 1, ttl: 300, v6: (h) => `2a00:1450:4001:80b::${hex4(h)}` },
  cloudflare: { cnames: () => [], count: 2, ttl: 300, v6: (h) => `2606:4700::6810:${hex4(h)}` },
  akamai: {
    cnames: (n) => [`${n}.edgekey.net`, `e${1000 + (hashString(n) % 9000)}.dscb.akamaiedge.net`],
    count: 2,
    ttl: 20,
    v6: (h) => `2a02:26f0:${hex4(h)}::${hex4(h >>> 16)}`,
  },
  fastly: {
    cnames: (n) => [`${firstLabel(n)}.map.fastly.net`],
    count: 4,
    ttl: 30,
    v6: (h) => `2a04:4e42::${hex4(h)}`,
  },
  cloudfront: {
    cnames: (n) =>
      n.endsWith('.cloudfront.net')
        ? []
        : [`d${hashedLabel(n, 13, 'abcdefghijklmnopqrstuvwxyz0123456789')}.cloudfront.net`],
    count: 4,
    ttl: 60,
    v6: (h) => `2600:9000:${hex4(h)}::${hex4(h >>> 16)}`,
  },
  microsoft: {
    cnames: (n) => [`${firstLabel(n)}-${hashedLabel(n, 4)}.trafficmanager.net`],
    count: 2,
    ttl: 120,
    v6: (h) => `2620:1ec:${hex4(h)}::${hex4(h >>> 16)}`,
  },
  azure: { cnames: (n) => [`${firstLabel(n)}-prod.westeurope.cloudapp.azure.com`], count: 1, ttl: 60 },
  meta: {
    cnames: () => ['star-mini.c10r.facebook.com'],
    count: 1,
    ttl: 60,
    v6: (h) => `2a03:2880:f1${hex4(h).slice(0, 2)}::face:b00c`,
  },
  s3: { cnames: () => ['s3-r-w.eu-west-1.amazonaws.com'], count: 1, ttl: 5 },
  aws: { cnames: () => [], count: 2, ttl: 60 },
  apple: { cnames: () => [], count: 1, ttl: 300, v6: (h) => `2a01:b740:a42:${hex4(h)}::1` },
};

const known = new Map<string, Resolution>();

function compute(name: string, provider: Provider): Resolution {
  const s = styles[provider] ?? { cnames: () => [], count: 1, ttl: 300 };
  const h = hashString(name);
  return {
    name,
    provider,
    cnames: s.cnames(name),
    ips: Array.from({ length: s.count }, (_, i) => providerAddress(provider, name, i)),
    v6: s.v6 ? [s.v6(h), s.v6(hashString(name, 1))].slice(0, Math.min(2, s.count)) : [],
    ttl: s.ttl,
  };
}

/** The resolution of a well-known name hosted on `provider` (stable across runs, and cached). */
export function resolveOn(name: string, provider: Provider): Resolution {
  const key = `${provider} ${name}`;
  let r = known.get(key);
  if (!r) {
    // Well-known names are a few hundred; small sites go through resolveSmallSite and are not kept.
    r = compute(name, provider);
    known.set(key, r);
  }
  return r;
}

/** Where a small site lives: a third behind Cloudflare, some on AWS/GCP, most on ordinary hosting. */
export function resolveSmallSite(name: string): Resolution {
  const h = hashString(name, 0x51);
  const pct = h % 100;
  const registered = name.replace(/^(www|shop|blog|cdn|static|img|m)\./, '');
  if (pct < 33) return compute(name, 'cloudflare');
  if (pct < 40) return compute(name, 'aws');
  if (pct < 44) return compute(name, 'gcp');
  return {
    name,
    provider: 'hosting',
    cnames: name === registered ? [] : [registered],
    ips: [hostingAddress(registered)],
    v6: [],
    ttl: h % 3 === 0 ? 14_400 : 3600,
  };
}

/** DNS answer sections for A and AAAA queries of a resolution. */
export function answersOf(r: Resolution): Partial<Record<QType, DnsAnswer>> {
  const cnameTtls = r.cnames.map(() => Math.max(r.ttl, 300));
  return {
    A: { answers: [...r.cnames, ...r.ips], ttls: [...cnameTtls, ...r.ips.map(() => r.ttl)] },
    AAAA: { answers: [...r.cnames, ...r.v6], ttls: [...cnameTtls, ...r.v6.map(() => r.ttl)] },
  };
}
