import { clip } from '../../clip.js';
import { type Finding, severityOf } from '../../domain/finding.js';
import type { DetectContext, Detector } from '../detector.js';
import { settingsFor } from '../settings-for.js';
import { explainAlerts } from './alert-explanation.js';
import { answeredBytes, firingCeiling, isWidespread, pairScore, signatureScore } from './alert-score.js';
import { FamilyResolver, type RuleFamilies } from './family-links.js';
import { type RuleFacts, ruleCeiling, ruleFacts, ruleTechniques } from './rule-facts.js';
import { type AlertGroup, alertGroups } from './suricata-alerts-query.js';
import { suricataAlertsSettings } from './suricata-alerts-settings.js';

const isIp = (v: string) => /^[0-9.]+$/.test(v) || v.includes(':');

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

interface Scored {
  readonly g: AlertGroup;
  readonly rule: RuleFacts;
  readonly families: RuleFamilies;
  readonly answered: boolean;
  readonly score: number;
}

/** Suricata alerts, one finding per internal host and external endpoint, linked to the families they name. */
export const suricataAlertsDetector: Detector = {
  name: 'suricata-alerts',
  description: 'Suricata alerts, linked to the malware family they name',
  techniques: ['T1071', 'T1190', 'T1189', 'T1595', 'T1105', 'T1090.003', 'T1059'],
  settings: suricataAlertsSettings,
  evidenceKind: 'ids',
  lookAlikeProne: false,
  downWeightedOnProxy: false,
  outranksAllowlist: false,
  serverRole: 'c2',
  leadIn: false,
  matchesIndicators: false,
  async run(ctx: DetectContext): Promise<Finding[]> {
    const cfg = settingsFor(ctx, 'suricata-alerts', suricataAlertsSettings);
    const { threshold } = cfg;
    const rules = new Map<number, RuleFacts>();
    const { groups, internalHosts } = await alertGroups(ctx.store.analytics, {
      internal: ctx.internal.ranges,
      from: ctx.from,
      to: ctx.to,
      sensors: ctx.sensors,
      perHost: cfg.storePerHost,
      rank: (s) => {
        const r = ruleFacts(s);
        rules.set(s.key, r);
        const c = ruleCeiling(r);
        return Math.max(c.outbound, c.inbound) < threshold ? null : c;
      },
    });
    ctx.signal?.throwIfAborted();
    const resolver = new FamilyResolver(ctx.store);
    const families = new Map<number, RuleFamilies>();
    for (const key of new Set(groups.map((g) => g.signature))) {
      const r = rules.get(key);
      if (r)
        families.set(
          key,
          await resolver.resolve({ metadata: r.metadata.malwareFamilies, candidates: r.candidates }),
        );
    }
    const pairs = new Map<string, Scored[]>();
    for (const g of groups) {
      const rule = rules.get(g.signature);
      const fam = families.get(g.signature);
      if (!rule || !fam) continue;
      const answered = !g.outbound && (g.serverBytes ?? 0) >= answeredBytes;
      // A family counts when the rule's metadata names one or the knowledge base knows the name.
      const family = fam.source === 'metadata' || fam.links.length > 0;
      const score = Math.min(
        firingCeiling(rule.facts, { outbound: g.outbound, answered }),
        signatureScore(rule.facts, { outbound: g.outbound, answered, family }),
      );
      push(pairs, `${g.host}\u0000${g.endpoint}`, { g, rule, families: fam, answered, score });
    }
    const findings: Finding[] = [];
    for (const scored of pairs.values()) {
      const f = toFinding(scored, internalHosts);
      if (f && f.score >= threshold) findings.push(f);
    }
    return capPerHost(findings, cfg);
  },
};

