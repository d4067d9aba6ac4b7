import { Link } from 'wouter';
import type { IncidentListItem, IntelMatch, Tally } from '../../api/types.js';
import { SeverityTag, StatusTag, VerdictTag } from '../../ui/badges.js';
import { bytes, count, time } from '../../ui/format.js';
import { hrefs, IncidentLink } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { uniqueKeys } from '../../ui/unique-keys.js';

/** First and last seen, connections and bytes of one IP or domain. */
export function Telemetry({
  v,
}: {
  v: {
    firstSeen: string | null;
    lastSeen: string | null;
    connections: number;
    bytesOut: number;
    bytesIn: number;
  };
}) {
  return (
    <dl className="facts" data-testid="telemetry">
      <dt>First seen</dt>
      <dd>{time(v.firstSeen)}</dd>
      <dt>Last seen</dt>
      <dd>{time(v.lastSeen)}</dd>
      <dt>Connections</dt>
      <dd>{count(v.connections)}</dd>
      <dt>Bytes out / in</dt>
      <dd>
        {bytes(v.bytesOut)} / {bytes(v.bytesIn)}
      </dd>
    </dl>
  );
}

/** A value → count list, each value linked by `href`. */
export function TallyTable({
  title,
  items,
  href,
}: {
  title: string;
  items: readonly Tally[] | undefined;
  href?: (v: string) => string;
}) {
  if (!items || items.length === 0) return null;
  return (
    <div>
      <h3>{title}</h3>
      <table className="grid">
        <thead>
          <tr>
            <th>Value</th>
            <th>Connections</th>
            <th>Bytes</th>
          </tr>
        </thead>
        <tbody>
          {items.map((t) => (
            <tr key={t.value}>
              <td>
                {href ? (
                  <Link href={href(t.value)}>
                    <T v={t.value} max={60} />
                  </Link>
                ) : (
                  <T v={t.value} max={60} />
                )}
              </td>
              <td className="num">{count(t.connections ?? t.count)}</td>
              <td className="num">{bytes(t.bytes)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Incidents that involve a host or endpoint. */
export function IncidentsList({ items }: { items: readonly IncidentListItem[] | undefined }) {
  if (!items || items.length === 0) return <p className="muted">In no incident.</p>;
  return (
    <ul className="plain">
      {items.map((i) => (
        <li key={i.id}>
          <IncidentLink id={i.id} /> <SeverityTag severity={i.severity} /> <StatusTag status={i.status} />{' '}
          <VerdictTag verdict={i.verdict} /> <T v={i.summary} max={100} />
        </li>
      ))}
    </ul>
  );
}

/** Knowledge-base indicators a value matched. */
export function IntelMatches({ items }: { items: readonly IntelMatch[] | undefined }) {
  if (!items || items.length === 0) return <p className="muted">No intel matches.</p>;
  return (
    <ul className="plain" data-testid="intel-matches">
      {uniqueKeys(items, (m) => `${m.indicator}-${m.entityId ?? ''}`).map(([key, m]) => (
        <li key={key}>
          <T v={m.indicator} max={60} /> {m.type && <span className="muted">({m.type})</span>}{' '}
          {m.entityId ? (
            <Link href={hrefs.actor(m.entityId)}>
              <T v={m.entityName ?? m.entityId} max={40} />
            </Link>
          ) : (
            <T v={m.entityName} max={40} />
          )}{' '}
          {m.source && (
            <span className="muted small">
              from <T v={m.source} max={40} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}
