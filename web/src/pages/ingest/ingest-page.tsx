import { type DragEvent, type FormEvent, useCallback, useRef, useState } from 'react';
import { api, get, seg } from '../../api/client.js';
import { useServerEvents } from '../../api/events.js';
import type { IngestJob, ServerEvent } from '../../api/types.js';
import { usePages } from '../../api/use-pages.js';
import { useAuth } from '../../auth/auth-context.js';
import { bytes, count } from '../../ui/format.js';
import { T } from '../../ui/safe-text.js';
import { ErrorBox } from '../../ui/status-box.js';
import { JobOutcome } from './job-outcome.js';

interface Progress {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
  readonly rejects: number;
  readonly file: string;
}

/** Upload Zeek, Suricata or PCAP files (or name a server-side path); watch progress and rejects. */
export function IngestPage() {
  const auth = useAuth();
  const canWrite = auth.can('analyst');
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [path, setPath] = useState('');
  const [over, setOver] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [job, setJob] = useState<IngestJob | null>(null);
  const [error, setError] = useState<unknown>(null);
  const jobs = usePages<IngestJob>('/ingest/jobs', { limit: 20 });
  const { reload } = jobs;

  const fetchJob = useCallback(
    (id: string) => {
      get<IngestJob>(`/ingest/jobs/${seg(id)}`)
        .then((j) => {
          setJob(j);
          reload();
        })
        .catch(setError);
    },
    [reload],
  );

  useServerEvents(
    useCallback(
      (e: ServerEvent) => {
        if (e.type === 'ingest-progress' && e.jobId === jobId) setProgress(e);
        if (e.type === 'ingest-done' && e.jobId === jobId) fetchJob(e.jobId);
      },
      [jobId, fetchJob],
    ),
    jobId,
  );

  const start = async (body: FormData | { path: string }) => {
    setError(null);
    setJob(null);
    setProgress(null);
    try {
      const r = await api<{ jobId: string }>('POST', '/ingest', { body });
      setJobId(r.jobId);
      // The job may finish before the event stream connects: ask once as well.
      window.setTimeout(() => fetchJob(r.jobId), 1500);
    } catch (err) {
      setError(err);
    }
  };
  const upload = (e: FormEvent) => {
    e.preventDefault();
    if (files.length === 0) return;
    const form = new FormData();
    for (const f of files) form.append('files', f, f.name);
    void start(form);
  };
  const ingestPath = (e: FormEvent) => {
    e.preventDefault();
    if (path.trim()) void start({ path: path.trim() });
  };
  const drop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    setFiles([...e.dataTransfer.files]);
  };
  const pct =
    progress && progress.totalBytes > 0 ? Math.min(100, (progress.bytes / progress.totalBytes) * 100) : null;

  return (
    <section data-testid="ingest-page">
      <h1>Ingest</h1>
      {!canWrite && <p className="muted">Ingest needs the analyst role.</p>}
      <form onSubmit={upload} className="card">
        <h2>Upload files</h2>
        <button
          type="button"
          className={over ? 'dropzone over' : 'dropzone'}
          onDragOver={(e) => {
            e.preventDefault();
            setOver(true);
          }}
          onDragLeave={() => setOver(false)}
          onDrop={drop}
          onClick={() => input.current?.click()}
          disabled={!canWrite}
          data-testid="dropzone"
        >
          Drop Zeek logs, Suricata EVE or PCAP files here, or click to choose
        </button>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          onChange={(e) => setFiles(e.target.files ? [...e.target.files] : [])}
          data-testid="ingest-files"
        />
        {files.length > 0 && (
          <ul className="plain small">
            {files.map((f) => (
              <li key={`${f.name}-${f.size}`}>
                <T v={f.name} max={80} /> <span className="muted">{bytes(f.size)}</span>
              </li>
            ))}
          </ul>
        )}
        <button type="submit" disabled={!canWrite || files.length === 0}>
          Ingest {files.length || ''} file(s)
        </button>
      </form>
      <form onSubmit={ingestPath} className="card row">
        <label>
          Or a path on the server (inside the configured ingest roots){' '}
          <input value={path} onChange={(e) => setPath(e.target.value)} disabled={!canWrite} size={50} />
        </label>
        <button type="submit" disabled={!canWrite || !path.trim()}>
          Ingest path
        </button>
      </form>
      <ErrorBox error={error} />
      {jobId && (
        <section className="card" data-testid="ingest-progress">
          <h2>
            Job <T v={jobId} max={40} />
          </h2>
          {progress && (
            <>
              <progress max={100} value={pct ?? undefined} />
              <p className="small">
                <T v={progress.file} max={80} /> · {bytes(progress.bytes)} of {bytes(progress.totalBytes)} ·{' '}
                {count(progress.rows)} rows · {count(progress.rejects)} rejects
              </p>
            </>
          )}
          {job ? <JobOutcome job={job} /> : !progress && <p className="muted">Waiting for the server…</p>}
        </section>
      )}
      <section className="card">
        <h2>Recent jobs</h2>
        <ErrorBox error={jobs.error} />
        <ul className="plain small">
          {jobs.items.map((j) => (
            <li key={j.id}>
              <button type="button" className="linklike" onClick={() => setJob(j)}>
                <T v={j.id} max={30} />
              </button>{' '}
              {j.state} · {count(j.rows)} rows · {count(j.rejects)} rejects
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
