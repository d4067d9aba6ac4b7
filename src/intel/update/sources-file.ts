import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { errorCodes, MamoriError, messageOf } from '../../errors.js';
import { defaultIntelSources, type IntelSource, sourceIdPattern } from './intel-sources.js';

const sourceSchema = z
  .strictObject({
    id: z
      .string()
      .regex(
        sourceIdPattern,
        'must start with a letter or digit and hold only letters, digits, ".", "_", "-"',
      ),
    url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).optional(),
    path: z.string().trim().min(1, 'must not be empty').optional(),
  })
  .refine((s) => (s.url === undefined) !== (s.path === undefined), {
    message: 'give exactly one of "url" or "path"',
  });

/**
 * A user sources file for `mamori intel update --sources FILE`: sources replace the default of the
 * same id or are added after the defaults; `replaceDefaults: true` uses only the file's sources.
 */
export const sourcesFileSchema = z
  .strictObject({
    sources: z.array(sourceSchema),
    replaceDefaults: z.boolean().optional(),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.sources.forEach((s, i) => {
      if (seen.has(s.id))
        ctx.addIssue({ code: 'custom', path: ['sources', i, 'id'], message: `"${s.id}" is listed twice` });
      seen.add(s.id);
    });
  });

/** A parsed sources file, with local paths made absolute. */
export interface SourcesFile {
  readonly sources: readonly IntelSource[];
  readonly replaceDefaults: boolean;
}

/**
 * Reads and validates a sources file (JSON); relative `path`s are taken from the file's folder.
 * Errors are bad-input MamoriErrors naming the file and the field (`sources[2].url: ...`).
 */
export async function loadSourcesFile(file: string): Promise<SourcesFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new MamoriError(errorCodes.io, `${file}: cannot read the sources file: ${messageOf(err)}`, {
      cause: err,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new MamoriError(errorCodes.badInput, `${file}: not valid JSON: ${messageOf(err)}`, { cause: err });
  }
  const parsed = sourcesFileSchema.safeParse(json);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${file}: ${fieldPath(i.path)}: ${i.message}`);
    throw new MamoriError(errorCodes.badInput, lines.join('\n'), { cause: parsed.error });
  }
  const dir = path.dirname(path.resolve(file));
  const sources = parsed.data.sources.map(
    (s): IntelSource =>
      s.url !== undefined ? { id: s.id, url: s.url } : { id: s.id, path: path.resolve(dir, s.path ?? '') },
  );
  return { sources, replaceDefaults: parsed.data.replaceDefaults ?? false };
}

/** The defaults with the file's sources laid over them by id (new ids go last, in file order). */
export function mergeSources(defaults: readonly IntelSource[], file: SourcesFile): IntelSource[] {
  if (file.replaceDefaults) return [...file.sources];
  const byId = new Map(file.sources.map((s) => [s.id, s]));
  const merged = defaults.map((d) => byId.get(d.id) ?? d);
  const known = new Set(defaults.map((d) => d.id));
  for (const s of file.sources) if (!known.has(s.id)) merged.push(s);
  return merged;
}

/** The sources of one update: the defaults, or the defaults merged with `--sources FILE`. */
export async function resolveIntelSources(
  sourcesFile?: string,
  defaults: readonly IntelSource[] = defaultIntelSources,
): Promise<IntelSource[]> {
  if (sourcesFile === undefined) return [...defaults];
  return mergeSources(defaults, await loadSourcesFile(sourcesFile));
}

function fieldPath(parts: readonly PropertyKey[]): string {
  if (parts.length === 0) return '(top level)';
  return parts
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}
