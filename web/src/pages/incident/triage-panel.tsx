import { type FormEvent, memo, useState } from 'react';
import { api, seg } from '../../api/client.js';
import type { IncidentDetail, TriageStatus } from '../../api/types.js';
import { useAuth } from '../../auth/auth-context.js';
import { time } from '../../ui/format.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox } from '../../ui/status-box.js';
import { uniqueKeys } from '../../ui/unique-keys.js';

const statuses: readonly TriageStatus[] = ['new', 'investigating', 'true-positive', 'benign', 'closed'];

function NoteForm({
  incidentId,
  onSaved,
  disabled,
}: {
  incidentId: string;
  onSaved: () => void;
  disabled: boolean;
}) {
  const [text, setText] = useState('');
  const [error, setError] = useState<unknown>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    try {
      await api('POST', `/incidents/${seg(incidentId)}/notes`, { body: { text } });
      setText('');
      setError(null);
      onSaved();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <form onSubmit={submit} data-testid="note-form" className="note-form">
      <textarea
        aria-label="New note"
        placeholder="Add a note…"
        value={text}
        maxLength={4000}
        onChange={(e) => setText(e.target.value)}
        disabled={disabled}
        rows={3}
      />
      <button type="submit" disabled={disabled || !text.trim()}>
        Add note
      </button>
      <ErrorBox error={error} />
    </form>
  );
}

/** Status, assignee, notes and history of an incident; writes need the analyst role. */
export const TriagePanel = memo(function TriagePanel({
  detail,
  onChanged,
  onMarkBenign,
}: {
  detail: IncidentDetail;
  onChanged: () => void;
  onMarkBenign: () => void;
}) {
  const auth = useAuth();
  const canWrite = auth.can('analyst');
  const id = detail.incident.id;
  const status = detail.triage?.status ?? 'new';
  const [assignee, setAssignee] = useState(detail.triage?.assignee ?? '');
  const [error, setError] = useState<unknown>(null);
  const patch = async (body: { status?: TriageStatus; assignee?: string | null }) => {
    try {
      await api('PATCH', `/incidents/${seg(id)}/triage`, { body });
      setError(null);
      onChanged();
    } catch (err) {
      setError(err);
    }
  };
  const saveAssignee = (e: FormEvent) => {
    e.preventDefault();
    void patch({ assignee: assignee.trim() || null });
  };
  return (
    <section className="card" data-testid="triage">
      <h2>Triage</h2>
      {!canWrite && <p className="muted small">Read-only: triage needs the analyst role.</p>}
      <div className="row">
        <label>
          Status{' '}
          <select
            data-testid="triage-status"
            value={status}
            disabled={!canWrite}
            onChange={(e) => void patch({ status: e.target.value as TriageStatus })}
          >
            {statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <form onSubmit={saveAssignee} className="inline">
          <label>
            Assignee{' '}
            <input
              data-testid="triage-assignee"
              value={assignee}
              maxLength={100}
              onChange={(e) => setAssignee(e.target.value)}
              disabled={!canWrite}
            />
          </label>
          <button type="submit" disabled={!canWrite}>
            Assign
          </button>
        </form>
        <button type="button" data-testid="mark-benign" onClick={onMarkBenign} disabled={!canWrite}>
          Mark benign…
        </button>
      </div>
      {detail.triage && (
        <p className="muted small">
          Last change by <T v={detail.triage.by} max={30} /> at {time(detail.triage.at)}
        </p>
      )}
      <ErrorBox error={error} />
      <h3>Notes ({detail.notes.length})</h3>
      <ul className="notes" data-testid="notes">
        {detail.notes.map((n) => (
          <li key={n.id}>
            <div className="small muted">
              <T v={n.author} max={30} /> · {time(n.at)}
            </div>
            <div className="note-text">
              <T v={n.text} max={4000} />
            </div>
          </li>
        ))}
      </ul>
      <NoteForm incidentId={id} onSaved={onChanged} disabled={!canWrite} />
      <details>
        <summary>History ({detail.history.length})</summary>
        <ul className="history small" data-testid="history">
          {uniqueKeys(detail.history, (h) => `${h.at}-${h.field}`).map(([key, h]) => (
            <li key={key}>
              {time(h.at)} <T v={h.actor} max={30} /> {h.field}: <T v={h.from ?? '–'} max={40} /> →{' '}
              <T v={h.to ?? '–'} max={40} />
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
});
