import { Link } from 'wouter';
import type { Finding } from '../../api/types.js';
import { SeverityTag } from '../../ui/badges.js';
import { count } from '../../ui/format.js';
import { EndpointLink, HostLink } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { useShowMore } from '../../ui/show-more.js';

/** The raw rows behind a finding, in the UI's rows view. */
export function rowsHref(filter: Readonly<Record<string, string>>): string {
  return `/rows?${new URLSearchParams(filter).toString()}`;
}

/** The findings of an incident or a pivot page. */
export function FindingsTable({ findings, first = 200 }: { findings: readonly Finding[]; first?: number }) {
  const { shown, more } = useShowMore(findings, first);
  if (findings.length === 0) return <p className="muted">No findings.</p>;
  return (
    <div className="scroll-x">
      <table className="grid" data-testid="findings-table">
        <thead>
          <tr>
            <th>Id</th>
            <th>Detector</th>
            <th>Host</th>
            <th>Endpoint</th>
            <th>Score</th>
            <th>Explanation</th>
            <th>uids</th>
            <th>Rows</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((f, i) => (
            <tr key={f.id ?? `${f.detector}-${f.host}-${i}`} data-testid="finding-row">
              <td className="mono small">
                <T v={f.id ?? '–'} max={16} />
              </td>
              <td>
                <T v={f.detector} max={30} />
              </td>
              <td className="nowrap">
                <HostLink ip={f.host} max={40} />
              </td>
              <td>
                {f.endpointDomain ? <EndpointLink value={f.endpointDomain} max={40} /> : null}
                {f.endpointDomain && f.endpointIp ? <br /> : null}
                {f.endpointIp ? <EndpointLink value={f.endpointIp} max={40} /> : null}
              </td>
              <td className="num">
                {f.score.toFixed(2)} <SeverityTag severity={f.severity} />
              </td>
              <td className="small">
                <T v={f.explanation} max={160} />
              </td>
              <td className="num" title={f.evidence?.uids.slice(0, 10).join(' ')}>
                {f.evidence ? count(f.evidence.uidCount) : '–'}
              </td>
              <td>
                {f.id ? (
                  <Link href={rowsHref({ finding: f.id })}>rows</Link>
                ) : (
                  <Link href={rowsHref({ host: f.host })}>rows</Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </div>
  );
}
