/** STIX types whose presence, with a matching `type--uuid` id, marks a file as STIX. */
const stixTypes = new Set([
  'indicator',
  'malware',
  'tool',
  'intrusion-set',
  'threat-actor',
  'attack-pattern',
  'campaign',
  'report',
  'relationship',
  'sighting',
  'identity',
  'course-of-action',
  'vulnerability',
  'observed-data',
  'infrastructure',
  'location',
  'note',
  'opinion',
  'grouping',
  'marking-definition',
  'malware-analysis',
  'incident',
]);
const uuidRe = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An object found in the head: its nesting depth, the key it sits under, and its members. */
interface HeadObject {
  readonly depth: number;
  readonly parentKey: string | null;
  /** String members by key; other members are present with the value `true`. */
  readonly members: Map<string, string | true>;
}

/**
 * Whether a file is STIX: a bundle, a single STIX object, or a list (bare or under `objects`) whose
 * first element is one. A STIX object has a `type` and an id `<type>--<uuid>`, and a
 * `spec_version` or a known STIX type. MISP events (`Event`, `response`) and galaxies (`values`)
 * are never taken.
 */
export function sniffStix(head: string, _path: string): boolean {
  const text = head.replace(/^\uFEFF/, '').trimStart();
  const objects = headObjects(text.slice(0, 256 * 1024));
  if (text.startsWith('[')) {
    const first = objects.find((o) => o.depth === 2);
    return first !== undefined && isStixObject(first);
  }
  const root = objects[0];
  if (!text.startsWith('{') || !root || root.depth !== 1) return false;
  const m = root.members;
  if (m.has('Event') || m.has('response') || m.has('values')) return false;
  if (m.get('type') === 'bundle') return true;
  if (isStixObject(root)) return true;
  const first = objects.find((o) => o.depth === 3 && o.parentKey === 'objects');
  return m.has('objects') && first !== undefined && isStixObject(first);
}

function isStixObject(o: HeadObject): boolean {
  const type = o.members.get('type');
  const id = o.members.get('id');
  if (typeof type !== 'string' || typeof id !== 'string' || !id.startsWith(`${type}--`)) return false;
  if (!uuidRe.test(id.slice(type.length + 2))) return false;
  const spec = o.members.get('spec_version');
  return spec === '2.0' || spec === '2.1' || stixTypes.has(type);
}

/** The objects of a JSON text (possibly cut short), down to depth 3, with their members. */
function headObjects(text: string): HeadObject[] {
  const found: HeadObject[] = [];
  // One entry per open container: the object (if it is one) and whether a key is awaited.
  const stack: { obj: HeadObject | null; key: string | null; afterColon: boolean }[] = [];
  let i = 0;
  while (i < text.length && found.length < 64) {
    const c = text[i];
    const top = stack[stack.length - 1];
    if (c === '"') {
      const end = stringEnd(text, i);
      if (end < 0) break;
      if (top?.obj) {
        const s = decode(text.slice(i, end + 1));
        if (top.afterColon && top.key !== null) {
          if (s !== null && !top.obj.members.has(top.key)) top.obj.members.set(top.key, s);
        } else top.key = s;
      }
      i = end + 1;
      continue;
    }
    if (c === '{' || c === '[') {
      const depth = stack.length + 1;
      const parentKey = top?.obj && top.afterColon ? top.key : (stack[stack.length - 1]?.key ?? null);
      if (top?.obj && top.afterColon && top.key !== null && !top.obj.members.has(top.key))
        top.obj.members.set(top.key, true);
      let obj: HeadObject | null = null;
      if (c === '{' && depth <= 3) {
        obj = { depth, parentKey, members: new Map() };
        found.push(obj);
      }
      stack.push({ obj, key: c === '[' ? parentKey : null, afterColon: false });
    } else if (c === '}' || c === ']') {
      stack.pop();
    } else if (c === ':' && top) {
      top.afterColon = true;
    } else if (c === ',' && top?.obj) {
      top.afterColon = false;
      top.key = null;
    } else if (top?.obj && top.afterColon && top.key !== null && /[-0-9tfn]/.test(c ?? '')) {
      if (!top.obj.members.has(top.key)) top.obj.members.set(top.key, true);
    }
    i++;
  }
  return found;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return -1;
}

function decode(literal: string): string | null {
  try {
    const v: unknown = JSON.parse(literal);
    return typeof v === 'string' ? v : null;
  } catch {
    return null;
  }
}
