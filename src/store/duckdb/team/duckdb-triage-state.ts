import type { DuckDBConnection } from '@duckdb/node-api';
import type { IncidentNote, IncidentTriage, TriageChange } from '../../../domain/triage.js';
import type { TriagePatch } from '../../triage-store.js';
import { triageColumns, triageFromRow } from '../duckdb-triage.js';
import { tsParam } from './duckdb-suppressions.js';

const iso = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S.%gZ')`;

/** Runs `fn` in one transaction, so a change and its history entries land together. */
export async function inTransaction<T>(c: DuckDBConnection, fn: () => Promise<T>): Promise<T> {
  await c.run('BEGIN TRANSACTION');
  try {
    const out = await fn();
    await c.run('COMMIT');
    return out;
  } catch (err) {
    await c.run('ROLLBACK');
    throw err;
  }
}

/** The current id of an incident known under an older one; aliases may chain (bounded, cycles stop). */
export async function resolveId(c: DuckDBConnection, id: string): Promise<string> {
  // Incident ids are `INC-` and lowercase hex; users may type them in any case.
  let current = /^inc-[0-9a-f]+$/i.test(id) ? `INC-${id.slice(4).toLowerCase()}` : id;
  const seen = new Set<string>();
  while (!seen.has(current.toUpperCase()) && seen.size < 64) {
    seen.add(current.toUpperCase());
    const r = await c.runAndReadAll(
      `SELECT incident_id FROM incident_aliases WHERE upper(old_id) = upper($id)`,
      { id: current },
    );
    const next = r.getRowObjectsJson()[0]?.['incident_id'];
    if (next === undefined || next === null) break;
    current = String(next);
  }
  return current;
}

/** The triage row of an exact id, or null. */
export async function triageOf(c: DuckDBConnection, id: string): Promise<IncidentTriage | null> {
  const r = await c.runAndReadAll(
    `SELECT ${triageColumns} FROM incident_triage t WHERE t.incident_id = $id`,
    {
      id,
    },
  );
  const row = r.getRowObjectsJson()[0];
  return row ? triageFromRow(id, row) : null;
}

/** Appends one history entry. */
export async function addHistory(c: DuckDBConnection, e: TriageChange): Promise<void> {
  await c.run(
    `INSERT INTO incident_history (incident_id, changed_at, actor, field, from_value, to_value)
     VALUES ($id, $at::TIMESTAMP, $actor, $field, $from, $to)`,
    { id: e.incidentId, at: tsParam(e.at), actor: e.actor, field: e.field, from: e.from, to: e.to },
  );
}

async function writeTriage(c: DuckDBConnection, t: IncidentTriage): Promise<void> {
  await c.run(
    `INSERT OR REPLACE INTO incident_triage (incident_id, status, note, triaged_by, triaged_at, assignee)
     VALUES ($id, $status, $note, $by, $at::TIMESTAMP, $assignee)`,
    {
      id: t.incidentId,
      status: t.status,
      note: t.note,
      by: t.by,
      at: tsParam(t.at),
      assignee: t.assignee ?? null,
    },
  );
}

/** Applies a patch to an exact id, with one history entry per field that changed. */
export async function updateTriage(
  c: DuckDBConnection,
  id: string,
  patch: TriagePatch,
  actor: string,
  at: string,
): Promise<IncidentTriage> {
  return inTransaction(c, async () => {
    const old = await triageOf(c, id);
    const status = patch.status ?? old?.status ?? 'new';
    const assignee = patch.assignee === undefined ? (old?.assignee ?? null) : patch.assignee;
    const fromStatus = old?.status ?? 'new';
    const fromAssignee = old?.assignee ?? null;
    const changes: TriageChange[] = [];
    if (status !== fromStatus || (!old && patch.status !== undefined))
      changes.push({ incidentId: id, at, actor, field: 'status', from: old ? fromStatus : null, to: status });
    if (assignee !== fromAssignee)
      changes.push({ incidentId: id, at, actor, field: 'assignee', from: fromAssignee, to: assignee });
    if (changes.length === 0 && old) return old;
    await writeTriage(c, { incidentId: id, status, note: old?.note ?? null, by: actor, at, assignee });
    for (const ch of changes) await addHistory(c, ch);
    return (await triageOf(c, id)) as IncidentTriage;
  });
}

const noteColumns = `note_id, incident_id, author, text, ${iso('noted_at')} AS at`;

function noteFromRow(r: Record<string, unknown>): IncidentNote {
  return {
    id: Number(r['note_id']),
    incidentId: String(r['incident_id']),
    author: String(r['author']),
    text: String(r['text']),
    at: String(r['at']),
  };
}

