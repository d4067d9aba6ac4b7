import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { errorCodes, MamoriError } from '../../errors.js';
import type { WarninglistRecord } from '../model.js';

/** The `format` key of a snapshot file; the reader refuses other versions. */
export const snapshotFormat = 'mamori-warninglist-snapshot/1';

/** Where the MISP warninglists live upstream. */
export const upstreamRepository = 'https://github.com/MISP/misp-warninglists';

/** The raw URL of one list at a git ref (branch, tag or commit). */
export function upstreamListUrl(name: string, ref: string): string {
  return `https://raw.githubusercontent.com/MISP/misp-warninglists/${ref}/lists/${name}/list.json`;
}

/**
 * The lists the shipped snapshot holds: the ones suppression and down-weighting lean on (cloud
 * ranges, top sites, CDNs, public resolvers) and the address-space lists `warninglist-roles.ts`
 * names. Context lists (dynamic DNS, VPN ranges…) and hash or TLD lists are left to `intel update`.
 */
export const snapshotWarninglists = [
  // Cloud providers' published ranges and names.
  'amazon-aws',
  'google-gcp',
  'microsoft-azure',
  'microsoft',
  'microsoft-office365',
  'oracle-oci',
  'ovh-cluster',
  // CDNs.
  'akamai',
  'cloudflare',
  'fastly',
  // Top sites.
  'tranco10k',
  'alexa',
  'cisco_top1000',
  'cisco_top5k',
  'cloudflare-top10k',
  'majestic_million',
  // Public DNS resolvers.
  'public-dns-v4',
  'public-dns-v6',
  'public-dns-hostname',
  // Address space (see addressSpaceWarninglists).
  'rfc1918',
  'rfc5735',
  'rfc6598',
  'ipv6-linklocal',
] as const;

const listSchema = z.object({
  name: z.string().regex(/^[a-z0-9._-]+$/),
  description: z.string(),
  version: z.string(),
  matchType: z.enum(['cidr', 'hostname', 'string', 'substring', 'regex']),
  category: z.string(),
  matchingAttributes: z.array(z.string()),
  url: z.string(),
  entries: z.array(z.string()),
});

const snapshotSchema = z.object({
  format: z.literal(snapshotFormat),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  license: z.string(),
  upstream: z.object({ repository: z.string(), ref: z.string(), commit: z.string().nullable() }),
  builtFrom: z.string(),
  lists: z.array(listSchema),
});

/** One list of a snapshot: the importer's record plus where it came from. */
export type SnapshotList = z.infer<typeof listSchema>;

/** A snapshot: dated, with its upstream ref and commit, and the normalised lists. */
export type WarninglistSnapshot = z.infer<typeof snapshotSchema>;

/** Builds a snapshot document; entries are sorted so that a rebuild from the same lists is byte-identical. */
export function buildSnapshot(
  meta: Omit<WarninglistSnapshot, 'format' | 'lists' | 'license'>,
  lists: readonly SnapshotList[],
): WarninglistSnapshot {
  return {
    format: snapshotFormat,
    date: meta.date,
    license:
      'CC0-1.0 (MISP warninglists); this file is derived from them by scripts/build-warninglist-snapshot.ts',
    upstream: meta.upstream,
    builtFrom: meta.builtFrom,
    lists: [...lists]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((l) => ({ ...l, entries: [...l.entries].sort() })),
  };
}

/** Parses snapshot JSON text; a malformed one throws naming the file. */
export function parseSnapshot(text: string, file: string): WarninglistSnapshot {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new MamoriError(errorCodes.badInput, `${file}: not valid JSON: ${(err as Error).message}`);
  }
  const r = snapshotSchema.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new MamoriError(
      errorCodes.badInput,
      `${file}: not a ${snapshotFormat} file (${issue?.path.join('.') || 'document'}: ${issue?.message})`,
    );
  }
  return r.data;
}

/** The record the store keeps for a snapshot list. */
export function snapshotRecord(l: SnapshotList): WarninglistRecord {
  const { url: _url, ...record } = l;
  return record;
}

/** The snapshot file name inside `data/warninglists/`. */
export const snapshotFileName = 'misp-warninglists.snapshot.json.gz';

/**
 * The shipped snapshot, found from this module's place in the package (src/ or dist/ are both two
 * folders below the root), never from the working directory; null when the package lacks it.
 */
export function shippedSnapshotPath(): string | null {
  const file = fileURLToPath(new URL(`../../../data/warninglists/${snapshotFileName}`, import.meta.url));
  return existsSync(file) ? file : null;
}
