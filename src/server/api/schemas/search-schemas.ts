import { z } from 'zod';
import { isoTime } from './common-schemas.js';
import { entitySummary, indicatorHit } from './intel-schemas.js';
import { scopeQuery } from './pivot-schemas.js';

/** The kinds a searched value is recognised as. */
export const searchKinds = ['ip', 'cidr', 'domain', 'md5', 'sha1', 'sha256', 'ja3', 'ja4', 'text'] as const;

/** `GET /search?q=`. */
export const searchQuery = scopeQuery.extend({
  q: z
    .string()
    .min(1)
    .max(300)
    .describe('an IP, CIDR, domain, MD5/SHA-1/SHA-256, JA3 or JA4 (defanged forms are fine)'),
});

/** Hits of one search, grouped: telemetry, intel indicators, knowledge-base entities. */
export const searchResult = z
  .object({
    query: z.object({ kind: z.enum(searchKinds), value: z.string().describe('the normalised value') }),
    telemetry: z
      .array(
        z.object({
          table: z.string(),
          field: z.string(),
          rows: z.number(),
          hosts: z.number().describe('distinct hosts behind the rows'),
          first: isoTime.nullable(),
          last: isoTime.nullable(),
        }),
      )
      .describe('where the value appears in our logs: one entry per table and field'),
    addresses: z.array(z.string()).describe('for a CIDR: addresses seen inside it (first 100)'),
    intel: z.array(indicatorHit),
    entities: z.array(entitySummary).describe('knowledge-base entities named like the text (text searches)'),
    rowsHref: z.string().nullable().describe('the /rows query listing the matching rows, when there is one'),
  })
  .meta({ id: 'SearchResult' });
