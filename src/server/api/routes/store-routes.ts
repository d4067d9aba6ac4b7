import { z } from 'zod';
import { takeStoreSnapshot } from '../../store-snapshot.js';
import { apiRoute } from '../api-route.js';
import { isoTime } from '../schemas/common-schemas.js';

const statsBody = z
  .object({
    schemaVersion: z.number(),
    tables: z.array(z.object({ table: z.string(), rows: z.number() })),
    sensors: z.array(
      z.object({
        sensor: z.string(),
        engine: z.string(),
        first: z.string().nullable(),
        last: z.string().nullable(),
        rows: z.number(),
      }),
    ),
    topTalkers: z.array(z.object({ host: z.string(), connections: z.number(), bytes: z.number() })),
    files: z.number(),
    rejects: z.number(),
  })
  .meta({ id: 'StoreStats' });

/** The answer of POST /store/snapshot: where the read-only copy is. */
export const snapshotBody = z
  .object({
    dataDir: z.string().describe('data directory of the copy: open it read-only'),
    generation: z.string(),
    asOf: isoTime.describe('when the live store was last written before the copy'),
    reused: z.boolean(),
  })
  .meta({ id: 'StoreSnapshot' });

/** GET /stats and POST /store/snapshot. */
export const storeRoutes = [
  apiRoute({
    method: 'GET',
    path: '/stats',
    operationId: 'getStats',
    summary:
      'What the store holds: rows per table, sensors and their time spans, top talkers, files, rejects',
    tags: ['store'],
    role: 'viewer',
    query: z.object({ top: z.coerce.number().int().min(1).max(100).default(10) }),
    response: statsBody,
    async handler({ ctx, query }) {
      const s = await ctx.read((store) => store.stats({ top: query.top }));
      return {
        ...s,
        tables: s.tables.map((t) => ({ ...t })),
        sensors: s.sensors.map((x) => ({ ...x })),
        topTalkers: s.topTalkers.map((x) => ({ ...x })),
      };
    },
  }),
  apiRoute({
    method: 'POST',
    path: '/store/snapshot',
    operationId: 'snapshotStore',
    summary:
      'A read-only copy of the store for the CLI on this machine (reused while nothing is written); how `mamori incidents` and other reads work beside the server',
    tags: ['store'],
    role: 'admin',
    response: snapshotBody,
    async handler({ ctx }) {
      return ctx.write('snapshot', (store) => takeStoreSnapshot(store, ctx.dataDir));
    },
  }),
];
