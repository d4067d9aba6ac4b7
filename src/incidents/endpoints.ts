import { serversApart } from '../detect/detector-properties.js';
import type { Finding } from '../domain/finding.js';

/** One value that can name a server: `ip:<address>` or `dns:<name>`. */
export type Atom = string;

export const ipAtom = (ip: string): Atom => `ip:${ip.toLowerCase()}`;
export const nameAtom = (name: string): Atom => `dns:${name.toLowerCase().replace(/\.$/, '')}`;
export const atomValue = (a: Atom): string => a.slice(a.indexOf(':') + 1);
export const isIpAtom = (a: Atom): boolean => a.startsWith('ip:');

/** An IPv4 or IPv6 literal (HTTP Host headers and DNS names sometimes carry one). */
export function isIpLiteral(v: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(v) || (v.includes(':') && /^[0-9a-f:.]+$/i.test(v));
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);

function atomOf(v: string): Atom {
  return isIpLiteral(v) ? ipAtom(v) : nameAtom(v);
}

/** Every address and name a finding puts on its server side. */
export function findingAtoms(f: Finding): Atom[] {
  const values = [
    f.endpointIp,
    f.endpointDomain,
    ...strings(f.stats['ips']),
    ...strings(f.stats['names']),
  ].filter((v): v is string => typeof v === 'string' && v.trim() !== '');
  return [...new Set(values.map((v) => atomOf(v.trim())))];
}

/** The atom a finding is mainly about: its address, else its name, else its first listed value. */
export function primaryAtom(f: Finding): Atom | null {
  if (f.endpointIp) return atomOf(f.endpointIp);
  if (f.endpointDomain) return atomOf(f.endpointDomain);
  return findingAtoms(f)[0] ?? null;
}

/**
 * The sets of atoms a finding itself says are one server. A beacon keyed by port calls several
 * servers on one odd port, so each of its addresses stays a server of its own; everything else (a
 * name and the addresses it was reached at, a sweep of one port) is one piece of infrastructure.
 */
export function identitySets(f: Finding): Atom[][] {
  const atoms = findingAtoms(f);
  if (serversApart(f)) return atoms.map((a) => [a]);
  return atoms.length > 0 ? [atoms] : [];
}
