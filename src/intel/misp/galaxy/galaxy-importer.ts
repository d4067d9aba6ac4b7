import { errorCodes, MamoriError } from '../../../errors.js';
import type { ImportContext, Importer } from '../../importer.js';
import type { IntelItem } from '../../model.js';
import { readWholeText } from '../../read-text.js';
import { galaxyKindOf } from '../galaxy-types.js';
import { parseJsonFile } from '../json-file.js';
import { field, isObject, text, uuidOf } from '../json-values.js';
import { clusterEntity, clusterRef, clusterRelationships } from './cluster-entity.js';

/**
 * A cluster file starts as an object whose `values` array holds objects with `value` and `uuid`;
 * galaxy definitions (no `values`), JSON schemas, MISP taxonomies (`predicate`/`entry` values)
 * and MISP events are not cluster files.
 */
function sniffCluster(head: string): boolean {
  const h = head.trimStart();
  if (!h.startsWith('{') || h.includes('"$schema"')) return false;
  const values = /"values"\s*:\s*\[\s*\{/.exec(h);
  if (!values) return false;
  const rest = h.slice(values.index);
  return (
    /"type"\s*:\s*"/.test(h) &&
    /"uuid"\s*:\s*"/.test(h) &&
    /"value"\s*:\s*"/.test(rest) &&
    !/"(Event|Attribute|predicates|objects)"\s*:/.test(h)
  );
}

async function* readClusterFile(ctx: ImportContext): AsyncGenerator<IntelItem> {
  const data = parseJsonFile(ctx.path, await readWholeText(ctx.path));
  const values = isObject(data) ? field(data, 'values') : undefined;
  if (!isObject(data) || !Array.isArray(values)) {
    throw new MamoriError(
      errorCodes.badInput,
      `${ctx.path}: not a MISP galaxy cluster file (no "values" array)`,
    );
  }
  const galaxyType = text(field(data, 'type'), 200);
  if (!galaxyType) throw new MamoriError(errorCodes.badInput, `${ctx.path}: cluster file has no "type"`);
  const kind = galaxyKindOf(galaxyType);
  if (!kind) {
    yield {
      kind: 'note',
      note: `skipped by design: galaxy "${galaxyType}" holds no actors, software, techniques or campaigns; nothing imported`,
    };
    return;
  }
  const seen = new Set<string>();
  for (const [i, v] of values.entries()) {
    if (i % 500 === 0) ctx.signal?.throwIfAborted();
    const label = isObject(v) ? text(field(v, 'value'), 80) : undefined;
    const location = `values[${i}]${label ? ` (${label})` : ''}`;
    const problem = (message: string): IntelItem => ({ kind: 'problem', problem: { location, message } });
    if (!isObject(v)) {
      yield problem('not an object');
      continue;
    }
    const uuid = uuidOf(field(v, 'uuid'));
    if (!uuid) {
      yield problem('cluster has no valid "uuid"');
      continue;
    }
    if (seen.has(uuid)) {
      yield problem(`uuid ${uuid} already used by an earlier cluster; skipped`);
      continue;
    }
    seen.add(uuid);
    const ref = clusterRef(uuid);
    const entity = clusterEntity(kind, v, ref, uuid);
    if (typeof entity === 'string') {
      yield problem(entity);
      continue;
    }
    yield { kind: 'entity', entity };
    const { relationships, bad } = clusterRelationships(v, ref);
    for (const relationship of relationships) yield { kind: 'relationship', relationship };
    if (bad > 0) yield problem(`${bad} "related" entries without a valid dest-uuid or type; skipped`);
  }
}

/** MISP galaxy cluster files (threat-actor, malpedia, mitre-*, tool, rat, backdoor, botnet…). */
export const mispGalaxyImporter: Importer = {
  name: 'misp-galaxy',
  description: 'MISP galaxy cluster files: threat actors, malware families, tools and ATT&CK clusters',
  sniff: (head) => sniffCluster(head),
  read: readClusterFile,
};
