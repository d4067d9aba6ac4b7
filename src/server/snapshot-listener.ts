import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { messageOf } from '../errors.js';
import type { Store } from '../store/store.js';
import { removeServerFile, writeServerFile } from './server-file.js';
import { takeStoreSnapshot } from './store-snapshot.js';

/** Runs store work one piece at a time (the follow loop's scans and the snapshots). */
export function createSerialiser(): <T>(fn: () => Promise<T>) => Promise<T> {
  let chain: Promise<unknown> = Promise.resolve();
  return <T>(fn: () => Promise<T>): Promise<T> => {
    const run = chain.then(fn);
    chain = run.catch(() => {});
    return run;
  };
}

/** The listener of `mamori ingest --follow`; `close` also removes server.json. */
export interface SnapshotListener {
  readonly url: string;
  close(): Promise<void>;
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

function bearerMatches(req: IncomingMessage, token: string): boolean {
  const given = Buffer.from(/^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '');
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/**
 * For a process that owns the store without being `mamori serve` (`ingest --follow`): answers only
 * `POST /api/v1/store/snapshot` on a loopback port, with a token written to server.json, so that
 * the CLI's read commands work beside it as they do beside a server.
 */
export async function startSnapshotListener(opts: {
  readonly dataDir: string;
  readonly store: Store;
  readonly serialise: <T>(fn: () => Promise<T>) => Promise<T>;
}): Promise<SnapshotListener> {
  const token = randomBytes(32).toString('base64url');
  const server = createServer((req, res) => {
    if (req.method !== 'POST' || req.url !== '/api/v1/store/snapshot') {
      answer(res, 404, {
        error: { code: 'not_found', message: 'this process only answers POST /api/v1/store/snapshot' },
      });
      return;
    }
    if (!bearerMatches(req, token)) {
      answer(res, 401, {
        error: { code: 'unauthorized', message: 'the local token of server.json is needed' },
      });
      return;
    }
    req.resume();
    opts
      .serialise(() => takeStoreSnapshot(opts.store, opts.dataDir))
      .then(
        (snap) => answer(res, 200, snap),
        (err) => answer(res, 500, { error: { code: 'internal', message: messageOf(err) } }),
      );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  writeServerFile(opts.dataDir, {
    kind: 'ingest-follow',
    pid: process.pid,
    url,
    token,
    startedAt: new Date().toISOString(),
  });
  return {
    url,
    async close() {
      removeServerFile(opts.dataDir);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
