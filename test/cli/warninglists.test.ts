import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import type { Incident } from '../../src/domain/incident.js';
import { noSnapshotEnv } from '../../src/intel/warninglists/seed-snapshot.js';
import { zeekHeaderLines } from '../../src/sim/zeek-writer.js';
import { openStore } from '../../src/store/open-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-wl-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => vi.unstubAllEnvs());

/** One conn row: enough for a store with telemetry, and no finding. */
function tinyLogs(name: string): string {
  const logs = join(dir, name);
  mkdirSync(logs);
  writeFileSync(
    join(logs, 'conn.log'),
    `${zeekHeaderLines('conn', ['ts', 'uid', 'id.orig_h', 'id.orig_p', 'id.resp_h', 'id.resp_p', 'proto'], ['time', 'string', 'addr', 'port', 'addr', 'port', 'enum']).join('\n')}\n1700000000.000000\tCh\t10.0.0.1\t1\t8.8.8.8\t53\tudp\n`,
  );
  return logs;
}

/** A port on loopback that nothing listens on. */
async function closedPort(): Promise<number> {
  const s = http.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

function incident(id: string): Incident {
  const server = {
    key: 'c2',
    role: 'c2' as const,
    ips: ['45.124.24.10'],
    domains: ['update.evil-example.biz'],
    ports: [443],
    protocols: ['tls'],
    first: '2016-06-01T00:00:00Z',
    last: '2016-06-02T00:00:00Z',
    bytesOut: 10,
    bytesIn: 20,
    mergedBy: [],
    warninglists: [],
  };
  return {
    id,
    summary: '1 internal host beaconed to update.evil-example.biz',
    hosts: [
      {
        ip: '10.0.0.7',
        firstCompromise: '2016-06-01T00:00:00Z',
        lastActivity: '2016-06-02T00:00:00Z',
        findings: 1,
        bytesOut: 10,
        bytesIn: 20,
      },
    ],
    servers: [server],
    firstSeen: '2016-06-01T00:00:00Z',
    lastSeen: '2016-06-02T00:00:00Z',
    bytesOut: 10,
    bytesIn: 20,
    techniques: [],
    score: 0.8,
    severity: 'high',
    links: [],
    findings: [],
    timeline: [],
  };
}

describe('warninglists in hunt, detect, intel update and intel search', () => {
  const data = join(dir, 'data');

  it('13.2: hunt on a fresh store installs the shipped snapshot and names it', async () => {
    const r = await run('hunt', '--data', data, '--no-progress', tinyLogs('logs-a'));
    expect(r.code).toBe(0);
    // Either "warninglists: shipped snapshot of …" or, once it is 90 days old, the warning naming it.
    expect(r.out).toMatch(/shipped snapshot of 2026-08-20[ ,(]+23 lists/);
    const lines = r.out.split('\n').filter((l) => /warninglists/i.test(l));
    expect(lines).toHaveLength(1);
    const stats = await run('intel', 'stats', '--data', data);
    expect(stats.out).toMatch(/warninglists: shipped snapshot of 2026-08-20 \(23 lists\), [\d,]+ entries/);
  }, 120_000);

  it('13.2: detect --json reports the warninglists it ran with', async () => {
    const r = await run('detect', '--data', data, '--json');
    expect(r.code).toBe(0);
    const wl = JSON.parse(r.out).warninglists;
    expect(wl.snapshot).toEqual({ lists: 23, date: '2026-08-20' });
    expect(wl.asOf).toBe('2026-08-20');
  }, 120_000);

  it('13.2: without the snapshot, hunt and detect say in one line that none are installed and how to get them', async () => {
    vi.stubEnv(noSnapshotEnv, '1');
    const empty = join(dir, 'data-empty');
    const r = await run('hunt', '--data', empty, '--no-progress', tinyLogs('logs-b'));
    expect(r.code).toBe(0);
    const line = r.out.split('\n').find((l) => l.startsWith('No warninglists are installed'));
    expect(line).toMatch(/mamori intel update.*mamori intel import DIR.*DIR\/lists\/<name>\/list\.json/);
    const d = JSON.parse((await run('detect', '--data', empty, '--json')).out).warninglists;
    expect(d.lists).toBe(0);
    expect(d.warning).toMatch(/^No warninglists are installed/);
  }, 120_000);

  it('13.2: intel update that reaches no host prints one line, and JSON on stdout with --json; exit 1', async () => {
    const port = await closedPort();
    const sources = join(dir, 'sources.json');
    writeFileSync(
      sources,
      JSON.stringify({
        replaceDefaults: true,
        sources: ['a', 'b', 'c'].map((id) => ({ id, url: `http://127.0.0.1:${port}/${id}.json` })),
      }),
    );
    const r = await run('intel', 'update', '--data', data, '--sources', sources);
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err.split('\n')).toHaveLength(1);
    expect(r.err).toMatch(
      new RegExp(
        `^mamori: cannot reach 127\\.0\\.0\\.1:${port} \\(connection refused\\): 3 of 3 sources not fetched`,
      ),
    );
    expect(r.err).toContain('mamori intel import DIR');
    const j = await run('intel', 'update', '--data', data, '--sources', sources, '--json');
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({
      ok: false,
      error: {
        code: 'E_NETWORK',
        unreachable: [{ host: `127.0.0.1:${port}`, reason: 'connection refused' }],
        notFetched: 3,
        sources: 3,
      },
    });
  });

  it('13.2: intel import DIR takes a mirror in the layout the offline error names, every list kept', async () => {
    const mirror = join(dir, 'mirror');
    const list = (name: string, entry: string) =>
      JSON.stringify({
        description: name,
        list: [entry],
        matching_attributes: ['ip-dst'],
        name,
        type: 'cidr',
        version: 1,
      });
    for (const [name, entry] of [
      ['net-a', '192.0.2.0/25'],
      ['net-b', '192.0.2.128/25'],
    ] as const) {
      mkdirSync(join(mirror, 'lists', name), { recursive: true });
      writeFileSync(join(mirror, 'lists', name, 'list.json'), list(name, entry));
    }
    writeFileSync(join(mirror, 'net-c.json'), list('net-c', '198.51.100.0/24'));
    const own = join(dir, 'data-mirror');
    const r = await run('intel', 'import', '--data', own, '--json', mirror);
    expect(r.code).toBe(0);
    const stats = JSON.parse((await run('intel', 'stats', '--data', own, '--json')).out);
    // Each lists/<name>/list.json is a source of its own: the second no longer replaces the first.
    expect(stats.warninglists.map((w: { name: string }) => w.name)).toEqual(['net-a', 'net-b', 'net-c']);
    expect(stats.warninglistStatus.imported.lists).toBe(3);
  });

  it('13.6: intel search reports warninglist membership of a value that is no indicator', async () => {
    const r = await run('intel', 'search', '--data', data, '8.8.8.8');
    expect(r.code).toBe(0);
    expect(r.out).toContain('8.8.8.8 (ipv4): not an indicator in the knowledge base');
    expect(r.out).toMatch(/on warninglists: public-dns-v4 \(benign/);
    const j = JSON.parse((await run('intel', 'search', '--data', data, '--json', '8.8.8.8')).out);
    expect(j.hits).toEqual([]);
    expect(j.warninglists.lists).toContainEqual({ name: 'public-dns-v4', benign: true });
    expect(j.warninglists.consulted).toMatch(/shipped snapshot of 2026-08-20/);
    expect(j.incidents).toEqual([]);
  });

  it('13.6: intel search lists the stored incidents a value appears in, as host or server', async () => {
    const store = await openStore({ dataDir: data });
    try {
      const runId = await store.saveFindings({ detectors: [] }, []);
      await store.saveIncidents(runId, [{ incident: incident('INC-0000c0de'), attribution: null }]);
    } finally {
      await store.close();
    }
    const byName = JSON.parse(
      (await run('intel', 'search', '--data', data, '--json', 'evil-example.biz')).out,
    );
    expect(byName.incidents).toEqual([expect.objectContaining({ id: 'INC-0000c0de', as: ['server'] })]);
    const byHost = await run('intel', 'search', '--data', data, '10.0.0.7');
    expect(byHost.code).toBe(0);
    expect(byHost.out).toMatch(
      /in 1 incident:\n\s+INC-0000c0de high \(0\.80\), as host: 1 internal host beaconed/,
    );
    const none = await run('intel', 'search', '--data', data, '45.124.24.1');
    expect(none.code).toBe(1);
    expect(none.out).toContain('in no incident of the latest hunt');
  });
});
