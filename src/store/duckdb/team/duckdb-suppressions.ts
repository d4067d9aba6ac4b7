import { randomBytes } from 'node:crypto';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Suppression, SuppressionMatch } from '../../../domain/suppression.js';

const iso = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ')`;
const columns = `suppression_id, kind, host, destination, ja3, detector, scope, author, reason,
  ${iso('created_at')} AS created_at, ${iso('expires_at')} AS expires_at, incident_id`;

/** A stored ISO instant for a TIMESTAMP column (DuckDB's TIMESTAMP is zone-less UTC here). */
export const tsParam = (at: string): string => new Date(at).toISOString().replace(/Z$/, '');

const str = (v: unknown): string => String(v ?? '');

function matchFromRow(r: Record<string, unknown>): SuppressionMatch {
  switch (r['kind']) {
    case 'host-destination':
      return { kind: 'host-destination', host: str(r['host']), destination: str(r['destination']) };
    case 'ja3':
      return { kind: 'ja3', ja3: str(r['ja3']) };
    case 'detector-destination':
      return {
        kind: 'detector-destination',
        detector: str(r['detector']),
        destination: str(r['destination']),
      };
    default:
      return { kind: 'destination', destination: str(r['destination']) };
  }
}

function fromRow(r: Record<string, unknown>): Suppression {
  return {
    id: str(r['suppression_id']),
    match: matchFromRow(r),
    scope: r['scope'] === null ? null : str(r['scope']),
    author: str(r['author']),
    reason: str(r['reason']),
    createdAt: str(r['created_at']),
    expiresAt: r['expires_at'] === null ? null : str(r['expires_at']),
    incidentId: r['incident_id'] === null ? null : str(r['incident_id']),
  };
}

/** The columns one match fills; the others are null. */
function matchParams(m: SuppressionMatch): Record<string, string | null> {
  return {
    kind: m.kind,
    host: m.kind === 'host-destination' ? m.host : null,
    destination: m.kind === 'ja3' ? null : m.destination,
    ja3: m.kind === 'ja3' ? m.ja3 : null,
    detector: m.kind === 'detector-destination' ? m.detector : null,
  };
}

/** Stores a new rule under a fresh `SUP-` id. */
export async function createSuppression(
  c: DuckDBConnection,
  s: Omit<Suppression, 'id'>,
): Promise<Suppression> {
  for (;;) {
    const id = `SUP-${randomBytes(4).toString('hex')}`;
    if (await getSuppression(c, id)) continue;
    await c.run(
      `INSERT INTO suppressions (suppression_id, kind, host, destination, ja3, detector, scope, author, reason,
         created_at, expires_at, incident_id)
       VALUES ($id, $kind, $host, $destination, $ja3, $detector, $scope, $author, $reason,
         $created::TIMESTAMP, $expires::TIMESTAMP, $incident)`,
      {
        id,
        ...matchParams(s.match),
        scope: s.scope,
        author: s.author,
        reason: s.reason,
        created: tsParam(s.createdAt),
        expires: s.expiresAt === null ? null : tsParam(s.expiresAt),
        incident: s.incidentId,
      },
    );
    return (await getSuppression(c, id)) as Suppression;
  }
}

/** One rule by id (case-insensitive), or null. */
export async function getSuppression(c: DuckDBConnection, id: string): Promise<Suppression | null> {
  const r = await c.runAndReadAll(
    `SELECT ${columns} FROM suppressions WHERE upper(suppression_id) = upper($id)`,
    {
      id,
    },
  );
  const row = r.getRowObjectsJson()[0];
  return row ? fromRow(row) : null;
}

/** Changes the fields given; null when no rule has this id. */
export async function updateSuppression(
  c: DuckDBConnection,
  id: string,
  patch: {
    readonly match?: SuppressionMatch;
    readonly reason?: string;
    readonly expiresAt?: string | null;
    readonly scope?: string | null;
  },
): Promise<Suppression | null> {
  const old = await getSuppression(c, id);
  if (!old) return null;
  const next = {
    ...matchParams(patch.match ?? old.match),
    reason: patch.reason ?? old.reason,
    scope: patch.scope === undefined ? old.scope : patch.scope,
    expires: patch.expiresAt === undefined ? old.expiresAt : patch.expiresAt,
  };
  await c.run(
    `UPDATE suppressions SET kind = $kind, host = $host, destination = $destination, ja3 = $ja3,
       detector = $detector, scope = $scope, reason = $reason, expires_at = $expires::TIMESTAMP
     WHERE suppression_id = $id`,
    { ...next, expires: next.expires === null ? null : tsParam(next.expires), id: old.id },
  );
  return getSuppression(c, old.id);
}

/** Removes a rule; false when none had this id. */
export async function deleteSuppression(c: DuckDBConnection, id: string): Promise<boolean> {
  const old = await getSuppression(c, id);
  if (!old) return false;
  await c.run(`DELETE FROM suppressions WHERE suppression_id = $id`, { id: old.id });
  return true;
}

/** Every rule (or those active at `activeAt`), newest first. */
export async function listSuppressions(
  c: DuckDBConnection,
  opts: { readonly activeAt?: Date } = {},
): Promise<Suppression[]> {
  const r = await c.runAndReadAll(
    `SELECT ${columns} FROM suppressions
     WHERE $at::TIMESTAMP IS NULL OR expires_at IS NULL OR expires_at > $at::TIMESTAMP
     ORDER BY created_at DESC, suppression_id`,
    { at: opts.activeAt ? tsParam(opts.activeAt.toISOString()) : null },
  );
  return r.getRowObjectsJson().map(fromRow);
}
