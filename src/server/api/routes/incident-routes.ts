import { z } from 'zod';
import type { Severity } from '../../../domain/finding.js';
import { type TriageStatus, triageStatuses, triageStatusOf } from '../../../domain/triage.js';
import { incidentOrNotFound, markIncident } from '../../../incidents/triage-actions.js';
import { builtinTechniqueNames } from '../../../report/technique-names.js';
import { techniqueNamesFrom } from '../../../report/technique-names-from-store.js';
import type { IncidentListing } from '../../../store/store.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { decodeCursor, encodeCursor, idParam, pageOf, pageQuery } from '../schemas/common-schemas.js';
import {
  incidentDetail,
  incidentListItem,
  incidentListQuery,
  incidentSchema,
  noteSchema,
  triageChangeSchema,
  triagePatchBody,
  triageSchema,
} from '../schemas/incident-schemas.js';
import { incidentSuppressBody, suppressionSchema } from '../schemas/suppression-schemas.js';
import { apiCall, auditAll, pageByOffset } from './triage-route-helpers.js';

const tags = ['incidents'];
const timelineEntry = incidentSchema.shape.timeline.element;

const csv = (v: string | undefined) =>
  v
    ?.split(',')
    .map((x) => x.trim())
    .filter(Boolean);

function listItem(r: IncidentListing): z.input<typeof incidentListItem> {
  return {
    id: r.id,
    runId: r.runId,
    severity: r.severity as Severity,
    score: r.score,
    summary: r.summary,
    firstSeen: r.firstSeen,
    lastSeen: r.lastSeen,
    hosts: r.hosts,
    servers: r.servers,
    bytesOut: r.bytesOut,
    bytesIn: r.bytesIn,
    scope: r.scope ?? null,
    topActor: r.topActor,
    topProbability: r.topProbability,
    topTerm: (r.topTerm ?? null) as z.input<typeof incidentListItem>['topTerm'],
    status: triageStatusOf(r.triage),
    assignee: r.triage?.assignee ?? null,
    verdict: r.verdict,
  };
}

const listIncidents = apiRoute({
  method: 'GET',
  path: '/incidents',
  operationId: 'listIncidents',
  summary: 'The triage queue: the latest hunt’s incidents, filtered, sorted and paged',
  tags,
  role: 'viewer',
  query: incidentListQuery,
  response: pageOf(incidentListItem),
  async handler({ query, ctx }) {
    const status = csv(query.status);
    const bad = status?.find((s) => !(triageStatuses as readonly string[]).includes(s));
    if (bad)
      throw new ApiError(
        'badRequest',
        `status ${bad} is not one of ${triageStatuses.join(', ')}`,
        'query.status',
      );
    const key = decodeCursor(query.cursor) as { v?: unknown; id?: unknown } | null;
    if (query.cursor && (typeof key?.id !== 'string' || !['number', 'string'].includes(typeof key.v)))
      throw new ApiError('badRequest', 'cursor: not one this server wrote', 'query.cursor');
    const rows = await ctx.read((store) =>
      store.listIncidents({
        limit: query.limit + 1,
        status: status as TriageStatus[] | undefined,
        severity: csv(query.severity),
        verdict: query.verdict,
        assignee: query.assignee,
        q: query.q,
        from: query.from,
        to: query.to,
        sort: query.sort,
        order: query.order,
        ...(key && query.cursor ? { after: { value: key.v as number | string, id: key.id as string } } : {}),
      }),
    );
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(listItem),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor({ v: last.sortValue ?? null, id: last.id }) : null,
    };
  },
});

const getIncident = apiRoute({
  method: 'GET',
  path: '/incidents/:id',
  operationId: 'getIncident',
  summary: 'One incident with its attribution, triage, notes, history, technique names and older ids',
  tags,
  role: 'viewer',
  params: idParam,
  response: incidentDetail,
  handler: ({ params, ctx }) =>
    apiCall(() =>
      ctx.read(async (store) => {
        const got = await incidentOrNotFound(store, params.id);
        const id = got.incident.id;
        const techniques = [
          ...got.incident.techniques,
          ...got.incident.findings.flatMap((f) => f.techniques),
        ].sort();
        const builtin = builtinTechniqueNames as Readonly<Record<string, string>>;
        const names: Record<string, string> = {};
        for (const t of new Set(techniques)) if (builtin[t]) names[t] = builtin[t];
        Object.assign(names, await techniqueNamesFrom(store.intel, techniques));
        return {
          runId: got.runId,
          incident: got.incident as z.input<typeof incidentSchema>,
          attribution: got.attribution as z.input<typeof incidentDetail>['attribution'],
          triage: got.triage,
          notes: await store.triage.listNotes(id),
          history: await store.triage.history(id),
          techniqueNames: names,
          aliases: await store.triage.aliases(id),
        };
      }),
    ),
});

