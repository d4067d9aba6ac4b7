import type { TimelineEntry } from '../../api/types.js';
import { SeverityTag } from '../../ui/badges.js';
import { time } from '../../ui/format.js';
import { EndpointLink, HostLink } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { useShowMore } from '../../ui/show-more.js';
import { uniqueKeys } from '../../ui/unique-keys.js';

/** The incident's activity, oldest first; long timelines show their start until asked. */
export function TimelineTable({
  entries,
  first = 200,
}: {
  entries: readonly TimelineEntry[];
  first?: number;
}) {
  const { shown, more } = useShowMore(entries, first);
  if (entries.length === 0) return <p className="muted">No activity recorded.</p>;
  return (
    <div className="scroll-y" data-testid="timeline">
      <table className="grid">
        <thead>
          <tr>
            <th>Time</th>
            <th>Host</th>
            <th>Server</th>
            <th>Detector</th>
            <th>Severity</th>
            <th>What</th>
          </tr>
        </thead>
        <tbody>
          {uniqueKeys(shown, (e) => `${e.ts}-${e.host}-${e.detector}`).map(([key, e]) => (
            <tr key={key}>
              <td className="mono small">{time(e.ts)}</td>
              <td className="nowrap">
                <HostLink ip={e.host} max={40} />
              </td>
              <td>
                {e.server ? <EndpointLink value={e.server} max={40} /> : <span className="muted">–</span>}
              </td>
              <td>
                <T v={e.detector} max={24} />
              </td>
              <td>
                <SeverityTag severity={e.severity} />
              </td>
              <td className="small">
                <T v={e.text} max={200} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {more}
    </div>
  );
}
