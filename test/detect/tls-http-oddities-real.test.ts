// The tls-http-oddities detector on labelled real captures: RITA's Host-less beacon, Kovter's POSTs
// and self-signed C2 (TLS and HTTP logs only, no conn log), Trickbot's OpenSSL-default certificates,
// and a competition network full of invalid certificates that must stay quiet.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runDetectors } from '../../src/detect/run-detectors.js';
import type { Finding } from '../../src/domain/finding.js';
import { ingestPaths } from '../../src/ingest/ingest-paths.js';
import { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'mamori-odd-real-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Ingests the files into a fresh store and runs the detector with the given internal networks. */
async function findingsOf(
  name: string,
  files: readonly string[],
  internal?: readonly string[],
): Promise<Finding[]> {
  const store = await DuckDBStore.open({ dataDir: path.join(dir, name) });
  try {
    await ingestPaths(files, { store, sensor: name, tmpDir: path.join(dir, `${name}-tmp`) });
    return [...(await runDetectors({ store, only: ['tls-http-oddities'], internal })).findings];
  } finally {
    await store.close();
  }
}

const medium = (f: Finding) => f.score >= 0.5;

describeWithSharedData('tls-http-oddities on real captures', () => {
  it('finds RITA’s beacon by its missing Host and misspelt user agent when the client is inside', async () => {
    const root = sharedData('zeek/rita-missing-host-beacon');
    const http = readdirSync(root).flatMap((d) =>
      readdirSync(path.join(root, d))
        .filter((f) => f.startsWith('http.'))
        .map((f) => path.join(root, d, f)),
    );
    const found = await findingsOf('mhb', http, ['73.54.23.243/32']);
    expect(found.map((f) => `${f.host}>${f.endpointIp}`)).toEqual(['73.54.23.243>64.225.56.201']);
    const [beacon] = found;
    expect(beacon?.severity).toBe('medium');
    expect(beacon?.stats['missingHost']).toBe(950);
    expect(beacon?.stats['rareUserAgent']).toBe(950);
    expect(beacon?.stats['userAgent']).toBe('Modzilla/0.0001 (Atari 7800)');
  });

  it('reports Kovter’s four HTTP C2 servers as medium from http.log alone, and its self-signed TLS server', async () => {
    const data = sharedData('zeek/stratosphere/009-zeek-malicious/data');
    const found = await findingsOf(
      'kovter',
      ['http', 'ssl', 'x509'].map((t) => path.join(data, `${t}.log.labeled`)),
    );
    expect(found.every((f) => f.host === '192.168.1.113')).toBe(true);
    expect(
      found
        .filter(medium)
        .map((f) => f.endpointIp)
        .sort(),
    ).toEqual(['189.241.104.183', '189.90.217.247', '198.36.88.21', '82.245.149.235']);
    const tls = found.find((f) => f.endpointIp === '91.82.226.222');
    expect(tls?.stats['oddities']).toEqual(['selfSigned', 'noSni']);
  });

  it('reports Trickbot’s port-449 servers with OpenSSL default certificates, and nothing inside', async () => {
    const data = sharedData('zeek/mta-trickbot-2018-11-09-week');
    const found = await findingsOf(
      'trickbot',
      ['ssl', 'x509', 'http'].map((t) => path.join(data, `${t}.log`)),
    );
    const c2 = found.filter((f) => (f.stats['ports'] as string[]).includes('449'));
    expect(c2.length).toBeGreaterThanOrEqual(10);
    expect(c2.every((f) => medium(f) && (f.stats['oddities'] as string[]).includes('placeholderCert'))).toBe(
      true,
    );
    expect(found.some((f) => f.endpointIp?.startsWith('172.16.'))).toBe(false);
  });

  it('stays quiet on WRCCDC’s internal self-signed servers and outbound unvalidated chains', async () => {
    const data = sharedData('zeek/zed-wrccdc2018/zeek-default');
    const found = await findingsOf(
      'wrccdc',
      ['ssl', 'x509'].map((t) => path.join(data, `${t}.log.gz`)),
    );
    expect(found).toEqual([]);
  });
});
