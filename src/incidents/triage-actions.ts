import type { AuditEntry } from '../domain/identity.js';
import type { Suppression, SuppressionMatch } from '../domain/suppression.js';
import type { IncidentNote, IncidentTriage, TriageStatus } from '../domain/triage.js';
import { errorCodes, MamoriError } from '../errors.js';
import type { Store, StoredIncident } from '../store/store.js';
import { type SuppressFromIncident, suppressionFromIncident } from './suppression/incident-suppression.js';

// The analyst's changes, shared by the CLI (on its own store) and the server's routes (inside
// ctx.write). Each returns what to audit, so the caller appends it with its own actor and origin.

/** An audit entry to append once the change is stored. */
export type AuditDraft = Pick<AuditEntry, 'action' | 'target' | 'detail'>;

/** Longest note: a paragraph or a ticket reference, not a document. */
export const maxNoteLength = 4000;

/** The incident by id (or an id it had), or a `not found` error naming it. */
export async function incidentOrNotFound(store: Store, id: string): Promise<StoredIncident> {
  const got = await store.getIncident(id);
  if (!got) throw new MamoriError(errorCodes.badInput, `no incident ${id}`);
  return got;
}

function checkNote(text: string): string {
  const t = text.trim();
  if (!t) throw new MamoriError(errorCodes.usage, 'the note is empty');
  if ([...t].length > maxNoteLength)
    throw new MamoriError(errorCodes.usage, `the note is longer than ${maxNoteLength} characters`);
  return t;
}

/** What an analyst asks for on an incident; absent fields stay as they are. */
export interface MarkRequest {
  readonly status?: TriageStatus;
  readonly assignee?: string | null;
  readonly note?: string;
  readonly suppress?: SuppressFromIncident & { readonly reason?: string; readonly expiresAt?: string | null };
}

export interface MarkResult {
  readonly incidentId: string;
  readonly triage: IncidentTriage | null;
  readonly note: IncidentNote | null;
  readonly suppression: Suppression | null;
  readonly audits: AuditDraft[];
}

/**
 * Marks an incident: status and assignee, a note, and a suppression built from it. Everything is
 * checked before anything is written, so a bad suppression leaves the incident as it was.
 */
export async function markIncident(
  store: Store,
  id: string,
  req: MarkRequest,
  actor: string,
  at: string,
): Promise<MarkResult> {
  const got = await incidentOrNotFound(store, id);
  const incidentId = got.incident.id;
  const note = req.note === undefined ? undefined : checkNote(req.note);
  let match: SuppressionMatch | null = null;
  let reason = '';
  if (req.suppress) {
    match = suppressionFromIncident(got.incident, req.suppress);
    reason = req.suppress.reason?.trim() || note || `marked ${req.status ?? 'benign'} from ${incidentId}`;
  }
  const audits: AuditDraft[] = [];
  let triage = got.triage;
  if (req.status !== undefined || req.assignee !== undefined) {
    const patch = {
      ...(req.status !== undefined ? { status: req.status } : {}),
      ...(req.assignee !== undefined ? { assignee: req.assignee } : {}),
    };
    triage = await store.triage.update(incidentId, patch, actor, at);
    audits.push({ action: 'incident.triage', target: incidentId, detail: { ...patch } });
  }
  let stored: IncidentNote | null = null;
  if (note !== undefined) {
    stored = await store.triage.addNote(incidentId, actor, note, at);
    triage = await store.triage.get(incidentId);
    audits.push({ action: 'incident.note', target: incidentId, detail: { noteId: stored.id } });
  }
  let suppression: Suppression | null = null;
  if (match) {
    const made = await createRule(
      store,
      {
        match,
        scope: got.incident.scope ?? null,
        reason,
        expiresAt: req.suppress?.expiresAt ?? null,
        incidentId,
      },
      actor,
      at,
    );
    suppression = made.suppression;
    audits.push(...made.audits);
  }
  return { incidentId, triage, note: stored, suppression, audits };
}

/** Adds a note to an incident. */
export async function noteIncident(store: Store, id: string, text: string, actor: string, at: string) {
  return markIncident(store, id, { note: text }, actor, at);
}

/** A rule as an analyst gives it. */
export interface RuleRequest {
  readonly match: SuppressionMatch;
  readonly scope: string | null;
  readonly reason: string;
  readonly expiresAt: string | null;
  readonly incidentId: string | null;
}

function checkRule(r: Pick<RuleRequest, 'reason' | 'expiresAt'>): void {
  if (!r.reason.trim()) throw new MamoriError(errorCodes.usage, 'a suppression needs a reason');
  if (r.expiresAt !== null && Number.isNaN(Date.parse(r.expiresAt)))
    throw new MamoriError(errorCodes.usage, `expiry ${r.expiresAt} is not a date`);
}

/** Stores a suppression; made from an incident, it also goes into the incident's history. */
export async function createRule(
  store: Store,
  r: RuleRequest,
  actor: string,
  at: string,
): Promise<{ suppression: Suppression; audits: AuditDraft[] }> {
  checkRule(r);
  const expiresAt = r.expiresAt === null ? null : new Date(r.expiresAt).toISOString();
  const suppression = await store.triage.createSuppression({
    match: r.match,
    scope: r.scope,
    author: actor,
    reason: r.reason.trim(),
    createdAt: at,
    expiresAt,
    incidentId: r.incidentId,
  });
  if (r.incidentId)
    await store.triage.recordChange({
      incidentId: r.incidentId,
      at,
      actor,
      field: 'suppression',
      from: null,
      to: suppression.id,
    });
  return {
    suppression,
    audits: [{ action: 'suppression.create', target: suppression.id, detail: ruleDetail(suppression) }],
  };
}

const ruleDetail = (s: Suppression): Record<string, unknown> => ({
  match: s.match,
  scope: s.scope,
  reason: s.reason,
  expiresAt: s.expiresAt,
  incidentId: s.incidentId,
});

/** Edits a suppression's reason, expiry, match or scope; not found is an error. */
export async function editRule(
  store: Store,
  id: string,
  patch: {
    readonly reason?: string;
    readonly expiresAt?: string | null;
    readonly match?: SuppressionMatch;
    readonly scope?: string | null;
  },
): Promise<{ suppression: Suppression; audits: AuditDraft[] }> {
  const old = await store.triage.getSuppression(id);
  if (!old) throw new MamoriError(errorCodes.badInput, `no suppression ${id}`);
  checkRule({
    reason: patch.reason ?? old.reason,
    expiresAt: patch.expiresAt === undefined ? null : patch.expiresAt,
  });
  const expiresAt =
    patch.expiresAt === undefined || patch.expiresAt === null
      ? patch.expiresAt
      : new Date(patch.expiresAt).toISOString();
  const s = await store.triage.updateSuppression(old.id, {
    ...patch,
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  });
  if (!s) throw new MamoriError(errorCodes.badInput, `no suppression ${id}`);
  return {
    suppression: s,
    audits: [
      { action: 'suppression.edit', target: s.id, detail: { before: ruleDetail(old), after: ruleDetail(s) } },
    ],
  };
}

/** Removes a suppression; not found is an error. */
export async function removeRule(store: Store, id: string): Promise<{ id: string; audits: AuditDraft[] }> {
  const old = await store.triage.getSuppression(id);
  if (!old || !(await store.triage.deleteSuppression(old.id)))
    throw new MamoriError(errorCodes.badInput, `no suppression ${id}`);
  return { id: old.id, audits: [{ action: 'suppression.delete', target: old.id, detail: ruleDetail(old) }] };
}
