import { lookalikeDomain } from '../catalog/names.js';
import { clientJa3 } from '../catalog/tls-profiles.js';
import type { C2Truth } from '../labels.js';
import { intrusionAddress } from '../net/addresses.js';
import type { TlsHello } from '../net/traffic.js';
import type { Rng } from '../random.js';
import type { C2Protocol } from '../sim-options.js';
import { iso } from './intrusion.js';
import { type PlantedEvidence, registeredDomain } from './planted-evidence.js';

/** A C2 server behind a domain whose addresses may change during the window. */
export interface C2Domain {
  readonly domain: string;
  /** The registered domain it is under (the attacker owns every name there). */
  readonly registered: string;
  readonly port: number;
  readonly proto: C2Protocol;
  readonly ttl: number;
  /** Address sets from each start time on, first from the window's start. */
  readonly timeline: readonly { readonly from: number; readonly ips: readonly string[] }[];
  readonly hello: TlsHello | null;
}

/** The addresses a C2 domain resolves to at `t`. */
export function ipsAt(s: C2Domain, t: number): readonly string[] {
  let ips = s.timeline[0]?.ips ?? [];
  for (const step of s.timeline) if (step.from <= t) ips = step.ips;
  return ips;
}

/**
 * One implant build's TLS: a self-signed certificate or a free valid one, and the client stack's
 * JA3 (the system's own when the implant uses WinINet, which blends in with Windows services).
 */
export function implantTls(rng: Rng): { ja3: string; selfSigned: boolean } {
  return {
    ja3: rng.chance(0.5)
      ? clientJa3.schannel
      : rng.pick([clientJa3.go, clientJa3.python, clientJa3.trickbot]),
    selfSigned: rng.chance(0.5),
  };
}

/**
 * C2 domains on intrusion hosting; half of them move to new addresses part-way through. Planted
 * names, first addresses and JA3 replace what was drawn, after the same draws, so that everything
 * else about the run stays as it would be without them.
 */
export function createC2Domains(
  rng: Rng,
  count: number,
  proto: C2Protocol,
  start: number,
  end: number,
  taken: Set<string>,
  planted?: PlantedEvidence,
): C2Domain[] {
  const drawn = implantTls(rng);
  const tls = planted?.ja3 ? { ...drawn, ja3: planted.ja3 } : drawn;
  const names = new Set<string>();
  const out: C2Domain[] = [];
  while (out.length < count) {
    const lookalike = lookalikeDomain(rng);
    if (names.has(lookalike.host)) continue;
    names.add(lookalike.host);
    const plantedName = planted?.domains?.[out.length];
    const host = plantedName ?? lookalike.host;
    const registered = plantedName ? registeredDomain(plantedName) : lookalike.registered;
    const first = Array.from({ length: rng.chance(0.3) ? 2 : 1 }, () => intrusionAddress(rng, taken));
    const plantedIp = planted?.ips?.[out.length];
    if (plantedIp) first[0] = plantedIp;
    const timeline: { from: number; ips: string[] }[] = [{ from: start, ips: first }];
    if (end - start >= 12 * 3600 && rng.chance(0.6))
      timeline.push({
        from: start + (end - start) * rng.uniform(0.3, 0.7),
        ips: [intrusionAddress(rng, taken)],
      });
    out.push({
      domain: host,
      registered,
      port: proto === 'tls' ? 443 : rng.pick([80, 80, 8080]),
      proto,
      ttl: rng.pick([60, 300, 600]),
      timeline,
      hello:
        proto === 'tls'
          ? {
              sni: host,
              version: 'TLSv12',
              cipher: 'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
              curve: 'secp256r1',
              ja3: tls.ja3,
              ja3s: 'ec74a5c51106f0419184d0dd08fb05bc',
              nextProtocol: null,
              subject: tls.selfSigned
                ? `CN=${host},O=${rng.pick(['Default Company Ltd', 'Internet Widgits Pty Ltd', 'IT'])}`
                : `CN=${host}`,
              issuer: tls.selfSigned
                ? `CN=${host},O=Default Company Ltd`
                : "CN=Let's Encrypt Authority X3,O=Let's Encrypt,C=US",
              validation: tls.selfSigned ? 'self signed certificate' : 'ok',
            }
          : null,
    });
  }
  return out;
}

/** A C2 domain as labels.json lists it. */
export function c2DomainTruth(s: C2Domain): C2Truth {
  const ips = [...new Set(s.timeline.flatMap((t) => t.ips))];
  return {
    role: 'c2',
    ...(ips.length === 1 ? { ip: ips[0] } : {}),
    ips,
    domains: [s.domain, s.registered],
    ports: [s.port],
    proto: s.proto,
    resolutions: s.timeline.map((t) => ({ from: iso(t.from), ips: t.ips })),
  };
}
