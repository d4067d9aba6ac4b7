import { writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { errorCodes, MamoriError } from '../../errors.js';
import type { Tlp } from '../../intel/model.js';
import { formatByName, reportFormatNames, reportFormats } from '../../report/registry.js';
import type { AttributedIncident, SharingNote, SuppressionNote } from '../../report/report-format.js';
import type { TechniqueNames } from '../../report/technique-names.js';
import { mamoriVersion } from '../../version.js';

export { reportFormatNames };

/** The format a report file should have: the one asked for, else the one its extension names. */
export function reportFormatFor(format: string | undefined, out: string | undefined): string {
  if (format) return format;
  // A STIX bundle is JSON too: `.stix.json` (or `.stix`) says which.
  if (out && /\.stix(\.json)?$/i.test(out)) return 'stix';
  const ext = out ? extname(out).slice(1).toLowerCase() : '';
  const byExt = Object.values(reportFormats).find((f) => f.extension === ext || f.name === ext);
  if (byExt) return byExt.name;
  if (out)
    throw new MamoriError(
      errorCodes.usage,
      `cannot tell the report format from "${out}": add --format (${reportFormatNames.join(', ')})`,
    );
  return 'md';
}

/** Renders incidents in a report format; to `out` when given, else returns the text for stdout. */
export function renderReport(
  items: readonly AttributedIncident[],
  opts: {
    format: string;
    out?: string;
    tlp: Tlp;
    source?: string;
    title?: string;
    sharing?: SharingNote;
    techniqueNames?: TechniqueNames;
    suppressions?: readonly SuppressionNote[];
  },
): string | null {
  const text = formatByName(opts.format).render({
    incidents: items,
    generatedAt: new Date().toISOString(),
    tlp: opts.tlp,
    source: opts.source,
    title: opts.title,
    ...(opts.sharing ? { sharing: opts.sharing } : {}),
    ...(opts.suppressions ? { suppressions: opts.suppressions } : {}),
    techniqueNames: opts.techniqueNames,
    tool: { name: 'mamori', version: mamoriVersion },
  });
  if (!opts.out) return text;
  try {
    writeFileSync(opts.out, text);
  } catch (err) {
    throw new MamoriError(errorCodes.io, `cannot write ${opts.out}: ${(err as Error).message}`);
  }
  return null;
}
