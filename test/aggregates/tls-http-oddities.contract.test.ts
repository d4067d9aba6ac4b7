// Contract of the aggregate tls-http-oddities reads: certificate, client and request oddities per endpoint.
import { beforeAll, expect, it } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { type OddEndpoint, tlsHttpOddities } from './aggregate-calls.js';
import { at, describeEachBackend, ingest, internal, iso, sortedBy } from './backends.js';

const A = '10.0.0.1';
const B = '10.0.0.2';
const C = '10.0.0.3';
const PROXY = '10.0.0.99';
const BROWSER = 'Mozilla/5.0 (Windows NT 10.0)';

let n = 0;
const tls = (t: number, orig: string, resp: string, extra: Record<string, unknown>) => ({
  ts: at(t),
  uid: `S${n++}`,
  orig_h: orig,
  orig_p: 40000,
  resp_h: resp,
  resp_p: 443,
  validation_status: 'ok',
  ja3: 'ja3-browser',
  subject: 'CN=site',
  issuer: 'CN=Public CA',
  ...extra,
});
const web = (t: number, orig: string, resp: string, extra: Record<string, unknown>) => ({
  ts: at(t),
  uid: `H${n++}`,
  orig_h: orig,
  orig_p: 40000,
  resp_h: resp,
  resp_p: 80,
  method: 'GET',
  uri: '/',
  user_agent: BROWSER,
  ...extra,
});

async function load(store: Store): Promise<void> {
  await ingest(
    store,
    { sensor: 's', file: '/odd' },
    {
      ssl: [
        // Everyone's browser: no oddity, and its fingerprint is no rare one.
        ...[A, B, C].map((h) => tls(0, h, '198.51.100.70', { server_name: 'www.popular.com' })),
        // A: twice a self-signed certificate, with a client fingerprint only A uses.
        ...[10, 20].map((t) =>
          tls(t, A, '203.0.113.60', {
            server_name: 'Evil.Example',
            subject: 'CN=evil',
            issuer: 'CN=evil',
            validation_status: 'self signed certificate',
            ja3: 'ja3-rare',
          }),
        ),
        // A: a certificate that expired before the data ends (its x509 record says so).
        tls(30, A, '203.0.113.65', {
          server_name: 'old.example',
          cert_chain_fps: ['fp-old'],
          subject: 'CN=old',
          issuer: 'CN=ca',
        }),
        // C: no SNI and an unvalidated chain, two weak oddities together; no SNI alone stays out.
        tls(40, C, '203.0.113.62', {
          subject: 'CN=x',
          issuer: 'CN=ca',
          validation_status: 'unable to get local issuer certificate',
        }),
        tls(50, C, '203.0.113.63', {}),
        // C: an OpenSSL default subject.
        tls(60, C, '203.0.113.64', {
          server_name: 'ph.example',
          subject: 'O=Internet Widgits Pty Ltd',
          issuer: 'CN=someca',
        }),
      ],
      x509: [
        { ts: at(0), fingerprint: 'fp-old', subject: 'CN=old', issuer: 'CN=ca', not_valid_after: at(-86400) },
      ],
      http: [
        ...[A, B, C].map((h) => web(0, h, '198.51.100.70', { host: 'www.popular.com' })),
        // B: a PHP gate check-in to a raw address, with a user agent that misspells Mozilla.
        web(70, B, '198.51.100.61', {
          method: 'POST',
          host: '198.51.100.61',
          uri: '/gate.php',
          request_body_len: 500,
          user_agent: 'Mozlla/5.0',
        }),
        // A, through the proxy by name, with a user agent only A uses.
        web(80, A, PROXY, {
          host: 'proxied.example',
          uri: 'http://proxied.example/x',
          user_agent: 'curl/7.1',
          resp_p: 3128,
        }),
      ],
      conn: [
        {
          ts: at(10),
          uid: 'K0',
          orig_h: A,
          resp_h: '203.0.113.60',
          resp_p: 443,
          proto: 'tcp',
          orig_bytes: 100,
          resp_bytes: 200,
        },
      ],
    },
  );
}

