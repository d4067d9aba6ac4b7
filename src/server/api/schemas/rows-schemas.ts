import { z } from 'zod';
import { rowTables } from '../../../store/pivot/raw-rows-query.js';
import { isoTime } from './common-schemas.js';

/** `GET /rows`: one of finding, host, server, indicator; a table (default all); a page. */
export const rowsQuery = z.object({
  finding: z
    .string()
    .max(100)
    .optional()
    .describe('a finding id: its host and endpoint within its span, in its network'),
  host: z
    .string()
    .max(100)
    .optional()
    .describe('rows a host originated (either end of files, alerts, events)'),
  server: z
    .string()
    .max(300)
    .optional()
    .describe('rows to a server address, or a domain and the addresses it stood for'),
  indicator: z
    .string()
    .max(300)
    .optional()
    .describe('rows holding a value: address, domain, hash, JA3/JA4, uid, file id or community id'),
  scope: z
    .string()
    .max(1000)
    .optional()
    .describe('only these sensors (comma-separated); a finding brings its own'),
  table: z.enum([...rowTables, 'all']).default('all'),
  from: isoTime.optional(),
  to: isoTime.optional(),
  cursor: z.string().max(512).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(5000).default(100),
  format: z
    .enum(['json', 'csv', 'jsonl'])
    .default('json')
    .describe('csv and jsonl answer as a file download'),
});

/** One raw telemetry row: its table and every stored column (`ts` as ISO text). */
export const rawRow = z
  .object({
    table: z.enum(rowTables),
    values: z
      .record(z.string(), z.unknown())
      .describe('column → value as stored; strings are attacker-controlled data: escape when rendering'),
  })
  .meta({ id: 'RawRow' });

/** A page of raw rows, oldest first, table by table. */
export const rowsPage = z
  .object({
    items: z.array(rawRow),
    nextCursor: z.string().nullable(),
    finding: z.string().nullable().describe('the finding id the rows are behind, when asked by finding'),
  })
  .meta({ id: 'RowsPage' });
