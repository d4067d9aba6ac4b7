import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli as run } from '../../src/cli/run-cli.test-helper.js';
import { describeWithSharedData, sharedData } from '../helpers/shared-data.js';
import { writeConnLog, writeZeekLog, type ZeekField } from '../helpers/zeek-log-writer.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-hint-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A lab: 10.0.2.0/24 workstations (DHCP and DNS clients) whose implant calls 192.168.56.10:8080.
function labLogs(): string {
  const logs = join(dir, 'lab');
  mkdirSync(logs, { recursive: true });
  const t0 = 1_600_000_000;
  writeConnLog(
    join(logs, 'conn.log'),
    Array.from({ length: 120 }, (_, i) => ({
      ts: t0 + i * 60,
      orig: '10.0.2.15',
      resp: '192.168.56.10',
      port: 8080,
      duration: 0.5,
      out: 300,
      in: 200,
    })),
  );
  const id: ZeekField[] = [
    ['ts', 'time'],
    ['uid', 'string'],
    ['id.orig_h', 'addr'],
    ['id.orig_p', 'port'],
    ['id.resp_h', 'addr'],
    ['id.resp_p', 'port'],
  ];
  writeZeekLog(
    join(logs, 'dns.log'),
    'dns',
    [...id, ['proto', 'enum'], ['query', 'string']],
    [[`${t0}.000000`, 'D1', '10.0.2.15', 53000, '10.0.2.3', 53, 'udp', 'intranet.lab']],
  );
  writeZeekLog(
    join(logs, 'dhcp.log'),
    'dhcp',
    [
      ['ts', 'time'],
      ['uids', 'set[string]'],
      ['client_addr', 'addr'],
      ['server_addr', 'addr'],
      ['mac', 'string'],
      ['assigned_addr', 'addr'],
    ],
    [[`${t0}.000000`, 'H1', '10.0.2.15', '10.0.2.2', '08:00:27:00:00:01', '10.0.2.15']],
  );
  return logs;
}

describe('say why nothing was found', () => {
  it('hunt and detect point at --internal when the traffic stays inside private space', async () => {
    const data = join(dir, 'data');
    const hunt = await run('hunt', '--data', data, '--no-progress', labLogs());
    expect(hunt.code).toBe(0);
    expect(hunt.out).toContain('No incidents');
    expect(hunt.out).toMatch(/hint: 100% of 120 connections have both ends inside the internal networks/);
    expect(hunt.out).toContain('10.0.2.0/24 → 192.168.56.0/24 (120)');
    expect(hunt.out).toContain('the data suggests --internal 10.0.2.0/24');
    const detect = JSON.parse((await run('detect', '--data', data, '--json')).out) as {
      hints: { suggested: string[]; internalShare: number; scope: string }[];
    };
    expect(detect.hints.map((h) => [h.scope, h.suggested])).toEqual([['lab', ['10.0.2.0/24']]]);
    const stats = await run('stats', '--data', data);
    expect(stats.out).toContain('suggested: --internal 10.0.2.0/24');
    // Once the user says which network is theirs, the traffic is outbound and the hint goes.
    const narrowed = await run('detect', '--data', data, '--internal', '10.0.2.0/24');
    expect(narrowed.out).not.toContain('hint:');
  });
});

describeWithSharedData('say why nothing was found, on a real emulation capture', () => {
  it('a scan across three private networks gives the hint', async () => {
    const data = join(dir, 'scan');
    const r = await run(
      'hunt',
      '--data',
      data,
      '--no-progress',
      sharedData('zeek/stratosphere/002-zeek-scenario-port-scanning'),
    );
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/hint: 99% of 4,504 connections/);
    expect(r.out).toContain('172.16.1.0/24 → 10.0.2.0/24 (3,396)');
  });
});
