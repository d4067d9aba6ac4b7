import type { IncidentListOptions, IncidentSort } from '../store.js';

/** The SQL expression each sort of the triage queue orders by (over `incidents` joined to `t`). */
const sortSql: Record<IncidentSort, { expr: string; type: 'DOUBLE' | 'VARCHAR' }> = {
  score: { expr: 'score', type: 'DOUBLE' },
  // ISO text in one format sorts as time does.
  lastSeen: { expr: 'last_seen', type: 'VARCHAR' },
  firstSeen: { expr: 'first_seen', type: 'VARCHAR' },
  hosts: { expr: 'CAST(hosts AS DOUBLE)', type: 'DOUBLE' },
  servers: { expr: 'CAST(servers AS DOUBLE)', type: 'DOUBLE' },
  bytes: { expr: 'CAST(coalesce(bytes_out, 0) + coalesce(bytes_in, 0) AS DOUBLE)', type: 'DOUBLE' },
  severity: {
    expr: `CAST(CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END AS DOUBLE)`,
    type: 'DOUBLE',
  },
};

/**
 * The filters, order and keyset cursor of a listing, as SQL over `incidents` joined to
 * `incident_triage t`, with their parameters. Everything is parameterised; names come from fixed maps.
 */
export function incidentFilterSql(opts: IncidentListOptions): {
  where: string;
  order: string;
  sortExpr: string;
  params: Record<string, string | number | null>;
} {
  const where: string[] = [];
  const params: Record<string, string | number | null> = {};
  const inList = (name: string, expr: string, values: readonly string[] | undefined) => {
    if (!values || values.length === 0) return;
    const names = values.map((v, i) => {
      params[`${name}${i}`] = v;
      return `$${name}${i}`;
    });
    where.push(`${expr} IN (${names.join(', ')})`);
  };
  inList('st', `coalesce(t.status, 'new')`, opts.status);
  inList('sv', 'severity', opts.severity);
  if (opts.verdict) {
    where.push(`coalesce(verdict, 'suspicious') = $verdict`);
    params['verdict'] = opts.verdict;
  }
  if (opts.assignee !== undefined) {
    where.push('t.assignee = $assignee');
    params['assignee'] = opts.assignee;
  }
  if (opts.q?.trim()) {
    where.push(`contains(lower(incident_id || ' ' || coalesce(summary, '') || ' ' || coalesce(top_actor, '')
      || ' ' || coalesce(search_text, '')), $q)`);
    params['q'] = opts.q.trim().toLowerCase();
  }
  if (!opts.sort)
    return {
      where: where.map((w) => `AND ${w}`).join(' '),
      order: `verdict = 'likely-benign', score DESC, hosts DESC, incident_id`,
      sortExpr: 'score',
      params,
    };
  const s = sortSql[opts.sort];
  const desc = (opts.order ?? 'desc') === 'desc';
  if (opts.after) {
    // Rows after the cursor: further along the sort, or level with it and a later id (ids break ties).
    const cmp = desc ? '<' : '>';
    where.push(
      `(${s.expr} ${cmp} $after::${s.type} OR (${s.expr} = $after::${s.type} AND incident_id > $afterId))`,
    );
    params['after'] = opts.after.value;
    params['afterId'] = opts.after.id;
  }
  return {
    where: where.map((w) => `AND ${w}`).join(' '),
    order: `${s.expr} ${desc ? 'DESC' : 'ASC'}, incident_id`,
    sortExpr: s.expr,
    params,
  };
}
