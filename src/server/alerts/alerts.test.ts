import { createSocket } from 'node:dgram';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../config/config-schema.js';
import type { Alert } from './alert.js';
import { createAlertDispatcher } from './alert-dispatcher.js';
import { escapeSdValue, formatSyslog } from './syslog-format.js';
import { webhookBody } from './webhook-shapes.js';

const dir = mkdtempSync(join(tmpdir(), 'mamori-alerts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const alert: Alert = {
  type: 'mamori.incident',
  incidentId: 'INC-1a2b3c',
  severity: 'high',
  previousSeverity: null,
  verdict: 'suspicious',
  summary: 'PC 10.0.0.5 beacons to evil"]\\.example every 60 s\n<script>',
  hosts: 1,
  servers: 2,
  firstSeen: '2024-05-01T00:00:00.000Z',
  lastSeen: '2024-05-01T06:00:00.000Z',
  actor: { name: 'APT10', term: 'likely', probability: 0.71 },
  techniques: ['T1071.001'],
  link: 'http://127.0.0.1:8080/incidents/INC-1a2b3c',
  alertedAt: '2024-05-01T06:01:00.000Z',
};

function settings(over: Partial<ReturnType<typeof defaultConfig>['alerts']>) {
  return { ...defaultConfig().alerts, retries: 3, backoffSeconds: 0.01, ...over };
}

describe('alerts out', () => {
  it('15.2: RFC 5424 messages escape structured-data values and strip controls from MSG', () => {
    expect(escapeSdValue('a"b\\c]d')).toBe('a\\"b\\\\c\\]d');
    const m = formatSyslog({ ...alert, incidentId: 'x"]y' }, { facility: 4, hostname: 'sensor 1', pid: 42 });
    // facility 4 (auth) × 8 + severity 3 (error) for high.
    expect(
      m.startsWith(
        '<35>1 2024-05-01T06:01:00.000Z sensor1 mamori 42 incident [mamori@32473 incident="x\\"\\]y" severity="high"',
      ),
    ).toBe(true);
    expect(m).toContain('actor="APT10" term="likely" probability="0.71"');
    expect(m).not.toContain('\n');
    expect(m.endsWith('\uFEFFPC 10.0.0.5 beacons to evil"]\\.example every 60 s <script>')).toBe(true);
  });

  it('15.2: Slack and Teams shapes escape attacker text; generic is the alert itself', () => {
    expect(webhookBody('generic', alert)).toEqual(alert);
    const slack = webhookBody('slack', alert) as { text: string; blocks: unknown[] };
    expect(slack.text).toContain('&lt;script&gt;');
    expect(slack.blocks.length).toBe(3);
    const teams = webhookBody('teams', alert) as { '@type': string; sections: { text: string }[] };
    expect(teams['@type']).toBe('MessageCard');
    expect(teams.sections[0]?.text).toContain('&lt;script&gt;');
  });

  it('15.2: file, UDP and TCP syslog, and a webhook that fails twice all deliver', async () => {
    const udp = createSocket('udp4');
    const udpGot = new Promise<string>((resolve) => udp.once('message', (m) => resolve(m.toString('utf8'))));
    await new Promise<void>((r) => udp.bind(0, '127.0.0.1', () => r()));
    let tcpData = '';
    const tcpDone = new Promise<void>((resolve) => {
      const tcp = createTcpServer((s) => {
        s.on('data', (d) => {
          tcpData += d.toString('utf8');
        });
        s.on('end', () => {
          tcp.close();
          resolve();
        });
      });
      tcp.listen(0, '127.0.0.1', () => {
        tcpPort = (tcp.address() as AddressInfo).port;
        tcpReady();
      });
    });
    let tcpPort = 0;
    let tcpReady: () => void = () => {};
    await new Promise<void>((r) => {
      tcpReady = r;
    });
    let calls = 0;
    const bodies: unknown[] = [];
    const http = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (c) => {
        body += c;
      });
      req.on('end', () => {
        calls++;
        expect(req.headers['x-token']).toBe('s3cret');
        if (calls <= 2) {
          res.writeHead(503).end('busy');
          return;
        }
        bodies.push(JSON.parse(body));
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const httpPort = (http.address() as AddressInfo).port;
    const jsonl = join(dir, 'out', 'alerts.jsonl');
    const deadLetterFile = join(dir, 'dead1.jsonl');
    const udpPort = (udp.address() as AddressInfo).port;
    const a1 = createAlertDispatcher(
      settings({
        jsonlFile: jsonl,
        deadLetterFile,
        syslogHost: '127.0.0.1',
        syslogPort: udpPort,
        webhooks: [
          { url: `http://127.0.0.1:${httpPort}/hook`, shape: 'generic', headers: { 'x-token': 's3cret' } },
        ],
      }),
      { dataDir: dir },
    );
    const a2 = createAlertDispatcher(
      settings({ deadLetterFile, syslogHost: '127.0.0.1', syslogPort: tcpPort, syslogProtocol: 'tcp' }),
      { dataDir: dir },
    );
    a1.send([alert]);
    a2.send([alert]);
    await Promise.all([a1.idle(), a2.idle()]);
    expect(JSON.parse(readFileSync(jsonl, 'utf8').trim())).toEqual(alert);
    expect(await udpGot).toMatch(/^<35>1 .* \[mamori@32473 incident="INC-1a2b3c"/);
    await tcpDone;
    const m = /^(\d+) (.*)$/s.exec(tcpData);
    expect(Number(m?.[1])).toBe(Buffer.byteLength(m?.[2] ?? '', 'utf8'));
    expect(m?.[2]).toMatch(/^<35>1 /);
    expect(calls).toBe(3);
    expect(bodies).toEqual([alert]);
    expect(a1.targets.some((t) => t.includes('s3cret') || t.includes('/hook'))).toBe(false);
    await Promise.all([a1.close(), a2.close()]);
    udp.close();
    http.close();
  });

  it('15.2: a webhook that always fails ends in the dead-letter file, and the file target is not held up', async () => {
    let calls = 0;
    const http = createHttpServer((_req, res) => {
      calls++;
      res.writeHead(500).end('down');
    });
    await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
    const port = (http.address() as AddressInfo).port;
    const jsonl = join(dir, 'alerts2.jsonl');
    const d = createAlertDispatcher(
      settings({
        jsonlFile: jsonl,
        webhooks: [{ url: `http://127.0.0.1:${port}/services/T0/B0/secret`, shape: 'slack', headers: {} }],
      }),
      { dataDir: dir },
    );
    d.send([alert]);
    await d.idle();
    expect(calls).toBe(3);
    const dead = readFileSync(join(dir, 'alerts-dead-letter.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({ target: `webhook-slack:http://127.0.0.1:${port}/…`, attempts: 3, alert });
    expect(dead[0].error).toContain('HTTP 500');
    expect(readFileSync(jsonl, 'utf8').trim().split('\n')).toHaveLength(1);
    await d.close();
    http.close();
  });
});
