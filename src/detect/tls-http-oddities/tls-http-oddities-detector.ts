import { clip } from '../../clip.js';
import { type Finding, severityOf } from '../../domain/finding.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import type { OddityName } from './oddity-names.js';
import { oddityScore } from './oddity-score.js';
import { type OddEndpoint, tlsHttpOddities } from './tls-http-oddities-query.js';
import { tlsHttpOdditiesSettings } from './tls-http-oddities-settings.js';

/** Subjects OpenSSL and tutorials fill in when nobody cares (Trickbot, Emotet, test servers). */
const placeholderSubject =
  '(?i)(Internet Widgits Pty Ltd|Some-State|Default Company Ltd|Default City|(^|,)CN=localhost(,|$)|(^|,)CN=example\\.(com|net|org)(,|$)|(^|,)C=XX(,|$))';

const quote = (s: string | null) => (s ? ` ("${clip(s)}")` : '');
const users = (n: number) => (n === 1 ? 'only 1 internal host uses' : `only ${n} internal hosts use`);

/** What each oddity says, for the explanation. */
function phrases(e: OddEndpoint): string[] {
  const c = e.counts;
  const of = (n: number, total: number) => (n === total ? `all ${n}` : `${n} of ${total}`);
  const say: [OddityName, string][] = [
    ['selfSigned', `a self-signed certificate${quote(e.subject)}`],
    ['placeholderCert', 'a certificate with a tool-default subject'],
    ['expiredCert', 'an expired certificate'],
    ['invalidCert', `a certificate that did not validate${quote(e.validation)}`],
    ['noSni', `TLS without a server name (${of(c.noSni, e.tlsSessions)})`],
    ['rareFingerprint', `a TLS client fingerprint ${users(e.fingerprintHosts ?? 1)}${quote(e.fingerprint)}`],
    ['missingHost', `no Host header (${of(c.missingHost, e.httpRequests)} requests)`],
    ['postToRawIp', `POSTs to a bare address (${c.postToRawIp}${e.uri ? `, e.g. ${clip(e.uri, 60)}` : ''})`],
    ['rareUserAgent', `a user agent ${users(e.userAgentHosts ?? 1)}${quote(e.userAgent)}`],
    ['mimicUserAgent', 'a user agent misspelling "Mozilla"'],
    ['noUserAgent', `no user agent (${c.noUserAgent} requests)`],
    [
      'gatePost',
      `binary POSTs to a PHP gate without a Referer (${c.gatePost}${e.uri ? `, e.g. ${clip(e.uri, 60)}` : ''})`,
    ],
  ];
  return say.filter(([k]) => c[k] > 0).map(([, text]) => text);
}

function techniques(c: Readonly<Record<OddityName, number>>): string[] {
  const t = new Set<string>();
  if (c.missingHost + c.postToRawIp + c.rareUserAgent + c.mimicUserAgent + c.noUserAgent + c.gatePost > 0)
    t.add('T1071.001');
  if (c.noSni + c.rareFingerprint + c.selfSigned + c.expiredCert + c.invalidCert + c.placeholderCert > 0)
    t.add('T1573.002');
  if (c.selfSigned + c.placeholderCert > 0) t.add('T1587.003');
  if (c.expiredCert + c.invalidCert > 0) t.add('T1588.004');
  return [...t];
}

/** Outbound TLS and HTTP that looks hand-made: odd certificates, rare clients, malformed requests. */
export const tlsHttpOdditiesDetector: Detector = {
  name: 'tls-http-oddities',
  description:
    'self-signed or expired certificates, rare JA3 or user agents, missing Host, POSTs to raw IPs or PHP gates',
  techniques: ['T1071.001', 'T1573.002', 'T1587.003', 'T1588.004'],
  settings: tlsHttpOdditiesSettings,
  evidenceKind: 'content',
  lookAlikeProne: true,
  downWeightedOnProxy: true,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  async run(ctx: DetectContext): Promise<Finding[]> {
    const { floor, perHost, rareMaxHosts, minFingerprintUses } = settingsFor(
      ctx,
      'tls-http-oddities',
      tlsHttpOdditiesSettings,
    );
    const found = await tlsHttpOddities(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      rareMaxHosts,
      minFingerprintUses,
      placeholderSubject,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
    });
    const scored = found.endpoints
      .map((e) => ({ e, score: oddityScore(e.counts, e.hosts, found.internalHosts) }))
      .filter((x) => x.score >= floor)
      .sort(
        // Ties go by endpoint, so the per-host cap keeps the same findings whatever order SQL returned.
        (a, b) =>
          b.score - a.score ||
          b.e.tlsSessions + b.e.httpRequests - a.e.tlsSessions - a.e.httpRequests ||
          (a.e.ip ?? '').localeCompare(b.e.ip ?? '') ||
          (a.e.domain ?? '').localeCompare(b.e.domain ?? ''),
      );
    const kept = new Map<string, number>();
    const findings: Finding[] = [];
    for (const { e, score } of scored) {
      if (ctx.signal?.aborted) break;
      const n = kept.get(e.host) ?? 0;
      if (n >= perHost) continue;
      kept.set(e.host, n + 1);
      const target = e.proxied
        ? `${clip(e.domain ?? e.ip ?? '')} through a proxy`
        : `${e.domain ? `${clip(e.domain)} (${e.ip})` : e.ip}${e.ports.length ? `:${e.ports.slice(0, 3).join(',')}` : ''}`;
      const traffic = [
        e.tlsSessions ? `${e.tlsSessions} TLS sessions` : '',
        e.httpRequests ? `${e.httpRequests} HTTP requests` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      const present = Object.fromEntries(Object.entries(e.counts).filter(([, v]) => v > 0));
      findings.push({
        detector: 'tls-http-oddities',
        techniques: techniques(e.counts),
        host: e.host,
        endpointIp: e.ip,
        endpointDomain: e.domain,
        first: e.first,
        last: e.last,
        connections: e.tlsSessions + e.httpRequests,
        bytesOut: e.bytesOut,
        bytesIn: e.bytesIn,
        score,
        severity: severityOf(score),
        stats: {
          ...present,
          oddities: Object.keys(present),
          tlsSessions: e.tlsSessions,
          httpRequests: e.httpRequests,
          hosts: e.hosts,
          internalHosts: found.internalHosts,
          ports: e.ports.slice(0, 5).map(String),
          ...(e.userAgent ? { userAgent: clip(e.userAgent), userAgentHosts: e.userAgentHosts ?? 0 } : {}),
          ...(e.fingerprint
            ? { fingerprint: clip(e.fingerprint), fingerprintHosts: e.fingerprintHosts ?? 0 }
            : {}),
          ...(e.subject ? { certSubject: clip(e.subject) } : {}),
          ...(e.validation ? { validation: clip(e.validation) } : {}),
          ...(e.uri ? { uri: clip(e.uri) } : {}),
        },
        explanation: `${e.host} reached ${target} (${traffic}, ${e.hosts === 1 ? 'the only internal host to do so' : `${e.hosts} internal hosts do`}) with ${phrases(e).join(', ')}.`,
        links: [],
      });
    }
    return findings;
  },
};
