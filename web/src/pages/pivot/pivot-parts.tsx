import { Link } from 'wouter';
import type { IncidentMention, IndicatorHit, Severity } from '../../api/types.js';
import { SeverityTag } from '../../ui/badges.js';
import { bytes, count, time } from '../../ui/format.js';
import { hrefs, IncidentLink } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { uniqueKeys } from '../../ui/unique-keys.js';

/** Traffic totals of one direction (GET /hosts and /endpoints `outbound`, `inbound`, `totals`). */
export interface Totals {
  readonly first: string | null;
  readonly last: string | null;
  readonly connections: number;
  readonly bytesOut: number;
  readonly bytesIn: number;
}

/** First and last seen, connections and bytes of one IP or domain. */
export function Telemetry({ v, testId = 'telemetry' }: { v: Totals; testId?: string }) {
  return (
    <dl className="facts" data-testid={testId}>
      <dt>First seen</dt>
      <dd>{time(v.first)}</dd>
      <dt>Last seen</dt>
      <dd>{time(v.last)}</dd>
      <dt>Connections</dt>
      <dd>{count(v.connections)}</dd>
      <dt>Bytes out / in</dt>
      <dd>
        {bytes(v.bytesOut)} / {bytes(v.bytesIn)}
      </dd>
    </dl>
  );
}

/** A peer of a host or endpoint: its address (linked by `href`), ports, names and traffic. */
export interface PeerRow extends Totals {
  readonly ip: string;
  readonly ports: readonly number[];
  readonly names?: readonly string[];
}

/** Peers, most connections first, each linked by `href`. */
export function PeerTable({
  title,
  items,
  href,
}: {
  title: string;
  items: readonly PeerRow[];
  href: (v: string) => string;
}) {
  if (items.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <table className="grid" data-testid="peers">
        <thead>
          <tr>
            <th>Address</th>
            <th>Names</th>
            <th>Ports</th>
            <th>Connections</th>
            <th>Bytes out / in</th>
            <th>Last</th>
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.ip}>
              <td>
                <Link href={href(p.ip)}>
                  <T v={p.ip} max={45} />
                </Link>
              </td>
              <td className="small">
                <T v={(p.names ?? []).join(', ')} max={80} />
              </td>
              <td className="small mono">{p.ports.join(', ')}</td>
              <td className="num">{count(p.connections)}</td>
              <td className="num">
                {bytes(p.bytesOut)} / {bytes(p.bytesIn)}
              </td>
              <td className="small">{time(p.last)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Incidents of the latest hunt that involve a host or endpoint. */
export function IncidentsList({ items }: { items: readonly IncidentMention[] }) {
  if (items.length === 0) return <p className="muted">In no incident.</p>;
  return (
    <ul className="plain" data-testid="incident-mentions">
      {items.map((i) => (
        <li key={i.id}>
          <IncidentLink id={i.id} /> <SeverityTag severity={i.severity as Severity} />{' '}
          <span className="muted small">as {i.as}</span> <T v={i.summary} max={100} />
        </li>
      ))}
    </ul>
  );
}

/** Knowledge-base indicators a value matched. */
export function IntelMatches({ items }: { items: readonly IndicatorHit[] }) {
  if (items.length === 0) return <p className="muted">No intel matches.</p>;
  return (
    <ul className="plain" data-testid="intel-matches">
      {uniqueKeys(items, (m) => `${m.type}-${m.value}-${m.port ?? ''}`).map(([key, m]) => (
        <li key={key}>
          <T v={m.value} max={60} /> <span className="muted">({m.type})</span>{' '}
          {m.entities.map((e) => (
            <span key={e.id}>
              <Link href={hrefs.actor(e.id)}>
                <T v={e.name} max={40} />
              </Link>{' '}
            </span>
          ))}
          <span className="muted small">
            from <T v={m.sources.map((s) => s.source).join(', ')} max={60} />
          </span>
          {m.warninglists.length > 0 && (
            <span className="muted small">
              {' '}
              (on <T v={m.warninglists.join(', ')} max={60} />)
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
