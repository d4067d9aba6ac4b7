import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../../errors.js';
import { log } from '../../log.js';

/** When the live loop hunts: one hunt at a time, requests made meanwhile coalesced into the next one. */
export interface HuntScheduler {
  /** Hunt as soon as the current hunt (if any) ends. */
  request(reason: string): void;
  /** New rows were stored: hunt once the burst settles. */
  dataArrived(): void;
  /** Resolves when no hunt runs, none is waiting and no burst is settling. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/** Options of `createHuntScheduler`. */
export interface HuntSchedulerOptions {
  /** Runs one hunt; its reasons are the requests it answers, comma-separated. */
  readonly hunt: (reason: string) => Promise<void>;
  /** Delay from the first new rows of a burst to its hunt; rows arriving meanwhile join it. */
  readonly settleMs: number;
  /** Also hunt on this period; 0 never. */
  readonly everyMs?: number;
}

/** Creates the scheduler; a failed hunt is logged and the next request still runs. */
export function createHuntScheduler(o: HuntSchedulerOptions): HuntScheduler {
  let running: Promise<void> | null = null;
  let pending: string[] = [];
  let settle: NodeJS.Timeout | null = null;
  let stopped = false;

  const start = (): void => {
    if (running || stopped || pending.length === 0) return;
    const reason = [...new Set(pending)].join(', ');
    pending = [];
    running = o
      .hunt(reason)
      .catch((err) => log.error({ err: messageOf(err), reason }, 'live hunt failed'))
      .finally(() => {
        running = null;
        start();
      });
  };
  const request = (reason: string): void => {
    if (stopped) return;
    pending.push(reason);
    start();
  };
  // A fixed delay from the burst's first rows, not a quiet period: a sensor writing every second
  // would otherwise never let a hunt start.
  const dataArrived = (): void => {
    if (settle || stopped) return;
    settle = setTimeout(() => {
      settle = null;
      request('new data');
    }, o.settleMs);
  };
  const every = o.everyMs && o.everyMs > 0 ? setInterval(() => request('schedule'), o.everyMs) : null;
  every?.unref();

  return {
    request,
    dataArrived,
    async idle() {
      while (running || settle || (pending.length > 0 && !stopped)) {
        if (running) await running;
        else await sleep(20);
      }
    },
    async stop() {
      stopped = true;
      pending = [];
      if (settle) clearTimeout(settle);
      settle = null;
      if (every) clearInterval(every);
      if (running) await running;
    },
  };
}
