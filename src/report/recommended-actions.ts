import { type Incident, isLikelyBenign } from '../domain/incident.js';
import { type BlockIndicator, incidentIndicators } from './incident-indicators.js';

/** What a recommended action's values are. */
export type ActionTarget = 'hosts' | 'servers' | 'names' | 'hashes' | 'none';

/** What a technique calls for: a stable action id, what to do, the behaviour it names, and what it applies to. */
export interface TechniqueAction {
  readonly action: string;
  readonly text: string;
  /** A few words for the executive summary's "what happened". */
  readonly behaviour: string;
  readonly target: ActionTarget;
}

const row = (action: string, target: ActionTarget, behaviour: string, text: string): TechniqueAction => ({
  action,
  target,
  behaviour,
  text,
});

const c2 = row(
  'hunt-c2',
  'servers',
  'command and control',
  'Search proxy, DNS and firewall logs for any other host that reached these servers, including before the first finding.',
);
const dns = row(
  'restrict-dns',
  'names',
  'DNS tunnelling',
  'Restrict outbound DNS to the internal resolvers and alert on long or high-volume lookups of these names: DNS can carry a tunnel.',
);
const downloads = row(
  'quarantine-downloads',
  'hashes',
  'payload downloads',
  'Find and quarantine the downloaded files on these hosts (by their hashes), and check whether they ran.',
);
const egress = row(
  'review-egress',
  'hosts',
  'data exfiltration',
  'Review what these hosts sent out (proxy, firewall and flow logs) and which data they could reach; keep the logs as evidence.',
);
const certificates = row(
  'inspect-certificates',
  'servers',
  'self-made TLS certificates',
  'Alert on TLS sessions to servers with self-signed or tool-default certificates at the proxy or IDS.',
);
const dga = row(
  'block-new-domains',
  'none',
  'generated domain names',
  'Block or sinkhole newly registered and algorithm-generated names at the resolver.',
);
const staging = row(
  'review-staging',
  'hosts',
  'data staging',
  'Look on these hosts for archives staged for upload.',
);
const scanning = row(
  'scanning',
  'hosts',
  'network scanning',
  'Find the process that scanned the network from these hosts.',
);
const patchClients = row(
  'patch-clients',
  'hosts',
  'client exploitation',
  'Update the browsers and document readers on these hosts.',
);
const mail = row(
  'search-mail',
  'none',
  'phishing',
  'Search mail for the same sender and attachment, and remove them from every mailbox.',
);

/**
 * ATT&CK technique → what to do about it, most telling behaviour first (the summary and the
 * actions follow this order). Each row is an example an analyst adapts, not a playbook;
 * techniques that share an action (T1041, T1030, T1048) share its id, so it is listed once.
 */
export const techniqueActions = {
  T1071: c2,
  'T1071.001': c2,
  T1095: c2,
  'T1071.004': dns,
  T1572: dns,
  T1105: downloads,
  T1041: egress,
  T1030: egress,
  T1048: egress,
  'T1568.002': dga,
  T1483: dga,
  'T1021.002': row(
    'restrict-smb',
    'hosts',
    'lateral movement over SMB',
    'Review SMB and admin-share use between internal hosts, and restrict it to the administrators who need it.',
  ),
  'T1204.002': row(
    'user-execution',
    'hosts',
    'a user opening a malicious file',
    'Ask the users of these hosts what they opened, and search mail and downloads for the same file.',
  ),
  'T1036.008': row(
    'masquerade',
    'none',
    'files disguised as another type',
    'Have the web proxy block executables served under another file type.',
  ),
  'T1573.002': certificates,
  'T1587.003': certificates,
  'T1588.004': certificates,
  'T1090.003': row(
    'block-anonymisers',
    'hosts',
    'an anonymising proxy',
    'Block Tor and other anonymising proxies at the egress, and find what on these hosts used them.',
  ),
  T1571: row(
    'restrict-ports',
    'none',
    'traffic on non-standard ports',
    'Allow outbound traffic only on the ports the business needs.',
  ),
  T1039: row(
    'review-shares',
    'hosts',
    'data taken from network shares',
    'Review access to the file shares these hosts read from.',
  ),
  T1074: staging,
  'T1074.001': staging,
  T1046: scanning,
  T1595: scanning,
  T1190: row(
    'patch-exposed',
    'hosts',
    'exploitation of a public-facing service',
    'Patch the exposed service on these hosts and review its logs for the exploitation.',
  ),
  T1189: patchClients,
  T1203: patchClients,
  T1566: mail,
  'T1566.001': mail,
  T1496: row(
    'remove-miner',
    'hosts',
    'cryptocurrency mining',
    'Remove the mining software from these hosts and block mining pools at the egress.',
  ),
} as const satisfies Readonly<Record<string, TechniqueAction>>;

