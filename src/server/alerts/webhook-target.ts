import type { AlertTarget } from './alert-target.js';
import { redactUrl } from './redact-url.js';
import { type WebhookShape, webhookBody } from './webhook-shapes.js';

/** One configured webhook (`alerts.webhooks[]`). */
export interface WebhookOptions {
  readonly url: string;
  readonly shape: WebhookShape;
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** POSTs each alert as JSON in the webhook's shape; any answer but 2xx is a failed delivery. */
export function webhookTarget(opts: WebhookOptions): AlertTarget {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: `webhook-${opts.shape}:${redactUrl(opts.url)}`,
    async send(alert, signal) {
      const res = await fetch(opts.url, {
        method: 'POST',
        headers: { ...opts.headers, 'content-type': 'application/json' },
        body: JSON.stringify(webhookBody(opts.shape, alert)),
        signal: AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
        redirect: 'error',
      });
      // The body is read so that the connection is released.
      const text = await res.text().catch(() => '');
      if (!res.ok) throw new Error(`HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
    },
  };
}
