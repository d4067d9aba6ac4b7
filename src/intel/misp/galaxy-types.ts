import type { EntityType } from '../model.js';

/** How one MISP galaxy type maps onto the knowledge base. */
export interface GalaxyKind {
  readonly entityType: EntityType;
  /** Set for galaxies generated from ATT&CK, whose cluster uuids are the uuids of the ATT&CK STIX ids. */
  readonly stixType?: EntityType;
}

const malware: GalaxyKind = { entityType: 'malware' };
const tool: GalaxyKind = { entityType: 'tool' };
const actor: GalaxyKind = { entityType: 'intrusion-set' };

/** Galaxy types we import, by the galaxy's `type`; every other galaxy (sectors, countries…) is context. */
export const galaxyKinds: Readonly<Record<string, GalaxyKind>> = {
  'threat-actor': actor,
  'microsoft-activity-group': actor,
  'mitre-intrusion-set': { entityType: 'intrusion-set', stixType: 'intrusion-set' },
  'mitre-enterprise-attack-intrusion-set': { entityType: 'intrusion-set', stixType: 'intrusion-set' },
  'mitre-mobile-attack-intrusion-set': { entityType: 'intrusion-set', stixType: 'intrusion-set' },
  malpedia: malware,
  rat: malware,
  backdoor: malware,
  botnet: malware,
  banker: malware,
  stealer: malware,
  ransomware: malware,
  android: malware,
  'exploit-kit': malware,
  'mitre-malware': { entityType: 'malware', stixType: 'malware' },
  'mitre-enterprise-attack-malware': { entityType: 'malware', stixType: 'malware' },
  'mitre-mobile-attack-malware': { entityType: 'malware', stixType: 'malware' },
  tool,
  'mitre-tool': { entityType: 'tool', stixType: 'tool' },
  'mitre-enterprise-attack-tool': { entityType: 'tool', stixType: 'tool' },
  'mitre-mobile-attack-tool': { entityType: 'tool', stixType: 'tool' },
  'mitre-attack-pattern': { entityType: 'attack-pattern', stixType: 'attack-pattern' },
  'mitre-enterprise-attack-attack-pattern': { entityType: 'attack-pattern', stixType: 'attack-pattern' },
  'mitre-campaign': { entityType: 'campaign', stixType: 'campaign' },
};

/** The kind of a galaxy type, or undefined when we do not import that galaxy. */
export function galaxyKindOf(type: string): GalaxyKind | undefined {
  return Object.hasOwn(galaxyKinds, type) ? galaxyKinds[type] : undefined;
}

const attackIdRe = /^(?:[GSC]\d{4}|T\d{4}(?:\.\d{3})?)$/i;

/** True for an ATT&CK group, software, campaign or technique id (G0045, S0013, C0001, T1071.001). */
export function isAttackId(s: string): boolean {
  return attackIdRe.test(s.trim());
}

/** Splits ATT&CK-style cluster values, `PlugX - S0013` → name `PlugX`, id `S0013`. */
export function splitAttackSuffix(value: string): { name: string; attackId?: string } {
  const m = /^(.*\S)\s+-\s+([GSCT]\d{4}(?:\.\d{3})?)$/i.exec(value.trim());
  if (!m?.[1] || !m[2]) return { name: value.trim() };
  return { name: m[1], attackId: m[2].toUpperCase() };
}

/** A `misp-galaxy:<type>="<value>"` tag split into galaxy type and cluster value. */
export function parseGalaxyTag(tag: string): { type: string; value: string } | undefined {
  const m = /^misp-galaxy:([^=\s]+)\s*=\s*"(.+)"$/.exec(tag.trim());
  return m?.[1] && m[2] ? { type: m[1], value: m[2].trim() } : undefined;
}
