import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lookalikeDomain } from './catalog/names.js';
import { intrusionAddress } from './net/addresses.js';
import { Rng } from './random.js';
import type { SimulateOptions } from './sim-options.js';

/** What a CTI vendor published about an actor after an earlier intrusion: the demo's "past case". */
export interface PastCase {
  readonly actor: { readonly name: string; readonly aliases: readonly string[]; readonly attackId: string };
  readonly malware: readonly {
    readonly name: string;
    readonly aliases: readonly string[];
    readonly sha256: string;
  }[];
  /** C2 domains of the past case (the registered domains the actor owned). */
  readonly domains: readonly string[];
  readonly ips: readonly string[];
  readonly techniques: readonly { readonly id: string; readonly name: string }[];
  /** When the vendor published it. */
  readonly published: string;
}

const hex = (rng: Rng, n: number) => rng.chars('0123456789abcdef', n);

/**
 * A deterministic past case: six C2 domains, four addresses and two implant builds of an actor the
 * knowledge base may also know from ATT&CK (APT10, G0045), published months before the demo's traffic.
 */
export function pastCase(seed = 2016): PastCase {
  const rng = Rng.derive(seed, 'past-case');
  const taken = new Set<string>();
  const domains = new Set<string>();
  while (domains.size < 6) domains.add(lookalikeDomain(rng).registered);
  return {
    actor: {
      name: 'APT10',
      aliases: ['menuPass', 'Stone Panda', 'Red Apollo', 'POTASSIUM'],
      attackId: 'G0045',
    },
    malware: [
      { name: 'RedLeaves', aliases: ['BUGJUICE'], sha256: hex(rng, 64) },
      { name: 'ChChes', aliases: ['Scorpion', 'HAYMAKER'], sha256: hex(rng, 64) },
    ],
    domains: [...domains],
    ips: Array.from({ length: 4 }, () => intrusionAddress(rng, taken)),
    techniques: [
      { id: 'T1071.001', name: 'Application Layer Protocol: Web Protocols' },
      { id: 'T1105', name: 'Ingress Tool Transfer' },
      { id: 'T1021.002', name: 'Remote Services: SMB/Windows Admin Shares' },
      { id: 'T1074.001', name: 'Data Staged: Local Data Staging' },
      { id: 'T1041', name: 'Exfiltration Over C2 Channel' },
    ],
    published: '2016-04-20T00:00:00.000Z',
  };
}

