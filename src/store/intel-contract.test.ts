// The knowledge-base part of the store contract; every backend in `storeBackends` runs it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { matchIndicators } from '../detect/threat-intel/intel-match-query.js';
import { tryIpRange } from '../net/ip-range.js';
import type { EntitySourceRow, IndicatorRow } from './intel-store.js';
import { storeBackends } from './open-store.js';
import { provenanceNames } from './schema/column.js';
import { type TelemetryTableName, telemetryTables } from './schema/tables.js';
import type { BackendName, CellValue, Store } from './store.js';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'mamori-intel-contract-'));
  dirs.push(d);
  return d;
};

const entity = (
  id: string,
  name: string,
  aliases: string[],
  extra: Partial<EntitySourceRow> = {},
): EntitySourceRow => ({
  entityId: id,
  ref: id,
  type: 'intrusion-set',
  name,
  aliases,
  attackIds: [],
  otherRefs: [],
  description: null,
  country: null,
  attrs: null,
  revoked: false,
  deprecated: false,
  url: null,
  published: null,
  tlp: null,
  rank: 4,
  ...extra,
});

const indicator = (type: string, value: string, extra: Partial<IndicatorRow> = {}): IndicatorRow => {
  const r = tryIpRange(value);
  return {
    ref: `ref-${value}`,
    type,
    value,
    port: null,
    ipVersion: r?.v ?? null,
    ipLo: r?.lo ?? null,
    ipHi: r?.hi ?? null,
    validFrom: null,
    validUntil: null,
    confidence: 50,
    tlp: 'green',
    firstSeen: null,
    lastSeen: null,
    description: null,
    pattern: null,
    toIds: true,
    revoked: false,
    indicates: ['actor-1'],
    ...extra,
  };
};

async function importRows(
  s: Store,
  source: string,
  rows: { entities?: EntitySourceRow[]; indicators?: IndicatorRow[] },
) {
  const w = await s.intel.beginImport({ source, kind: 'test', path: `/intel/${source}`, digest: source });
  await w.addEntities(rows.entities ?? []);
  await w.addIndicators(rows.indicators ?? []);
  const refMap = new Map((rows.entities ?? []).map((e) => [e.ref, e.entityId]));
  return w.commit(refMap);
}

