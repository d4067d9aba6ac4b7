import { z } from 'zod';
import { roleAllows } from '../../../domain/identity.js';
import { MamoriError } from '../../../errors.js';
import { tlpLevels } from '../../../intel/model.js';
import { type ReportFormatName, reportFormatNames, reportFormats } from '../../../report/registry.js';
import type { AttributedIncident, SharingNote } from '../../../report/report-format.js';
import { planShare, sharedFormats } from '../../../report/share/share-policy.js';
import { techniqueNamesFrom } from '../../../report/technique-names-from-store.js';
import type { Store } from '../../../store/store.js';
import { mamoriVersion } from '../../../version.js';
import { ApiError } from '../api-error.js';
import { apiRoute } from '../api-route.js';
import { idParam } from '../schemas/common-schemas.js';

/** Formats a viewer may download; the rest (JSON, STIX, block lists) are exports, for analysts. */
export const viewerReportFormats: readonly ReportFormatName[] = ['md', 'html'];

async function storedIncident(store: Store, id: string) {
  const direct = await store.getIncident(id);
  if (direct) return direct;
  // An incident that grew has a new id; the old one still finds it.
  const current = await store.triage.resolve(id).catch(() => id);
  return current === id ? null : store.getIncident(current);
}

/** GET /incidents/:id/report. */
export const reportRoutes = [
  apiRoute({
    method: 'GET',
    path: '/incidents/:id/report',
    operationId: 'downloadIncidentReport',
    summary:
      'The incident as a report download, in any format of the report registry; JSON and STIX follow the sharing rules (docs/security.md)',
    tags: ['incidents', 'reports'],
    role: 'viewer',
    params: idParam,
    query: z.object({
      format: z.enum(reportFormatNames as [ReportFormatName, ...ReportFormatName[]]).default('html'),
      tlp: z.enum(tlpLevels).default('amber'),
    }),
    response: z.string(),
    produces: 'application/octet-stream',
    async handler({ ctx, params, query, principal, origin }) {
      const format = reportFormats[query.format];
      if (!viewerReportFormats.includes(query.format) && !roleAllows(principal.role, 'analyst'))
        throw new ApiError(
          'forbidden',
          `exporting as ${query.format} needs the analyst role`,
          'query.format',
        );
      const { items, sharing, techniqueNames } = await ctx.read(async (store) => {
        const found = await storedIncident(store, params.id);
        if (!found) throw new ApiError('notFound', `no incident ${params.id}`, 'params.id');
        const item: AttributedIncident = {
          incident: found.incident,
          attribution: found.attribution,
          triage: found.triage ?? (await store.triage.get(found.incident.id)),
        };
        let items: AttributedIncident[] = [item];
        let sharing: SharingNote | undefined;
        if ((sharedFormats as readonly string[]).includes(query.format)) {
          // The CLI's rules without --force or --include-internal: the API never overrides them.
          try {
            const plan = planShare(items, {
              tlp: query.tlp,
              force: false,
              includeInternal: false,
              internal: ctx.config.network.internal,
            });
            items = [...plan.items];
            sharing = {
              internalAddresses: plan.withheld ? 'withheld' : 'included',
              withheldHosts: plan.withheld?.hosts ?? 0,
              withheldOtherAddresses: plan.withheld?.others ?? 0,
              leftOut: plan.leftOut.map((l) => ({ id: l.id, rule: l.rule })),
            };
          } catch (err) {
            if (err instanceof MamoriError) throw new ApiError('conflict', err.message);
            throw err;
          }
        }
        const techniqueNames = await techniqueNamesFrom(store.intel, found.incident.techniques);
        return { items, sharing, techniqueNames };
      });
      const text = format.render({
        incidents: items,
        generatedAt: new Date().toISOString(),
        tlp: query.tlp,
        ...(sharing ? { sharing } : {}),
        techniqueNames,
        tool: { name: 'mamori', version: mamoriVersion },
      });
      const id = items[0]?.incident.id ?? params.id;
      if (!viewerReportFormats.includes(query.format))
        await ctx.audit(
          principal,
          { action: 'report.export', target: id, detail: { format: query.format, tlp: query.tlp } },
          origin,
        );
      // Ids are INC- and hex, but the name is still reduced to safe characters for the header.
      const fileName = `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.${format.extension}`;
      return {
        raw: true,
        contentType:
          format.mediaType.includes('charset') || !/^text\/|json/.test(format.mediaType)
            ? format.mediaType
            : `${format.mediaType}; charset=utf-8`,
        body: text,
        headers: {
          'content-disposition': `attachment; filename="${fileName}"`,
          'x-content-type-options': 'nosniff',
        },
      };
    },
  }),
];
