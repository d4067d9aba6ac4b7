/** A knowledge-base source fetched over HTTP(S). */
export interface UrlSource {
  readonly id: string;
  readonly url: string;
}

/** A knowledge-base source already on disk (a mirror, an air-gapped copy). */
export interface PathSource {
  readonly id: string;
  readonly path: string;
}

/** One source `mamori intel update` imports; the id is stable and names its cache files. */
export type IntelSource = UrlSource | PathSource;

/** Whether a source is fetched (rather than read from disk). */
export function isUrlSource(source: IntelSource): source is UrlSource {
  return 'url' in source;
}

/** Ids are file-name safe: they name the cached body and its sidecar. */
export const sourceIdPattern = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const attackBase = 'https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master';
const galaxyBase = 'https://raw.githubusercontent.com/MISP/misp-galaxy/main/clusters';
const warninglistBase = 'https://raw.githubusercontent.com/MISP/misp-warninglists/main/lists';

/** MISP galaxy cluster files imported by default: actors and software. */
export const defaultGalaxyClusters = [
  'threat-actor',
  'malpedia',
  'mitre-intrusion-set',
  'mitre-malware',
  'mitre-tool',
  'tool',
  'rat',
  'backdoor',
  'botnet',
] as const;

/** MISP warninglists imported by default (the lists the project tests against). */
export const defaultWarninglists = [
  'akamai',
  'alexa',
  'amazon-aws',
  'automated-malware-analysis',
  'captive-portals',
  'cisco_top1000',
  'cisco_top5k',
  'cloudflare-top10k',
  'cloudflare',
  'common-ioc-false-positive',
  'crl-hostname',
  'crl-ip',
  'dynamic-dns',
  'empty-hashes',
  'fastly',
  'google-gcp',
  'ipv6-linklocal',
  'majestic_million',
  'microsoft-azure',
  'microsoft-office365',
  'microsoft',
  'multicast',
  'oracle-oci',
  'ovh-cluster',
  'public-dns-hostname',
  'public-dns-v4',
  'public-dns-v6',
  'rfc1918',
  'rfc5735',
  'rfc6598',
  'rfc6761',
  'second-level-tlds',
  'security-provider-blogpost',
  'sinkholes',
  'ti-falsepositives',
  'tlds',
  'tranco10k',
  'url-shortener',
  'vpn-ipv4',
  'whats-my-ip',
] as const;

/**
 * The public sources `mamori intel update` fetches without a sources file: ATT&CK Enterprise and
 * ICS (STIX 2.1), MISP galaxy clusters (`galaxy-<name>`) and MISP warninglists (`warninglist-<name>`;
 * the warninglist importer drops that prefix again to get the list's short id).
 */
export const defaultIntelSources: readonly UrlSource[] = [
  { id: 'attack-enterprise', url: `${attackBase}/enterprise-attack/enterprise-attack.json` },
  { id: 'attack-ics', url: `${attackBase}/ics-attack/ics-attack.json` },
  ...defaultGalaxyClusters.map((name) => ({ id: `galaxy-${name}`, url: `${galaxyBase}/${name}.json` })),
  ...defaultWarninglists.map((name) => ({
    id: `warninglist-${name}`,
    url: `${warninglistBase}/${name}/list.json`,
  })),
];
