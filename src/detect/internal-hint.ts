import type { Store } from '../store/store.js';
import { InternalNetworks } from './internal-networks.js';
import {
  type NetworkEvidence,
  networkEvidence,
  type TrafficMix,
  trafficMix,
} from './network-scope/network-scope-query.js';
import { scopeSensors } from './run-detectors.js';

/** Advice when the telemetry is mostly traffic between internal addresses. */
export interface InternalHint {
  /** Share of connections with both ends internal (0–1). */
  readonly internalShare: number;
  readonly connections: number;
  /** The busiest internal → internal blocks. */
  readonly pairs: TrafficMix['internalPairs'];
  /** Blocks the data suggests are the monitored networks, for `--internal`. */
  readonly suggested: readonly string[];
  readonly message: string;
}

// Below this many connections a share says little.
const minConnections = 20;

/**
 * Blocks to suggest for `--internal`: those holding DHCP or DNS clients. Originators alone are not
 * enough: an attacker's scanner or a C2 client opens connections too, and calling the wrong side
 * internal would hide it.
 */
export function suggestInternal(evidence: readonly NetworkEvidence[], max = 4): string[] {
  return evidence
    .filter((e) => e.dhcpClients > 0 || e.dnsClients > 0)
    .slice(0, max)
    .map((e) => e.network);
}

/**
 * The hint, or null when the mix is not mostly internal. Detectors look at internal hosts talking
 * to external servers, so a lab or emulation network whose attacker sits in private space yields
 * nothing and would say nothing. A fifth of the connections is enough when nothing was found; with
 * findings it takes four fifths, since a sensor that sees east-west traffic in an enterprise is
 * often half internal and the hint would be noise there.
 */
export function internalHint(
  mix: TrafficMix,
  evidence: readonly NetworkEvidence[],
  opts: { readonly internal?: readonly string[]; readonly findings: number },
): InternalHint | null {
  if (mix.connections < minConnections) return null;
  const share = mix.internalToInternal / mix.connections;
  if (share < 0.8 && !(opts.findings === 0 && share >= 0.2)) return null;
  const suggested = suggestInternal(evidence);
  const pct = Math.round(share * 100);
  const pairs = mix.internalPairs
    .slice(0, 3)
    .map((p) => `${p.from} → ${p.to} (${p.connections.toLocaleString('en')})`);
  const scope =
    opts.internal && opts.internal.length > 0
      ? `the internal networks given (${opts.internal.join(', ')})`
      : 'the internal networks (by default every private range: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16, …)';
  const lines = [
    `hint: ${pct}% of ${mix.connections.toLocaleString('en')} connections have both ends inside ${scope}.`,
  ];
  if (pairs.length > 0) lines.push(`  Busiest: ${pairs.join(', ')}.`);
  lines.push(
    '  mamori hunts internal hosts talking to servers outside those networks, so an attacker or a C2 server',
    '  in private address space is not seen. Say which networks are yours with --internal:',
    suggested.length > 0
      ? `  the data suggests --internal ${suggested.join(',')} (DHCP and DNS clients; mamori stats shows the evidence).`
      : '  mamori stats shows which blocks hold DHCP and DNS clients and who opens connections.',
  );
  return {
    internalShare: share,
    connections: mix.connections,
    pairs: mix.internalPairs,
    suggested,
    message: lines.join('\n'),
  };
}

/**
 * The hint of each scope a run hunted (`scopes` as findings carry them; '' for the whole store),
 * from that scope's own traffic mix and network evidence.
 */
export async function internalTrafficHints(
  store: Store,
  opts: {
    readonly internal?: readonly string[];
    readonly from?: string;
    readonly to?: string;
    readonly scopes: readonly string[];
    /** Findings (or incidents) of a scope worth reporting. */
    readonly found: (scope: string) => number;
  },
): Promise<ScopedHint[]> {
  const ranges = new InternalNetworks(opts.internal).ranges;
  const hints: ScopedHint[] = [];
  for (const scope of opts.scopes.length > 0 ? opts.scopes : ['']) {
    const window = { from: opts.from, to: opts.to, sensors: await scopeSensors(store, scope || undefined) };
    const mix = await trafficMix(store.analytics, { ...window, internal: ranges });
    if (mix.connections < minConnections) continue;
    const evidence = await networkEvidence(store.analytics, window);
    const hint = internalHint(mix, evidence, { internal: opts.internal, findings: opts.found(scope) });
    if (hint) hints.push({ ...hint, scope });
  }
  return hints;
}

/** A hint and the scope (sensors, comma-separated) it speaks of. */
export interface ScopedHint extends InternalHint {
  readonly scope: string;
}

/** The hints as text: each prefixed with its network when the run hunted several. */
export function describeHints(hints: readonly ScopedHint[], scopes: number): string {
  return hints
    .map((h) => (scopes > 1 && h.scope ? `network ${h.scope}: ${h.message}` : h.message))
    .join('\n\n');
}