describe.each(Object.keys(storeBackends) as BackendName[])('intel store contract: %s', (backend) => {
  const open = (dataDir: string, readOnly = false): Promise<Store> =>
    storeBackends[backend]({ dataDir, readOnly });

  it('merges sources into one entity and one indicator per value, keeping every source', async () => {
    const s = await open(tmp());
    try {
      await importRows(s, 'attack', {
        entities: [
          entity('actor-1', 'menuPass', ['APT10', 'Stone Panda'], { attackIds: ['G0045'], rank: 0 }),
        ],
        indicators: [indicator('domain', 'cloud-maste.com')],
      });
      const c = await importRows(s, 'galaxy', {
        entities: [
          entity('actor-1', 'APT10', ['Granite Taurus', 'stone-panda'], {
            ref: 'uuid:x',
            country: 'CN',
            rank: 3,
          }),
        ],
        indicators: [indicator('domain', 'cloud-maste.com'), indicator('ipv4', '27.102.1.1')],
      });
      expect(c.newEntities).toBe(0);
      expect(c.indicators).toBe(2);
      expect(c.mergedIndicators).toBe(1);
      for (const q of ['apt10', 'STONE PANDA', 'granite taurus', 'G0045', 'menupass']) {
        const found = await s.intel.findEntities(q);
        expect(
          found.map((f) => f.id),
          q,
        ).toEqual(['actor-1']);
      }
      const d = await s.intel.entityDetail('actor-1');
      expect(d?.name).toBe('menuPass');
      expect(d?.country).toBe('CN');
      expect(d?.aliases).toEqual(expect.arrayContaining(['APT10', 'Granite Taurus', 'Stone Panda']));
      expect(d?.sources).toEqual(['attack', 'galaxy']);
      const hit = await s.intel.searchIndicators({
        type: 'domain',
        value: 'cloud-maste.com',
        ipVersion: null,
        ipLo: null,
        ipHi: null,
      });
      expect(hit[0]?.sources.map((x) => x.source)).toEqual(['attack', 'galaxy']);
      expect(hit[0]?.entities[0]?.name).toBe('menuPass');
    } finally {
      await s.close();
    }
  });

  it('re-importing a source replaces it; an aborted import leaves the store as it was', async () => {
    const s = await open(tmp());
    try {
      await importRows(s, 'list', {
        entities: [entity('actor-1', 'APT10', [])],
        indicators: [indicator('ipv4', '192.0.2.1')],
      });
      await importRows(s, 'list', {
        entities: [entity('actor-1', 'APT10', [])],
        indicators: [indicator('ipv4', '192.0.2.2')],
      });
      const w = await s.intel.beginImport({ source: 'list', kind: 'test', path: '/x', digest: 'y' });
      await w.addIndicators([indicator('ipv4', '192.0.2.3')]);
      await w.abort();
      const st = await s.intel.stats();
      expect(st.indicators).toEqual([{ type: 'ipv4', count: 1, warninglisted: 0 }]);
      const hit = await s.intel.searchIndicators({
        type: 'ipv4',
        value: '192.0.2.2',
        ipVersion: null,
        ipLo: null,
        ipHi: null,
      });
      expect(hit).toHaveLength(1);
    } finally {
      await s.close();
    }
  });

  it('flags warninglisted values and never matches them; matches IPs, CIDRs, subdomains, hashes within validity', async () => {
    const s = await open(tmp());
    try {
      const w = await s.intel.beginImport({ source: 'wl', kind: 'warninglist', path: '/wl', digest: 'wl' });
      const r = tryIpRange('8.8.8.0/24');
      await w.addWarninglist({
        name: 'public-dns-v4',
        description: 'resolvers',
        version: '1',
        matchType: 'cidr',
        category: 'false-positive',
        matchingAttributes: ['ip-dst'],
        scope: ['ipv4', 'ipv6', 'cidr'],
        suppresses: true,
        entries: [{ value: '8.8.8.0/24', ipVersion: 4, ipLo: r?.lo ?? null, ipHi: r?.hi ?? null }],
      });
      await w.addWarninglist({
        name: 'top-domains',
        description: 'popular',
        version: '1',
        matchType: 'hostname',
        category: 'false-positive',
        matchingAttributes: ['domain'],
        scope: ['domain', 'url'],
        suppresses: true,
        entries: [{ value: 'google.com', ipVersion: null, ipLo: null, ipHi: null }],
      });
      await w.commit(new Map());
      const c = await importRows(s, 'iocs', {
        entities: [entity('actor-1', 'APT10', [])],
        indicators: [
          indicator('ipv4', '8.8.8.8'),
          indicator('domain', 'mail.google.com'),
          indicator('email', 'attacker@google.com'),
          indicator('ipv4', '203.0.113.66'),
          indicator('cidr', '198.51.100.0/24'),
          indicator('domain', 'evil.example'),
          indicator('sha256', 'a'.repeat(64)),
          indicator('ipv4', '192.0.2.50', { validUntil: '2020-01-01T00:00:00Z' }),
          indicator('ipv4', '192.0.2.80', { port: 8443 }),
        ],
      });
      expect(c.warninglisted).toBe(2);
      expect(c.warninglistedExamples.map((e) => e.value)).toEqual(['8.8.8.8', 'mail.google.com']);
      // Telemetry through the batch API, as ingest writes it.
      const ts = BigInt(Date.parse('2024-04-19T10:00:00Z')) * 1000n;
      const b = await s.beginBatch({ sensor: 'test', sourceFile: '/logs/x', engine: 'zeek' });
      const put = async (table: TelemetryTableName, rows: Record<string, CellValue>[]) => {
        await b.prepare(table);
        const cols = telemetryTables[table].columns.filter((c) => !provenanceNames.has(c.name));
        for (const r of rows)
          b.append(
            table,
            cols.map((c) => (c.name === 'ts' ? ts : (r[c.name] ?? null))),
            null,
          );
      };
      const conn = (uid: string, orig: string, resp: string, port: number) => ({
        uid,
        orig_h: orig,
        resp_h: resp,
        resp_p: port,
      });
      await put('conn', [
        conn('C1', '10.0.0.5', '203.0.113.66', 443),
        conn('C2', '10.0.0.5', '203.0.113.66', 443),
        conn('C3', '10.0.0.6', '198.51.100.7', 80),
        conn('C4', '10.0.0.7', '8.8.8.8', 53),
        conn('C5', '10.0.0.8', '192.0.2.50', 80),
        conn('C6', '10.0.0.8', '192.0.2.80', 80),
        conn('C7', '10.0.0.8', '192.0.2.80', 8443),
      ]);
      const dns = (uid: string, query: string, answers: string[]) => ({
        uid,
        orig_h: '10.0.0.9',
        resp_h: '10.0.0.1',
        query,
        answers,
      });
      await put('dns', [
        dns('D1', 'a.b.evil.example', ['203.0.113.66']),
        dns('D2', 'notevil.example', []),
        dns('D3', 'mail.google.com', []),
      ]);
      await put('files', [
        { fuid: 'F1', orig_h: '10.0.0.9', resp_h: '203.0.113.66', sha256: 'A'.repeat(64) },
      ]);
      await b.commit();
      const m = await matchIndicators(s);
      const got = m.map((x) => `${x.field} ${x.observed} ${x.count}`).sort();
      expect(got).toEqual([
        'conn.resp_h 192.0.2.80 1',
        'conn.resp_h 198.51.100.7 1',
        'conn.resp_h 203.0.113.66 2',
        'dns.answers 203.0.113.66 1',
        'dns.query a.b.evil.example 1',
        `files.sha256 ${'a'.repeat(64)} 1`,
      ]);
      expect(m.every((x) => x.entities.some((e) => e.name === 'APT10'))).toBe(true);
      const only = await matchIndicators(s, { sources: ['nothing'] });
      expect(only).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('profiles actors in bulk: techniques, software (own and via campaigns), targeting; software users', async () => {
    const s = await open(tmp());
    try {
      const w = await s.intel.beginImport({ source: 'attack', kind: 'test', path: '/a', digest: 'a' });
      await w.addEntities([
        entity('actor-1', 'menuPass', ['APT10'], {
          attackIds: ['G0045'],
          country: 'CN',
          attrs: JSON.stringify({
            'cfr-target-category': ['Government'],
            'cfr-suspected-victims': ['Japan'],
          }),
        }),
        entity('actor-2', 'Old Group', [], { revoked: true }),
        entity('malware-1', 'PlugX', ['Korplug'], { type: 'malware', attackIds: ['S0013'] }),
        entity('malware-2', 'ChChes', [], { type: 'malware' }),
        entity('tech-1', 'Web Protocols', [], { type: 'attack-pattern', attackIds: ['T1071.001'] }),
        entity('tech-2', 'Data Staged', [], { type: 'attack-pattern', attackIds: ['T1074'] }),
        entity('camp-1', 'Cloud Hopper 2016', [], { type: 'campaign' }),
      ]);
      const rel = (sourceRef: string, type: string, targetRef: string) => ({
        sourceRef,
        type,
        targetRef,
        description: null,
        firstSeen: null,
        lastSeen: null,
      });
      await w.addRelationships([
        rel('actor-1', 'uses', 'malware-1'),
        rel('actor-1', 'uses', 'tech-1'),
        rel('actor-2', 'uses', 'malware-1'),
        rel('camp-1', 'attributed-to', 'actor-1'),
        rel('camp-1', 'uses', 'malware-2'),
        rel('camp-1', 'uses', 'tech-2'),
      ]);
      const ids = ['actor-1', 'actor-2', 'malware-1', 'malware-2', 'tech-1', 'tech-2', 'camp-1'];
      await w.commit(new Map(ids.map((i) => [i, i])));
      const p = await s.intel.actorProfiles();
      expect(p.actors.map((a) => a.id)).toEqual(['actor-1']);
      expect(p.actors[0]).toMatchObject({
        name: 'menuPass',
        aliases: ['APT10'],
        attackId: 'G0045',
        country: 'CN',
        techniques: ['T1071.001', 'T1074'],
        software: ['malware-1', 'malware-2'],
        targetSectors: ['Government'],
        targetCountries: ['Japan'],
      });
      const users = Object.fromEntries(p.software.map((x) => [x.name, x.users]));
      expect(users).toEqual({ PlugX: ['actor-1'], ChChes: ['actor-1'] });
      expect(p.software.find((x) => x.name === 'PlugX')?.attackId).toBe('S0013');
      expect(p.campaigns).toEqual([{ id: 'camp-1', name: 'Cloud Hopper 2016', actors: ['actor-1'] }]);
    } finally {
      await s.close();
    }
  });
});
