import type { Finding } from '../../../domain/finding.js';
import type { SqlParams } from '../../analytics-session.js';
import type { StoredFinding, StoredFindingsSql } from '../stored-findings-query.js';

// Columns of the findings table as a Finding reads them; times as the detectors wrote them.
const columns = `run_id, detector, host, endpoint_ip, endpoint_domain,
  strftime(first_seen, '%Y-%m-%dT%H:%M:%S.%gZ') AS first, strftime(last_seen, '%Y-%m-%dT%H:%M:%S.%gZ') AS last,
  connections::DOUBLE AS connections, bytes_out::DOUBLE AS bytes_out, bytes_in::DOUBLE AS bytes_in, score, severity,
  techniques, stats::VARCHAR AS stats, explanation, links::VARCHAR AS links, scope, finding_id, uids,
  uid_count::DOUBLE AS uid_count, community_ids`;

/** A findings row as the Finding saveFindings stored, in the detectors' field order. */
function findingOf(r: Record<string, unknown>): StoredFinding {
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  const list = (v: unknown) => ((v as unknown[] | null) ?? []).map(String);
  const finding: Finding = {
    detector: String(r['detector']) as Finding['detector'],
    techniques: list(r['techniques']),
    host: String(r['host']),
    endpointIp: r['endpoint_ip'] === null ? null : String(r['endpoint_ip']),
    endpointDomain: r['endpoint_domain'] === null ? null : String(r['endpoint_domain']),
    first: String(r['first']),
    last: String(r['last']),
    connections: Number(r['connections']),
    bytesOut: num(r['bytes_out']),
    bytesIn: num(r['bytes_in']),
    score: Number(r['score']),
    severity: String(r['severity']) as Finding['severity'],
    stats: JSON.parse(String(r['stats'] ?? '{}')) as Finding['stats'],
    explanation: String(r['explanation']),
    links: JSON.parse(String(r['links'] ?? '[]')) as Finding['links'],
    ...(r['scope'] ? { scope: String(r['scope']) } : {}),
    // Findings stored before v13 have neither.
    ...(r['finding_id'] ? { id: String(r['finding_id']) } : {}),
    ...(r['uids'] !== null && r['uids'] !== undefined
      ? {
          evidence: {
            uids: list(r['uids']),
            uidCount: Number(r['uid_count'] ?? 0),
            communityIds: list(r['community_ids']),
          },
        }
      : {}),
  };
  return { runId: Number(r['run_id']), finding };
}

/** The stored-findings queries in DuckDB's SQL. */
export const duckdbStoredFindings: StoredFindingsSql = {
  async findingById(s, id) {
    const rows = await s.objects(
      `SELECT ${columns} FROM findings WHERE upper(finding_id) = upper($id) ORDER BY run_id DESC LIMIT 1`,
      { id },
    );
    return rows[0] ? findingOf(rows[0]) : null;
  },

  async listFindings(s, opts) {
    const run = await s.rows(`SELECT coalesce($run::BIGINT, (SELECT max(run_id) FROM findings))::VARCHAR`, {
      run: opts.runId ?? null,
    });
    const runId = run[0]?.[0] === null || run[0]?.[0] === undefined ? null : Number(run[0][0]);
    if (runId === null) return { runId, items: [] };
    const where = ['run_id = $run'];
    const params: Record<string, SqlParams[string]> = { run: runId, limit: opts.limit, offset: opts.offset };
    const filter = (name: string, sql: string, value: SqlParams[string] | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      params[name] = value;
    };
    filter('detector', 'detector = $detector', opts.detector);
    filter('host', 'host = $host', opts.host);
    filter(
      'endpoint',
      '(endpoint_ip = $endpoint OR lower(endpoint_domain) = lower($endpoint))',
      opts.endpoint,
    );
    filter('severity', 'severity = $severity', opts.severity);
    filter('from', 'last_seen >= $from::TIMESTAMP', opts.from);
    filter('to', 'first_seen <= $to::TIMESTAMP', opts.to);
    filter('ids', 'list_contains($ids, finding_id)', opts.ids ? [...opts.ids] : undefined);
    const rows = await s.objects(
      `SELECT ${columns} FROM findings WHERE ${where.join(' AND ')}
       ORDER BY score DESC, connections DESC, host, finding_id LIMIT $limit OFFSET $offset`,
      params,
      opts.ids ? { ids: 'varchar[]' } : undefined,
    );
    return { runId, items: rows.map(findingOf) };
  },
};
