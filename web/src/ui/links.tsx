import { Link } from 'wouter';
import { T } from './safe-text.js';

/** Internal routes for the pivots; values are path-encoded. */
export const hrefs = {
  incident: (id: string) => `/incidents/${encodeURIComponent(id)}`,
  host: (ip: string) => `/hosts/${encodeURIComponent(ip)}`,
  endpoint: (v: string) => `/endpoints/${encodeURIComponent(v)}`,
  actor: (id: string) => `/intel/${encodeURIComponent(id)}`,
  search: (q: string) => `/search?q=${encodeURIComponent(q)}`,
};

/** An internal host IP, linked to its page. */
export function HostLink({ ip, max }: { ip: string; max?: number }) {
  return (
    <Link href={hrefs.host(ip)}>
      <T v={ip} max={max} />
    </Link>
  );
}

/** An external IP or domain, linked to its page. */
export function EndpointLink({ value, max }: { value: string; max?: number }) {
  return (
    <Link href={hrefs.endpoint(value)}>
      <T v={value} max={max} />
    </Link>
  );
}

/** An incident id, linked. */
export function IncidentLink({ id }: { id: string }) {
  return (
    <Link href={hrefs.incident(id)}>
      <T v={id} max={40} />
    </Link>
  );
}