const getTimeline = apiRoute({
  method: 'GET',
  path: '/incidents/:id/timeline',
  operationId: 'getIncidentTimeline',
  summary: 'An incident’s activity timeline, oldest first',
  tags,
  role: 'viewer',
  params: idParam,
  query: pageQuery,
  response: pageOf(timelineEntry),
  handler: ({ params, query, ctx }) =>
    apiCall(async () =>
      pageByOffset(
        (await ctx.read((store) => incidentOrNotFound(store, params.id))).incident.timeline,
        query,
      ),
    ),
});

const patchTriage = apiRoute({
  method: 'PATCH',
  path: '/incidents/:id/triage',
  operationId: 'updateIncidentTriage',
  summary: 'Change an incident’s status or assignee, optionally with a note',
  tags,
  role: 'analyst',
  params: idParam,
  body: triagePatchBody,
  response: triageSchema,
  async handler({ params, body, principal, ctx, origin }) {
    const at = new Date().toISOString();
    const out = await apiCall(() =>
      ctx.write('triage', (store) =>
        markIncident(
          store,
          params.id,
          {
            ...(body.status !== undefined ? { status: body.status } : {}),
            ...(body.assignee !== undefined ? { assignee: body.assignee?.trim() || null } : {}),
            ...(body.note !== undefined ? { note: body.note } : {}),
          },
          principal.userName,
          at,
        ),
      ),
    );
    await auditAll(ctx, principal, origin, out.audits);
    ctx.events.emit({ type: 'triage', incidentId: out.incidentId });
    if (!out.triage) throw new ApiError('internal', `the triage of ${out.incidentId} was not stored`);
    return out.triage;
  },
});

const listNotes = apiRoute({
  method: 'GET',
  path: '/incidents/:id/notes',
  operationId: 'listIncidentNotes',
  summary: 'An incident’s notes, oldest first',
  tags,
  role: 'viewer',
  params: idParam,
  query: pageQuery,
  response: pageOf(noteSchema),
  handler: ({ params, query, ctx }) =>
    apiCall(async () =>
      pageByOffset(
        await ctx.read(async (store) =>
          store.triage.listNotes((await incidentOrNotFound(store, params.id)).incident.id),
        ),
        query,
      ),
    ),
});

const addNote = apiRoute({
  method: 'POST',
  path: '/incidents/:id/notes',
  operationId: 'addIncidentNote',
  summary: 'Add a note to an incident',
  tags,
  role: 'analyst',
  params: idParam,
  body: z.object({ text: z.string().min(1).max(4000) }),
  response: noteSchema,
  status: 201,
  async handler({ params, body, principal, ctx, origin }) {
    const at = new Date().toISOString();
    const out = await apiCall(() =>
      ctx.write('note', (store) =>
        markIncident(store, params.id, { note: body.text }, principal.userName, at),
      ),
    );
    await auditAll(ctx, principal, origin, out.audits);
    ctx.events.emit({ type: 'triage', incidentId: out.incidentId });
    if (!out.note) throw new ApiError('internal', `the note on ${out.incidentId} was not stored`);
    return out.note;
  },
});

const getHistory = apiRoute({
  method: 'GET',
  path: '/incidents/:id/history',
  operationId: 'getIncidentHistory',
  summary: 'Every change to an incident’s triage, oldest first',
  tags,
  role: 'viewer',
  params: idParam,
  query: pageQuery,
  response: pageOf(triageChangeSchema),
  handler: ({ params, query, ctx }) =>
    apiCall(async () =>
      pageByOffset(
        await ctx.read(async (store) =>
          store.triage.history((await incidentOrNotFound(store, params.id)).incident.id),
        ),
        query,
      ),
    ),
});

const suppressFromIncident = apiRoute({
  method: 'POST',
  path: '/incidents/:id/suppress',
  operationId: 'suppressFromIncident',
  summary: 'Suppress traffic of an incident (host + destination, destination, JA3 or detector + destination)',
  tags: [...tags, 'suppressions'],
  role: 'analyst',
  params: idParam,
  body: incidentSuppressBody,
  response: suppressionSchema,
  status: 201,
  async handler({ params, body, principal, ctx, origin }) {
    const at = new Date().toISOString();
    const { kind, host, destination, ja3, detector, reason, expiresAt, status } = body;
    const out = await apiCall(() =>
      ctx.write('suppress', (store) =>
        markIncident(
          store,
          params.id,
          {
            ...(status !== undefined ? { status } : {}),
            suppress: { kind, host, destination, ja3, detector, reason, expiresAt: expiresAt ?? null },
          },
          principal.userName,
          at,
        ),
      ),
    );
    await auditAll(ctx, principal, origin, out.audits);
    ctx.events.emit({ type: 'triage', incidentId: out.incidentId });
    ctx.requestHunt('suppression');
    if (!out.suppression) throw new ApiError('internal', 'the suppression was not stored');
    return out.suppression;
  },
});

/** The triage queue, the incident page and the analyst's changes to an incident. */
export const incidentRoutes = [
  listIncidents,
  getIncident,
  getTimeline,
  patchTriage,
  listNotes,
  addNote,
  getHistory,
  suppressFromIncident,
];
