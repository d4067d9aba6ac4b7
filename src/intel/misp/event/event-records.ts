import type { ImportContext } from '../../importer.js';
import type { EntityRecord, IntelItem, Ref } from '../../model.js';
import { field, flag, type JsonObject, objects, text, uuidOf } from '../json-values.js';
import { attributeRecords } from './attribute-records.js';
import { attributeSightings } from './attribute-sightings.js';
import { attributionOf } from './event-galaxies.js';
import { reportEntity } from './event-report.js';
import { tagNames, tlpOfTags } from './event-tags.js';

/** One attribute with where it sits, and the port its ip-port object gives it. */
interface PlacedAttribute {
  readonly attr: JsonObject;
  readonly location: string;
  readonly port?: number;
}

/** Top-level attributes, then each object's attributes. */
function placedAttributes(event: JsonObject): PlacedAttribute[] {
  const placed: PlacedAttribute[] = [];
  for (const [i, attr] of objects(field(event, 'Attribute')).entries()) {
    placed.push({ attr, location: `Attribute ${i}${idLabel(attr)}` });
  }
  for (const [j, object] of objects(field(event, 'Object')).entries()) {
    if (flag(field(object, 'deleted'))) continue;
    const name = text(field(object, 'name'), 100) ?? 'object';
    const attrs = objects(field(object, 'Attribute'));
    const port = objectPort(attrs);
    for (const [k, attr] of attrs.entries()) {
      const type = text(field(attr, 'type'), 100);
      const isAddress = type === 'ip-dst' || type === 'ip-src';
      placed.push({
        attr,
        location: `Object ${j} (${name}) Attribute ${k}${idLabel(attr)}`,
        ...(isAddress && port !== undefined ? { port } : {}),
      });
    }
  }
  return placed;
}

/** The port of an object holding exactly one port attribute (MISP's ip-port object). */
function objectPort(attrs: readonly JsonObject[]): number | undefined {
  const ports = attrs.filter((a) => text(field(a, 'type')) === 'port').map((a) => text(field(a, 'value')));
  if (ports.length !== 1 || !ports[0] || !/^\d{1,5}$/.test(ports[0])) return undefined;
  const n = Number(ports[0]);
  return n >= 1 && n <= 65535 ? n : undefined;
}

function idLabel(attr: JsonObject): string {
  const uuid = text(field(attr, 'uuid'), 100);
  return uuid ? ` (${uuid})` : '';
}

/** The records of one MISP event; `label` prefixes problem locations when a file holds several events. */
export function* readEvent(event: JsonObject, label: string, ctx: ImportContext): Generator<IntelItem> {
  const problem = (location: string, message: string): IntelItem => ({
    kind: 'problem',
    problem: { location: `${label}${location}`, message },
  });
  const eventTags = tagNames(event);
  const eventTlp = tlpOfTags(eventTags) ?? ctx.defaults.tlp;
  const emitted = new Set<Ref>();
  const mentions = new Set<Ref>();
  const entityItems = (entities: readonly EntityRecord[]): IntelItem[] =>
    entities
      .filter((e) => !emitted.has(e.ref) && emitted.add(e.ref))
      .map((entity) => ({ kind: 'entity', entity }));

  const eventAttribution = attributionOf(event);
  yield* entityItems(eventAttribution.entities);
  for (const m of eventAttribution.mentions) mentions.add(m);
  for (const message of eventAttribution.problems) yield problem('Galaxy', message);

  const links: string[] = [];
  for (const { attr, location, port } of placedAttributes(event)) {
    if (flag(field(attr, 'deleted'))) continue;
    const type = text(field(attr, 'type'), 100);
    const value = text(field(attr, 'value'), 100_000);
    if (!type || !value) {
      yield problem(location, 'attribute has no type or no value');
      continue;
    }
    const uuid = uuidOf(field(attr, 'uuid'));
    if (!uuid) {
      yield problem(location, 'attribute has no valid uuid');
      continue;
    }
    if (type === 'link') links.push(value);
    const ref: Ref = `attr:${uuid}`;
    const own = attributionOf(attr);
    yield* entityItems(own.entities);
    for (const m of own.mentions) mentions.add(m);
    for (const message of own.problems) yield problem(location, message);
    const indicates = [...new Set([...eventAttribution.indicates, ...own.indicates])];
    const tlp = tlpOfTags(tagNames(attr)) ?? eventTlp;
    const seen = attributeSightings(attr, ref);
    const note =
      seen.falsePositives > 0 ? `${seen.falsePositives} false-positive sighting(s) in MISP` : undefined;
    const result = attributeRecords(attr, type, value, {
      ref,
      indicates,
      ...(tlp ? { tlp } : {}),
      ...(ctx.defaults.confidence !== undefined ? { confidence: ctx.defaults.confidence } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(seen.expiredAt ? { validUntil: seen.expiredAt } : {}),
      ...(note ? { note } : {}),
    });
    yield* result.items;
    for (const message of result.problems) yield problem(location, message);
    for (const sighting of seen.sightings) yield { kind: 'sighting', sighting };
  }

  const eventUuid = uuidOf(field(event, 'uuid'));
  if (!eventUuid) {
    yield problem('Event', 'event has no valid uuid; no report entity or mentions for it');
    return;
  }
  const reportRef: Ref = `uuid:${eventUuid}`;
  yield {
    kind: 'entity',
    entity: reportEntity(event, reportRef, {
      tags: eventTags,
      links,
      ...(eventTlp ? { tlp: eventTlp } : {}),
    }),
  };
  for (const targetRef of mentions) {
    yield { kind: 'relationship', relationship: { sourceRef: reportRef, type: 'mentions', targetRef } };
  }
}
