import { liveLoopTask } from './live/live-loop.js';
import type { ServerContext } from './server-context.js';

/** What `mamori serve` was started with, beyond the config. */
export interface ServeOptions {
  /** Paths given with --follow (added to `live.follow` of the config). */
  readonly follow: readonly string[];
}

/** A task that runs beside the HTTP server for its whole life; resolves to its stop function. */
export type BackgroundTask = (ctx: ServerContext, opts: ServeOptions) => Promise<() => Promise<void>>;

/** Started in order when the server starts, stopped in reverse when it stops. */
export const backgroundTasks: BackgroundTask[] = [liveLoopTask];
