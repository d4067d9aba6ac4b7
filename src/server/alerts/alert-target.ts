import type { Alert } from './alert.js';

/** Somewhere alerts go: a file, a syslog server, a webhook. `send` throws when delivery failed. */
export interface AlertTarget {
  /** Names the target in the dead-letter file and logs (never with credentials). */
  readonly name: string;
  send(alert: Alert, signal: AbortSignal): Promise<void>;
  close?(): Promise<void>;
}
