import { assetProviders, headSites, thirdParties } from '../catalog/head-sites.js';
import { hashedLabel, longTailDomain, typoName } from '../catalog/names.js';
import { resolveOn, resolveSmallSite } from '../catalog/resolve.js';
import { cumulative, hashString, type Rng } from '../random.js';
import type { SimContext } from '../sim-context.js';
import type { HostProfile } from './host-profile.js';
import { httpTo, tlsTo, webSizes } from './web.js';

const headWeights = cumulative(headSites.map((_, i) => 1 / (i + 4)));
const alphanumeric = 'abcdefghijklmnopqrstuvwxyz0123456789';

const ocspServers = [
  ['ocsp.digicert.com', 'akamai'],
  ['ocsp.pki.goog', 'google'],
  ['r3.o.lencr.org', 'akamai'],
  ['ocsp.sectigo.com', 'cloudflare'],
] as const;

/** The third parties a site embeds: always the same ones for the same site. */
function embedsOf(name: string, count: number): (readonly [string, (typeof thirdParties)[number][1]])[] {
  const h = hashString(name, 3);
  return Array.from(
    { length: count },
    (_, i) => thirdParties[(h + i * 7919) % thirdParties.length] as (typeof thirdParties)[number],
  );
}

function revocationAgent(p: HostProfile): string {
  return p.os === 'windows'
    ? 'Microsoft-CryptoAPI/10.0'
    : p.os === 'mac'
      ? 'com.apple.trustd/2.0'
      : p.userAgent;
}

/** A certificate status check over plain HTTP, as browsers and the OS do while browsing. */
export function ocspCheck(ctx: SimContext, rng: Rng, p: HostProfile, ts: number): void {
  const [name, provider] = rng.pick(ocspServers);
  httpTo(ctx, rng, p, ts, resolveOn(name, provider), {
    lookupChance: 0.3,
    duration: rng.logNormal(0.08, 0.5),
    exchange: {
      method: 'GET',
      uri: `/MFEwTzBNMEswSTAJBgUrDgMCGgUABBQ${rng.base62(20)}BBQ${rng.base62(24)}%3D`,
      userAgent: revocationAgent(p),
      reqLen: 0,
      respLen: rng.int(1300, 2300),
      status: 200,
      respMime: 'application/ocsp-response',
    },
  });
}

function visitHead(ctx: SimContext, rng: Rng, p: HostProfile, at: number): void {
  let ts = at;
  const site =
    headSites[rng.chance(0.35) ? rng.pick(p.favourites) : rng.weighted(headWeights)] ?? headSites[0];
  if (!site) return;
  if (rng.chance(0.015)) {
    // A mistyped address first: NXDOMAIN, then the right one a few seconds later.
    ctx.traffic.lookup(rng, {
      ts,
      client: ctx.traffic.dnsClient(p.ip, p.proxied),
      name: typoName(rng, site.name),
      qtypes: p.qtypes,
      rcode: 3,
    });
    ts += rng.uniform(2, 8);
  }
  tlsTo(ctx, rng, p, ts, resolveOn(site.name, site.provider), {
    lookupChance: 0.3,
    ...webSizes(rng, 40_000),
  });
  for (const a of site.assets) {
    if (!rng.chance(0.8) || a === site.name) continue;
    const r = resolveOn(a, assetProviders[a] ?? site.provider);
    tlsTo(ctx, rng, p, ts + rng.uniform(0.1, 1.2), r, { lookupChance: 0.2, ...webSizes(rng, 15_000) });
  }
  // CDN host names with hashed labels, which look random but are everyday traffic.
  if (hashString(site.name, 5) % 3 === 0) {
    const cdn = `d${hashedLabel(site.name, 13, alphanumeric)}.cloudfront.net`;
    tlsTo(ctx, rng, p, ts + rng.uniform(0.1, 1), resolveOn(cdn, 'cloudfront'), {
      lookupChance: 0.2,
      ...webSizes(rng, 30_000),
    });
  }
  if (site.name === 'www.youtube.com') {
    for (let i = rng.int(1, 3); i > 0; i--) {
      const k = rng.int(1, 8);
      const video = `r${k}---sn-${hashedLabel(`${ctx.seed} sn ${k}`, 8, alphanumeric)}.googlevideo.com`;
      tlsTo(ctx, rng, p, ts + rng.uniform(1, 5), resolveOn(video, 'google'), {
        lookupChance: 0.5,
        ...webSizes(rng, 3e6),
      });
    }
  }
  for (const [name, provider] of embedsOf(site.name, 3)) {
    if (!rng.chance(0.5)) continue;
    tlsTo(ctx, rng, p, ts + rng.uniform(0.2, 2), resolveOn(name, provider), {
      lookupChance: 0.2,
      ...webSizes(rng, 8000),
    });
  }
}

