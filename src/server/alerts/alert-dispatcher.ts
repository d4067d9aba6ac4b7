import { join } from 'node:path';
import type { MamoriConfig } from '../../config/config-schema.js';
import type { Alert } from './alert.js';
import { type AlertQueue, alertQueue } from './alert-queue.js';
import type { AlertTarget } from './alert-target.js';
import { jsonlTarget } from './jsonl-target.js';
import { syslogTarget } from './syslog-target.js';
import { webhookTarget } from './webhook-target.js';

/** Hands alerts to every configured target's queue. */
export interface AlertDispatcher {
  readonly targets: readonly string[];
  send(alerts: readonly Alert[]): void;
  idle(): Promise<void>;
  close(): Promise<void>;
}

type AlertSettings = MamoriConfig['alerts'];

/** Where undeliverable alerts go. */
export function deadLetterPath(settings: AlertSettings, dataDir: string): string {
  return settings.deadLetterFile ?? join(dataDir, 'alerts-dead-letter.jsonl');
}

/** The targets the `alerts` settings name, in a fixed order: file, syslog, webhooks. */
export function alertTargets(settings: AlertSettings): AlertTarget[] {
  const targets: AlertTarget[] = [];
  if (settings.jsonlFile) targets.push(jsonlTarget(settings.jsonlFile));
  if (settings.syslogHost)
    targets.push(
      syslogTarget({
        host: settings.syslogHost,
        port: settings.syslogPort,
        protocol: settings.syslogProtocol,
        facility: settings.syslogFacility,
      }),
    );
  for (const w of settings.webhooks) targets.push(webhookTarget(w));
  return targets;
}

/** One queue per target, so that a dead webhook delays nobody else and never the hunt. */
export function createAlertDispatcher(
  settings: AlertSettings,
  opts: { readonly dataDir: string; readonly targets?: readonly AlertTarget[] },
): AlertDispatcher {
  const targets = opts.targets ?? alertTargets(settings);
  const policy = { attempts: settings.retries, backoffSeconds: settings.backoffSeconds };
  const deadLetters = deadLetterPath(settings, opts.dataDir);
  const queues: AlertQueue[] = targets.map((t) => alertQueue(t, policy, deadLetters));
  return {
    targets: targets.map((t) => t.name),
    send(alerts) {
      for (const a of alerts) for (const q of queues) q.push(a);
    },
    async idle() {
      await Promise.all(queues.map((q) => q.idle()));
    },
    async close() {
      await Promise.all(queues.map((q) => q.close()));
    },
  };
}
