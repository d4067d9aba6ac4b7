import { InvalidArgumentError } from 'commander';

/** `--port`: 0–65535. */
export function parsePort(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535) throw new InvalidArgumentError('a port number, 0 to 65535');
  return n;
}

/** `--expires 90d` (days), `12h` (hours) or an ISO date; returns the ISO instant. */
export function parseExpiry(v: string, now = new Date()): string {
  const m = /^(\d{1,5})([dh])$/.exec(v.trim());
  if (m)
    return new Date(now.getTime() + Number(m[1]) * (m[2] === 'd' ? 86_400_000 : 3_600_000)).toISOString();
  const t = Date.parse(v);
  if (Number.isNaN(t) || t <= now.getTime())
    throw new InvalidArgumentError('a duration such as 90d or 12h, or a future date (2027-06-30)');
  return new Date(t).toISOString();
}
