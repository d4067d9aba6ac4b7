import { setTimeout as sleep } from 'node:timers/promises';
import type { IngestFileOptions } from './ingest-file.js';
import { type IngestSummary, ingestPaths } from './ingest-paths.js';

/** Options for watching live log directories. */
export interface FollowOptions extends Omit<IngestFileOptions, 'live' | 'signal'> {
  readonly intervalSeconds: number;
  readonly json: boolean;
  readonly exclude?: readonly string[];
  /** Stops the loop after the scan in progress; defaults to SIGINT/SIGTERM handling. */
  readonly stop?: AbortSignal;
  readonly onPass?: (s: IngestSummary) => void;
  /** Where pass lines go (stdout by default). */
  readonly log?: (line: string) => void;
  /** Runs each scan; the server wraps it in its serialised store access (default: runs it as is). */
  readonly runPass?: (scan: () => Promise<IngestSummary>) => Promise<IngestSummary>;
}

/**
 * Re-scans the directories every interval, ingesting new files and the new lines of growing ones.
 * Zeek's rotation (conn.log moved into a dated folder and gzipped) is recognised through the
 * ledger's stream keys, so rotated copies add only the lines written since the last scan.
 * The first Ctrl-C lets the file in progress finish and commit; a second one aborts it.
 */
export async function followDirectory(paths: readonly string[], opts: FollowOptions): Promise<void> {
  const graceful = new AbortController();
  const hard = new AbortController();
  const onSignal = () => {
    if (graceful.signal.aborted) hard.abort();
    else {
      graceful.abort();
      if (!opts.json) process.stderr.write('\nstopping after the current file (Ctrl-C again to abort it)\n');
    }
  };
  if (!opts.stop) {
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  const stopped = () => graceful.signal.aborted || (opts.stop?.aborted ?? false);
  // An unreadable folder or file is named once, not at every scan.
  const warned = new Set<string>();
  try {
    while (!stopped()) {
      const scan = () => ingestPaths(paths, { ...opts, live: true, signal: hard.signal });
      const summary = await (opts.runPass ? opts.runPass(scan) : scan());
      opts.onPass?.(summary);
      for (const o of summary.outcomes) {
        if (o.status !== 'unreadable' || warned.has(o.path)) continue;
        warned.add(o.path);
        (opts.log ?? ((l: string) => console.log(l)))(
          opts.json
            ? JSON.stringify({ at: new Date().toISOString(), warning: `skipped ${o.message}`, path: o.path })
            : `warning: skipped ${o.message}`,
        );
      }
      const changed =
        summary.rows > 0 || summary.rejects > 0 || summary.duplicates > 0 || summary.byStatus.failed > 0;
      if (changed) {
        const line = opts.json
          ? JSON.stringify({
              at: new Date().toISOString(),
              rows: summary.rows,
              rowsByTable: summary.rowsByTable,
              rejects: summary.rejects,
              duplicates: summary.duplicates,
              failed: summary.byStatus.failed,
            })
          : `${new Date().toISOString()}  +${summary.rows} rows ${JSON.stringify(summary.rowsByTable)}${summary.rejects ? `, ${summary.rejects} rejects` : ''}`;
        const log = opts.log ?? ((l: string) => console.log(l));
        log(line);
        // With --json every line is one JSON object, so that a script reading the stream never breaks.
        const note = (kind: 'error' | 'warning', message: string | undefined, path: string) =>
          log(
            opts.json
              ? JSON.stringify({ at: new Date().toISOString(), [kind]: message, path })
              : `${kind}: ${message}`,
          );
        for (const o of summary.outcomes) {
          if (o.status === 'failed') note('error', o.message, o.path);
          else if (o.duplicates) note('warning', o.message, o.path);
        }
      }
      if (stopped()) break;
      await sleep(opts.intervalSeconds * 1000, undefined, { signal: opts.stop ?? graceful.signal }).catch(
        () => {},
      );
    }
  } finally {
    if (!opts.stop) {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  }
}
