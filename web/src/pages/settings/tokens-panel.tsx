import { type FormEvent, useState } from 'react';
import { api, seg } from '../../api/client.js';
import type { ApiTokenInfo, Role } from '../../api/types.js';
import { usePages } from '../../api/use-pages.js';
import { time } from '../../ui/format.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox } from '../../ui/status-box.js';

/** The user's own API tokens: create (the secret is shown once) and revoke. */
export function TokensPanel() {
  const list = usePages<ApiTokenInfo>('/tokens', { limit: 100 });
  const [label, setLabel] = useState('');
  const [role, setRole] = useState<Role>('viewer');
  const [secret, setSecret] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      const r = await api<{ secret: string }>('POST', '/tokens', { body: { label: label.trim(), role } });
      setSecret(r.secret);
      setLabel('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const revoke = async (t: ApiTokenInfo) => {
    if (!window.confirm(`Revoke token ${t.label}? Scripts using it will stop working.`)) return;
    try {
      await api('DELETE', `/tokens/${seg(t.id)}`);
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" data-testid="tokens">
      <h2>API tokens</h2>
      <ErrorBox error={list.error ?? error} />
      {secret && (
        <p className="notice">
          New token (shown once; copy it now): <code className="secret">{secret}</code>
        </p>
      )}
      <table className="grid">
        <thead>
          <tr>
            <th>Label</th>
            <th>Role</th>
            <th>Created</th>
            <th>Last used</th>
            <th>Expires</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {list.items.map((t) => (
            <tr key={t.id}>
              <td>
                <T v={t.label} max={40} />
              </td>
              <td>{t.role}</td>
              <td className="small">{time(t.createdAt)}</td>
              <td className="small">{time(t.lastUsedAt)}</td>
              <td className="small">{t.expiresAt ? time(t.expiresAt) : 'never'}</td>
              <td>
                <button type="button" className="ghost danger" onClick={() => void revoke(t)}>
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={create} className="row">
        <input
          aria-label="Token label"
          placeholder="label"
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          required
          maxLength={100}
        />
        <select aria-label="Token role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          <option value="viewer">viewer</option>
          <option value="analyst">analyst</option>
          <option value="admin">admin</option>
        </select>
        <button type="submit">Create token</button>
      </form>
    </section>
  );
}
