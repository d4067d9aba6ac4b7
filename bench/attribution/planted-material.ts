// What the benchmark plants, drawn from the real knowledge base: APT10's C2 names and addresses and
// implant hashes (Unit 42, PwC, signature-base, and the ChChes samples of ATT&CK G0045's software in
// the Unit 42 playbook), and public tools' hashes that no source attributes to an actor.
import type { DuckDBStore } from '../../src/store/duckdb/duckdb-store.js';

/** Pools of values to plant, each sorted so a seed picks the same ones every run. */
export interface PlantedMaterial {
  readonly actorId: string;
  readonly domains: readonly string[];
  readonly ips: readonly string[];
  /** Hashes attributed to APT10 or to its ATT&CK software. */
  readonly hashes: readonly {
    readonly type: string;
    readonly value: string;
    readonly family: string | null;
  }[];
  /** Hashes of widely shared tools (Mimikatz, Cobalt Strike, PlugX) attributed to no actor. */
  readonly publicTools: readonly { readonly type: string; readonly value: string; readonly family: string }[];
}

const s = (v: unknown) => String(v);

/** Reads the pools from the template store; indicators must be live at `at` and on no warninglist. */
export async function plantedMaterial(store: DuckDBStore, at: string): Promise<PlantedMaterial> {
  const [actor] = await store.query(
    `SELECT id FROM intel_entities WHERE type = 'intrusion-set' AND list_contains(attack_ids, 'G0045')`,
  );
  if (!actor) throw new Error('menuPass (G0045) is not in the knowledge base');
  const actorId = s(actor['id']);
  const live = `len(i.warninglists) = 0 AND len(i.context_lists) = 0 AND NOT coalesce(i.revoked, false)
    AND (i.valid_from IS NULL OR i.valid_from <= '${at}'::TIMESTAMP)`;
  const linked = (types: string) =>
    store.query(
      `SELECT DISTINCT i.type, i.value FROM intel_indicators i JOIN intel_indicator_links l ON l.key = i.key
       WHERE l.entity_id = '${actorId}' AND i.type IN (${types}) AND ${live} ORDER BY i.type, i.value`,
    );
  const domains = (await linked(`'domain'`)).map((r) => s(r['value']));
  const ips = (await linked(`'ipv4'`)).map((r) => s(r['value']));
  const hashes = await store.query(
    `SELECT i.type, i.value, max(f.name) FILTER (WHERE f.type IN ('malware', 'tool')) AS family
     FROM intel_indicators i JOIN intel_indicator_links l ON l.key = i.key
     LEFT JOIN intel_indicator_links l2 ON l2.key = i.key LEFT JOIN intel_entities f ON f.id = l2.entity_id
     WHERE l.entity_id = '${actorId}' AND i.type IN ('md5', 'sha256') AND ${live}
     GROUP BY ALL ORDER BY family NULLS LAST, i.type, i.value`,
  );
  const tools = await store.query(
    `SELECT i.type, i.value, max(e.name) AS family FROM intel_indicators i
     JOIN intel_indicator_links l ON l.key = i.key JOIN intel_entities e ON e.id = l.entity_id
     WHERE i.type IN ('md5', 'sha1', 'sha256') AND ${live}
     GROUP BY ALL
     HAVING bool_and(e.type IN ('malware', 'tool')) AND max(e.name) IN ('Mimikatz', 'Cobalt Strike', 'PlugX')
        AND count(DISTINCT e.id) = 1
     ORDER BY family, i.type, i.value`,
  );
  return {
    actorId,
    domains,
    ips,
    hashes: hashes.map((r) => ({
      type: s(r['type']),
      value: s(r['value']),
      family: r['family'] === null ? null : s(r['family']),
    })),
    publicTools: tools.map((r) => ({ type: s(r['type']), value: s(r['value']), family: s(r['family']) })),
  };
}

/** A deterministic pick of `n` items for seed `seed` (a stride through the pool). */
export function pick<T>(pool: readonly T[], seed: number, n: number, salt = 0): T[] {
  if (pool.length === 0) return [];
  const out: T[] = [];
  const stride = 7919;
  for (let i = 0; i < n; i++) out.push(pool[(seed * 104_729 + salt * 31 + i * stride) % pool.length] as T);
  return [...new Set(out)];
}