const none = {
  selfSigned: 0,
  placeholderCert: 0,
  expiredCert: 0,
  invalidCert: 0,
  noSni: 0,
  rareFingerprint: 0,
  missingHost: 0,
  postToRawIp: 0,
  rareUserAgent: 0,
  mimicUserAgent: 0,
  noUserAgent: 0,
  gatePost: 0,
};
/** An endpoint row with the fields most rows share. */
const odd = (row: Partial<OddEndpoint> & Pick<OddEndpoint, 'host' | 'first'>): OddEndpoint => ({
  ip: null,
  domain: null,
  proxied: false,
  tlsSessions: 0,
  httpRequests: 0,
  hosts: 1,
  counts: none,
  last: row.first,
  ports: [443],
  bytesOut: null,
  bytesIn: null,
  userAgent: null,
  userAgentHosts: null,
  fingerprint: null,
  fingerprintHosts: null,
  subject: null,
  validation: null,
  uri: null,
  ...row,
});

describeEachBackend('tls-http-oddities', (open) => {
  let store: Store;
  beforeAll(async () => {
    store = await open();
    await load(store);
  });

  it('14.2 tlsHttpOddities: pairs with a strong oddity or two weak ones, with an example of each', async () => {
    const r = await tlsHttpOddities(store, {
      internal,
      rareMaxHosts: 1,
      minFingerprintUses: 2,
      placeholderSubject: 'Some-State|Internet Widgits',
    });
    expect({ ...r, endpoints: sortedBy(r.endpoints, (e) => `${e.host} ${e.ip ?? e.domain}`) }).toEqual({
      internalHosts: 3,
      endpoints: [
        // Self-signed, with a fingerprint one host uses; named by its SNI, with its conn bytes.
        odd({
          host: A,
          ip: '203.0.113.60',
          domain: 'evil.example',
          tlsSessions: 2,
          counts: { ...none, selfSigned: 2, rareFingerprint: 2 },
          first: iso(10),
          last: iso(20),
          bytesOut: 100,
          bytesIn: 200,
          fingerprint: 'ja3-rare',
          fingerprintHosts: 1,
          subject: 'CN=evil',
        }),
        odd({
          host: A,
          ip: '203.0.113.65',
          domain: 'old.example',
          tlsSessions: 1,
          counts: { ...none, expiredCert: 1 },
          first: iso(30),
          subject: 'CN=old',
        }),
        // Through the proxy: no address, the name it asked for.
        odd({
          host: A,
          domain: 'proxied.example',
          proxied: true,
          httpRequests: 1,
          counts: { ...none, rareUserAgent: 1 },
          first: iso(80),
          ports: [3128],
          userAgent: 'curl/7.1',
          userAgentHosts: 1,
        }),
        odd({
          host: B,
          ip: '198.51.100.61',
          httpRequests: 1,
          counts: { ...none, postToRawIp: 1, rareUserAgent: 1, mimicUserAgent: 1, gatePost: 1 },
          first: iso(70),
          ports: [80],
          userAgent: 'Mozlla/5.0',
          userAgentHosts: 1,
          uri: '/gate.php',
        }),
        odd({
          host: C,
          ip: '203.0.113.62',
          tlsSessions: 1,
          counts: { ...none, invalidCert: 1, noSni: 1 },
          first: iso(40),
          subject: 'CN=x',
          validation: 'unable to get local issuer certificate',
        }),
        odd({
          host: C,
          ip: '203.0.113.64',
          domain: 'ph.example',
          tlsSessions: 1,
          counts: { ...none, placeholderCert: 1 },
          first: iso(60),
          subject: 'O=Internet Widgits Pty Ltd',
        }),
      ],
    });
    // A window before the odd sessions leaves the browsers only.
    const early = await tlsHttpOddities(store, {
      internal,
      rareMaxHosts: 1,
      minFingerprintUses: 2,
      placeholderSubject: 'Some-State',
      to: iso(5),
    });
    expect(early).toEqual({ internalHosts: 3, endpoints: [] });
    // From 00:00:50, the placeholder pattern no longer matches C's subject and C's fingerprint has
    // too few uses; the proxied request and the gate post still count (their agents are rare).
    const lenient = await tlsHttpOddities(store, {
      internal,
      rareMaxHosts: 3,
      minFingerprintUses: 3,
      placeholderSubject: 'Some-State',
      from: iso(50),
    });
    expect(lenient.endpoints.map((e) => `${e.host} ${e.ip ?? e.domain}`).sort()).toEqual([
      `${A} proxied.example`,
      `${B} 198.51.100.61`,
    ]);
  });
});
