import path from 'node:path';
import { clip } from '../../clip.js';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import type { ImportContext, Importer } from '../importer.js';
import type { IntelItem, WarninglistRecord } from '../model.js';
import { readWholeText } from '../read-text.js';
import { normalizeEntry } from './warninglist-entries.js';

const matchTypes: readonly WarninglistRecord['matchType'][] = [
  'cidr',
  'hostname',
  'string',
  'substring',
  'regex',
];

/** MISP's category for lists that do not state one. */
const defaultCategory = 'false-positive';

/**
 * The stable short id of a list (`public-dns-v4`): the file name without `.json`/`.json.gz`; for
 * MISP's own layout `lists/<id>/list.json` the folder name. A `warninglist-` prefix (as the update
 * cache names its files) is dropped.
 */
export function warninglistIdOf(file: string): string {
  let base = path
    .basename(file)
    .replace(/\.gz$/i, '')
    .replace(/\.json$/i, '');
  if (base.toLowerCase() === 'list') base = path.basename(path.dirname(file));
  const id = base
    .toLowerCase()
    .replace(/^warninglist-/, '')
    .replace(/[^a-z0-9._-]+/g, '-');
  return id === '' ? 'warninglist' : id;
}

// MISP writes its lists with sorted keys, so a list opens with its description and then `"list": [`.
const sortedHeadRe = /^\s*\{\s*"description"\s*:\s*"(?:[^"\\]|\\.)*"\s*,\s*"list"\s*:\s*\[/;
const otherFormatRe = /"(?:objects|values|Event|Attribute|spec_version)"\s*:/;

/** MISP warninglists: one JSON file per list of known-benign addresses, names, hashes or patterns. */
export const warninglistImporter: Importer = {
  name: 'warninglist',
  description:
    'MISP warninglist (lists/<name>/list.json): known-benign values never to be matched as malicious',

  sniff(head: string, file: string): boolean {
    if (!/\.json(?:\.gz)?$/i.test(file)) return false;
    if (sortedHeadRe.test(head)) return true;
    // Unsorted lists: `list` must be an array (schema.json describes it as an object) next to the
    // warninglist-only `matching_attributes` key, in a document that is none of the other JSON formats.
    return (
      /^\s*\{/.test(head) &&
      /"list"\s*:\s*\[/.test(head) &&
      /"matching_attributes"\s*:\s*\[/.test(head) &&
      !otherFormatRe.test(head)
    );
  },

  read(ctx: ImportContext): AsyncIterable<IntelItem> {
    return readWarninglist(ctx);
  },
};

async function* readWarninglist(ctx: ImportContext): AsyncGenerator<IntelItem> {
  const file = ctx.path;
  const doc = parseDocument(file, await readWholeText(file));
  const matchType = own(doc, 'type');
  if (typeof matchType !== 'string' || !(matchTypes as readonly string[]).includes(matchType)) {
    throw new MamoriError(
      errorCodes.badInput,
      `${file}: "type" is ${JSON.stringify(matchType) ?? 'missing'}; a warninglist type is one of ${matchTypes.join(', ')}`,
    );
  }
  const type = matchType as WarninglistRecord['matchType'];
  const list = own(doc, 'list');
  if (!Array.isArray(list)) throw new MamoriError(errorCodes.badInput, `${file}: "list" is not an array`);

  const matchingAttributes: string[] = [];
  const attrs = own(doc, 'matching_attributes');
  if (Array.isArray(attrs)) {
    for (const a of attrs as unknown[]) {
      if (typeof a === 'string' && a.trim() !== '') matchingAttributes.push(a.trim());
    }
    if (matchingAttributes.length < attrs.length) {
      yield problem('matching_attributes', 'non-string or empty attribute names were ignored');
    }
  } else if (attrs !== undefined) {
    yield problem('matching_attributes', 'not an array; the list applies to every type it can match');
  }

  const entries: string[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < list.length; i++) {
    if (i % 8192 === 0) ctx.signal?.throwIfAborted();
    const raw: unknown = list[i];
    if (typeof raw !== 'string') {
      yield problem(
        `list entry ${i}`,
        `not a string: ${clip(JSON.stringify(raw) ?? String(raw), 80, { mark: '...' })}`,
      );
      continue;
    }
    const n = normalizeEntry(type, raw);
    if (!n.ok) {
      yield problem(`list entry ${i}`, n.reason);
      continue;
    }
    if (seen.has(n.value)) continue;
    seen.add(n.value);
    entries.push(n.value);
  }

  const title = stringField(doc, 'name');
  const text = stringField(doc, 'description');
  const version = own(doc, 'version');
  const category = stringField(doc, 'category');
  const warninglist: WarninglistRecord = {
    name: warninglistIdOf(file),
    description: title && text && title !== text ? `${title}: ${text}` : title || text,
    version: typeof version === 'number' || typeof version === 'string' ? String(version) : '',
    matchType: type,
    category: category || defaultCategory,
    matchingAttributes,
    entries,
  };
  yield { kind: 'warninglist', warninglist };
}

function parseDocument(file: string, text: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new MamoriError(errorCodes.badInput, `${file}: not valid JSON: ${messageOf(err)}`, { cause: err });
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new MamoriError(errorCodes.badInput, `${file}: a warninglist is a JSON object`);
  }
  return doc as Record<string, unknown>;
}

function own(doc: Record<string, unknown>, key: string): unknown {
  return Object.hasOwn(doc, key) ? doc[key] : undefined;
}

function stringField(doc: Record<string, unknown>, key: string): string {
  const v = own(doc, key);
  return typeof v === 'string' ? v.trim() : '';
}

function problem(location: string, message: string): IntelItem {
  return { kind: 'problem', problem: { location, message } };
}
