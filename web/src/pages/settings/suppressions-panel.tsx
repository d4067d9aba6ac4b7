import { type FormEvent, useState } from 'react';
import { api, seg } from '../../api/client.js';
import type { Suppression, SuppressionMatch } from '../../api/types.js';
import { usePages } from '../../api/use-pages.js';
import { useAuth } from '../../auth/auth-context.js';
import { time } from '../../ui/format.js';
import { IncidentLink } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox, Loading } from '../../ui/status-box.js';

/** A rule's match as words. */
function matchText(m: SuppressionMatch): string {
  switch (m.kind) {
    case 'host-destination':
      return `${m.host} → ${m.destination}`;
    case 'destination':
      return `any host → ${m.destination}`;
    case 'ja3':
      return `JA3 ${m.ja3}`;
    case 'detector-destination':
      return `${m.detector} on ${m.destination}`;
  }
}

function EditRow({ s, onDone }: { s: Suppression; onDone: () => void }) {
  const [reason, setReason] = useState(s.reason);
  const [expires, setExpires] = useState(s.expiresAt ? s.expiresAt.slice(0, 10) : '');
  const [error, setError] = useState<unknown>(null);
  const save = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('PATCH', `/suppressions/${seg(s.id)}`, {
        body: { reason, expiresAt: expires ? new Date(`${expires}T23:59:59Z`).toISOString() : null },
      });
      onDone();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={save} className="row">
      <input
        aria-label="Reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        required
        maxLength={1000}
      />
      <input aria-label="Expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      <button type="submit">Save</button>
      <button type="button" className="ghost" onClick={onDone}>
        Cancel
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

/** Every suppression rule: list, edit its reason or expiry, remove it. */
export function SuppressionsPanel() {
  const auth = useAuth();
  const canWrite = auth.can('analyst');
  const list = usePages<Suppression>('/suppressions', { limit: 100 });
  const [editing, setEditing] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const remove = async (s: Suppression) => {
    if (!window.confirm(`Remove suppression ${s.id}? Later hunts will report what it hid.`)) return;
    try {
      await api('DELETE', `/suppressions/${seg(s.id)}`);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" data-testid="suppressions">
      <h2>Suppressions</h2>
      <ErrorBox error={list.error ?? error} />
      <table className="grid">
        <thead>
          <tr>
            <th>Id</th>
            <th>Match</th>
            <th>Scope</th>
            <th>Reason</th>
            <th>Author</th>
            <th>Expires</th>
            <th>Incident</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.items.map((s) => (
            <tr key={s.id} data-testid="suppression-row">
              <td className="mono small">
                <T v={s.id} max={14} />
              </td>
              <td>
                <T v={matchText(s.match)} max={80} />
              </td>
              <td className="small">
                <T v={s.scope ?? 'all networks'} max={30} />
              </td>
              <td>
                {editing === s.id ? (
                  <EditRow
                    s={s}
                    onDone={() => {
                      setEditing(null);
                      list.reload();
                    }}
                  />
                ) : (
                  <T v={s.reason} max={120} />
                )}
              </td>
              <td>
                <T v={s.author} max={20} />
              </td>
              <td className="small">{s.expiresAt ? time(s.expiresAt) : 'never'}</td>
              <td>{s.incidentId ? <IncidentLink id={s.incidentId} /> : null}</td>
              <td>
                {canWrite && editing !== s.id && (
                  <>
                    <button type="button" className="ghost" onClick={() => setEditing(s.id)}>
                      Edit
                    </button>
                    <button type="button" className="ghost danger" onClick={() => void remove(s)}>
                      Remove
                    </button>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.loading && <Loading />}
      {!list.loading && list.items.length === 0 && <p className="muted">No suppressions.</p>}
      {list.more && (
        <button type="button" onClick={list.loadMore}>
          Load more
        </button>
      )}
    </section>
  );
}
