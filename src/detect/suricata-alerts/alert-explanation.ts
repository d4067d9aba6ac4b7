import { clip } from '../../clip.js';
import type { RuleFamilies } from './family-links.js';

/** What the sentence of one alert finding says. */
export interface AlertStory {
  readonly host: string;
  readonly endpoint: string;
  readonly outbound: boolean;
  readonly ports: readonly number[];
  readonly signature: string;
  readonly category: string | null;
  readonly severity: number | null;
  readonly alerts: number;
  /** Alerts of the pair in all, and its other signatures. */
  readonly totalAlerts: number;
  readonly otherSignatures: number;
  readonly first: string;
  readonly last: string;
  readonly families: RuleFamilies;
  /** Inbound: the most bytes the internal server sent back in one flow, and whether that counts. */
  readonly serverBytes: number | null;
  readonly answered: boolean;
  readonly inboundSources: number;
  /** Outbound: how many internal hosts set off the same alert or talk to the endpoint, of how many. */
  readonly widespread: { hosts: number; of: number } | null;
}

const times = (n: number) => (n === 1 ? 'once' : `${n} times`);
const list = (xs: readonly string[]) =>
  xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;

function familyClause(f: RuleFamilies): string {
  if (f.names.length === 0) return '';
  const named = f.names.map((n) => clip(n, 40, { oneLine: true }));
  const given = new Set(named.map((n) => n.toLowerCase()));
  const other = [...new Set(f.links.map((l) => l.name))].filter((n) => !given.has(n.toLowerCase()));
  const where =
    f.source === 'metadata' ? "the rule's metadata names the malware family" : 'the signature names';
  const known =
    f.links.length === 0
      ? ', which the knowledge base does not know'
      : other.length > 0
        ? ` (${list(other)} in the knowledge base)`
        : ', known to the knowledge base';
  return `; ${where} ${list(named)}${known}`;
}

/** One sentence an analyst can read: who, which rule, how often, when, and what it means. */
export function explainAlerts(s: AlertStory): string {
  const ports = s.ports.length > 0 ? ` (port ${s.ports.slice(0, 3).join(', ')})` : '';
  const flow = s.outbound
    ? `${s.host} → ${s.endpoint}${ports}`
    : `${s.endpoint} → ${s.host}${ports}, inbound`;
  const rule = [s.category, s.severity === null ? null : `severity ${s.severity}`].filter(Boolean).join(', ');
  const others =
    s.otherSignatures > 0
      ? ` and ${s.otherSignatures} other signature${s.otherSignatures > 1 ? 's' : ''} (${s.totalAlerts} alerts in all)`
      : '';
  const span =
    s.first.slice(0, 19) === s.last.slice(0, 19)
      ? ` at ${s.first.slice(0, 19)}`
      : ` between ${s.first.slice(0, 19)} and ${s.last.slice(0, 19)}`;
  const answer = s.outbound
    ? ''
    : s.answered
      ? `; the host answered with up to ${s.serverBytes} bytes`
      : s.serverBytes
        ? `; the host sent only ${s.serverBytes} bytes back`
        : '; the host sent nothing back';
  const sources =
    !s.outbound && s.inboundSources > 1
      ? `; ${s.inboundSources} external sources set off inbound alerts against ${s.host}`
      : '';
  const common = s.widespread
    ? `; down-weighted because ${s.widespread.hosts} of ${s.widespread.of} internal hosts share it`
    : '';
  // Rule messages come with the traffic: attacker text, kept readable in one line.
  return `${flow}: Suricata raised "${clip(s.signature, 100, { oneLine: true })}"${rule ? ` (${rule})` : ''} ${times(s.alerts)}${others}${span}${familyClause(s.families)}${answer}${sources}${common}.`;
}
