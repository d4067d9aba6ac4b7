import type { ReportFormat, ReportInput } from '../report-format.js';
import { mamoriNamespace, objectId, uuidv5 } from './stix-ids.js';
import { incidentObjects } from './stix-incident.js';
import { ScoSet, type StixContext, type StixObject } from './stix-observables.js';
import { stixTime } from './stix-values.js';
import { tlpMarking } from './tlp-markings.js';

/** The STIX 2.1 bundle for a report: deterministic ids, so only the timestamps change between runs. */
export function stixBundle(input: ReportInput): { type: 'bundle'; id: string; objects: StixObject[] } {
  const created = stixTime(input.generatedAt, new Date(0).toISOString());
  const marking = tlpMarking(input.tlp);
  const producer = objectId('identity', 'mamori');
  const ctx: StixContext = { created, producer, marking: marking.id };
  const scos = new ScoSet(ctx);
  const identity: StixObject = {
    type: 'identity',
    id: producer,
    spec_version: '2.1',
    created,
    modified: created,
    name: 'mamori',
    identity_class: 'system',
    description: `mamori ${input.tool.version}, network threat hunting and attribution`,
    object_marking_refs: [marking.id],
  };
  const sdos: StixObject[] = [];
  const seen = new Set<string>();
  for (const { incident, attribution } of input.incidents) {
    for (const o of incidentObjects(incident, attribution, ctx, scos)) {
      // An actor named in two incidents is one intrusion set; later copies are identical.
      if (!seen.has(o.id)) sdos.push(o);
      seen.add(o.id);
    }
  }
  const content = [identity, ...sdos, ...scos.objects.values()];
  const report: StixObject = {
    type: 'report',
    id: objectId(
      'report',
      content
        .map((o) => o.id)
        .sort()
        .join(','),
    ),
    spec_version: '2.1',
    created_by_ref: producer,
    created,
    modified: created,
    name: input.title ?? 'mamori hunt report',
    description: [
      input.incidents.map((i) => `${i.incident.id}: ${i.incident.summary}`).join('\n') ||
        'No incidents were found.',
      ...sharingLines(input),
    ].join('\n'),
    report_types: ['threat-report'],
    published: created,
    object_refs: content.map((o) => o.id),
    object_marking_refs: [marking.id],
  };
  const objects = [marking as unknown as StixObject, report, ...content];
  const id = `bundle--${uuidv5(mamoriNamespace, objects.map((o) => o.id).join(','))}`;
  return { type: 'bundle', id, objects };
}

/** What the recipients are not seeing, in the report's own words. */
function sharingLines(input: ReportInput): string[] {
  const s = input.sharing;
  if (!s) return [];
  const lines: string[] = [];
  if (s.internalAddresses === 'withheld' && s.withheldHosts + s.withheldOtherAddresses > 0)
    lines.push(
      `Internal addresses withheld: ${s.withheldHosts} internal host${s.withheldHosts === 1 ? '' : 's'} (internal-host-N)${s.withheldOtherAddresses ? ` and ${s.withheldOtherAddresses} other internal address${s.withheldOtherAddresses === 1 ? '' : 'es'} (internal-address-N)` : ''}.`,
    );
  if (s.leftOut.length > 0)
    lines.push(
      `Left out as benign or likely benign: ${s.leftOut.length} incident${s.leftOut.length === 1 ? '' : 's'}.`,
    );
  return lines;
}

/** A STIX 2.1 bundle with TLP 2.0 markings. */
export const stixFormat: ReportFormat = {
  name: 'stix',
  extension: 'json',
  mediaType: 'application/stix+json;version=2.1',
  render: (input) => `${JSON.stringify(stixBundle(input), null, 2)}\n`,
};
