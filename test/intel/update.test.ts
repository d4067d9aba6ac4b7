// `intel update` end to end against a loopback HTTP server serving the shared files with ETags.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { updateIntel } from '../../src/intel/update-intel.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

const served: Record<string, string> = {
  '/attack/enterprise-attack.json': 'intel/mitre-attack/menuPass-G0045-subset.stix20.json',
  '/galaxy/threat-actor.json': 'intel/misp-galaxy/clusters/threat-actor.json',
  '/warninglists/public-dns-v4/list.json': 'intel/misp-warninglists/public-dns-v4.json',
};

describeWithSharedData('intel update from a loopback server', () => {
  let dir: string;
  let server: Server;
  let base: string;
  let fullResponses = 0;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-update-'));
    server = createServer((req, res) => {
      const rel = served[req.url ?? ''];
      if (!rel) {
        res.writeHead(404).end();
        return;
      }
      const body = readFileSync(sharedData(rel));
      const etag = `"${createHash('sha256').update(body).digest('hex').slice(0, 16)}"`;
      if (req.headers['if-none-match'] === etag) {
        res.writeHead(304, { ETag: etag }).end();
        return;
      }
      fullResponses++;
      res.writeHead(200, { ETag: etag, 'Content-Type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    writeFileSync(
      path.join(dir, 'sources.json'),
      JSON.stringify({
        replaceDefaults: true,
        sources: [
          { id: 'attack-enterprise', url: `${base}/attack/enterprise-attack.json` },
          { id: 'galaxy-threat-actor', url: `${base}/galaxy/threat-actor.json` },
          { id: 'warninglist-public-dns-v4', url: `${base}/warninglists/public-dns-v4/list.json` },
        ],
      }),
    );
  });
  afterAll(() => {
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads and imports, then revalidates with ETags; offline it fails once and keeps the knowledge', async () => {
    const dataDir = path.join(dir, 'data');
    const sourcesFile = path.join(dir, 'sources.json');
    let store = await DuckDBStore.open({ dataDir });
    try {
      const first = await updateIntel({ store, dataDir, sourcesFile });
      expect(first.fetched.map((f) => f.status)).toEqual(['downloaded', 'downloaded', 'downloaded']);
      expect(first.imports.map((o) => `${o.source}:${o.status}`).sort()).toEqual([
        'attack-enterprise:imported',
        'galaxy-threat-actor:imported',
        'warninglist-public-dns-v4:imported',
      ]);
      expect(fullResponses).toBe(3);
      const second = await updateIntel({ store, dataDir, sourcesFile });
      expect(second.fetched.map((f) => f.status)).toEqual(['not-modified', 'not-modified', 'not-modified']);
      expect(fullResponses).toBe(3);
      const found = await store.intel.findEntities('Stone Panda');
      expect(found[0]?.name).toBe('menuPass');
    } finally {
      await store.close();
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
    store = await DuckDBStore.open({ dataDir });
    try {
      const before = await store.intel.stats();
      await expect(updateIntel({ store, dataDir, sourcesFile })).rejects.toThrow(/attack-enterprise/);
      expect(await store.intel.stats()).toEqual(before);
      const offline = await updateIntel({ store, dataDir, sourcesFile, offline: true });
      expect(offline.fetched.map((f) => f.status)).toEqual(['cached', 'cached', 'cached']);
    } finally {
      await store.close();
    }
  });
});
