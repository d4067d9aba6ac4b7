import { z } from 'zod';
import { isoTime, pageQuery, severity } from './common-schemas.js';
import { findingSchema } from './incident-schemas.js';

/** `GET /findings`: filters of the latest hunt's findings. */
export const findingListQuery = pageQuery.extend({
  detector: z.string().max(100).optional().describe('a detector name (beaconing, threat-intel…)'),
  host: z.string().max(100).optional().describe("the finding's internal host address"),
  endpoint: z.string().max(300).optional().describe("the finding's endpoint address or domain"),
  severity: severity.optional(),
  from: isoTime.optional().describe('only findings active at or after this instant'),
  to: isoTime.optional().describe('only findings active at or before this instant'),
  incident: z.string().max(200).optional().describe('only the findings of this incident'),
});

/** One finding of a list, with the detection run that stored it. */
export const findingListItem = z
  .object({ runId: z.number().describe('the detection run (hunt) that stored it'), finding: findingSchema })
  .meta({ id: 'FindingListItem' });

/** An incident of the latest hunt that involves a value (a host, or a server's address or name). */
export const incidentMention = z
  .object({
    id: z.string(),
    severity: z.string(),
    score: z.number(),
    summary: z
      .string()
      .describe('the incident summary sentence (attacker text inside: escape when rendering)'),
    firstSeen: isoTime,
    lastSeen: isoTime,
    scope: z.string().nullable().describe('the network (sensors, comma-separated)'),
    as: z.enum(['host', 'server']).describe('whether the value is one of its hosts or servers'),
  })
  .meta({ id: 'IncidentMention' });

/** `GET /findings/:id`: the finding, its run and the incidents it belongs to. */
export const findingDetail = z
  .object({
    runId: z.number(),
    finding: findingSchema,
    incidents: z
      .array(incidentMention)
      .describe("incidents of the latest hunt that hold this finding's host"),
    rowsHref: z.string().describe('the /rows query listing its raw log rows'),
  })
  .meta({ id: 'FindingDetail' });
