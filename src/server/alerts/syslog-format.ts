import type { Alert } from './alert.js';

/** The private enterprise number mamori's structured data is named under (`mamori@32473`, RFC 5612's example PEN). */
export const syslogSdId = 'mamori@32473';

/** Syslog severity (RFC 5424 §6.2.1) of each incident severity. */
const syslogSeverity = { critical: 2, high: 3, medium: 4, low: 5 } as const;

/** Escapes a structured-data parameter value (RFC 5424 §6.3.3): `"`, `\` and `]` get a backslash. */
export function escapeSdValue(v: string): string {
  return v.replace(/["\\\]]/g, (c) => `\\${c}`);
}

/** A header field (HOSTNAME, APP-NAME …): printable US-ASCII without spaces, or the nil value `-`. */
function headerField(v: string, max: number): string {
  const clean = v.replace(/[^\x21-\x7e]/g, '').slice(0, max);
  return clean === '' ? '-' : clean;
}

/** One alert as an RFC 5424 message (without transport framing). */
export function formatSyslog(
  alert: Alert,
  opts: { readonly facility: number; readonly hostname: string; readonly pid: number },
): string {
  const pri = opts.facility * 8 + syslogSeverity[alert.severity];
  const params: [string, string][] = [
    ['incident', alert.incidentId],
    ['severity', alert.severity],
    ['previous', alert.previousSeverity ?? ''],
    ['verdict', alert.verdict],
    ['hosts', String(alert.hosts)],
    ['servers', String(alert.servers)],
    ...(alert.actor
      ? ([
          ['actor', alert.actor.name],
          ['term', alert.actor.term],
          ['probability', alert.actor.probability.toFixed(2)],
        ] as [string, string][])
      : []),
    ['link', alert.link],
  ];
  const sd = `[${syslogSdId} ${params.map(([k, v]) => `${k}="${escapeSdValue(v)}"`).join(' ')}]`;
  // Attacker-chosen names are in the summary: no line breaks or other controls reach the receiver.
  const msg = alert.summary.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return `<${pri}>1 ${alert.alertedAt} ${headerField(opts.hostname, 255)} mamori ${opts.pid} incident ${sd} \uFEFF${msg}`;
}

/** TCP framing by octet counting (RFC 6587 §3.4.1): `LENGTH SP MESSAGE`, the length in bytes. */
export function octetCounted(message: string): Buffer {
  const body = Buffer.from(message, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length} `, 'ascii'), body]);
}
