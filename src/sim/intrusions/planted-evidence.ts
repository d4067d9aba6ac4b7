import { getDomain } from 'tldts';
import { errorCodes, MamoriError } from '../../errors.js';
import { detectIndicator } from '../../intel/indicators/normalize.js';

/** The hashes of one file an implant downloads; missing ones are made up (deterministically). */
export interface PlantedFile {
  readonly md5?: string;
  readonly sha1?: string;
  readonly sha256?: string;
}

/**
 * A known actor's evidence the `apt` intrusion uses instead of fresh look-alikes, so that attribution
 * can be measured against the truth: its C2 names and addresses, the hashes of its implants (written
 * to files.log, where threat-intel matching finds them), its implant's user agent and JA3.
 */
export interface PlantedEvidence {
  /** C2 domains, given to the C2 servers in order (the rest keep look-alike names). */
  readonly domains?: readonly string[];
  /** C2 addresses: the first address of each C2 server, in order. */
  readonly ips?: readonly string[];
  /** Files the first infected host downloads from the delivery server over HTTP, one download each. */
  readonly files?: readonly PlantedFile[];
  readonly userAgent?: string;
  readonly ja3?: string;
}

function usage(message: string): never {
  throw new MamoriError(errorCodes.usage, `planted evidence: ${message}`);
}

function typed(raw: string, types: readonly string[], what: string): string {
  const n = detectIndicator(raw);
  if (!n.ok || !types.includes(n.type)) usage(`"${raw}" is not ${what}`);
  return n.value;
}

const hex = (raw: string | undefined, len: number, what: string): string | undefined => {
  if (raw === undefined) return undefined;
  const v = raw.trim().toLowerCase();
  if (v.length !== len || !/^[0-9a-f]+$/.test(v)) usage(`"${raw}" is not ${what}`);
  return v;
};

/** Validates and normalises planted evidence (lower-case names and hashes); bad values are usage errors. */
export function resolvePlanted(p: PlantedEvidence): PlantedEvidence {
  const files = (p.files ?? []).map((f) => {
    const file = {
      md5: hex(f.md5, 32, 'an MD5 hash'),
      sha1: hex(f.sha1, 40, 'a SHA-1 hash'),
      sha256: hex(f.sha256, 64, 'a SHA-256 hash'),
    };
    if (!file.md5 && !file.sha1 && !file.sha256) usage('a file needs at least one hash');
    return Object.fromEntries(Object.entries(file).filter(([, v]) => v !== undefined)) as PlantedFile;
  });
  const agent = p.userAgent?.trim();
  if (agent !== undefined && (agent === '' || agent.length > 500 || /[\t\n\r]/.test(agent)))
    usage('the user agent must be 1–500 characters without tabs or line breaks');
  return {
    ...(p.domains ? { domains: p.domains.map((d) => typed(d, ['domain'], 'a domain name')) } : {}),
    ...(p.ips ? { ips: p.ips.map((ip) => typed(ip, ['ipv4'], 'an IPv4 address')) } : {}),
    ...(p.files ? { files } : {}),
    ...(agent !== undefined ? { userAgent: agent } : {}),
    ...(p.ja3 !== undefined ? { ja3: hex(p.ja3, 32, 'a JA3 fingerprint (32 hex digits)') } : {}),
  };
}

/** The registered domain a planted C2 name is under (`kawasaki.cloud-maste.com` → `cloud-maste.com`). */
export function registeredDomain(host: string): string {
  return getDomain(host) ?? host;
}
