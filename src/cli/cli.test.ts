import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDemoAdvisory } from '../sim/demo-advisory.js';
import { writeDemoScenario } from '../sim/demo-scenario.js';
import { runCli as run } from './run-cli.test-helper.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('mamori CLI', () => {
  it('ingest skips what it has, and intel import --retro-hunt finds an advisory in history', async () => {
    const logs = join(dir, 'office');
    const truth = writeDemoScenario({ dir: logs, hours: 13 });
    const first = JSON.parse(
      (await run('ingest', '--data', dir, '--sensor', 'demo-office', '--json', logs)).out,
    );
    expect(first.byStatus.ingested).toBe(39);
    expect(first.rejects).toBe(0);
    expect(first.rowsByTable.conn).toBe(truth.rows.conn);
    const second = JSON.parse(
      (await run('ingest', '--data', dir, '--sensor', 'demo-office', '--json', logs)).out,
    );
    expect(second.byStatus.unchanged).toBe(39);
    expect(second.rows).toBe(0);
    // The partner advisory's indicators are found in history, on the planted host only, linked to the actor.
    const advisory = writeDemoAdvisory(join(dir, 'intel'), truth);
    const r = await run(
      'intel',
      'import',
      '--data',
      dir,
      '--actor',
      'APT10',
      // The demo's knowledge base is empty: APT10 is a new actor here.
      '--new-actor',
      '--tlp',
      'green',
      '--retro-hunt',
      '--json',
      advisory,
    );
    expect(r.code).toBe(0);
    const hunted = JSON.parse(r.out).retroHunt as {
      origH: string;
      field: string;
      entities: { name: string }[];
    }[];
    expect(new Set(hunted.map((m) => m.origH))).toEqual(new Set([truth.infectedHost]));
    expect(hunted.map((m) => m.field).sort()).toEqual([
      'conn.resp_h',
      'dns.answers',
      'dns.query',
      'http.host',
    ]);
    expect(hunted.every((m) => m.entities.some((e) => e.name === 'APT10'))).toBe(true);
  });

  it('detect ranks the planted C2 first, on the infected PC, with the actor and an explanation', async () => {
    const r = await run('detect', '--data', dir, '--json');
    expect(r.code).toBe(0);
    const all = JSON.parse(r.out).findings as { detector: string; host: string }[];
    // Exactly three findings, all on the planted PC: its beacon, the advisory's indicators, and its
    // binary POSTs to a PHP gate with a user agent no other host uses.
    expect(all.map((f) => `${f.detector} ${f.host}`).sort()).toEqual([
      'beaconing 10.20.0.18',
      'threat-intel 10.20.0.18',
      'tls-http-oddities 10.20.0.18',
    ]);
    const top = all.find((f) => f.detector === 'threat-intel') as unknown as Record<string, unknown> & {
      links: { name: string }[];
      explanation: string;
    };
    expect(top).toMatchObject({
      detector: 'threat-intel',
      host: '10.20.0.18',
      endpointIp: '203.0.113.66',
      severity: 'critical',
    });
    expect(top.endpointDomain).toBe('update.cloud-maste.example');
    expect(top.links.map((l: { name: string }) => l.name)).toEqual(['APT10']);
    expect(top.explanation).toMatch(/10\.20\.0\.18 reached update\.cloud-maste\.example/);
    const { writeFileSync } = await import('node:fs');
    const allow = join(dir, 'allow.txt');
    writeFileSync(allow, '# our partner\n203.0.113.0/24\n');
    const allowed = JSON.parse((await run('detect', '--data', dir, '--json', '--allow', allow)).out);
    expect(allowed.findings.map((f: { detector: string }) => f.detector)).toEqual(['threat-intel']);
    expect(allowed.allowlisted).toBeGreaterThanOrEqual(1);
    writeFileSync(allow, 'not a thing at all\n');
    const bad = await run('detect', '--data', dir, '--allow', allow);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/allow\.txt: line 1/);
    const human = await run('detect', '--data', dir, '--only', 'threat-intel');
    expect(human.out).toMatch(/critical .* threat-intel .* 10\.20\.0\.18/);
  });

  it('stats and query read the store; query refuses writes with exit code 1', async () => {
    const s = await run('stats', '--data', dir, '--json');
    expect(s.code).toBe(0);
    expect(JSON.parse(s.out).sensors[0].sensor).toBe('demo-office');
    const q = await run('query', '--data', dir, '--format', 'csv', 'SELECT count(*) AS n FROM http');
    expect(q.out.split('\n')[0]).toBe('n');
    const w = await run('query', '--data', dir, 'DROP TABLE conn');
    expect(w.code).toBe(1);
    expect(w.err).toMatch(/read-only/);
  });

  it('names the file and the expected formats for input that is not telemetry', async () => {
    const { writeFileSync } = await import('node:fs');
    const junk = join(dir, 'junk.bin');
    writeFileSync(junk, Buffer.from([0, 1, 2, 3, 255, 254, 10, 42]));
    const r = await run('ingest', '--data', dir, '--json', junk);
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out);
    expect(j.outcomes[0].message).toContain(junk);
    expect(j.outcomes[0].message).toMatch(/Zeek TSV.*Suricata EVE/);
  });
});
