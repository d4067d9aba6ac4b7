import { z } from 'zod';
import { suppressionKinds } from '../../../domain/suppression.js';
import { isoTime } from './common-schemas.js';
import { triageStatus } from './incident-schemas.js';

const value = z.string().min(1).max(300);

/** What a rule matches, by kind. */
export const suppressionMatchSchema = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('host-destination'), host: value, destination: value }),
    z.object({ kind: z.literal('destination'), destination: value }),
    z.object({ kind: z.literal('ja3'), ja3: z.string().regex(/^[0-9a-fA-F]{32}$/) }),
    z.object({ kind: z.literal('detector-destination'), detector: value, destination: value }),
  ])
  .meta({ id: 'SuppressionMatch' });

export const suppressionSchema = z
  .object({
    id: z.string().describe('SUP- and 8 hex digits'),
    match: suppressionMatchSchema,
    scope: z.string().nullable().describe('the network (sensors, comma-separated); null for every network'),
    author: z.string(),
    reason: z.string(),
    createdAt: isoTime,
    expiresAt: isoTime.nullable(),
    incidentId: z.string().nullable(),
  })
  .meta({ id: 'Suppression' });

const expiresAt = z.iso.datetime({ offset: true }).nullable().optional();

/** POST /suppressions. */
export const suppressionCreateBody = z.object({
  match: suppressionMatchSchema,
  scope: z.string().max(500).nullable().optional(),
  reason: z.string().min(1).max(2000),
  expiresAt,
  incidentId: z.string().max(200).nullable().optional(),
});

/** PATCH /suppressions/:id. */
export const suppressionPatchBody = z
  .object({
    match: suppressionMatchSchema.optional(),
    scope: z.string().max(500).nullable().optional(),
    reason: z.string().min(1).max(2000).optional(),
    expiresAt,
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: 'nothing to change: give match, scope, reason or expiresAt',
  });

/** GET /suppressions: active rules, or every rule with `all=true`. */
export const suppressionListQuery = z.object({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  all: z.enum(['true', 'false']).optional().describe('include expired rules'),
});

/** POST /incidents/:id/suppress: a rule built from the incident, optionally marking it. */
export const incidentSuppressBody = z.object({
  kind: z.enum(suppressionKinds),
  host: value.optional(),
  destination: value.optional(),
  ja3: z.string().max(64).optional(),
  detector: value.optional(),
  reason: z.string().min(1).max(2000),
  expiresAt,
  status: triageStatus.optional().describe('also mark the incident (usually benign)'),
});
