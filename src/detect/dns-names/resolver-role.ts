/** How a host takes part in DNS, as far as the logs show. */
export type ResolverRole = 'client' | 'forwarder' | 'resolver-only';

/**
 * A resolver whose clients are in the logs only repeats their lookups (its own cannot be told
 * apart), so its findings are left to the clients. One that asks iteratively but whose clients are
 * not visible (a sensor outside the resolver) is all there is to report, with that caveat.
 */
export function resolverRole(h: {
  readonly resolverClients: number;
  readonly iterative: boolean;
}): ResolverRole {
  if (h.resolverClients >= 2) return 'forwarder';
  return h.iterative ? 'resolver-only' : 'client';
}

/** Said in explanations of findings at a resolver-only host. */
export const resolverCaveat = ' (a DNS resolver: the client behind it is not in the logs)';
