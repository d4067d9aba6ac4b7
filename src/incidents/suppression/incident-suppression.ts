import type { Incident } from '../../domain/incident.js';
import type { SuppressionKind, SuppressionMatch } from '../../domain/suppression.js';
import { errorCodes, MamoriError } from '../../errors.js';

/** What an analyst gives to suppress from an incident; the rest is filled in from it. */
export interface SuppressFromIncident {
  readonly kind: SuppressionKind;
  readonly host?: string;
  readonly destination?: string;
  readonly ja3?: string;
  readonly detector?: string;
}

/** The field of the request at fault, for the API's `field` and the CLI's option name. */
export class SuppressionFieldError extends MamoriError {
  constructor(
    readonly field: 'host' | 'destination' | 'ja3' | 'detector',
    message: string,
  ) {
    super(errorCodes.usage, message);
  }
}

const uniq = (xs: readonly string[]) => [...new Set(xs)].sort();

/** The destinations an incident offers: its servers' names and addresses. */
export function incidentDestinations(i: Pick<Incident, 'servers'>): string[] {
  return uniq(i.servers.flatMap((s) => [...s.domains, ...s.ips]));
}

function pick(
  field: SuppressionFieldError['field'],
  given: string | undefined,
  choices: readonly string[],
  single: string | undefined,
  id: string,
): string {
  const v = given?.trim();
  if (v) {
    if (field !== 'destination' && field !== 'ja3' && choices.length > 0 && !choices.includes(v))
      throw new SuppressionFieldError(
        field,
        `${field} ${v} is not in ${id} (choices: ${choices.join(', ')})`,
      );
    return v;
  }
  if (single) return single;
  throw new SuppressionFieldError(
    field,
    choices.length > 0
      ? `${id} has ${choices.length} ${field === 'host' ? 'hosts' : `${field}s`}: give one (choices: ${choices.slice(0, 20).join(', ')}${choices.length > 20 ? ', …' : ''})`
      : `give the ${field}`,
  );
}

/**
 * The rule an analyst asks for while looking at an incident: a host or destination is taken from
 * the incident when it has exactly one; otherwise it must be given, and the error lists the choices.
 * A destination given must be one of the incident's servers' names or addresses, or a parent domain
 * of one of its names.
 */
export function suppressionFromIncident(i: Incident, req: SuppressFromIncident): SuppressionMatch {
  const hosts = uniq(i.hosts.map((h) => h.ip));
  const keys = uniq(i.servers.map((s) => s.key));
  const dests = incidentDestinations(i);
  const destination = () => {
    const d = pick('destination', req.destination, dests, keys.length === 1 ? keys[0] : undefined, i.id);
    const lower = d.toLowerCase().replace(/\.$/, '');
    const ok = dests.some((x) => {
      const y = x.toLowerCase();
      return y === lower || y.endsWith(`.${lower}`);
    });
    if (!ok)
      throw new SuppressionFieldError(
        'destination',
        `destination ${d} is not a server of ${i.id} (choices: ${dests.slice(0, 20).join(', ')})`,
      );
    return lower;
  };
  switch (req.kind) {
    case 'host-destination': {
      const host = pick('host', req.host, hosts, hosts.length === 1 ? hosts[0] : undefined, i.id);
      return { kind: 'host-destination', host, destination: destination() };
    }
    case 'destination':
      return { kind: 'destination', destination: destination() };
    case 'detector-destination': {
      const detectors = uniq(i.findings.map((f) => f.detector));
      const detector = pick(
        'detector',
        req.detector,
        detectors,
        detectors.length === 1 ? detectors[0] : undefined,
        i.id,
      );
      return { kind: 'detector-destination', detector, destination: destination() };
    }
    case 'ja3': {
      const ja3 = req.ja3?.trim().toLowerCase();
      if (!ja3 || !/^[0-9a-f]{32}$/.test(ja3))
        throw new SuppressionFieldError('ja3', 'give the JA3 hash (32 hex digits) of the client to suppress');
      return { kind: 'ja3', ja3 };
    }
  }
}
