import { rowsCsv, rowsJsonLines } from '../../../report/rows-export.js';
import { decodeRowsCursor, encodeRowsCursor } from '../../../store/pivot/raw-rows-query.js';
import { type PivotRequest, pivotRows } from '../../../store/pivot/rows-pivot.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { rowsPage, rowsQuery } from '../schemas/rows-schemas.js';

const pivots = ['finding', 'host', 'server', 'indicator'] as const;

/** `GET /rows`: the raw log rows behind a finding, host, server or indicator, as JSON or a download. */
export const rowsRoutes = [
  apiRoute({
    method: 'GET',
    path: '/rows',
    operationId: 'listRows',
    summary:
      'Raw log rows (conn, dns, http, ssl, files, alerts, events) behind a finding, host, server or indicator; format=csv or jsonl downloads the page',
    tags: ['evidence'],
    role: 'viewer',
    query: rowsQuery,
    response: rowsPage,
    async handler({ query, ctx }) {
      const given = pivots.filter((k) => query[k] !== undefined);
      if (given.length !== 1)
        throw new ApiError(
          'badRequest',
          'give exactly one of finding, host, server and indicator',
          `query.${given[1] ?? 'finding'}`,
        );
      const key = given[0] as (typeof pivots)[number];
      const after = query.cursor === undefined ? null : decodeRowsCursor(query.cursor);
      if (query.cursor !== undefined && !after)
        throw new ApiError('badRequest', 'not a cursor of this list', 'query.cursor');
      if (query.from && query.to && Date.parse(query.from) > Date.parse(query.to))
        throw new ApiError('badRequest', 'from is after to', 'query.from');
      const req: PivotRequest = { [key]: query[key], ...(query.scope ? { scope: query.scope } : {}) };
      const page = await ctx.read((store) =>
        pivotRows(store.analytics, req, {
          table: query.table,
          from: query.from,
          to: query.to,
          limit: query.limit,
          after,
        }),
      );
      if (!page) throw new ApiError('notFound', 'no stored finding has this id', 'query.finding');
      const nextCursor = page.next ? encodeRowsCursor(page.next) : null;
      if (query.format !== 'json') {
        const csv = query.format === 'csv';
        return {
          raw: true,
          contentType: csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8',
          body: csv ? rowsCsv(page.rows) : rowsJsonLines(page.rows),
          headers: {
            // A fixed ASCII name: nothing from the request reaches the header.
            'Content-Disposition': `attachment; filename="mamori-rows-${query.table}.${csv ? 'csv' : 'jsonl'}"`,
            'X-Content-Type-Options': 'nosniff',
            ...(nextCursor ? { 'X-Next-Cursor': nextCursor } : {}),
          },
        };
      }
      return {
        items: page.rows.map((r) => ({ table: r.table, values: r.values })),
        nextCursor,
        finding: page.resolved.finding?.id ?? null,
      };
    },
  }),
];
