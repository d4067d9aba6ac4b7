import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './server-harness.js';

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!hasOpenssl())(
  '15.7: the server over TLS (skipped without openssl to make a certificate)',
  () => {
    const dir = mkdtempSync(join(tmpdir(), 'mamori-tls-'));
    const cert = join(dir, 'cert.pem');
    const key = join(dir, 'key.pem');
    let t: TestServer;
    beforeAll(async () => {
      execFileSync(
        'openssl',
        [
          'req',
          '-x509',
          '-newkey',
          'ec',
          '-pkeyopt',
          'ec_paramgen_curve:prime256v1',
          '-nodes',
          '-keyout',
          key,
          '-out',
          cert,
          '-days',
          '1',
          '-subj',
          '/CN=127.0.0.1',
          '-addext',
          'subjectAltName=IP:127.0.0.1',
        ],
        { stdio: 'ignore' },
      );
      t = await startTestServer({
        users: [{ name: 'ann', role: 'admin', password: 'a long enough password' }],
        config: { server: { tlsCert: cert, tlsKey: key } },
      });
    });
    afterAll(async () => {
      await t?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('15.7: speaks HTTPS, sets Secure on the session cookie and sends HSTS', async () => {
      expect(t.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const res = await new Promise<{ status: number; headers: Record<string, unknown> }>(
        (resolve, reject) => {
          const req = request(
            `${t.api}/auth/login`,
            { method: 'POST', ca: readFileSync(cert), headers: { 'content-type': 'application/json' } },
            (r) => {
              r.resume();
              r.on('end', () => resolve({ status: r.statusCode ?? 0, headers: r.headers }));
            },
          );
          req.on('error', reject);
          req.end(JSON.stringify({ name: 'ann', password: 'a long enough password' }));
        },
      );
      expect(res.status).toBe(200);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
      expect(String(res.headers['strict-transport-security'])).toContain('max-age=');
    });
  },
);
