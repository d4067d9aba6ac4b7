import { huntStored } from '../../hunt/stored-hunt.js';
import { buildAlert } from '../alerts/alert.js';
import { alertsDue } from '../alerts/alert-decision.js';
import type { AlertDispatcher } from '../alerts/alert-dispatcher.js';
import type { ServerContext } from '../server-context.js';
import { readServerFile } from '../server-file.js';

/** The address alert links point at: the server's own URL (server.json), else host and port. */
export function alertBaseUrl(ctx: Pick<ServerContext, 'dataDir' | 'config'>): string {
  const own = readServerFile(ctx.dataDir);
  if (own) return own.url;
  const { host, port, tlsCert } = ctx.config.server;
  const h = host.includes(':') ? `[${host}]` : host;
  return `${tlsCert ? 'https' : 'http'}://${h}:${port}`;
}

/**
 * One hunt of the live loop, exactly what `mamori hunt` does over the store, then the alerts: the
 * decision is taken inside the same write, so that a triage cannot slip in between.
 */
export async function runLiveHunt(
  ctx: ServerContext,
  alerts: AlertDispatcher,
  reason: string,
): Promise<{ readonly runId: number; readonly newIncidents: string[]; readonly raised: string[] }> {
  ctx.events.emit({ type: 'hunt-started', reason });
  const { result, due } = await ctx.write('hunt', async (store) => {
    const result = await huntStored(store, ctx.config, { dataDir: ctx.dataDir });
    const due = await alertsDue(result.incidents, store.triage, ctx.config.alerts);
    return { result, due };
  });
  const baseUrl = alertBaseUrl(ctx);
  const now = new Date();
  // Queued per target: a slow or dead receiver never holds up the next hunt.
  alerts.send(due.map((d) => buildAlert(d.incident, d.attribution, d.previous, { baseUrl, now })));
  const newIncidents = due.filter((d) => d.previous === null).map((d) => d.incident.id);
  const raised = due.filter((d) => d.previous !== null).map((d) => d.incident.id);
  ctx.events.emit({
    type: 'hunt-done',
    runId: result.detect.runId,
    incidents: result.incidents.length,
    newIncidents,
    raised,
  });
  return { runId: result.detect.runId, newIncidents, raised };
}
