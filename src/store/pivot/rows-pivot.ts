import type { Finding } from '../../domain/finding.js';
import { tryIpRange } from '../../net/ip-range.js';
import type { AnalyticsSession } from '../analytics-session.js';
import {
  addressesOf,
  type RawRowsPage,
  type RowsCursor,
  type RowsPivot,
  type RowTable,
  rawRows,
} from './raw-rows-query.js';
import { findingById } from './stored-findings-query.js';

/** What the rows are asked for: exactly one of finding, host, server and indicator. */
export interface PivotRequest {
  readonly finding?: string;
  readonly host?: string;
  /** An address or a domain. */
  readonly server?: string;
  readonly indicator?: string;
  /** The network (sensors, comma-separated) a host or server is in; a finding brings its own. */
  readonly scope?: string;
}

/** A pivot ready for `rawRows`: what matches, and the span and sensors it is bounded by. */
export interface ResolvedPivot {
  readonly pivot: RowsPivot;
  readonly from?: string;
  readonly to?: string;
  readonly sensors?: readonly string[];
  /** The finding a `finding` request named. */
  readonly finding?: Finding;
}

/** True for an IPv4 or IPv6 address (not a CIDR). */
export function isAddress(text: string): boolean {
  return !text.includes('/') && tryIpRange(text) !== null;
}

/** The sensors of a scope name; none for no scope. */
export function scopeSensorList(scope: string | undefined): string[] | undefined {
  const list = scope?.split(',').filter((s) => s !== '');
  return list && list.length > 0 ? list : undefined;
}

/** A server (address or domain) as the addresses and names rows are matched on. */
export async function serverTarget(
  s: AnalyticsSession,
  server: string,
  sensors?: readonly string[],
): Promise<{ ips: string[]; names: string[] }> {
  if (isAddress(server)) return { ips: [server], names: [] };
  const name = server.toLowerCase().replace(/\.$/, '');
  return { ips: await addressesOf(s, [name], { sensors }), names: [name] };
}

/**
 * Resolves a request to the rows it stands for: a finding is its host and endpoint (its address, its
 * domain and the addresses the domain stood for) within its first..last, in its own network. Null
 * when the finding id is unknown.
 */
export async function resolvePivot(s: AnalyticsSession, req: PivotRequest): Promise<ResolvedPivot | null> {
  if (req.finding !== undefined) {
    const stored = await findingById(s, req.finding);
    if (!stored) return null;
    const f = stored.finding;
    const sensors = scopeSensorList(f.scope);
    const ips = new Set<string>(f.endpointIp ? [f.endpointIp] : []);
    const names = f.endpointDomain ? [f.endpointDomain.toLowerCase()] : [];
    for (const a of await addressesOf(s, names, { sensors })) ips.add(a);
    // The last instant is kept at millisecond precision; rows within it are behind the finding too.
    const to = new Date(Date.parse(f.last) + 1).toISOString();
    return {
      pivot: { host: f.host, servers: { ips: [...ips].sort(), names } },
      from: f.first,
      to,
      ...(sensors ? { sensors } : {}),
      finding: f,
    };
  }
  const sensors = scopeSensorList(req.scope);
  const bounded = sensors ? { sensors } : {};
  if (req.host !== undefined) return { pivot: { host: req.host }, ...bounded };
  if (req.server !== undefined)
    return { pivot: { servers: await serverTarget(s, req.server, sensors) }, ...bounded };
  return { pivot: { indicator: req.indicator ?? '' }, ...bounded };
}

/** The later of two optional ISO instants (the narrower start of two windows). */
export function laterOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/** The earlier of two optional ISO instants (the narrower end of two windows). */
export function earlierOf(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Date.parse(a) <= Date.parse(b) ? a : b;
}

/** One page of the rows behind a request, within the caller's window; null for an unknown finding. */
export async function pivotRows(
  s: AnalyticsSession,
  req: PivotRequest,
  page: {
    readonly table: RowTable | 'all';
    readonly from?: string;
    readonly to?: string;
    readonly limit: number;
    readonly after?: RowsCursor | null;
  },
): Promise<(RawRowsPage & { readonly resolved: ResolvedPivot }) | null> {
  const resolved = await resolvePivot(s, req);
  if (!resolved) return null;
  const rows = await rawRows(s, {
    table: page.table,
    pivot: resolved.pivot,
    from: laterOf(resolved.from, page.from),
    to: earlierOf(resolved.to, page.to),
    ...(resolved.sensors ? { sensors: resolved.sensors } : {}),
    limit: page.limit,
    after: page.after ?? null,
  });
  return { ...rows, resolved };
}
