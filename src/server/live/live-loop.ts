import { join } from 'node:path';
import { messageOf } from '../../errors.js';
import { followDirectory } from '../../ingest/follow.js';
import { defaultSensor, type IngestSummary } from '../../ingest/ingest-paths.js';
import { log } from '../../log.js';
import { type AlertDispatcher, createAlertDispatcher } from '../alerts/alert-dispatcher.js';
import type { BackgroundTask, ServeOptions } from '../background-tasks.js';
import type { ServerContext } from '../server-context.js';
import { onHuntRequest } from './hunt-requests.js';
import { createHuntScheduler, type HuntScheduler } from './hunt-scheduler.js';
import { runLiveHunt } from './live-hunt.js';

/** The running live loop: tests wait on it and stop it. */
export interface LiveLoop {
  readonly scheduler: HuntScheduler;
  readonly alerts: AlertDispatcher;
  /** The followed paths (config `live.follow` plus --follow). */
  readonly follow: readonly string[];
  stop(): Promise<void>;
}

/**
 * Starts following the configured logs (each scan one `ctx.write('ingest')`), hunting after each
 * burst of new rows, on schedule and on request, and alerting on what is new or more severe.
 */
export async function startLiveLoop(
  ctx: ServerContext,
  opts: ServeOptions,
  deps: { readonly alerts?: AlertDispatcher } = {},
): Promise<LiveLoop> {
  const live = ctx.config.live;
  const alerts = deps.alerts ?? createAlertDispatcher(ctx.config.alerts, { dataDir: ctx.dataDir });
  const scheduler = createHuntScheduler({
    hunt: async (reason) => {
      await runLiveHunt(ctx, alerts, reason);
    },
    settleMs: live.settleSeconds * 1000,
    everyMs: live.huntEveryMinutes * 60_000,
  });
  const unsubscribe = onHuntRequest(ctx, (reason) => scheduler.request(reason));
  const follow = [...new Set([...live.follow, ...opts.follow])];
  const stop = new AbortController();
  const warned = new Set<string>();
  let following: Promise<void> = Promise.resolve();
  if (follow.length > 0) {
    // The server keeps one store open for its life; every scan still goes through ctx.write.
    const store = await ctx.read(async (s) => s);
    following = followDirectory(follow, {
      store,
      sensor: defaultSensor(follow),
      sensorFromData: true,
      tmpDir: join(ctx.dataDir, 'tmp'),
      exclude: [ctx.dataDir],
      intervalSeconds: live.pollSeconds,
      json: true,
      stop: stop.signal,
      log: (line) => log.info({ follow: line }, 'live ingest'),
      runPass: (scan) => ctx.write('ingest', () => scan()).catch((err) => skippedPass(err, warned)),
      onPass: (s) => {
        if (s.rows > 0) scheduler.dataArrived();
      },
    }).catch((err) => log.error({ err: messageOf(err) }, 'following stopped'));
  }
  return {
    scheduler,
    alerts,
    follow,
    async stop() {
      stop.abort();
      unsubscribe();
      await following;
      await scheduler.stop();
      await alerts.close();
    },
  };
}

const noOutcomes: IngestSummary['byStatus'] = {
  ingested: 0,
  resumed: 0,
  unchanged: 0,
  empty: 0,
  skipped: 0,
  unreadable: 0,
  failed: 0,
};

/**
 * A scan that failed as a whole (a followed folder not created yet, a full disk): logged once per
 * message, and the loop goes on, as a sensor may appear later.
 */
function skippedPass(err: unknown, warned: Set<string>): IngestSummary {
  const message = messageOf(err);
  if (!warned.has(message)) {
    warned.add(message);
    log.warn({ err: message }, 'a scan of the followed logs failed; retrying at the next scan');
  }
  return {
    files: 0,
    byStatus: { ...noOutcomes },
    rowsByTable: {},
    rows: 0,
    rejects: 0,
    duplicates: 0,
    seconds: 0,
    rawBytes: 0,
    notes: [],
    outcomes: [],
  };
}

/** The live loop as a background task of `mamori serve`. */
export const liveLoopTask: BackgroundTask = async (ctx, opts) => {
  const loop = await startLiveLoop(ctx, opts);
  return () => loop.stop();
};
