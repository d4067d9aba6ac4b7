import type { Attribution } from '../../domain/attribution.js';
import type { Finding } from '../../domain/finding.js';
import type { Incident } from '../../domain/incident.js';
import { formatPercent, serverOf } from '../report-figures.js';
import { stixConfidence } from './stix-confidence.js';
import { contactedNames } from './stix-contacted.js';
import { objectId } from './stix-ids.js';
import type { ScoSet, StixContext, StixObject } from './stix-observables.js';
import { serverPattern, stixTime } from './stix-values.js';

/** Hypotheses below this get no `attributed-to` relationship: it would assert what we judge unlikely. */
export const minAttributedProbability = 0.2;

const common = (ctx: StixContext) => ({
  spec_version: '2.1',
  created_by_ref: ctx.producer,
  created: ctx.created,
  modified: ctx.created,
  object_marking_refs: [ctx.marking],
});

/**
 * One incident as STIX: a campaign standing for the intrusion; per server, the observed data (its
 * addresses, names and the traffic to it) and, unless it is benign infrastructure, an indicator
 * with a sighting; the actors as intrusion sets with `attributed-to` relationships whose
 * confidence follows the DNI scale.
 */
export function incidentObjects(
  incident: Incident,
  attribution: Attribution | null,
  ctx: StixContext,
  scos: ScoSet,
): StixObject[] {
  const objects: StixObject[] = [];
  const campaign = objectId('campaign', incident.id);
  const top = attribution?.hypotheses[0];
  objects.push({
    type: 'campaign',
    id: campaign,
    ...common(ctx),
    name: `${incident.id}: intrusion observed by mamori`,
    description: [
      incident.summary,
      top ? `Most likely actor: ${top.actor} (${top.term}, ${formatPercent(top.probability)}).` : '',
      attribution?.assessment ?? 'Attribution not assessed.',
    ]
      .filter(Boolean)
      .join(' '),
    first_seen: stixTime(incident.firstSeen, ctx.created),
    last_seen: stixTime(incident.lastSeen, ctx.created),
    ...(incident.techniques.length ? { labels: [...incident.techniques] } : {}),
  });
  // Only names actually contacted are observed or indicated; a grouping domain is never widened to.
  const contacted = contactedNames(incident.findings);
  for (const server of incident.servers) {
    const found = incident.findings.filter((f) => serverOf(incident, f)?.key === server.key);
    const domains = server.domains.filter((d) => contacted.has(d.toLowerCase().replace(/\.$/, '')));
    const refs = new Set<string>();
    const ipIds = new Map<string, string>();
    for (const ip of server.ips) {
      const id = scos.address(ip);
      if (id) {
        refs.add(id);
        ipIds.set(ip, id);
      }
    }
    for (const d of domains) {
      const id = scos.domain(d);
      if (id) refs.add(id);
    }
    const pairs = new Map<string, Finding[]>();
    for (const f of found) {
      if (!f.endpointIp || !ipIds.has(f.endpointIp)) continue;
      // A withheld host (internal-host-N) is no address: its traffic is told by destination only.
      const key = `${scos.address(f.host) ? f.host : ''}\u0000${f.endpointIp}`;
      pairs.set(key, [...(pairs.get(key) ?? []), f]);
    }
    for (const group of pairs.values()) {
      const f = group[0]!;
      const src = scos.address(f.host);
      if (src) refs.add(src);
      refs.add(scos.traffic(src, ipIds.get(f.endpointIp!)!, server, group));
    }
    if (refs.size === 0) continue;
    const first = stixTime(server.first, ctx.created);
    // ISO timestamps sort as strings; the last observation may not precede the first.
    const last = [first, stixTime(server.last, ctx.created)].sort().at(-1)!;
    const observed = objectId('observed-data', `${incident.id}|${server.key}`);
    objects.push({
      type: 'observed-data',
      id: observed,
      ...common(ctx),
      first_observed: first,
      last_observed: last,
      number_observed: Math.min(
        999_999_999,
        Math.max(
          1,
          found.reduce((n, f) => n + f.connections, 0),
        ),
      ),
      object_refs: [...refs].sort(),
    });
    const pattern = server.warninglists.length ? null : serverPattern(server.ips, domains);
    if (!pattern) continue;
    const indicator = objectId('indicator', `${incident.id}|${server.key}`);
    const hosts = new Set(found.map((f) => f.host));
    objects.push(
      {
        type: 'indicator',
        id: indicator,
        ...common(ctx),
        name: `${server.key} (${incident.id})`,
        description: `External server of ${incident.id}, contacted by ${hosts.size} internal host${hosts.size === 1 ? '' : 's'}${server.ports.length ? ` on port ${server.ports.join(', ')}` : ''}.`,
        indicator_types: ['malicious-activity'],
        pattern,
        pattern_type: 'stix',
        pattern_version: '2.1',
        valid_from: first,
      },
      relationship('indicates', indicator, campaign, ctx),
      relationship('based-on', indicator, observed, ctx),
      {
        type: 'sighting',
        id: objectId('sighting', `${incident.id}|${server.key}`),
        ...common(ctx),
        sighting_of_ref: indicator,
        observed_data_refs: [observed],
        where_sighted_refs: [ctx.producer],
        first_seen: first,
        last_seen: last,
        count: Math.max(1, hosts.size),
      },
    );
  }
  for (const h of attribution?.hypotheses ?? []) {
    if (h.actor === 'unknown' || h.probability < minAttributedProbability) continue;
    const set = intrusionSetId(h.actorId ?? h.actor);
    objects.push({
      type: 'intrusion-set',
      id: set,
      ...common(ctx),
      name: h.actor,
      ...(h.aliases.length ? { aliases: [...h.aliases] } : {}),
      ...(h.attackId ? { external_references: [attackReference(h.attackId)] } : {}),
    });
    objects.push({
      ...relationship('attributed-to', campaign, set, ctx),
      confidence: stixConfidence(h.term),
      description: `ICD 203: ${h.term} (${formatPercent(h.probability)}); analytic confidence ${attribution!.confidence}. Evidence: ${h.evidence.map((e) => e.observation).join('; ') || 'none'}.`,
    });
  }
  return objects;
}

function relationship(type: string, source: string, target: string, ctx: StixContext): StixObject {
  return {
    type: 'relationship',
    id: objectId('relationship', `${type}|${source}|${target}`),
    ...common(ctx),
    relationship_type: type,
    source_ref: source,
    target_ref: target,
  };
}

/** One id per actor across incidents, so two incidents attributed to one actor share its object. */
export function intrusionSetId(actorKey: string): string {
  return objectId('intrusion-set', actorKey);
}

function attackReference(attackId: string): Record<string, string> {
  return /^G\d{4}$/.test(attackId)
    ? {
        source_name: 'mitre-attack',
        external_id: attackId,
        url: `https://attack.mitre.org/groups/${attackId}/`,
      }
    : { source_name: 'mitre-attack', external_id: attackId };
}