/** The action a technique calls for, or null when the table has none. */
export function techniqueAction(id: string): TechniqueAction | null {
  return Object.hasOwn(techniqueActions, id) ? techniqueActions[id as keyof typeof techniqueActions] : null;
}

/** One recommended action: what to do, and the values (names, addresses, hosts, hashes) it applies to. */
export interface RecommendedAction {
  readonly id: string;
  readonly text: string;
  readonly values: readonly string[];
  /** What the values are. */
  readonly target: ActionTarget;
  /** The techniques that call for it (empty for the server- and host-driven actions). */
  readonly techniques: readonly string[];
}

/**
 * Recommended actions for an incident, most urgent first: block its servers' names and addresses
 * (those on benign warninglists left out), isolate its hosts, reset the credentials used on them,
 * hunt for its files' hashes, then one action per technique-driven row of `techniqueActions`.
 * A likely-benign incident (or one the caller says is benign, e.g. triaged so) gets only "review": nothing is blocked or
 * isolated on a look-alike.
 */
export function recommendedActions(incident: Incident, opts: { benign?: boolean } = {}): RecommendedAction[] {
  const hosts = incident.hosts.map((h) => h.ip);
  if (opts.benign ?? isLikelyBenign(incident)) {
    return [
      {
        id: 'review',
        text: 'Confirm with the owners of these hosts that the traffic is expected (a backup, a sync client); if it is, add the servers to the allowlist, otherwise triage it as confirmed.',
        values: hosts,
        target: 'hosts',
        techniques: [],
      },
    ];
  }
  const indicators = incidentIndicators(incident);
  const of = (pick: (x: BlockIndicator) => boolean) => indicators.filter(pick).map((x) => x.value);
  const network = of((x) => x.kind === 'domain' || x.kind === 'ip');
  const hashes = of((x) => x.role === 'file');
  const out: RecommendedAction[] = [];
  if (network.length > 0)
    out.push({
      id: 'block',
      text: 'Block these names and addresses at the resolver, proxy and firewall (the block list in the appendix has them as text, CSV and Suricata rules).',
      values: network,
      target: 'servers',
      techniques: [],
    });
  if (hosts.length > 0) {
    out.push({
      id: 'isolate',
      text: `Isolate ${hosts.length === 1 ? 'this host' : `these ${hosts.length} hosts`} from the network and keep their disks and memory for forensics.`,
      values: hosts,
      target: 'hosts',
      techniques: [],
    });
    out.push({
      id: 'reset-credentials',
      text: 'Reset the credentials used on these hosts: the accounts of their users, local administrators and any service accounts.',
      values: hosts,
      target: 'hosts',
      techniques: [],
    });
  }
  if (hashes.length > 0)
    out.push({
      id: 'hunt-hashes',
      text: 'Hunt for these file hashes on every endpoint (EDR, antivirus, mail and proxy logs).',
      values: hashes,
      target: 'hashes',
      techniques: [],
    });
  const byAction = new Map<string, { row: TechniqueAction; techniques: string[] }>();
  for (const [t, r] of Object.entries(techniqueActions) as [string, TechniqueAction][]) {
    if (!incident.techniques.includes(t)) continue;
    const entry = byAction.get(r.action) ?? { row: r, techniques: [] };
    entry.techniques.push(t);
    byAction.set(r.action, entry);
  }
  const valuesOf: Record<ActionTarget, readonly string[]> = {
    hosts,
    servers: network,
    names: of((x) => x.kind === 'domain'),
    hashes,
    none: [],
  };
  for (const { row: r, techniques } of byAction.values())
    out.push({ id: r.action, text: r.text, values: valuesOf[r.target], target: r.target, techniques });
  return out;
}

/** The behaviours an incident's techniques name, once each, in the table's order. */
export function incidentBehaviours(incident: Pick<Incident, 'techniques'>): string[] {
  const out = new Set<string>();
  for (const [t, r] of Object.entries(techniqueActions) as [string, TechniqueAction][])
    if (incident.techniques.includes(t)) out.add(r.behaviour);
  return [...out];
}

const targetWords: Record<ActionTarget, readonly [string, string]> = {
  hosts: ['host', 'hosts'],
  servers: ['name or address', 'names and addresses'],
  names: ['name', 'names'],
  hashes: ['hash', 'hashes'],
  none: ['value', 'values'],
};

/** What an action's values are, counted: `23 hosts`, `37 names and addresses`, `hash`. */
export function valueWords(a: Pick<RecommendedAction, 'target' | 'values'>): string {
  const [one, many] = targetWords[a.target];
  return a.values.length === 1 ? one : `${a.values.length} ${many}`;
}
