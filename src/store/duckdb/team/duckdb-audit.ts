import type { DuckDBConnection } from '@duckdb/node-api';
import type { AuditEntry } from '../../../domain/identity.js';
import type { AuditQuery } from '../../identity-store.js';

const columns = `audit_id, strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS at, actor, action, target,
  CAST(detail AS VARCHAR) AS detail, origin`;

function entryFromRow(r: Record<string, unknown>): AuditEntry {
  let detail: Record<string, unknown> = {};
  try {
    detail = r['detail'] ? (JSON.parse(String(r['detail'])) as Record<string, unknown>) : {};
  } catch {
    // A row written by hand; the entry is still worth showing.
  }
  return {
    id: Number(r['audit_id']),
    at: String(r['at']),
    actor: String(r['actor']),
    action: String(r['action']),
    target: String(r['target']),
    detail,
    origin: String(r['origin']),
  };
}

/** Appends one entry to the audit log; returns it with its id. */
export async function appendAudit(c: DuckDBConnection, e: Omit<AuditEntry, 'id'>): Promise<AuditEntry> {
  const r = await c.runAndReadAll(
    `INSERT INTO audit_log (logged_at, actor, action, target, detail, origin)
     VALUES ($at::TIMESTAMP, $actor, $action, $target, $detail::JSON, $origin) RETURNING ${columns}`,
    {
      at: e.at.replace(/Z$/, ''),
      actor: e.actor,
      action: e.action,
      target: e.target,
      detail: JSON.stringify(e.detail ?? {}),
      origin: e.origin,
    },
  );
  return entryFromRow(r.getRowObjectsJson()[0] as Record<string, unknown>);
}

/** Entries newest first, filtered; `before` is the cursor (an id). */
export async function listAudit(c: DuckDBConnection, q: AuditQuery = {}): Promise<AuditEntry[]> {
  const where: string[] = [];
  const params: Record<string, string | number> = { limit: Math.max(1, Math.min(q.limit ?? 100, 10_000)) };
  if (q.before !== undefined) {
    where.push('audit_id < $before');
    params['before'] = q.before;
  }
  if (q.actor !== undefined) {
    where.push('actor = $actor');
    params['actor'] = q.actor;
  }
  if (q.target !== undefined) {
    where.push('target = $target');
    params['target'] = q.target;
  }
  if (q.action !== undefined) {
    where.push('starts_with(action, $action)');
    params['action'] = q.action;
  }
  const r = await c.runAndReadAll(
    `SELECT ${columns} FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
     ORDER BY audit_id DESC LIMIT $limit`,
    params,
  );
  return r.getRowObjectsJson().map((row) => entryFromRow(row as Record<string, unknown>));
}
