import type { Suppression, SuppressionMatch } from '../../domain/suppression.js';
import type { IncidentNote, IncidentTriage, TriageChange } from '../../domain/triage.js';
import { errorCodes, MamoriError } from '../../errors.js';
import {
  type AuditDraft,
  createRule,
  editRule,
  incidentOrNotFound,
  type MarkRequest,
  markIncident,
  removeRule,
} from '../../incidents/triage-actions.js';
import { serverFor } from '../../server/server-client.js';
import type { Store } from '../../store/store.js';
import { openStoreForReading, openStoreForWriting } from '../read-store.js';

/** What a mark did, as the CLI prints it. */
export interface MarkOutcome {
  readonly incidentId: string;
  readonly triage: IncidentTriage | null;
  readonly note: IncidentNote | null;
  readonly suppression: Suppression | null;
}

export interface RuleBody {
  readonly match: SuppressionMatch;
  readonly scope: string | null;
  readonly reason: string;
  readonly expiresAt: string | null;
}

/**
 * The CLI's triage commands, either on the store itself or, when a server owns the store, through
 * its API (so they never meet "database is locked"). Every change is audited.
 */
export interface TriageBackend {
  mark(id: string, req: MarkRequest): Promise<MarkOutcome>;
  history(id: string): Promise<{ incidentId: string; items: TriageChange[] }>;
  listSuppressions(all: boolean): Promise<Suppression[]>;
  addSuppression(body: RuleBody): Promise<Suppression>;
  editSuppression(id: string, patch: { reason?: string; expiresAt?: string | null }): Promise<Suppression>;
  removeSuppression(id: string): Promise<string>;
}

/** Runs `fn` on the store (read-only when `write` is false), or over the server's API when one owns it. */
export async function withTriageBackend<T>(
  dataDir: string,
  actor: string,
  write: boolean,
  fn: (b: TriageBackend) => Promise<T>,
): Promise<T> {
  const client = serverFor(dataDir);
  if (client?.server.kind === 'serve') return fn(apiBackend(client.request.bind(client)));
  // No server, or `ingest --follow` (which answers only snapshots): reads take a snapshot, writes wait.
  const store = write ? await openStoreForWriting(dataDir) : await openStoreForReading(dataDir);
  try {
    return await fn(storeBackend(store, actor));
  } finally {
    await store.close();
  }
}

function storeBackend(store: Store, actor: string): TriageBackend {
  const audit = async (drafts: readonly AuditDraft[], at: string) => {
    for (const d of drafts) await store.identity.audit({ ...d, actor, origin: 'cli', at });
  };
  const now = () => new Date().toISOString();
  return {
    async mark(id, req) {
      const at = now();
      const r = await markIncident(store, id, req, actor, at);
      await audit(r.audits, at);
      return { incidentId: r.incidentId, triage: r.triage, note: r.note, suppression: r.suppression };
    },
    async history(id) {
      const got = await incidentOrNotFound(store, id);
      return { incidentId: got.incident.id, items: await store.triage.history(got.incident.id) };
    },
    listSuppressions: (all) => store.triage.listSuppressions(all ? {} : { activeAt: new Date() }),
    async addSuppression(body) {
      const at = now();
      const r = await createRule(store, { ...body, incidentId: null }, actor, at);
      await audit(r.audits, at);
      return r.suppression;
    },
    async editSuppression(id, patch) {
      const r = await editRule(store, id, patch);
      await audit(r.audits, now());
      return r.suppression;
    },
    async removeSuppression(id) {
      const r = await removeRule(store, id);
      await audit(r.audits, now());
      return r.id;
    },
  };
}

type Request = <T>(method: string, path: string, body?: unknown) => Promise<T>;

function apiBackend(request: Request): TriageBackend {
  const inc = (id: string) => `/incidents/${encodeURIComponent(id)}`;
  const sup = (id: string) => `/suppressions/${encodeURIComponent(id)}`;
  return {
    async mark(id, req) {
      let suppression: Suppression | null = null;
      // The rule is made first: if it is refused, the incident stays as it was.
      if (req.suppress) {
        const { reason, expiresAt, ...match } = req.suppress;
        suppression = await request<Suppression>('POST', `${inc(id)}/suppress`, {
          ...match,
          reason: reason?.trim() || req.note?.trim() || `marked ${req.status ?? 'benign'} from ${id}`,
          ...(expiresAt ? { expiresAt } : {}),
        });
      }
      let triage: IncidentTriage | null = null;
      if (req.status !== undefined || req.assignee !== undefined || req.note !== undefined)
        triage = await request<IncidentTriage>('PATCH', `${inc(id)}/triage`, {
          ...(req.status !== undefined ? { status: req.status } : {}),
          ...(req.assignee !== undefined ? { assignee: req.assignee } : {}),
          ...(req.note !== undefined ? { note: req.note } : {}),
        });
      return {
        incidentId: triage?.incidentId ?? suppression?.incidentId ?? id,
        triage,
        note: null,
        suppression,
      };
    },
    async history(id) {
      const items: TriageChange[] = [];
      let cursor: string | null = null;
      do {
        const q = new URLSearchParams({ limit: '1000', ...(cursor ? { cursor } : {}) });
        const page: { items: TriageChange[]; nextCursor: string | null } = await request(
          'GET',
          `${inc(id)}/history?${q}`,
        );
        items.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return { incidentId: items[0]?.incidentId ?? id, items };
    },
    async listSuppressions(all) {
      const out: Suppression[] = [];
      let cursor: string | null = null;
      do {
        const q = new URLSearchParams({
          limit: '1000',
          ...(all ? { all: 'true' } : {}),
          ...(cursor ? { cursor } : {}),
        });
        const page: { items: Suppression[]; nextCursor: string | null } = await request(
          'GET',
          `/suppressions?${q}`,
        );
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    },
    addSuppression: (body) =>
      request('POST', '/suppressions', { ...body, ...(body.expiresAt ? {} : { expiresAt: null }) }),
    editSuppression: (id, patch) => request('PATCH', sup(id), patch),
    async removeSuppression(id) {
      await request('DELETE', sup(id));
      return id;
    },
  };
}

/** Refuses options that make no sense together, naming them. */
export function usage(message: string): never {
  throw new MamoriError(errorCodes.usage, message);
}
