import type { EntityRecord, Ref, Tlp } from '../../model.js';
import { parseGalaxyTag } from '../galaxy-types.js';
import { epochIso, field, isObject, isoTime, type JsonObject, text } from '../json-values.js';
import { tlpOfTag } from './event-tags.js';

const threatLevels: Readonly<Record<string, string>> = {
  '1': 'high',
  '2': 'medium',
  '3': 'low',
  '4': 'undefined',
};
const analysisStates: Readonly<Record<string, string>> = { '0': 'initial', '1': 'ongoing', '2': 'completed' };
const maxLinks = 20;
const maxTags = 30;

/** The event itself as a report: its title, date, organisation, threat level and reference links. */
export function reportEntity(
  event: JsonObject,
  ref: Ref,
  opts: { tlp?: Tlp; tags: readonly string[]; links: readonly string[] },
): EntityRecord {
  const uuid = ref.replace(/^uuid:/, '');
  const name = text(field(event, 'info'), 500) ?? `MISP event ${uuid}`;
  const attrs: Record<string, unknown> = {};
  const orgc = field(event, 'Orgc');
  const org = field(event, 'Org');
  const orgName =
    (isObject(orgc) ? text(field(orgc, 'name'), 200) : undefined) ??
    (isObject(org) ? text(field(org, 'name'), 200) : undefined);
  if (orgName) attrs['org'] = orgName;
  const level = lookup(threatLevels, text(field(event, 'threat_level_id')));
  if (level) attrs['threat_level'] = level;
  const analysis = lookup(analysisStates, text(field(event, 'analysis')));
  if (analysis) attrs['analysis'] = analysis;
  const otherTags = opts.tags.filter((t) => !tlpOfTag(t) && !parseGalaxyTag(t)).slice(0, maxTags);
  if (otherTags.length > 0) attrs['tags'] = otherTags;
  const links = opts.links.slice(0, maxLinks);
  if (links.length > 0) attrs['links'] = links;
  const published = isoTime(field(event, 'date'));
  const modified = epochIso(field(event, 'timestamp'));
  return {
    ref,
    type: 'report',
    name,
    aliases: [],
    attackIds: [],
    attrs,
    ...(links[0] ? { url: links[0] } : {}),
    ...(published ? { published } : {}),
    ...(modified ? { modified } : {}),
    ...(opts.tlp ? { tlp: opts.tlp } : {}),
  };
}

function lookup(table: Readonly<Record<string, string>>, key: string | undefined): string | undefined {
  return key !== undefined && Object.hasOwn(table, key) ? table[key] : undefined;
}
