import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Strings an attacker writes into traffic, chosen to run script, break markup or mislead a reader
 * if any page renders them as anything but text.
 */
export const hostileTraffic = {
  host: 'cdn"><img src=x onerror="window.__pwned=1">.evil.example',
  uri: '/gate.php?id=<script>window.__pwned=1</script>&u=javascript:window.__pwned=1',
  userAgent: 'Mozilla/5.0 <svg onload=window.__pwned=1> \u001b[31mRED\u001b[0m',
  sni: 'update\u202Egnp.exe\u202C.evil.example',
  subject: 'CN=<iframe src=javascript:window.__pwned=1>,O=\u0645\u062b\u0627\u0644 '.padEnd(400, '\u00e9'),
  referrer: 'javascript:window.__pwned=1',
} as const;

/** The infected host and its server in the hostile logs. */
export const hostileHost = '10.0.0.250';
export const hostileServer = '203.0.113.66';

/**
 * Zeek JSON logs of one host beaconing every ~10 minutes for two days to a server whose name, URIs,
 * user agent and certificate are hostile, starting at `start` (epoch seconds). Writes conn, http,
 * ssl and dns logs into `dir` and returns it.
 */
export function writeHostileLogs(dir: string, start: number): string {
  mkdirSync(dir, { recursive: true });
  const conn: string[] = [];
  const http: string[] = [];
  const ssl: string[] = [];
  const dns: string[] = [];
  let t = start;
  for (let i = 0; i < 288; i++) {
    // A steady check-in with a little jitter: a clear beacon.
    t += 600 + ((i * 37) % 11) - 5;
    const uid = `CHOSTILE${i}`;
    const tls = i % 2 === 0;
    const id = {
      'id.orig_h': hostileHost,
      'id.orig_p': 50_000 + i,
      'id.resp_h': hostileServer,
      'id.resp_p': tls ? 443 : 80,
    };
    conn.push(
      JSON.stringify({
        ts: t,
        uid,
        ...id,
        proto: 'tcp',
        service: tls ? 'ssl' : 'http',
        duration: 0.8,
        orig_bytes: 412,
        resp_bytes: 1304,
        conn_state: 'SF',
        history: 'ShADadFf',
      }),
    );
    if (tls) {
      ssl.push(
        JSON.stringify({
          ts: t,
          uid,
          ...id,
          version: 'TLSv12',
          server_name: hostileTraffic.sni,
          subject: hostileTraffic.subject,
          issuer: hostileTraffic.subject,
          ja3: 'e7d705a3286e19ea42f587b344ee6865',
          established: true,
        }),
      );
    } else {
      http.push(
        JSON.stringify({
          ts: t,
          uid,
          ...id,
          method: 'POST',
          host: hostileTraffic.host,
          uri: hostileTraffic.uri,
          referrer: hostileTraffic.referrer,
          user_agent: hostileTraffic.userAgent,
          status_code: 200,
          request_body_len: 212,
          response_body_len: 1024,
        }),
      );
    }
    if (i % 24 === 0) {
      dns.push(
        JSON.stringify({
          ts: t - 0.2,
          uid: `DHOSTILE${i}`,
          'id.orig_h': hostileHost,
          'id.orig_p': 53_000 + i,
          'id.resp_h': '10.0.0.2',
          'id.resp_p': 53,
          proto: 'udp',
          query: hostileTraffic.sni,
          qtype_name: 'A',
          rcode_name: 'NOERROR',
          answers: [hostileServer],
          TTLs: [60],
        }),
      );
    }
  }
  const write = (name: string, lines: string[]) => writeFileSync(join(dir, name), `${lines.join('\n')}\n`);
  write('conn.log', conn);
  write('http.log', http);
  write('ssl.log', ssl);
  write('dns.log', dns);
  return dir;
}
