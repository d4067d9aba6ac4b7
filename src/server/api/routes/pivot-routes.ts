import { z } from 'zod';
import { addressNames } from '../../../detect/shared/address-names-query.js';
import { intervalEdges } from '../../../store/pivot/pair-buckets.js';
import { pivotViews } from '../../../store/pivot/pivot-views-query.js';
import { isAddress, scopeSensorList, serverTarget } from '../../../store/pivot/rows-pivot.js';
import { listFindings } from '../../../store/pivot/stored-findings-query.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { endpointView, hostView, pairQuery, pairSeries, scopeQuery } from '../schemas/pivot-schemas.js';
import { apiIndicatorHits, apiStoredFinding } from './api-shapes.js';
import { intelHits, valueTarget } from './value-kind.js';

const names = 8;

/** `GET /hosts/:ip`, `GET /endpoints/:value` and `GET /pairs/series`: the pivot pages' data. */
export const pivotRoutes = [
  apiRoute({
    method: 'GET',
    path: '/hosts/:ip',
    operationId: 'getHost',
    summary:
      'One address as a host: traffic, top destinations and lookups, findings, incidents, intel matches',
    tags: ['evidence'],
    role: 'viewer',
    params: z.object({ ip: z.string().min(1).max(100) }),
    query: scopeQuery,
    response: hostView,
    async handler({ params, query, ctx }) {
      if (!isAddress(params.ip)) throw new ApiError('badRequest', 'not an IP address', 'params.ip');
      const sensors = scopeSensorList(query.scope);
      return ctx.read(async (store) => {
        const s = store.analytics;
        const t = await pivotViews(s).hostTelemetry(s, params.ip, sensors);
        const named = await addressNames(s, {
          ips: t.topDestinations.map((d) => d.ip),
          maxNames: names,
          ...(sensors ? { sensors } : {}),
        });
        const findings = await listFindings(s, { host: params.ip, offset: 0, limit: 100 });
        return {
          ip: params.ip,
          scope: query.scope ?? null,
          ...t,
          topDestinations: t.topDestinations.map((d) => ({ ...d, names: [...(named.get(d.ip) ?? [])] })),
          findings: findings.items
            .filter((f) => !query.scope || f.finding.scope === undefined || f.finding.scope === query.scope)
            .map(apiStoredFinding),
          incidents: await pivotViews(s).incidentsWith(s, params.ip, query.scope),
          intel: apiIndicatorHits(await intelHits(store, valueTarget(params.ip))),
        };
      });
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/endpoints/:value',
    operationId: 'getEndpoint',
    summary:
      'A server address or domain: who talked to it, when, bytes, ports, names or addresses, certificates, findings, incidents, intel, warninglists',
    tags: ['evidence'],
    role: 'viewer',
    params: z.object({ value: z.string().min(1).max(300) }),
    query: scopeQuery,
    response: endpointView,
    async handler({ params, query, ctx }) {
      const ip = isAddress(params.value);
      const value = ip ? params.value : params.value.toLowerCase().replace(/\.$/, '');
      // A server name is whatever the traffic called it (Host, SNI, DNS), hostile ones included: it
      // is only ever a bound parameter, so any non-blank text is looked up.
      if (!value.trim())
        throw new ApiError('badRequest', 'an IP address or server name is required', 'params.value');
      const sensors = scopeSensorList(query.scope);
      return ctx.read(async (store) => {
        const s = store.analytics;
        const target = await serverTarget(s, value, sensors);
        const t = await pivotViews(s).endpointTelemetry(s, target, sensors);
        const named = ip
          ? [
              ...((
                await addressNames(s, { ips: [value], maxNames: 50, ...(sensors ? { sensors } : {}) })
              ).get(value) ?? []),
            ]
          : [value];
        const findings = await listFindings(s, { endpoint: value, offset: 0, limit: 100 });
        const lists = await store.intel.warninglistsOf([value], { context: true });
        return {
          value,
          kind: ip ? ('ip' as const) : ('domain' as const),
          scope: query.scope ?? null,
          addresses: target.ips,
          names: named,
          ...t,
          findings: findings.items
            .filter((f) => !query.scope || f.finding.scope === undefined || f.finding.scope === query.scope)
            .map(apiStoredFinding),
          incidents: await pivotViews(s).incidentsWith(s, value, query.scope),
          intel: apiIndicatorHits(await intelHits(store, valueTarget(value))),
          warninglists: lists.get(value) ?? [],
        };
      });
    },
  }),
  apiRoute({
    method: 'GET',
    path: '/pairs/series',
    operationId: 'getPairSeries',
    summary:
      'The charts of a host–server pair: a histogram of seconds between connections (median, MAD) and bytes and connections over time',
    tags: ['evidence'],
    role: 'viewer',
    query: pairQuery,
    response: pairSeries,
    async handler({ query, ctx }) {
      if (!isAddress(query.host))
        throw new ApiError('badRequest', 'host must be an IP address', 'query.host');
      const sensors = scopeSensorList(query.scope);
      return ctx.read(async (store) => {
        const s = store.analytics;
        const target = await serverTarget(s, query.server, sensors);
        const { step, ...a } = await pivotViews(s).pairAggregates(
          s,
          { host: query.host, ips: target.ips, ...(sensors ? { sensors } : {}) },
          intervalEdges,
        );
        return { host: query.host, server: query.server, addresses: target.ips, ...a, bucketSeconds: step };
      });
    },
  }),
];
