import { errorCodes, MamoriError } from '../../../errors.js';
import type { ImportContext, Importer } from '../../importer.js';
import type { IntelItem } from '../../model.js';
import { readWholeText } from '../../read-text.js';
import { parseJsonFile } from '../json-file.js';
import { field, isObject, type JsonObject, text } from '../json-values.js';
import { readEvent } from './event-records.js';

/**
 * A MISP event export: `{"Event": {…}}`, `{"response": [{"Event": …}]}`, or a bare event object
 * whose `Attribute` array holds `to_ids`/`category` attributes. The MISP schema and describeTypes
 * files are not events.
 */
function sniffEvent(head: string): boolean {
  const h = head.trimStart();
  if (!h.startsWith('{') || h.includes('"$schema"')) return false;
  if (/^\{\s*"Event"\s*:\s*\{/.test(h)) return true;
  if (/^\{\s*"response"\s*:\s*\[\s*(\]|\{\s*"Event"\s*:)/.test(h)) return true;
  return (
    /"Attribute"\s*:\s*\[/.test(h) &&
    /"(to_ids|category)"\s*:/.test(h) &&
    !/"type"\s*:\s*"bundle"/.test(h) &&
    !/"sane_defaults"\s*:/.test(h)
  );
}

/** The event objects of an export in any of the three shapes. */
function eventsOf(path: string, data: unknown): JsonObject[] {
  const unwrap = (items: unknown[]): JsonObject[] =>
    items.filter(isObject).map((item) => {
      const inner = field(item, 'Event');
      return isObject(inner) ? inner : item;
    });
  if (Array.isArray(data)) return unwrap(data);
  if (isObject(data)) {
    const event = field(data, 'Event');
    if (isObject(event)) return [event];
    const response = field(data, 'response');
    if (Array.isArray(response)) return unwrap(response);
    if (
      Array.isArray(field(data, 'Attribute')) ||
      Array.isArray(field(data, 'Object')) ||
      text(field(data, 'info'))
    )
      return [data];
  }
  throw new MamoriError(
    errorCodes.badInput,
    `${path}: not a MISP event export (no "Event", "response" or event object)`,
  );
}

async function* readEventFile(ctx: ImportContext): AsyncGenerator<IntelItem> {
  const events = eventsOf(ctx.path, parseJsonFile(ctx.path, await readWholeText(ctx.path)));
  for (const [i, event] of events.entries()) {
    ctx.signal?.throwIfAborted();
    const uuid = text(field(event, 'uuid'), 100);
    const label = events.length > 1 ? `Event ${i}${uuid ? ` (${uuid})` : ''}: ` : '';
    yield* readEvent(event, label, ctx);
  }
}

/** MISP event exports (JSON): the event as a report, its galaxies as entities, its attributes as indicators. */
export const mispEventImporter: Importer = {
  name: 'misp-event',
  description: 'MISP event exports (JSON): attributes, objects, galaxies, tags and sightings',
  sniff: (head) => sniffEvent(head),
  read: readEventFile,
};