const pageAssets = [
  ['/css/style.css', 'text/plain'],
  ['/js/main.js', 'text/plain'],
  ['/images/header.jpg', 'image/jpeg'],
  ['/wp-content/uploads/2016/05/photo.jpg', 'image/jpeg'],
  ['/favicon.ico', 'image/x-icon'],
  ['/img/logo.png', 'image/png'],
] as const;

const downloads = [
  ['/files/brochure.pdf', 'application/pdf', 'brochure.pdf'],
  ['/download/catalogue-2016.pdf', 'application/pdf', 'catalogue-2016.pdf'],
  ['/downloads/setup.zip', 'application/zip', 'setup.zip'],
  [
    '/media/price-list.xlsx',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'price-list.xlsx',
  ],
] as const;

function visitSmall(ctx: SimContext, rng: Rng, p: HostProfile, ts: number): void {
  const regular = rng.chance(0.5);
  const domain = regular ? rng.pick(p.regulars) : longTailDomain(rng);
  const h = hashString(domain, 11);
  const r = resolveSmallSite(h % 10 < 6 ? `www.${domain}` : domain);
  const lookupChance = regular ? 0.6 : 1;
  if (h % 100 < 15) {
    // A site still served over plain HTTP: the page, then a few of its files.
    httpTo(ctx, rng, p, ts, r, {
      lookupChance,
      duration: rng.logNormal(0.4, 0.8),
      exchange: {
        method: 'GET',
        uri: '/',
        userAgent: p.userAgent,
        reqLen: 0,
        respLen: Math.round(rng.logNormal(18_000, 0.8)),
        status: 200,
        respMime: 'text/html',
      },
    });
    for (let i = rng.int(1, 3); i > 0; i--) {
      const [uri, mime] = rng.pick(pageAssets);
      httpTo(ctx, rng, p, ts + rng.uniform(0.2, 2), r, {
        lookupChance: 0,
        duration: rng.logNormal(0.3, 0.8),
        exchange: {
          method: 'GET',
          uri,
          referrer: `http://${r.name}/`,
          userAgent: p.userAgent,
          reqLen: 0,
          respLen: Math.round(rng.logNormal(25_000, 1)),
          status: 200,
          respMime: mime,
        },
      });
    }
    if (rng.chance(0.03)) {
      const [uri, mime, filename] = rng.pick(downloads);
      httpTo(ctx, rng, p, ts + rng.uniform(5, 60), r, {
        lookupChance: 0,
        duration: rng.logNormal(3, 0.8),
        exchange: {
          method: 'GET',
          uri,
          referrer: `http://${r.name}/`,
          userAgent: p.userAgent,
          reqLen: 0,
          respLen: Math.round(rng.logNormal(900_000, 1)),
          status: 200,
          respMime: mime,
          filename,
          hashes: { md5: rng.hex(32), sha1: rng.hex(40), sha256: rng.hex(64) },
        },
      });
    }
  } else {
    tlsTo(ctx, rng, p, ts, r, { lookupChance, ...webSizes(rng, 30_000) });
    if (rng.chance(0.5))
      tlsTo(ctx, rng, p, ts + rng.uniform(0.2, 1.5), r, { lookupChance: 0, ...webSizes(rng, 20_000) });
  }
  for (const [name, provider] of embedsOf(domain, 2)) {
    if (rng.chance(0.6))
      tlsTo(ctx, rng, p, ts + rng.uniform(0.3, 2), resolveOn(name, provider), {
        lookupChance: 0.3,
        ...webSizes(rng, 8000),
      });
  }
}

/** One page view: mostly popular sites, otherwise the long tail of small ones. */
export function browse(ctx: SimContext, rng: Rng, p: HostProfile, ts: number): void {
  if (rng.chance(0.78)) visitHead(ctx, rng, p, ts);
  else visitSmall(ctx, rng, p, ts);
  if (rng.chance(0.05)) ocspCheck(ctx, rng, p, ts + rng.uniform(0, 0.5));
}
