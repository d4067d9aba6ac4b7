import type { Incident } from '../domain/incident.js';
import type { PriorIncident, TriageStore } from '../store/triage-store.js';

/** The host–server pairs of an incident, each as `host|value` for every address and name of the server. */
export function pairKeys(i: Pick<Incident, 'hosts' | 'servers' | 'pairs'>): Set<string> {
  const values = new Map(i.servers.map((s) => [s.key, [...s.ips, ...s.domains.map((d) => d.toLowerCase())]]));
  const pairs =
    i.pairs && i.pairs.length > 0
      ? i.pairs.map((p) => [p.host, p.server] as const)
      : i.hosts.flatMap((h) => i.servers.map((s) => [h.ip, s.key] as const));
  const keys = new Set<string>();
  for (const [host, server] of pairs)
    for (const v of values.get(server) ?? [server]) keys.add(`${host}|${v}`);
  return keys;
}

/** How the ids of one scope's new incidents follow the previous run's. */
export interface IdentityPlan {
  /** New incident's computed id → the older id it keeps. */
  readonly keep: ReadonlyMap<string, string>;
  /** Older ids merged into another incident: `[old, current]`. */
  readonly aliases: readonly (readonly [string, string])[];
}

const overlap = (a: Set<string>, b: Set<string>) => {
  let n = 0;
  for (const k of a) if (b.has(k)) n++;
  return n;
};

/**
 * Matches new incidents to the previous run's (one scope) by shared host–server pairs. Each old
 * incident goes to the new one it shares most pairs with (ties: the new one that already has its
 * id, then the smaller id). A new incident that receives several old ones keeps the id of the one
 * with triage state, else the larger overlap, else the smaller id; the others become aliases. Pure
 * and deterministic: input order does not matter.
 */
export function planIdentity(
  fresh: readonly Pick<Incident, 'id' | 'hosts' | 'servers' | 'pairs'>[],
  prior: readonly PriorIncident[],
): IdentityPlan {
  const freshKeys = fresh.map((i) => ({ id: i.id, keys: pairKeys(i) }));
  const freshIds = new Set(fresh.map((i) => i.id));
  const groups = new Map<string, { old: PriorIncident; n: number }[]>();
  for (const old of prior) {
    const oldKeys = pairKeys(old);
    let best: { id: string; n: number } | null = null;
    for (const f of freshKeys) {
      const n = overlap(oldKeys, f.keys);
      if (n === 0) continue;
      const same = f.id === old.id;
      const bestSame = best?.id === old.id;
      const better = !best || n > best.n || (n === best.n && (same !== bestSame ? same : f.id < best.id));
      if (better) best = { id: f.id, n };
    }
    if (!best) continue;
    const g = groups.get(best.id) ?? [];
    g.push({ old, n: best.n });
    groups.set(best.id, g);
  }
  const keep = new Map<string, string>();
  const aliases: [string, string][] = [];
  for (const [freshId, g] of [...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    g.sort(
      (a, b) =>
        Number(b.old.triaged) - Number(a.old.triaged) ||
        b.n - a.n ||
        (a.old.id < b.old.id ? -1 : a.old.id > b.old.id ? 1 : 0),
    );
    const winner = (g[0] as { old: PriorIncident }).old.id;
    // Another new incident may carry this exact id already (the same hosts and servers): it keeps it.
    if (winner !== freshId && freshIds.has(winner)) continue;
    keep.set(freshId, winner);
    for (const { old } of g.slice(1)) if (!freshIds.has(old.id)) aliases.push([old.id, winner]);
  }
  return { keep, aliases };
}

/**
 * Before a hunt saves its incidents: gives each the id of the previous run's incident in its scope
 * it continues, and records merged ids as aliases (so their triage follows). A store without earlier
 * runs changes nothing.
 */
export async function keepIncidentIdentity<T extends { readonly incident: Incident }>(
  triage: TriageStore,
  runId: number,
  items: readonly T[],
  at: string,
): Promise<T[]> {
  const byScope = new Map<string | null, T[]>();
  for (const it of items) {
    const scope = it.incident.scope ?? null;
    byScope.set(scope, [...(byScope.get(scope) ?? []), it]);
  }
  const ids = new Map<string, string>();
  for (const [scope, group] of byScope) {
    const prior = await triage.priorIncidents(scope, runId);
    if (prior.length === 0) continue;
    const plan = planIdentity(
      group.map((g) => g.incident),
      prior,
    );
    for (const [from, to] of plan.keep) ids.set(`${scope}\u0000${from}`, to);
    for (const [old, current] of plan.aliases) await triage.alias(old, current, at);
  }
  return items.map((it) => {
    const id = ids.get(`${it.incident.scope ?? null}\u0000${it.incident.id}`);
    return id && id !== it.incident.id ? { ...it, incident: { ...it.incident, id } } : it;
  });
}
