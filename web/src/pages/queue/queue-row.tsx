import type { IncidentListItem } from '../../api/types.js';
import { SeverityTag, StatusTag, VerdictTag } from '../../ui/badges.js';
import { bytes, duration, percent, time } from '../../ui/format.js';
import { T } from '../../ui/safe-text.js';

/** One incident of the queue; look-alikes (likely benign) are set apart by the `lookalike` class. */
export function QueueRow({
  item,
  index,
  selected,
  open,
}: {
  item: IncidentListItem;
  index: number;
  selected: boolean;
  open: () => void;
}) {
  const lookalike = item.verdict === 'likely-benign';
  const cls = [lookalike ? 'lookalike' : '', selected ? 'selected' : ''].join(' ').trim();
  return (
    <tr
      className={cls || undefined}
      data-testid="queue-row"
      data-incident-id={item.id}
      data-verdict={item.verdict}
      data-row={index}
      tabIndex={0}
      onClick={open}
      onKeyDown={(e) => {
        if (e.key === 'Enter') open();
      }}
    >
      <td>
        <SeverityTag severity={item.severity} />
      </td>
      <td>
        <StatusTag status={item.status} />
      </td>
      <td className="summary-cell">
        <div className="mono">
          <T v={item.id} max={20} />
        </div>
        <div className="muted small">
          <T v={item.summary} max={110} />
        </div>
      </td>
      <td className="num">
        {item.hosts} × {item.servers}
      </td>
      <td className="num" title={`${bytes(item.bytesOut)} out, ${bytes(item.bytesIn)} in`}>
        {bytes(item.bytesOut + item.bytesIn)}
      </td>
      <td className="small" title={`${time(item.firstSeen)} – ${time(item.lastSeen)}`}>
        {time(item.firstSeen).slice(0, 16)}
        <br />
        <span className="muted">{duration(item.firstSeen, item.lastSeen)}</span>
      </td>
      <td>
        {item.topActor ? (
          <>
            <T v={item.topActor} max={30} />
            <div className="muted small">
              {item.topTerm ?? ''} {item.topProbability !== null ? `(${percent(item.topProbability)})` : ''}
            </div>
          </>
        ) : (
          <span className="muted">no attribution</span>
        )}
      </td>
      <td>
        <T v={item.assignee} max={20} />
      </td>
      <td>
        <VerdictTag verdict={item.verdict} />
      </td>
    </tr>
  );
}
