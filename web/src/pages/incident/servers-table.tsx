import type { IncidentServer } from '../../api/types.js';
import { bytes, time } from '../../ui/format.js';
import { EndpointLink } from '../../ui/links.js';
import { T } from '../../ui/safe-text.js';
import { useShowMore } from '../../ui/show-more.js';

/** The incident's external servers: the keyboard's way into what the graph shows. */
export function ServersTable({
  servers,
  first = 100,
}: {
  servers: readonly IncidentServer[];
  first?: number;
}) {
  const { shown, more } = useShowMore(servers, first);
  return (
    <div className="scroll-y">
      <table className="grid" data-testid="servers-table">
        <thead>
          <tr>
            <th>Role</th>
            <th>Server</th>
            <th>Ports</th>
            <th>Out / in</th>
            <th>Seen</th>
            <th>Notes</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((s) => (
            <tr key={s.key}>
              <td>
                <span className={`tag role-${s.role}`}>{s.role}</span>
              </td>
              <td>
                {s.domains.slice(0, 3).map((d) => (
                  <div key={d}>
                    <EndpointLink value={d} max={50} />
                  </div>
                ))}
                {s.ips.slice(0, 3).map((ip) => (
                  <div key={ip} className="small">
                    <EndpointLink value={ip} max={40} />
                  </div>
                ))}
                {s.domains.length + s.ips.length > 6 && <span className="muted small">and more</span>}
              </td>
              <td className="small">
                <T v={s.ports.join(', ')} max={40} /> <T v={s.protocols.join(', ')} max={30} />
              </td>
              <td className="num small">
                {bytes(s.bytesOut)} / {bytes(s.bytesIn)}
              </td>
              <td className="small">
                {time(s.first).slice(0, 16)} – {time(s.last).slice(0, 16)}
              </td>
              <td className="small">
                {s.warninglists.length > 0 && (
                  <div>
                    on <T v={s.warninglists.join(', ')} max={60} />
                  </div>
                )}
                {s.mergedBy.length > 0 && (
                  <div className="muted">
                    merged by <T v={s.mergedBy.join(', ')} max={60} />
                  </div>
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
