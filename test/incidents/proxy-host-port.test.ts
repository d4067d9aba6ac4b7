import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { writeConnLog, writeHttpLog } from '../helpers/zeek-log-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-proxy-port-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface IncidentJson {
  id: string;
  externalServers: { ip: string; ips: string[]; domains: string[]; ports: number[] }[];
}

/** One PC beaconing every 5 minutes for a day through the web proxy 10.0.0.1:3128 to `target`. */
async function huntThroughProxy(
  name: string,
  target: string,
  uri = target,
): Promise<{ data: string; incidents: IncidentJson[] }> {
  const logs = join(dir, name);
  mkdirSync(logs, { recursive: true });
  const t0 = Date.UTC(2024, 4, 1) / 1000;
  const beats = Array.from({ length: 288 }, (_, i) => t0 + i * 300 + (i % 7));
  writeConnLog(
    join(logs, 'conn.log'),
    beats.map((ts) => ({
      ts,
      orig: '10.0.0.5',
      resp: '10.0.0.1',
      port: 3128,
      duration: 1.5,
      out: 900,
      in: 4200,
    })),
  );
  writeHttpLog(
    join(logs, 'http.log'),
    beats.map((ts) => ({
      ts,
      orig: '10.0.0.5',
      resp: '10.0.0.1',
      method: 'CONNECT',
      host: target,
      uri,
      status: 200,
    })),
  );
  const data = join(dir, `${name}-data`);
  const r = await run('hunt', logs, '--data', data, '--no-progress', '--json', '--min-score', '0');
  expect(r.code).toBe(0);
  return { data, incidents: (JSON.parse(r.out) as { incidents: IncidentJson[] }).incidents };
}

describe('a C2 name with a port behind a proxy keeps its name', () => {
  it.each([
    ['name', 'evil.example:8443', 'evil.example', 'evil.example:8443'],
    ['nohost', '', 'evil.example', 'evil.example:8443'],
    ['v6', '[2001:db8::1]:443', '2001:db8::1', '[2001:db8::1]:443'],
    ['v6bare', '2001:db8::1', '2001:db8::1', '2001:db8::1'],
    ['EVIL', 'EVIL.example.:8443', 'evil.example', 'EVIL.example.:8443'],
  ])(
    'C2 name with ":" behind a proxy (%s: Host %j) is the server %s',
    async (label, target, name, uri) => {
      const { data, incidents } = await huntThroughProxy(label, target, uri);
      const servers = incidents.flatMap((i) => i.externalServers);
      const named = servers.flatMap((s) => [s.ip, ...s.ips, ...s.domains]);
      expect(named).toContain(name);
      // Never a fragment of it: a port, brackets, or the first group of an IPv6 address.
      expect(servers.flatMap((s) => s.domains).filter((d) => /[[\]]|:\d+$|^\d+$/.test(d))).toEqual([]);
      const id = incidents[0]?.id ?? '';
      const stix = await run('report', id, '--data', data, '--format', 'stix');
      expect(stix.code).toBe(0);
      const quoted = name.replace(/\./g, '\\.');
      expect(stix.out).toMatch(new RegExp(`(domain-name|ipv6-addr):value = '${quoted}'`));
    },
    120_000,
  );
});
