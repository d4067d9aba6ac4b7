// The simulator's addresses against the real MISP warninglists: intrusion servers are never on a
// benign list (or the central down-weighting would hide them), and the background's popular sites
// sit inside their providers' published ranges and top-site lists, as in a real office.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { warninglistSuppresses } from '../../src/domain/warninglist-roles.js';
import { headSites } from '../../src/sim/catalog/head-sites.js';
import { lookalikeDomain } from '../../src/sim/catalog/names.js';
import { resolveOn } from '../../src/sim/catalog/resolve.js';
import { intrusionAddress, ipToInt, type Provider, providerAddress } from '../../src/sim/net/addresses.js';
import { Rng } from '../../src/sim/random.js';
import { simulate } from '../../src/sim/simulate.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { tempDir } from './sim-helpers.js';

interface List {
  readonly name: string;
  readonly type: string;
  readonly list: readonly string[];
}

function lists(): List[] {
  const dir = sharedData('intel/misp-warninglists');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f !== 'schema.json')
    .map((f) => ({
      ...(JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Omit<List, 'name'>),
      name: f.slice(0, -5),
    }))
    .filter((l) => Array.isArray(l.list));
}

function ranges(l: List): [number, number][] {
  return l.list
    .filter((c) => /^\d+\.\d+\.\d+\.\d+(\/\d+)?$/.test(c))
    .map((c) => {
      const [ip, bits = '32'] = c.split('/');
      const size = 2 ** (32 - Number(bits));
      const lo = (ipToInt(ip as string) & ~(size - 1)) >>> 0;
      return [lo, lo + size - 1];
    });
}

/** Sorted, merged ranges, searched by bisection (the lists hold 100,000 ranges). */
function merged(rs: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const r of [...rs].sort((x, y) => x[0] - y[0])) {
    const last = out[out.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else out.push([r[0], r[1]]);
  }
  return out;
}

function inRanges(rs: readonly [number, number][], ip: string): boolean {
  const n = ipToInt(ip);
  let lo = 0;
  let hi = rs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [a, b] = rs[mid] as [number, number];
    if (n < a) hi = mid - 1;
    else if (n > b) lo = mid + 1;
    else return true;
  }
  return false;
}

/** Names as mamori matches them: hostname lists match the name and its parents, others exact values. */
interface NameLists {
  readonly hostnames: ReadonlySet<string>;
  readonly exact: ReadonlySet<string>;
}

function nameLists(ls: readonly List[]): NameLists {
  const values = (type: (t: string) => boolean) =>
    new Set(
      ls.filter((l) => type(l.type)).flatMap((l) => l.list.map((v) => v.toLowerCase().replace(/^\*?\./, ''))),
    );
  return { hostnames: values((t) => t === 'hostname'), exact: values((t) => t === 'string') };
}

function onNameList(names: NameLists, host: string): boolean {
  const h = host.toLowerCase();
  if (names.exact.has(h)) return true;
  const labels = h.split('.');
  for (let i = 0; i < labels.length; i++) if (names.hostnames.has(labels.slice(i).join('.'))) return true;
  return false;
}

describeWithSharedData('simulated addresses against the MISP warninglists', () => {
  // Read in beforeAll: without the shared data this block is only listed, never run.
  let all: List[] = [];
  let benign: List[] = [];
  let benignNames: ReturnType<typeof nameLists>;
  beforeAll(() => {
    all = lists();
    benign = all.filter((l) => warninglistSuppresses(l.name));
    benignNames = nameLists(benign);
  });
  const dir = tempDir('warninglists');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('puts intrusion servers on no benign address list', () => {
    const benignRanges = merged(benign.flatMap(ranges));
    const rng = new Rng(2024);
    const taken = new Set<string>();
    const hits = Array.from({ length: 5000 }, () => intrusionAddress(rng, taken)).filter((ip) =>
      inRanges(benignRanges, ip),
    );
    expect(hits).toEqual([]);
  });

  it('gives C2 names that no benign name list holds', () => {
    const rng = new Rng(7);
    const hits = Array.from({ length: 2000 }, () => lookalikeDomain(rng).host).filter((h) =>
      onNameList(benignNames, h),
    );
    expect(hits).toEqual([]);
  });

  it('labels no endpoint of any intrusion that a benign list would excuse', async () => {
    const benignRanges = merged(benign.flatMap(ranges));
    for (let seed = 1; seed <= 8; seed++) {
      const out = path.join(dir, String(seed));
      const t = await simulate({
        out,
        scenario: 'apt+commodity+dns-tunnel+dga',
        hosts: 0,
        hours: 3,
        seed,
        exfilMb: 0,
      });
      const hits = t.maliciousEndpoints.filter((e) =>
        /^\d+\.\d+\.\d+\.\d+$/.test(e) ? inRanges(benignRanges, e) : onNameList(benignNames, e),
      );
      expect(hits, `seed ${seed}`).toEqual([]);
    }
  });

  it('places popular sites inside their providers published ranges', () => {
    const listOf: Partial<Record<Provider, string>> = {
      cloudflare: 'cloudflare',
      akamai: 'akamai',
      fastly: 'fastly',
      cloudfront: 'amazon-aws',
      aws: 'amazon-aws',
      s3: 'amazon-aws',
      azure: 'microsoft-azure',
      gcp: 'google-gcp',
    };
    let checked = 0;
    for (const [provider, listName] of Object.entries(listOf)) {
      const rs = merged(ranges(all.find((l) => l.name === listName) as List));
      for (let i = 0; i < 50; i++) {
        const ip = providerAddress(provider as Provider, `site-${i}.example`);
        expect(inRanges(rs, ip), `${provider} ${ip}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBe(400);
    for (const s of headSites)
      for (const ip of resolveOn(s.name, s.provider).ips) expect(ip).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
  });

  it('uses real top sites for the popular head of browsing', () => {
    const top = nameLists(
      all.filter((l) => ['tranco10k', 'majestic_million', 'cisco_top5k', 'alexa'].includes(l.name)),
    );
    const known = headSites.filter((s) => onNameList(top, s.name));
    expect(known.length / headSites.length).toBeGreaterThan(0.9);
  });
});