/** Adds a note to an exact id, makes it the triage's latest note and records it in the history. */
export async function addNote(
  c: DuckDBConnection,
  id: string,
  author: string,
  text: string,
  at: string,
): Promise<IncidentNote> {
  return inTransaction(c, async () => {
    const r = await c.runAndReadAll(
      `INSERT INTO incident_notes (incident_id, author, text, noted_at) VALUES ($id, $author, $text, $at::TIMESTAMP)
       RETURNING ${noteColumns}`,
      { id, author, text, at: tsParam(at) },
    );
    const old = await triageOf(c, id);
    await writeTriage(c, {
      incidentId: id,
      status: old?.status ?? 'new',
      note: text,
      by: author,
      at,
      assignee: old?.assignee ?? null,
    });
    await addHistory(c, {
      incidentId: id,
      at,
      actor: author,
      field: 'note',
      from: old?.note ?? null,
      to: text,
    });
    return noteFromRow(r.getRowObjectsJson()[0] as Record<string, unknown>);
  });
}

/** Notes of an exact id, oldest first. */
export async function listNotes(c: DuckDBConnection, id: string): Promise<IncidentNote[]> {
  const r = await c.runAndReadAll(
    `SELECT ${noteColumns} FROM incident_notes WHERE incident_id = $id ORDER BY noted_at, note_id`,
    { id },
  );
  return r.getRowObjectsJson().map(noteFromRow);
}

/** History of an exact id, oldest first. */
export async function listHistory(c: DuckDBConnection, id: string): Promise<TriageChange[]> {
  const r = await c.runAndReadAll(
    `SELECT incident_id, ${iso('changed_at')} AS at, actor, field, from_value, to_value
     FROM incident_history WHERE incident_id = $id ORDER BY changed_at, rowid`,
    { id },
  );
  return r.getRowObjectsJson().map((x) => ({
    incidentId: String(x['incident_id']),
    at: String(x['at']),
    actor: String(x['actor']),
    field: String(x['field']) as TriageChange['field'],
    from: x['from_value'] === null ? null : String(x['from_value']),
    to: x['to_value'] === null ? null : String(x['to_value']),
  }));
}

/**
 * Records that `oldId` is now `newId`: notes and history move to it, and its triage and alert state
 * too unless the new id has its own; aliases that pointed at `oldId` now point at `newId`.
 */
export async function aliasIncident(
  c: DuckDBConnection,
  oldId: string,
  newId: string,
  at: string,
): Promise<void> {
  if (oldId.toUpperCase() === newId.toUpperCase()) return;
  await inTransaction(c, async () => {
    const p = { old: oldId, new: newId };
    // newId is current from now on, even if it was once an alias itself.
    await c.run(`DELETE FROM incident_aliases WHERE old_id = $new`, { new: newId });
    await c.run(`UPDATE incident_aliases SET incident_id = $new WHERE incident_id = $old`, p);
    await c.run(
      `INSERT OR REPLACE INTO incident_aliases (old_id, incident_id, aliased_at) VALUES ($old, $new, $at::TIMESTAMP)`,
      { ...p, at: tsParam(at) },
    );
    await c.run(`UPDATE incident_notes SET incident_id = $new WHERE incident_id = $old`, p);
    await c.run(`UPDATE incident_history SET incident_id = $new WHERE incident_id = $old`, p);
    // Keys are primary keys: copied under the new id, then deleted (DuckDB updates keys poorly).
    await c.run(
      `INSERT INTO incident_triage (incident_id, status, note, triaged_by, triaged_at, assignee)
       SELECT $new, status, note, triaged_by, triaged_at, assignee FROM incident_triage WHERE incident_id = $old
         AND NOT EXISTS (SELECT 1 FROM incident_triage WHERE incident_id = $new)`,
      p,
    );
    await c.run(`DELETE FROM incident_triage WHERE incident_id = $old`, { old: oldId });
    await c.run(
      `INSERT INTO alert_state (incident_id, severity, alerted_at)
       SELECT $new, severity, alerted_at FROM alert_state WHERE incident_id = $old
         AND NOT EXISTS (SELECT 1 FROM alert_state WHERE incident_id = $new)`,
      p,
    );
    await c.run(`DELETE FROM alert_state WHERE incident_id = $old`, { old: oldId });
    await addHistory(c, {
      incidentId: newId,
      at,
      actor: 'mamori',
      field: 'identity',
      from: oldId,
      to: newId,
    });
  });
}

/** The older ids that now resolve to `id`. */
export async function aliasesOf(c: DuckDBConnection, id: string): Promise<string[]> {
  const r = await c.runAndReadAll(
    `SELECT old_id FROM incident_aliases WHERE incident_id = $id ORDER BY aliased_at, old_id`,
    { id },
  );
  return r.getRowObjectsJson().map((x) => String(x['old_id']));
}