function toFinding(scored: Scored[], networkHosts: number): Finding | null {
  scored.sort((a, b) => b.score - a.score || b.g.alerts - a.g.alerts || a.g.signature - b.g.signature);
  const top = scored[0];
  if (!top) return null;
  const { g } = top;
  const outboundGroups = scored.filter((s) => s.g.outbound);
  const spread = top.g.outbound ? Math.max(g.signatureHosts, g.endpointHosts) : 0;
  const widespread = top.g.outbound && isWidespread(spread, networkHosts);
  const ceiling = Math.max(
    ...scored.map((s) => firingCeiling(s.rule.facts, { outbound: s.g.outbound, answered: s.answered })),
  );
  const score = pairScore(
    scored.map((s) => s.score),
    widespread,
    ceiling,
  );
  const alerts = scored.reduce((a, s) => a + s.g.alerts, 0);
  const first = scored.map((s) => s.g.first).sort()[0] ?? g.first;
  const last =
    scored
      .map((s) => s.g.last)
      .sort()
      .at(-1) ?? g.last;
  // Inbound, the HTTP Host and SNI name the internal server the attacker asked for, not the attacker.
  const domain = outboundGroups.map((s) => s.g.domain).find((d): d is string => !!d && !isIp(d)) ?? null;
  const ports = [...new Set(scored.flatMap((s) => s.g.ports))].slice(0, 5);
  const serverBytes = Math.max(0, ...scored.map((s) => s.g.serverBytes ?? 0));
  const direction =
    outboundGroups.length === scored.length ? 'outbound' : outboundGroups.length ? 'both' : 'inbound';
  const named = scored.find((s) => s.families.names.length > 0)?.families ?? top.families;
  const links = [...new Map(scored.flatMap((s) => s.families.links).map((l) => [l.id, l])).values()];
  const techniques = [...new Set(scored.slice(0, 3).flatMap((s) => ruleTechniques(s.rule, s.g.outbound)))];
  const sig = top.rule.signature;
  const endpoint = domain ? `${clip(domain, 60, { oneLine: true })} (${g.endpoint})` : g.endpoint;
  return {
    detector: 'suricata-alerts',
    techniques,
    host: g.host,
    endpointIp: g.endpoint,
    endpointDomain: domain,
    first,
    last,
    connections: g.pairFlows,
    bytesOut: null,
    bytesIn: null,
    score,
    severity: severityOf(score),
    stats: {
      alerts,
      signatures: scored.slice(0, 5).map((s) => clip(s.rule.signature.signature, 100, { oneLine: true })),
      signatureIds: scored.slice(0, 5).map((s) => String(s.rule.signature.signatureId ?? '')),
      class: top.rule.cls,
      ...(sig.category ? { category: clip(sig.category, 100, { oneLine: true }) } : {}),
      ...(sig.severity !== null ? { severity: sig.severity } : {}),
      signatureScore: top.score,
      direction,
      ports: ports.map(String),
      ...(named.names.length > 0
        ? {
            families: named.names.map((n) => clip(n, 60, { oneLine: true })),
            familySource: named.source ?? '',
          }
        : {}),
      ...(direction !== 'outbound' ? { serverBytes, inboundSources: g.inboundSources } : {}),
      signatureHosts: g.signatureHosts,
      endpointHosts: g.endpointHosts,
      networkHosts,
    },
    explanation: explainAlerts({
      host: g.host,
      endpoint,
      outbound: g.outbound,
      ports,
      signature: sig.signature || `signature ${sig.signatureId ?? '?'}`,
      category: sig.category,
      severity: sig.severity,
      alerts: g.alerts,
      totalAlerts: alerts,
      otherSignatures: scored.length - 1,
      first,
      last,
      families: named,
      serverBytes: g.serverBytes,
      answered: top.answered,
      inboundSources: g.inboundSources,
      widespread: widespread ? { hosts: spread, of: networkHosts } : null,
    }),
    links,
  };
}

/** The best findings of each host; an exposed server hit by hundreds of scanners must not flood the list. */
function capPerHost(
  findings: Finding[],
  { perHost, lowInboundPerHost }: { perHost: number; lowInboundPerHost: number },
): Finding[] {
  const byHost = new Map<string, Finding[]>();
  for (const f of findings) push(byHost, f.host, f);
  return [...byHost.values()].flatMap((fs) => {
    // Ties go by endpoint, so the same alerts keep the same findings whatever order SQL returns.
    fs.sort(
      (a, b) =>
        b.score - a.score ||
        b.connections - a.connections ||
        (a.endpointIp ?? '').localeCompare(b.endpointIp ?? '') ||
        (a.endpointDomain ?? '').localeCompare(b.endpointDomain ?? ''),
    );
    let lowInbound = 0;
    const kept = fs.filter((f) => {
      if (f.stats['direction'] !== 'inbound' || f.score >= 0.5) return true;
      return ++lowInbound <= lowInboundPerHost;
    });
    return kept.slice(0, perHost);
  });
}
