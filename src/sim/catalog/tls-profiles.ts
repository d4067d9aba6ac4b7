import type { TlsHello } from '../net/traffic.js';
import type { Rng } from '../random.js';

/** Client browsers of the office. */
export type Browser = 'chrome' | 'edge' | 'firefox' | 'safari';

/** JA3 fingerprints of the clients (common values; one per client stack). */
export const clientJa3 = {
  chrome: 'cd08e31494f9531f560d64c695473da9',
  edge: '3b5074b1b5d032e5620f69f9f700ff0e',
  firefox: 'b20b44b18b853ef29ab773e921b03422',
  safari: '773906b0efdefa24a7f2b8eb6985bf37',
  /** Windows' own TLS stack (WinHTTP/SChannel): telemetry, updates, Outlook, and malware using WinINet. */
  schannel: '28a2c9bd18a11de089ef85a160da29e4',
  curl: '456523fc94726331a4d5a2e1d40b2cd7',
  python: 'b32309a26951912be7dba376398abc3b',
  go: '473cd7cb9faa642487833865d516e578',
  /** Trickbot's published JA3, for intrusions that want a known-bad client. */
  trickbot: '6734f37431670b3ab4292b8f60f29984',
} as const;

export const browserAgents: Record<Browser, string> = {
  chrome:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/51.0.2704.103 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/46.0.2486.0 Safari/537.36 Edge/13.10586',
  firefox: 'Mozilla/5.0 (Windows NT 10.0; WOW64; rv:47.0) Gecko/20100101 Firefox/47.0',
  safari:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_11_5) AppleWebKit/601.6.17 (KHTML, like Gecko) Version/9.1.1 Safari/601.6.17',
};

/** The Linux desktops' browser. */
export const linuxFirefoxAgent =
  'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:47.0) Gecko/20100101 Firefox/47.0';

/** Server-side JA3S per kind of front end. */
const ja3sByFront: Record<string, string> = {
  google: '907bf3ecef1c987c889946b737b43de8',
  cloudflare: 'f4febc55ea12b31ae17cfb7e614afda8',
  akamai: 'ae4edc6faf64d08308082ad26be60767',
  microsoft: '623de93db17d313345d7ea481e7443cf',
  amazon: 'e35df3e00ca4ef31d42b34bebaa2f86e',
  nginx: 'ec74a5c51106f0419184d0dd08fb05bc',
  other: '15af977ce25de452b96affa2addb1036',
};

const issuers: Record<string, string> = {
  google: 'CN=Google Internet Authority G2,O=Google Inc,C=US',
  microsoft: 'CN=Microsoft IT SSL SHA2,OU=Microsoft IT,O=Microsoft Corporation,L=Redmond,ST=Washington,C=US',
  amazon: 'CN=Amazon,OU=Server CA 1B,O=Amazon,C=US',
  cloudflare:
    'CN=COMODO ECC Domain Validation Secure Server CA 2,O=COMODO CA Limited,L=Salford,ST=Greater Manchester,C=GB',
  digicert: 'CN=DigiCert SHA2 High Assurance Server CA,OU=www.digicert.com,O=DigiCert Inc,C=US',
  letsencrypt: "CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US",
  globalsign: 'CN=GlobalSign Organization Validation CA - SHA256 - G2,O=GlobalSign nv-sa,C=BE',
};

/** Which certificate authority and front end a provider's sites show. */
const frontOf: Record<string, { issuer: string; ja3s: string }> = {
  google: { issuer: 'google', ja3s: 'google' },
  microsoft: { issuer: 'microsoft', ja3s: 'microsoft' },
  azure: { issuer: 'microsoft', ja3s: 'microsoft' },
  amazon: { issuer: 'digicert', ja3s: 'amazon' },
  cloudfront: { issuer: 'amazon', ja3s: 'amazon' },
  aws: { issuer: 'amazon', ja3s: 'amazon' },
  s3: { issuer: 'digicert', ja3s: 'amazon' },
  gcp: { issuer: 'letsencrypt', ja3s: 'google' },
  cloudflare: { issuer: 'cloudflare', ja3s: 'cloudflare' },
  akamai: { issuer: 'digicert', ja3s: 'akamai' },
  fastly: { issuer: 'globalsign', ja3s: 'nginx' },
  hosting: { issuer: 'letsencrypt', ja3s: 'nginx' },
};

const tls12Ciphers = [
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
];
const tls13Ciphers = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384'];

/** A benign server's handshake for `sni` on `provider`, seen from a client with fingerprint `ja3`. */
export function benignHello(
  rng: Rng,
  sni: string,
  provider: string,
  ja3: string,
  tls13Share = 0.3,
): TlsHello {
  const front = frontOf[provider] ?? { issuer: 'digicert', ja3s: 'other' };
  const v13 = rng.chance(tls13Share);
  const dot = sni.indexOf('.');
  const wildcard = sni.split('.').length > 2 ? `*${sni.slice(dot)}` : sni;
  return {
    sni,
    version: v13 ? 'TLSv13' : 'TLSv12',
    cipher: v13 ? rng.pick(tls13Ciphers) : rng.pick(tls12Ciphers),
    curve: rng.chance(0.8) ? 'x25519' : 'secp256r1',
    ja3,
    ja3s: ja3sByFront[front.ja3s] as string,
    nextProtocol: ja3 === clientJa3.schannel ? null : rng.chance(0.7) ? 'h2' : 'http/1.1',
    subject: `CN=${wildcard}`,
    issuer: issuers[front.issuer] as string,
    validation: 'ok',
    resumed: rng.chance(0.25),
  };
}
