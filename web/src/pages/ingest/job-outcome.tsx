import type { IngestJob } from '../../api/types.js';
import { count } from '../../ui/format.js';
import { T } from '../../ui/safe-text.js';
import { uniqueKeys } from '../../ui/unique-keys.js';

/** How an ingest job ended: per file, and the first rejected lines with their reasons. */
export function JobOutcome({ job }: { job: IngestJob }) {
  return (
    <div data-testid="ingest-outcome" data-state={job.state}>
      <p>
        <strong>{job.state}</strong> · {count(job.rows)} rows · {count(job.rejects)} rejects
        {job.error && (
          <>
            {' '}
            ·{' '}
            <span className="error-text">
              <T v={job.error} max={300} />
            </span>
          </>
        )}
      </p>
      {(job.files?.length ?? 0) > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>File</th>
              <th>Status</th>
              <th>Rows</th>
              <th>Rejects</th>
              <th>Message</th>
            </tr>
          </thead>
          <tbody>
            {uniqueKeys(job.files ?? [], (f) => f.file).map(([key, f]) => (
              <tr key={key}>
                <td>
                  <T v={f.file} max={60} />
                </td>
                <td>
                  <T v={f.status} max={20} />
                </td>
                <td className="num">{count(f.rows)}</td>
                <td className="num">{count(f.rejects)}</td>
                <td>
                  <T v={f.message} max={120} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(job.firstRejects?.length ?? 0) > 0 && (
        <>
          <h3>First rejects</h3>
          <ul className="plain small">
            {uniqueKeys(job.firstRejects ?? [], (r) => `${r.file}-${r.line ?? ''}`).map(([key, r]) => (
              <li key={key}>
                <T v={r.file} max={40} />
                {r.line !== undefined ? `:${r.line}` : ''} <T v={r.reason} max={200} />
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
