import { join } from 'node:path';
import { messageOf } from '../../errors.js';
import { followDirectory } from '../../ingest/follow.js';
import { defaultSensor } from '../../ingest/ingest-paths.js';
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
      runPass: (scan) => ctx.write('ingest', () => scan()),
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

/** The live loop as a background task of `mamori serve`. */
export const liveLoopTask: BackgroundTask = async (ctx, opts) => {
  const loop = await startLiveLoop(ctx, opts);
  return () => loop.stop();
};
