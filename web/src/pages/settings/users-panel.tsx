import { type FormEvent, useState } from 'react';
import { api, seg } from '../../api/client.js';
import type { Role, UserInfo } from '../../api/types.js';
import { usePages } from '../../api/use-pages.js';
import { time } from '../../ui/format.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox } from '../../ui/status-box.js';

const roles: readonly Role[] = ['viewer', 'analyst', 'admin'];

/** Admins: the users, their roles, and new users. */
export function UsersPanel() {
  const list = usePages<UserInfo>('/users', { limit: 200 });
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('analyst');
  const [error, setError] = useState<unknown>(null);
  const create = async (e: FormEvent) => {
    e.preventDefault();
    try {
      await api('POST', '/users', {
        body: { name: name.trim(), displayName: displayName.trim() || name.trim(), password, role },
      });
      setName('');
      setDisplayName('');
      setPassword('');
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  const patch = async (u: UserInfo, body: { role?: Role; disabled?: boolean }) => {
    try {
      await api('PATCH', `/users/${seg(u.id)}`, { body });
      list.reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="card" data-testid="users">
      <h2>Users</h2>
      <ErrorBox error={list.error ?? error} />
      <table className="grid">
        <thead>
          <tr>
            <th>Name</th>
            <th>Display name</th>
            <th>Organisation</th>
            <th>Role</th>
            <th>Created</th>
            <th>Enabled</th>
          </tr>
        </thead>
        <tbody>
          {list.items.map((u) => (
            <tr key={u.id}>
              <td>
                <T v={u.name} max={30} />
              </td>
              <td>
                <T v={u.displayName} max={40} />
              </td>
              <td>
                <T v={u.orgId} max={20} />
              </td>
              <td>
                <select
                  aria-label={`Role of ${u.name}`}
                  value={u.role}
                  onChange={(e) => void patch(u, { role: e.target.value as Role })}
                >
                  {roles.map((r) => (
                    <option key={r} value={r}>
                      {r}
                    </option>
                  ))}
                </select>
              </td>
              <td className="small">{time(u.createdAt)}</td>
              <td>
                <input
                  type="checkbox"
                  aria-label={`${u.name} enabled`}
                  checked={!u.disabled}
                  onChange={(e) => void patch(u, { disabled: !e.target.checked })}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form onSubmit={create} className="row" data-testid="user-form">
        <input
          aria-label="Login name"
          placeholder="login name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          required
          pattern="[a-z0-9._\-]+"
        />
        <input
          aria-label="Display name"
          placeholder="display name"
          value={displayName}
          onChange={(e) => setDisplayName(e.target.value)}
        />
        <input
          aria-label="Password"
          type="password"
          placeholder="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <select aria-label="Role" value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <button type="submit">Create user</button>
      </form>
    </section>
  );
}
