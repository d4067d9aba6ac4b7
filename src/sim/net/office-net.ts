import { hashString, Rng } from '../random.js';

/** A server of the simulated office, named in labels.json. */
export interface OfficeServer {
  readonly role: 'dns-resolver' | 'proxy' | 'file-server';
  readonly ip: string;
  readonly name: string;
}

/** Resolvers the office forwards to, one pair chosen per seed. */
const upstreamPairs = [
  ['8.8.8.8', '8.8.4.4'],
  ['1.1.1.1', '1.0.0.1'],
  ['9.9.9.9', '149.112.112.112'],
  ['208.67.222.222', '208.67.220.220'],
] as const;

/** Workstations per /24, starting at .10 (the low addresses are gateways and printers). */
const perSubnet = 240;

/** The most workstations the address plan holds (10.1.0.0/16). */
export const maxWorkstations = perSubnet * 250;

/**
 * The office's address plan: workstations in 10.1.x.y, servers in 10.0.0.0/24 (one or two
 * resolvers on the domain controllers, a Squid proxy on 3128 and a file server), an AD domain
 * `corp.internal`, and the public resolvers the DCs forward to.
 */
export class OfficeNet {
  readonly domain = 'corp.internal';
  readonly resolvers: readonly string[];
  readonly proxy = '10.0.0.30';
  readonly proxyPort = 3128;
  readonly fileServer = '10.0.0.20';
  readonly upstreams: readonly string[];

  constructor(
    seed: number,
    readonly workstations: number,
  ) {
    this.resolvers = workstations >= 500 ? ['10.0.0.10', '10.0.0.11'] : ['10.0.0.10'];
    this.upstreams = Rng.derive(seed, 'upstream-dns').pick(upstreamPairs);
  }

  /** Address of workstation `i` (0-based). */
  workstationIp(i: number): string {
    return `10.1.${Math.floor(i / perSubnet)}.${10 + (i % perSubnet)}`;
  }

  /** Host name of workstation `i` in the AD domain. */
  workstationName(i: number): string {
    return `ws-${String(i + 1).padStart(4, '0')}.${this.domain}`;
  }

  /** The resolver a client is configured with (clients are spread over the DCs). */
  resolverFor(client: string): string {
    return this.resolvers[hashString(client) % this.resolvers.length] as string;
  }

  /** The servers, for labels.json. */
  servers(): OfficeServer[] {
    return [
      ...this.resolvers.map((ip, i) => ({
        role: 'dns-resolver' as const,
        ip,
        name: `dc${i + 1}.${this.domain}`,
      })),
      { role: 'proxy', ip: this.proxy, name: `proxy.${this.domain}` },
      { role: 'file-server', ip: this.fileServer, name: `files.${this.domain}` },
    ];
  }
}