/** A STIX id whose UUID (version 5 layout) comes from the object's content: the same case, the same ids. */
function stixId(type: string, key: string): string {
  const h = createHash('sha1').update(`${type}|${key}`).digest('hex');
  const variant = ((Number.parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `${type}--${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

// TLP:GREEN as STIX 2.1 predefines it (TLP 1.0 marking definitions, section 7.2.1.4).
const tlpGreen = 'marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da';

/** The past case as a STIX 2.1 bundle, as a vendor would publish it; returns the file written. */
export function writePastCaseBundle(dir: string, c: PastCase): string {
  mkdirSync(dir, { recursive: true });
  const when = c.published;
  const common = (type: string, key: string) => ({
    type,
    spec_version: '2.1',
    id: stixId(type, key),
    created: when,
    modified: when,
    created_by_ref: stixId('identity', 'vendor'),
    object_marking_refs: [tlpGreen],
  });
  const vendor = {
    type: 'identity',
    spec_version: '2.1',
    id: stixId('identity', 'vendor'),
    created: when,
    modified: when,
    name: 'Example Threat Intelligence (simulated vendor)',
    identity_class: 'organization',
  };
  const actor = {
    ...common('intrusion-set', c.actor.name),
    name: c.actor.name,
    aliases: c.actor.aliases,
    description: `${c.actor.name} is a long-running cyber-espionage group targeting managed service providers, manufacturing, government and business federations.`,
    first_seen: '2009-01-01T00:00:00.000Z',
    goals: ['intellectual property theft', 'intelligence collection'],
    resource_level: 'government',
    primary_motivation: 'organizational-gain',
    external_references: [
      {
        source_name: 'mitre-attack',
        external_id: c.actor.attackId,
        url: `https://attack.mitre.org/groups/${c.actor.attackId}/`,
      },
    ],
  };
  const malware = c.malware.map((m) => ({
    ...common('malware', m.name),
    name: m.name,
    aliases: m.aliases,
    is_family: true,
    malware_types: ['remote-access-trojan', 'backdoor'],
  }));
  const patterns = c.techniques.map((t) => ({
    ...common('attack-pattern', t.id),
    name: t.name,
    external_references: [{ source_name: 'mitre-attack', external_id: t.id }],
  }));
  const indicator = (key: string, pattern: string, name: string) => ({
    ...common('indicator', key),
    name,
    pattern,
    pattern_type: 'stix',
    valid_from: when,
    indicator_types: ['malicious-activity'],
    confidence: 85,
  });
  const indicators = [
    ...c.domains.map((d) =>
      indicator(`domain:${d}`, `[domain-name:value = '${d}']`, `${c.actor.name} C2 domain ${d}`),
    ),
    ...c.ips.map((ip) =>
      indicator(`ip:${ip}`, `[ipv4-addr:value = '${ip}']`, `${c.actor.name} C2 address ${ip}`),
    ),
    ...c.malware.map((m) =>
      indicator(`hash:${m.sha256}`, `[file:hashes.'SHA-256' = '${m.sha256}']`, `${m.name} implant`),
    ),
  ];
  const rel = (source: { id: string }, type: string, target: { id: string }) => ({
    ...common('relationship', `${source.id}|${type}|${target.id}`),
    relationship_type: type,
    source_ref: source.id,
    target_ref: target.id,
  });
  const [redLeaves] = malware;
  const relationships = [
    ...malware.map((m) => rel(actor, 'uses', m)),
    ...patterns.map((p) => rel(actor, 'uses', p)),
    ...indicators.map((i) => rel(i, 'indicates', actor)),
    ...indicators
      .filter((i) => i.pattern.startsWith('[file:'))
      .map((i, n) => rel(i, 'indicates', malware[n] ?? (redLeaves as { id: string }))),
  ];
  const objects = [vendor, actor, ...malware, ...patterns, ...indicators, ...relationships];
  const report = {
    ...common('report', 'past-case'),
    name: `${c.actor.name}: C2 infrastructure and implants of an intrusion at a business federation`,
    description: 'Infrastructure and malware of an earlier intrusion, shared with partners (simulated).',
    published: when,
    report_types: ['threat-actor', 'indicator'],
    // The entities it is about; indicators and relationships stand on their own.
    object_refs: [actor, ...malware, ...patterns].map((o) => o.id),
  };
  const bundle = { type: 'bundle', id: stixId('bundle', 'past-case'), objects: [...objects, report] };
  const file = join(dir, 'past-case-apt10.stix.json');
  writeFileSync(file, `${JSON.stringify(bundle, null, 2)}\n`);
  return file;
}

/**
 * The demo's office as `mamori demo` simulates it: 23 infected PCs and 10 C2 servers, four of them
 * the past case's (one at a listed address), and the first PC downloads the past case's implant.
 * Tests that check the demo use the same options, so they cannot drift from it.
 */
export function demoSimOptions(
  c: PastCase,
  o: Pick<SimulateOptions, 'out' | 'seed' | 'hosts' | 'days' | 'onProgress'>,
): SimulateOptions {
  return {
    ...o,
    scenario: 'apt',
    infected: 23,
    c2: 10,
    actor: c.actor.name,
    planted: {
      domains: c.domains.slice(0, 4).map((d, i) => `${['update', 'mail', 'news', 'cdn'][i]}.${d}`),
      ips: c.ips.slice(0, 1),
      files: c.malware.slice(0, 1).map((m) => ({ sha256: m.sha256 })),
    },
  };
}
