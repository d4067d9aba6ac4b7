import { createSocket } from 'node:dgram';
import { connect, isIPv6 } from 'node:net';
import { hostname } from 'node:os';
import type { AlertTarget } from './alert-target.js';
import { formatSyslog, octetCounted } from './syslog-format.js';

/** Options of a syslog target (the `alerts.syslog*` settings). */
export interface SyslogOptions {
  readonly host: string;
  readonly port: number;
  readonly protocol: 'udp' | 'tcp';
  readonly facility: number;
  readonly timeoutMs?: number;
}

/** Sends each alert as one RFC 5424 message: a UDP datagram, or an octet-counted frame over TCP. */
export function syslogTarget(opts: SyslogOptions): AlertTarget {
  const fields = { facility: opts.facility, hostname: hostname(), pid: process.pid };
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    name: `syslog-${opts.protocol}:${opts.host}:${opts.port}`,
    send(alert, signal) {
      const message = formatSyslog(alert, fields);
      return opts.protocol === 'udp'
        ? sendUdp(opts.host, opts.port, Buffer.from(message, 'utf8'))
        : sendTcp(opts.host, opts.port, octetCounted(message), timeoutMs, signal);
    },
  };
}

function sendUdp(host: string, port: number, data: Buffer): Promise<void> {
  const socket = createSocket(isIPv6(host) ? 'udp6' : 'udp4');
  return new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.send(data, port, host, (err) => (err ? reject(err) : resolve()));
  }).finally(() => socket.close());
}

function sendTcp(
  host: string,
  port: number,
  data: Buffer,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<void> {
  // One connection per alert: alerts are rare, and a receiver restart then costs nothing.
  return new Promise<void>((resolve, reject) => {
    const socket = connect({ host, port, signal });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    socket.once('error', reject);
    socket.once('connect', () => socket.end(data));
    socket.once('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}
