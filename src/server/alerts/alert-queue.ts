import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { messageOf } from '../../errors.js';
import { log } from '../../log.js';
import type { Alert } from './alert.js';
import type { AlertTarget } from './alert-target.js';

/** Retry policy of every target (`alerts.retries`, `alerts.backoffSeconds`). */
export interface RetryPolicy {
  /** Attempts in all, at least 1. */
  readonly attempts: number;
  readonly backoffSeconds: number;
}

/** One line of the dead-letter file. */
export interface DeadLetter {
  readonly at: string;
  readonly target: string;
  readonly attempts: number;
  readonly error: string;
  readonly alert: Alert;
}

/** A target's own queue: alerts are delivered in order, retried with doubling delays, never blocking the caller. */
export interface AlertQueue {
  push(alert: Alert): void;
  /** Resolves when every pushed alert was delivered or dead-lettered. */
  idle(): Promise<void>;
  /** Stops retrying: what is still queued goes to the dead-letter file. */
  close(): Promise<void>;
}

/** Writes one dead letter; a failure here is only logged (there is nowhere else to put it). */
export async function writeDeadLetter(file: string, d: DeadLetter): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await appendFile(file, `${JSON.stringify(d)}\n`, { mode: 0o640 });
  } catch (err) {
    log.error({ err: messageOf(err), target: d.target, incident: d.alert.incidentId }, 'alert lost');
  }
}

/** Creates the queue of one target. */
export function alertQueue(target: AlertTarget, policy: RetryPolicy, deadLetterFile: string): AlertQueue {
  const queue: Alert[] = [];
  const stop = new AbortController();
  let running: Promise<void> | null = null;

  const deliver = async (alert: Alert): Promise<void> => {
    let error = '';
    let attempt = 0;
    while (attempt < policy.attempts && !stop.signal.aborted) {
      attempt++;
      try {
        await target.send(alert, stop.signal);
        return;
      } catch (err) {
        error = messageOf(err);
        log.warn(
          { target: target.name, incident: alert.incidentId, attempt, err: error },
          'alert not delivered',
        );
      }
      if (attempt < policy.attempts) {
        const ms = policy.backoffSeconds * 1000 * 2 ** (attempt - 1);
        await sleep(ms, undefined, { signal: stop.signal }).catch(() => {});
      }
    }
    if (stop.signal.aborted && error === '') error = 'the server stopped before delivery';
    await writeDeadLetter(deadLetterFile, {
      at: new Date().toISOString(),
      target: target.name,
      attempts: attempt,
      error,
      alert,
    });
  };

  const drain = async (): Promise<void> => {
    for (let next = queue.shift(); next; next = queue.shift()) await deliver(next);
    running = null;
  };

  return {
    push(alert) {
      queue.push(alert);
      running ??= drain();
    },
    async idle() {
      while (running) await running;
    },
    async close() {
      stop.abort();
      await this.idle();
      await target.close?.();
    },
  };
}
